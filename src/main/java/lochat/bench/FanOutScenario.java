package lochat.bench;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Fan-out: rooms of clients in which some clients post at a fixed rate and everyone else in the
 * room must receive every post, in order, soon.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
    description = "Rooms of clients; senders post at a fixed rate; everyone receives.")
final class FanOutScenario extends BenchCommand.Scenario {

  @Mixin BenchCommand.Rooms rooms;

  @Option(names = "--rate", defaultValue = "100",
      description = "Posts per second per sender (default: ${DEFAULT-VALUE}).")
  long rate;

  @Option(names = "--duration", defaultValue = "10s",
      converter = BenchCommand.DurationConverter.class,
      description = "How long to measure (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Override
  void check() {
    rooms.check();
    if (rate < 1) {
      throw new IllegalArgumentException("--rate must be at least 1");
    }
  }

  @Override
  int run(LoadGenerator generator) throws InterruptedException {
    List<BenchConnection> clients = open(generator, rooms.roomOfEachClient(),
        rooms.connectTimeout);
    if (clients == null) {
      return 1;
    }
    List<BenchConnection> senders = rooms.sendersAmong(clients);
    if (!rooms.warmup.isZero()) {
      progress("Warming up for %d ms", rooms.warmup.toMillis());
      generator.run(senders, clients, rate, rooms.warmup, target.size);
    }
    progress("Measuring for %d ms: %d senders at %d posts/s", duration.toMillis(),
        senders.size(), rate);
    var cpu = server.cpuSeconds();
    LoadGenerator.EpochResult result = generator.run(senders, clients, rate, duration,
        target.size);
    report(rooms.describe(summary("fanout " + rooms.shape(), result, cpu), rate));
    generator.quitAll(clients);
    return 0;
  }
}
