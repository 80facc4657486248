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
 * <p>The same churn runs first for {@code --warmup}, unmeasured: a fresh JVM spends its first
 * seconds of churn compiling the many code paths of signing in, joining and quitting, which a
 * server that has been running has long done.
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

  @Option(names = "--warmup", defaultValue = "10s",
      converter = BenchCommand.DurationConverter.class,
      description = "Churn as measured, unmeasured, before measuring: a fresh server's sign-in,"
          + " join and quit paths are cold (default: ${DEFAULT-VALUE}).")
  Duration warmup;

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
    List<BenchConnection> room = open(generator, Collections.nCopies(listeners, ROOM),
        Duration.ofSeconds(120));
    if (room == null) {
      return 1;
    }
    if (!warmup.isZero()) {
      progress("Warming up: churning %d sessions a second for %d ms", churnRate,
          warmup.toMillis());
      churn(generator, room, warmup);
      generator.takeClosed(new ArrayList<>());
    }
    var cpu = server.cpuTime();
    Churned churned = churn(generator, room, duration);
    List<String> reasons = new ArrayList<>();
    int dropped = generator.takeClosed(reasons);
    LoadGenerator.EpochResult result = new LoadGenerator.EpochResult(
        DeliveryTotals.of(churned.trackers), churned.posted, churned.seconds, dropped);
    churned.failures.stream().limit(5).forEach(failure -> progress("  failed: %s", failure));
    report(summary("churn " + listeners, result, cpu)
        .with("churn_rate", churnRate)
        .with("sessions", churned.completed)
        .with("sessions_per_s", Math.round(churned.completed / churned.seconds))
        .with("failed", churned.failures.size()));
    generator.quitAll(room);
    return 0;
  }

  /** What one churning phase gave. */
  private record Churned(List<DeliveryTracker> trackers, int posted, int completed,
      List<String> failures, double seconds) {}

  /** Newcomers at {@link #churnRate} for {@code length}, past {@code room}'s listeners. */
  private Churned churn(LoadGenerator generator, List<BenchConnection> room, Duration length)
      throws InterruptedException {
    long sessions = OpenLoopSchedule.perSecond(0, churnRate).countWithin(length.toNanos());
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
        length.toMillis(), listeners);
    long before = generator.deliveries();
    long start = System.nanoTime();
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(start, churnRate);
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
    double seconds = Math.max(length.toNanos(), last - start) / 1e9;
    return new Churned(trackers, posted.size(), completed.get(), List.copyOf(failures), seconds);
  }
}
