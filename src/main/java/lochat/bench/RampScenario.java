package lochat.bench;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Ramp: fan-out at a rising rate, step by step, until the server falls behind, to find its
 * highest sustainable delivery rate: the deliveries per second of the fastest step in which at
 * least 99.9% of the posts arrived, no client was dropped, and the 99th percentile of latency
 * stayed under a bound (50 ms by default).
 *
 * <p>The rate grows by {@code --factor} while steps pass; after the first failure it is narrowed
 * by halving the gap between the last pass and the failure, {@code --refine} times. A step that
 * fails is run once more at the same rate before it counts as a failure ({@code --retries}), so
 * that one unlucky pause of a machine shared by server and generator does not end the ramp.
 */
@Command(name = "ramp", mixinStandardHelpOptions = true,
    description = "Fan-out at rising rates; reports the highest sustainable delivery rate.")
final class RampScenario extends BenchCommand.Scenario {

  @Mixin BenchCommand.Rooms rooms;

  @Option(names = "--start-rate", defaultValue = "20",
      description = "Posts per second per sender in the first step (default: ${DEFAULT-VALUE}).")
  long startRate;

  @Option(names = "--factor", defaultValue = "1.5",
      description = "Rate multiplier between passing steps (default: ${DEFAULT-VALUE}).")
  double factor;

  @Option(names = "--refine", defaultValue = "2",
      description = "Halvings between the last pass and the first failure "
          + "(default: ${DEFAULT-VALUE}).")
  int refine;

  @Option(names = "--retries", defaultValue = "1",
      description = "Repeats of a failed step before it counts (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(names = "--max-steps", defaultValue = "20",
      description = "Most steps (default: ${DEFAULT-VALUE}).")
  int maxSteps;

  @Option(names = "--step-duration", defaultValue = "5s",
      converter = BenchCommand.DurationConverter.class,
      description = "How long each step lasts (default: ${DEFAULT-VALUE}).")
  Duration stepDuration;

  @Option(names = "--max-p99", defaultValue = "50ms",
      converter = BenchCommand.DurationConverter.class,
      description = "Highest sustainable 99th percentile latency (default: ${DEFAULT-VALUE}).")
  Duration maxP99;

  @Override
  void check() {
    rooms.check();
    if (factor <= 1 || startRate < 1) {
      throw new IllegalArgumentException("Need --factor > 1 and --start-rate >= 1");
    }
  }

  @Override
  int run(LoadGenerator generator) throws InterruptedException {
    List<BenchConnection> clients = open(generator, rooms);
    if (clients == null) {
      return 1;
    }
    List<BenchConnection> senders = rooms.sendersAmong(clients);
    warmUp(generator, rooms, senders, clients, startRate);
    String scenario = "ramp " + rooms.shape();
    RunSummary best = null;
    long passed = 0;
    long failed = 0;
    int refinements = 0;
    long rate = startRate;
    int retried = 0;
    for (int step = 1; step <= maxSteps; step++) {
      progress("Step %d: %d senders at %d posts/s for %d ms", step, senders.size(), rate,
          stepDuration.toMillis());
      var cpu = server.cpuTime();
      LoadGenerator.EpochResult result = generator.run(senders, clients, rate, stepDuration,
          target.size);
      boolean sustained = sustained(result);
      RunSummary row = rooms.describe(summary(scenario + " step", result, cpu), rate)
          .with("sustained", sustained);
      report(row);
      if (!sustained && result.closed() == 0 && retried < retries) {
        retried++;
        progress("Not sustained at %d posts/s per sender; trying that rate again", rate);
        continue;
      }
      retried = 0;
      if (sustained) {
        passed = rate;
        if (best == null || row.deliveriesPerSecond() > best.deliveriesPerSecond()) {
          best = row;
        }
      } else {
        failed = rate;
      }
      if (result.closed() > 0) {
        progress("Clients were dropped; the ramp stops here");
        break;
      }
      if (failed == 0) {
        rate = Math.max(rate + 1, Math.round(rate * factor));
      } else if (refinements++ < refine && failed - passed > 1) {
        rate = (passed + failed) / 2;
      } else {
        break;
      }
    }
    RunSummary result = best != null
        ? new RunSummary(scenario, best.target(), best.seconds(), best.published(),
            best.delivery(), best.serverCpuSeconds(), best.extras())
        : null;
    if (result == null) {
      progress("No step was sustainable, not even the first at %d posts/s per sender",
          startRate);
      return 0;
    }
    report(result.with("sustainable_deliveries_per_s", Math.round(best.deliveriesPerSecond()))
        .with("first_failed_rate_per_sender", failed == 0 ? null : failed));
    generator.quitAll(clients);
    return 0;
  }

  private boolean sustained(LoadGenerator.EpochResult result) {
    DeliveryTotals delivery = result.delivery();
    return result.closed() == 0 && delivery.expected() > 0
        && delivery.delivered() >= 0.999 * delivery.expected()
        && delivery.unexpected() == 0
        && delivery.latency().p99Micros() <= maxP99.toNanos() / 1000;
  }
}
