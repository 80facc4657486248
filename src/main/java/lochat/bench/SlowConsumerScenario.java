package lochat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Slow consumer: a fan-out run measured twice, first with every client reading (the baseline),
 * then with one more member of the first room that has stopped reading. A server that isolates
 * its clients keeps the others' latency close to the baseline and its memory bounded, and
 * sooner or later drops the client that does not read.
 *
 * <p>Reported: both runs, the ratio of their 99th percentiles, the server's resident memory
 * before and at its highest during the second run (sampled every 250 ms), and whether the server
 * dropped the slow client.
 */
@Command(name = "slow", mixinStandardHelpOptions = true,
    description = "Fan-out with one client that stops reading; the others must not suffer.")
final class SlowConsumerScenario extends BenchCommand.Scenario {

  @Mixin BenchCommand.Rooms rooms;

  @Mixin BenchCommand.SteadyLoad load;

  @Option(names = "--slow-receive-buffer", defaultValue = "4096", paramLabel = "BYTES",
      description = "Receive buffer of the client that stops reading, so that its backlog "
          + "reaches the server soon rather than filling the kernel's buffers "
          + "(default: ${DEFAULT-VALUE}; 0: the system's).")
  int slowReceiveBuffer;

  @Override
  void check() {
    rooms.check();
    load.check();
  }

  @Override
  int run(LoadGenerator generator) throws InterruptedException {
    List<BenchConnection> clients = open(generator, rooms);
    List<BenchConnection> slowOne = clients == null ? null
        : open(generator, List.of("bench0"), rooms.connectTimeout, slowReceiveBuffer);
    if (slowOne == null) {
      return 1;
    }
    BenchConnection slow = slowOne.get(0);
    List<BenchConnection> senders = rooms.sendersAmong(clients);
    warmUp(generator, rooms, senders, clients, load.rate);
    String scenario = "slow " + rooms.shape();
    progress("Baseline: everyone reads, %d ms", load.duration.toMillis());
    var cpu = server.cpuTime();
    LoadGenerator.EpochResult baseline =
        generator.run(senders, clients, load.rate, load.duration, target.size);
    RunSummary baselineRow =
        rooms.describe(summary(scenario + " baseline", baseline, cpu), load.rate);
    report(baselineRow);

    progress("One client stops reading, %d ms", load.duration.toMillis());
    generator.awaitAll(List.of(slow), connection -> connection.reading(false));
    OptionalLong rssBefore = server.rssKb();
    AtomicLong rssMax = new AtomicLong(rssBefore.orElse(0));
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> server.rssKb().ifPresent(kb -> rssMax.accumulateAndGet(kb,
        Math::max)), 0, 250, TimeUnit.MILLISECONDS);
    cpu = server.cpuTime();
    LoadGenerator.EpochResult withSlow;
    try {
      withSlow = generator.run(senders, clients, load.rate, load.duration, target.size);
    } finally {
      sampler.shutdownNow();
    }
    generator.awaitAll(List.of(slow), connection -> connection.reading(true));
    boolean dropped = awaitClosed(slow, Duration.ofSeconds(10));
    long baseP99 = baseline.delivery().latency().p99Micros();
    long slowP99 = withSlow.delivery().latency().p99Micros();
    report(rooms.describe(summary(scenario, withSlow, cpu), load.rate)
        .with("p99_ratio", baseP99 == 0 ? null : (double) slowP99 / baseP99)
        .with("slow_client_dropped", dropped)
        .with("rss_kb_before", rssBefore.isPresent() ? rssBefore.getAsLong() : null)
        .with("rss_kb_max", rssBefore.isPresent() ? rssMax.get() : null));
    List<BenchConnection> everyone = new ArrayList<>(clients);
    if (!dropped) {
      everyone.add(slow);
    }
    generator.quitAll(everyone);
    return 0;
  }

  /**
   * Whether {@code connection}, reading again, turns out to have been closed by the server: it
   * ends within {@code timeout}, rather than going quiet for a second with its backlog read.
   */
  private static boolean awaitClosed(BenchConnection connection, Duration timeout)
      throws InterruptedException {
    long start = System.nanoTime();
    long quiet = TimeUnit.SECONDS.toNanos(1);
    while (System.nanoTime() - start < timeout.toNanos()) {
      if (connection.state == BenchConnection.State.CLOSED) {
        return true;
      }
      long now = System.nanoTime();
      if (now - start > quiet && now - connection.lastReceivedNanos > quiet) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    return connection.state == BenchConnection.State.CLOSED;
  }
}
