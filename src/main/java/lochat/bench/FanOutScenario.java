package lochat.bench;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Fan-out: rooms of clients in which some clients post at a fixed rate and everyone else in the
 * room must receive every post, in order, soon.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
    description = "Rooms of clients; senders post at a fixed rate; everyone receives.")
final class FanOutScenario extends BenchCommand.Scenario {

  @Mixin BenchCommand.Rooms rooms;

  @Mixin BenchCommand.SteadyLoad load;

  @Override
  void check() {
    rooms.check();
    load.check();
  }

  @Override
  int run(LoadGenerator generator) throws InterruptedException {
    List<BenchConnection> clients = open(generator, rooms);
    if (clients == null) {
      return 1;
    }
    List<BenchConnection> senders = rooms.sendersAmong(clients);
    warmUp(generator, rooms, senders, clients, load.rate);
    progress("Measuring for %d ms: %d senders at %d posts/s", load.duration.toMillis(),
        senders.size(), load.rate);
    var cpu = server.cpuTime();
    LoadGenerator.EpochResult result =
        generator.run(senders, clients, load.rate, load.duration, target.size);
    report(rooms.describe(summary("fanout " + rooms.shape(), result, cpu), load.rate));
    generator.quitAll(clients);
    return 0;
  }
}
