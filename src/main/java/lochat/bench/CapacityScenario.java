package lochat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Capacity: opens signed-in, idle connections in steps up to a target, and reports how fast the
 * server took them and what each costs it in memory.
 *
 * <p>The accept rate is connections that completed sign-in per second of connecting (the time
 * the steps took, not the pauses between them), so it includes registration. Memory per
 * connection is the growth from before the first step to after the last, divided by the
 * connections held: resident memory from {@code /proc}, and for a JVM the heap in use after a
 * full collection. Both need {@code --server-pid}.
 *
 * <p>Limits: each connection uses a file descriptor in this process and in the server, so both
 * need a limit ({@code ulimit -n}) above the target. On the native and web protocols every
 * client also joins the default room, whose join notices grow with the square of its size; IRC
 * clients join nothing.
 */
@Command(name = "capacity", mixinStandardHelpOptions = true,
    description = "Idle connections in steps up to a target; accept rate and memory per "
        + "connection.")
final class CapacityScenario extends BenchCommand.Scenario {

  @Option(names = "--connections", defaultValue = "19000",
      description = "Connections to hold (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--step", defaultValue = "1000",
      description = "Connections opened per step (default: ${DEFAULT-VALUE}).")
  int step;

  @Option(names = "--step-timeout", defaultValue = "120s",
      converter = BenchCommand.DurationConverter.class,
      description = "Longest wait for one step's connections (default: ${DEFAULT-VALUE}).")
  Duration stepTimeout;

  @Override
  void check() {
    if (connections < 1 || step < 1) {
      throw new IllegalArgumentException("Need --connections >= 1 and --step >= 1");
    }
  }

  @Override
  int run(LoadGenerator generator) throws InterruptedException {
    OptionalLong heapBefore = server.heapAfterGcKb();
    OptionalLong rssBefore = server.rssKb();
    OptionalDouble cpu = server.cpuSeconds();
    List<BenchConnection> held = new ArrayList<>();
    long connectingNanos = 0;
    List<String> failures = new ArrayList<>();
    while (held.size() < connections && failures.isEmpty()) {
      int count = Math.min(step, connections - held.size());
      LoadGenerator.Opened opened = generator.open(Collections.nCopies(count, null), stepTimeout);
      held.addAll(opened.ready());
      connectingNanos += opened.nanos();
      failures.addAll(opened.failures());
      progress("%,d connections (%,.0f/s this step)%s", held.size(),
          opened.ready().size() / (opened.nanos() / 1e9),
          server.rssKb().isPresent() ? String.format(", server RSS %,d KiB",
              server.rssKb().getAsLong()) : "");
    }
    if (!failures.isEmpty()) {
      progress("Stopped at %,d connections; for example:", held.size());
      failures.stream().limit(5).forEach(failure -> progress("  %s", failure));
    }
    List<String> reasons = new ArrayList<>();
    int dropped = generator.takeClosed(reasons);
    reasons.forEach(reason -> progress("  dropped: %s", reason));
    OptionalLong heapAfter = server.heapAfterGcKb();
    OptionalLong rssAfter = server.rssKb();
    OptionalDouble cpuAfter = server.cpuSeconds();
    int holding = held.size() - dropped;
    double seconds = Math.max(connectingNanos, 1) / 1e9;
    RunSummary summary = new RunSummary("capacity", target.label(), seconds, 0,
        DeliveryTotals.of(List.of()),
        cpu.isPresent() && cpuAfter.isPresent()
            ? OptionalDouble.of(cpuAfter.getAsDouble() - cpu.getAsDouble())
            : OptionalDouble.empty())
        .with("connections", holding)
        .with("target_connections", connections)
        .with("accepts_per_s", Math.round(held.size() / seconds))
        .with("rss_kb_per_connection", perConnection(rssBefore, rssAfter, holding))
        .with("heap_kb_per_connection", perConnection(heapBefore, heapAfter, holding))
        .with("rss_kb", rssAfter.isPresent() ? rssAfter.getAsLong() : null)
        .with("heap_kb", heapAfter.isPresent() ? heapAfter.getAsLong() : null)
        .with("failed", failures.isEmpty() ? 0 : connections - held.size());
    report(summary);
    progress("Closing %,d connections", held.size());
    generator.quitAll(held);
    return 0;
  }

  private static Double perConnection(OptionalLong before, OptionalLong after, int connections) {
    if (before.isEmpty() || after.isEmpty() || connections == 0) {
      return null;
    }
    return (after.getAsLong() - before.getAsLong()) / (double) connections;
  }
}
