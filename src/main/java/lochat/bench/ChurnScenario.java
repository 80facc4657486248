package lochat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Churn: while a room of listeners stays connected, new clients keep arriving at a fixed rate;
 * each signs in, joins the room, posts one message and quits. Every listener must receive every
 * newcomer's post.
 *
 * <p>Reported: the listeners' delivery check and latency (from the moment a newcomer posted),
 * sessions completed per second, and sessions that failed to sign in or join.
 */
@Command(name = "churn", mixinStandardHelpOptions = true,
    description = "Clients keep connecting, joining, posting and leaving a room of listeners.")
final class ChurnScenario extends BenchCommand.Scenario {

  private static final String ROOM = "bench0";

  @Option(names = "--clients", defaultValue = "100",
      description = "Listeners that stay in the room (default: ${DEFAULT-VALUE}).")
  int listeners;

  @Option(names = "--churn-rate", defaultValue = "200",
      description = "New sessions per second (default: ${DEFAULT-VALUE}).")
  long churnRate;

  @Option(names = "--duration", defaultValue = "10s",
      converter = BenchCommand.DurationConverter.class,
      description = "How long new sessions keep coming (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Override
  void check() {
    if (churnRate < 1) {
      throw new IllegalArgumentException("--churn-rate must be at least 1");
    }
    long sessions = OpenLoopSchedule.perSecond(0, churnRate).countWithin(duration.toNanos());
    if (listeners < 1 || sessions < 1 || sessions >= BenchConnection.EPOCH_STRIDE) {
      throw new IllegalArgumentException("Need --clients >= 1 and between 1 and "
          + (BenchConnection.EPOCH_STRIDE - 1) + " sessions (--churn-rate x --duration)");
    }
  }

  @Override
  int run(LoadGenerator generator) throws InterruptedException {
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(System.nanoTime(), churnRate);
    long sessions = schedule.countWithin(duration.toNanos());
    List<BenchConnection> room = open(generator, Collections.nCopies(listeners, ROOM),
        Duration.ofSeconds(120));
    if (room == null) {
      return 1;
    }
    int epoch = generator.startEpoch(room);
    Set<Integer> posted = ConcurrentHashMap.newKeySet();
    AtomicInteger completed = new AtomicInteger();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicInteger nextId = new AtomicInteger();
    BenchConnection.Listener newcomer = new BenchConnection.Listener() {
      @Override
      public void ready(BenchConnection connection) {
        int id = epoch * BenchConnection.EPOCH_STRIDE + nextId.getAndIncrement();
        posted.add(id);
        connection.send(connection.wire.post(ROOM,
            new Payload(id, 0, System.nanoTime()).text(target.size)));
        connection.quit();
      }

      @Override
      public void closed(BenchConnection connection, String reason, boolean wasReady) {
        if (wasReady) {
          completed.incrementAndGet();
        } else {
          failures.add(connection.nick + ": " + reason);
        }
      }
    };
    progress("Churning %d sessions a second for %d ms past %d listeners", churnRate,
        duration.toMillis(), listeners);
    var cpu = server.cpuSeconds();
    long before = generator.deliveries();
    long start = System.nanoTime();
    schedule = OpenLoopSchedule.perSecond(start, churnRate);
    long started = 0;
    while (started < sessions) {
      long due = Math.min(sessions, schedule.dueBy(System.nanoTime()));
      if (due > started) {
        generator.openEach(Collections.nCopies((int) (due - started), ROOM), newcomer);
        started = due;
      }
      TimeUnit.MILLISECONDS.sleep(1);
    }
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (completed.get() + failures.size() < sessions && System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    long expected = (long) posted.size() * listeners;
    long last = generator.drain(before, expected, System.nanoTime());
    List<DeliveryTracker> trackers = generator.endEpoch(room,
        (listener, tracker) -> posted.forEach(id -> tracker.expect(id, 1)));
    double seconds = Math.max(duration.toNanos(), last - start) / 1e9;
    List<String> reasons = new ArrayList<>();
    int dropped = generator.takeClosed(reasons);
    LoadGenerator.EpochResult result = new LoadGenerator.EpochResult(
        DeliveryTotals.of(trackers), posted.size(), seconds, dropped);
    failures.stream().limit(5).forEach(failure -> progress("  failed: %s", failure));
    report(summary("churn " + listeners, result, cpu)
        .with("churn_rate", churnRate)
        .with("sessions", completed.get())
        .with("sessions_per_s", Math.round(completed.get() / seconds))
        .with("failed", failures.size()));
    generator.quitAll(room);
    return 0;
  }
}
