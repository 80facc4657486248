package lochat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Burst: a few witnesses chat in a room at a steady rate while many idle connections arrive all
 * at once, and later all leave at once. Connection churn should not delay the witnesses' chat,
 * nor keep a newcomer from signing in.
 *
 * <p>Three phases of the witnesses' load, each of {@code --phase}: before any burst, from the
 * moment the idle connections are opened (all of them at once, not {@code --opening} at a time),
 * and from the moment they are all closed (their sockets closed, or {@code /quit} and
 * {@code QUIT} with {@code --close-with quit}). Each phase is one result row with the
 * witnesses' delivery check and latency, and the time a fresh user took to sign in: one
 * connects every {@code --probe-interval} during the phase and leaves once signed in.
 *
 * <p>Limits: a burst whose effect lasts longer than a phase is only partly seen by the
 * witnesses; the connect row says how long the burst took to be signed in ({@code burst_ms}).
 * Idle connections join no room; on the native and web protocols the server puts each in its
 * default room anyway, and announces each arrival to everyone there.
 */
@Command(name = "burst", mixinStandardHelpOptions = true,
    description = "Witnesses chat while many idle connections open at once, then close at "
        + "once; their latency and a newcomer's sign-in time, before and during each burst.")
final class BurstScenario extends BenchCommand.Scenario {

  private static final String ROOM = "bench0";

  @Option(names = "--connections", defaultValue = "2000",
      description = "Idle connections opened at once, then closed at once "
          + "(default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--witnesses", defaultValue = "2",
      description = "Clients in the room that post and receive (default: ${DEFAULT-VALUE}).")
  int witnesses;

  @Option(names = "--rate", defaultValue = "20",
      description = "Posts per second per witness (default: ${DEFAULT-VALUE}).")
  long rate;

  @Option(names = "--phase", defaultValue = "10s",
      converter = BenchCommand.DurationConverter.class,
      description = "How long the witnesses post in each phase (default: ${DEFAULT-VALUE}).")
  Duration phase;

  @Option(names = "--probe-interval", defaultValue = "250ms",
      converter = BenchCommand.DurationConverter.class,
      description = "How often a fresh user signs in during a phase (default: ${DEFAULT-VALUE}).")
  Duration probeInterval;

  @Option(names = "--close-with", defaultValue = "close", paramLabel = "close|quit",
      description = "How the idle connections leave: close their sockets, or say goodbye "
          + "(default: ${DEFAULT-VALUE}).")
  String closeWith;

  @Option(names = "--connect-timeout", defaultValue = "120s",
      converter = BenchCommand.DurationConverter.class,
      description = "Longest wait for the burst to be signed in (default: ${DEFAULT-VALUE}).")
  Duration connectTimeout;

  @Override
  void check() {
    if (connections < 1 || witnesses < 2 || rate < 1) {
      throw new IllegalArgumentException(
          "Need --connections >= 1, --witnesses >= 2 and --rate >= 1");
    }
    if (phase.isZero() || probeInterval.isZero()) {
      throw new IllegalArgumentException("--phase and --probe-interval must be above 0");
    }
    if (!closeWith.equals("close") && !closeWith.equals("quit")) {
      throw new IllegalArgumentException("--close-with is close or quit, not '" + closeWith + "'");
    }
  }

  /** The idle connections of a burst: which signed in, which failed, when the last was ready. */
  private static final class Idle implements BenchConnection.Listener {
    final ConcurrentLinkedQueue<BenchConnection> ready = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final AtomicLong lastReadyNanos = new AtomicLong();

    @Override
    public void ready(BenchConnection connection) {
      ready.add(connection);
      lastReadyNanos.accumulateAndGet(System.nanoTime(), Math::max);
    }

    @Override
    public void closed(BenchConnection connection, String reason, boolean wasReady) {
      if (!wasReady) {
        failures.add(connection.nick + ": " + reason);
      }
    }

    int settled() {
      return ready.size() + failures.size();
    }
  }

  /** Fresh users signing in during a phase: how long each took, and how many could not. */
  private static final class Probes implements BenchConnection.Listener {
    final Histogram micros = new Histogram(3);
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    @Override
    public void ready(BenchConnection connection) {
      long took = System.nanoTime() - connection.createdNanos;
      synchronized (micros) {
        micros.recordValue(Math.min(took / 1000, DeliveryTracker.MAX_LATENCY_MICROS));
      }
      done.incrementAndGet();
      connection.quit();
    }

    @Override
    public void closed(BenchConnection connection, String reason, boolean wasReady) {
      if (!wasReady) {
        failed.incrementAndGet();
        failures.add(connection.nick + ": " + reason);
        done.incrementAndGet();
      }
    }
  }

  @Override
  int run(LoadGenerator generator) throws InterruptedException {
    List<BenchConnection> room = open(generator, Collections.nCopies(witnesses, ROOM),
        connectTimeout);
    if (room == null) {
      return 1;
    }
    String shape = " " + connections;
    Idle idle = new Idle();
    try (LoadGenerator burst = new LoadGenerator(target.addresses(), target.wire(),
        target.threads, connections, err -> progress("%s", err))) {
      report(phase(generator, room, "burst-before" + shape, () -> { }));

      progress("Opening %,d idle connections at once", connections);
      AtomicLong burstStart = new AtomicLong();
      RunSummary connect = phase(generator, room, "burst-connect" + shape, () -> {
        burstStart.set(System.nanoTime());
        burst.openEach(Collections.nCopies(connections, null), idle);
      });
      long end = System.nanoTime() + connectTimeout.toNanos();
      while (idle.settled() < connections && System.nanoTime() < end) {
        TimeUnit.MILLISECONDS.sleep(10);
      }
      idle.failures.stream().limit(5).forEach(failure -> progress("  failed: %s", failure));
      int failed = connections - idle.ready.size();
      report(connect
          .with("burst_ms", idle.ready.isEmpty() ? null
              : Math.round((idle.lastReadyNanos.get() - burstStart.get()) / 1e6))
          .with("failed", failed));

      List<BenchConnection> held = new ArrayList<>(idle.ready);
      progress("Closing %,d idle connections at once (%s)", held.size(), closeWith);
      report(phase(generator, room, "burst-close" + shape, () -> {
        try {
          burst.awaitAll(held, closeWith.equals("quit") ? BenchConnection::quit
              : connection -> connection.reactor.close(connection, "closed by the burst"));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    generator.quitAll(room);
    return 0;
  }

  /**
   * One phase: starts the fresh-user probes and the memory sampler, runs {@code burst}, runs the
   * witnesses' load for {@code --phase}, and returns its row.
   */
  private RunSummary phase(LoadGenerator generator, List<BenchConnection> room, String name,
      Runnable burst) throws InterruptedException {
    progress("%s: witnesses post for %d ms", name, phase.toMillis());
    Probes probes = new Probes();
    OptionalLong rssBefore = server.rssKb();
    AtomicLong rssMax = new AtomicLong(rssBefore.orElse(0));
    ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor();
    background.scheduleAtFixedRate(() -> server.rssKb().ifPresent(kb ->
        rssMax.accumulateAndGet(kb, Math::max)), 0, 250, TimeUnit.MILLISECONDS);
    long probeEnd = System.nanoTime() + phase.toNanos();
    background.scheduleAtFixedRate(() -> {
      if (System.nanoTime() < probeEnd) {
        probes.started.incrementAndGet();
        generator.openEach(Collections.singletonList(null), probes);
      }
    }, 0, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
    var cpu = server.cpuTime();
    LoadGenerator.EpochResult result;
    try {
      burst.run();
      result = generator.run(room, room, rate, phase, target.size);
    } finally {
      background.shutdown();
      background.awaitTermination(10, TimeUnit.SECONDS);
    }
    long end = System.nanoTime() + connectTimeout.toNanos();
    while (probes.done.get() < probes.started.get() && System.nanoTime() < end) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    probes.failures.stream().limit(3).forEach(failure -> progress("  newcomer: %s", failure));
    Histogram micros;
    synchronized (probes.micros) {
      micros = probes.micros.copy();
    }
    boolean any = micros.getTotalCount() > 0;
    OptionalDouble cpuUsed = server.cpuTime().since(cpu).total();
    return summary(name, result, cpu)
        .with("connections", connections)
        .with("witnesses", witnesses)
        .with("rate_per_sender", rate)
        .with("signins", micros.getTotalCount())
        .with("signin_p50_ms", any ? micros.getValueAtPercentile(50) / 1000.0 : null)
        .with("signin_max_ms", any ? micros.getMaxValue() / 1000.0 : null)
        .with("signin_failed", probes.failed.get())
        .with("rss_kb_max", rssBefore.isPresent() ? rssMax.get() : null)
        .with("server_cpu_s", cpuUsed.isPresent() ? cpuUsed.getAsDouble() : null);
  }
}
