package lochat.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Drives many client connections to one server from a few {@link Reactor} threads: opens them,
 * waits until each has signed in and joined its room, and runs epochs of open-loop load, each
 * ending with a delivery check over every receiver.
 *
 * <p>Connections are spread over the reactors in turn, and over the servers in turn (the nodes of
 * a cluster, for one): with rooms of consecutive clients, each room has members on every server,
 * and its senders too when it has at least as many as there are servers, since the connections
 * ready are listed in the order they were asked for. Over several servers, each receiver keeps
 * the latency of posts from its own server apart from the others' ({@link NodeLatencies}).
 * Nicknames are a random two-letter prefix per generator and a number in base 36, so they fit
 * IRC's usual 9-character limit and two generators rarely collide.
 *
 * <p>Limits: one protocol per generator. An epoch's senders and receivers must be ready
 * connections of this generator.
 */
final class LoadGenerator implements AutoCloseable {

  private static final long DRAIN_QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);
  private static final long DRAIN_MAX_NANOS = TimeUnit.SECONDS.toNanos(15);

  /** The outcome of opening connections: those ready, and why others were not. */
  record Opened(List<BenchConnection> ready, List<String> failures, long nanos) { }

  /** What an epoch did: its delivery check, how much was published, and over what time. */
  record EpochResult(DeliveryTotals delivery, long published, double seconds, int closed,
      NodeLatencies nodes) {

    /** A result of one server, or of several without the split by node. */
    EpochResult(DeliveryTotals delivery, long published, double seconds, int closed) {
      this(delivery, published, seconds, closed, NodeLatencies.NONE);
    }
  }

  private final Wire wire;
  private final List<InetSocketAddress> servers;
  private final List<Reactor> reactors = new ArrayList<>();
  private final String prefix;
  private final AtomicInteger closedWhileReady = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> closeReasons = new ConcurrentLinkedQueue<>();
  private final Consumer<String> progress;
  private int nextNick;
  private int nextReactor;
  private int nextServer;
  private int epoch;

  /**
   * @param opening most connections being opened (connected, not yet ready) at once, over all
   *     threads: a server with a short accept queue drops connection attempts beyond it
   */
  LoadGenerator(List<InetSocketAddress> servers, Wire wire, int threads, int opening,
      Consumer<String> progress) {
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("No server to connect to");
    }
    this.wire = wire;
    this.servers = List.copyOf(servers);
    this.progress = progress;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    this.prefix = "" + (char) ('a' + random.nextInt(26)) + (char) ('a' + random.nextInt(26));
    for (int i = 0; i < threads; i++) {
      reactors.add(new Reactor("bench-" + i, (opening + threads - 1) / threads));
    }
  }

  Wire wire() {
    return wire;
  }

  /** Connections that had been ready and were closed since the last call, and why (up to 5). */
  int takeClosed(List<String> reasons) {
    for (String reason; (reason = closeReasons.poll()) != null; ) {
      if (reasons.size() < 5) {
        reasons.add(reason);
      }
    }
    return closedWhileReady.getAndSet(0);
  }

  /**
   * Opens one connection per entry of {@code rooms} (null: join no room) and waits until each is
   * ready or has failed, for at most {@code timeout}.
   */
  Opened open(List<String> rooms, Duration timeout) throws InterruptedException {
    return open(rooms, timeout, 0);
  }

  /** {@link #open(List, Duration)} with sockets of {@code receiveBuffer} bytes (0: default). */
  Opened open(List<String> rooms, Duration timeout, int receiveBuffer)
      throws InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger outstanding = new AtomicInteger(rooms.size());
    ConcurrentLinkedQueue<BenchConnection> ready = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    BenchConnection.Listener listener = new BenchConnection.Listener() {
      @Override
      public void ready(BenchConnection connection) {
        ready.add(connection);
        if (outstanding.decrementAndGet() == 0) {
          done.complete(null);
        }
      }

      @Override
      public void closed(BenchConnection connection, String reason, boolean wasReady) {
        if (wasReady) {
          closedWhileReady.incrementAndGet();
          closeReasons.add(connection.nick + ": " + reason);
        } else {
          failures.add(connection.nick + ": " + reason);
          if (outstanding.decrementAndGet() == 0) {
            done.complete(null);
          }
        }
      }
    };
    long start = System.nanoTime();
    if (rooms.isEmpty()) {
      done.complete(null);
    }
    openEach(rooms, listener, receiveBuffer);
    try {
      done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    } catch (java.util.concurrent.TimeoutException e) {
      failures.add((outstanding.get()) + " connections not ready within " + timeout.toSeconds()
          + " s");
    }
    List<BenchConnection> inOrder = new ArrayList<>(ready);
    inOrder.sort(java.util.Comparator.comparingLong(connection -> connection.serial));
    return new Opened(inOrder, new ArrayList<>(failures), System.nanoTime() - start);
  }

  /** Opens one connection per entry of {@code rooms}, telling {@code listener} how each went. */
  void openEach(List<String> rooms, BenchConnection.Listener listener) {
    openEach(rooms, listener, 0);
  }

  private void openEach(List<String> rooms, BenchConnection.Listener listener,
      int receiveBuffer) {
    Map<Reactor, List<BenchConnection>> byReactor = new HashMap<>();
    for (String room : rooms) {
      Reactor reactor = reactors.get(nextReactor++ % reactors.size());
      int node = nextServer++ % servers.size();
      BenchConnection connection = new BenchConnection(nick(), room, wire, listener, reactor,
          servers.get(node), node);
      connection.receiveBuffer = receiveBuffer;
      byReactor.computeIfAbsent(reactor, r -> new ArrayList<>()).add(connection);
    }
    byReactor.forEach((reactor, connections) ->
        reactor.submit(() -> connections.forEach(reactor::open)));
  }

  /** Starts a new epoch on {@code receivers}: fresh trackers, counting only its posts. */
  int startEpoch(List<BenchConnection> receivers) throws InterruptedException {
    int current = ++epoch;
    beginEpoch(receivers, current, Map.of());
    return current;
  }

  /**
   * Gives each receiver a fresh tracker for epoch {@code current}, and its own sender number;
   * over several servers, a tracker that tells senders on its server from the others.
   */
  private void beginEpoch(List<BenchConnection> receivers, int current,
      Map<BenchConnection, Integer> senderIds) throws InterruptedException {
    int[] nodeOfSender = new int[senderIds.size()];
    senderIds.forEach((sender, id) -> nodeOfSender[id - current * BenchConnection.EPOCH_STRIDE] =
        sender.node);
    awaitAll(receivers, connection -> {
      connection.epoch = current;
      connection.tracker = servers.size() == 1 ? new DeliveryTracker()
          : new DeliveryTracker(sameNode(nodeOfSender, current, connection.node));
      connection.ownSender = senderIds.getOrDefault(connection, -1);
    });
  }

  /** Whether a sender number of epoch {@code current} is of a sender on server {@code node}. */
  private static java.util.function.IntPredicate sameNode(int[] nodeOfSender, int current,
      int node) {
    return sender -> {
      int index = sender - current * BenchConnection.EPOCH_STRIDE;
      return index >= 0 && index < nodeOfSender.length && nodeOfSender[index] == node;
    };
  }

  /**
   * Ends the epoch on {@code receivers}, each expecting {@code expected(receiver)} as sender
   * numbers and counts, and returns their trackers.
   */
  List<DeliveryTracker> endEpoch(List<BenchConnection> receivers,
      java.util.function.BiConsumer<BenchConnection, DeliveryTracker> expect)
      throws InterruptedException {
    List<DeliveryTracker> trackers = new ArrayList<>();
    for (Map.Entry<Reactor, List<BenchConnection>> entry : byReactor(receivers).entrySet()) {
      trackers.addAll(await(entry.getKey().call(() -> {
        List<DeliveryTracker> taken = new ArrayList<>();
        for (BenchConnection receiver : entry.getValue()) {
          expect.accept(receiver, receiver.tracker);
          taken.add(receiver.tracker);
          receiver.tracker = null;
          receiver.epoch = -1;
        }
        return taken;
      })));
    }
    return trackers;
  }

  private String nick() {
    return prefix + Integer.toString(nextNick++, 36);
  }

  /**
   * Runs one epoch: every connection of {@code senders} posts {@code rate} messages a second of
   * {@code size} bytes for {@code duration}, and every connection of {@code receivers} checks
   * that it got the posts of every sender in its room but itself. Returns once the posts have
   * arrived or stopped arriving.
   */
  EpochResult run(List<BenchConnection> senders, List<BenchConnection> receivers, long rate,
      Duration duration, int size) throws InterruptedException {
    int current = ++epoch;
    if ((long) senders.size() >= BenchConnection.EPOCH_STRIDE) {
      throw new IllegalArgumentException("At most " + BenchConnection.EPOCH_STRIDE + " senders");
    }
    Map<BenchConnection, Integer> senderIds = new HashMap<>();
    for (int i = 0; i < senders.size(); i++) {
      senderIds.put(senders.get(i), current * BenchConnection.EPOCH_STRIDE + i);
    }
    beginEpoch(receivers, current, senderIds);
    long countEach = OpenLoopSchedule.perSecond(0, rate).countWithin(duration.toNanos());
    long expected = 0;
    Map<String, Integer> sendersPerRoom = new HashMap<>();
    for (BenchConnection sender : senders) {
      sendersPerRoom.merge(sender.room, 1, Integer::sum);
    }
    for (BenchConnection receiver : receivers) {
      int inRoom = sendersPerRoom.getOrDefault(receiver.room, 0);
      expected += countEach * (senderIds.containsKey(receiver) ? inRoom - 1 : inRoom);
    }
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long receivedBefore = deliveries();
    for (int i = 0; i < senders.size(); i++) {
      BenchConnection connection = senders.get(i);
      OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(
          start + interval * i / senders.size(), rate);
      Reactor.Sender sender = new Reactor.Sender(connection, senderIds.get(connection), schedule,
          countEach, size);
      connection.reactor.submit(() -> connection.reactor.start(sender));
    }
    long end = start + duration.toNanos();
    long lastReport = System.nanoTime();
    while (System.nanoTime() < end) {
      TimeUnit.NANOSECONDS.sleep(Math.min(end - System.nanoTime(), 100_000_000L));
      if (System.nanoTime() - lastReport >= 1_000_000_000L) {
        lastReport = System.nanoTime();
        progress.accept(String.format(java.util.Locale.ROOT, "  %4.1f s: %,d received",
            (lastReport - start) / 1e9, deliveries() - receivedBefore));
      }
    }
    long lastProgress = drain(receivedBefore, expected, end);
    long published = 0;
    for (Reactor reactor : reactors) {
      for (Reactor.Sender sender : await(reactor.call(reactor::stopSenders))) {
        published += sender.sent;
      }
    }
    List<DeliveryTracker> trackers = endEpoch(receivers, (receiver, tracker) -> {
      for (BenchConnection sender : senders) {
        if (sender.room.equals(receiver.room) && sender != receiver) {
          tracker.expect(senderIds.get(sender), countEach);
        }
      }
    });
    double seconds = Math.max(duration.toNanos(), lastProgress - start) / 1e9;
    List<String> reasons = new ArrayList<>();
    int closed = takeClosed(reasons);
    reasons.forEach(reason -> progress.accept("  closed: " + reason));
    return new EpochResult(DeliveryTotals.of(trackers), published, seconds, closed,
        servers.size() == 1 ? NodeLatencies.NONE : NodeLatencies.of(trackers));
  }

  /**
   * Waits until {@code expected} posts have arrived since {@code before}, or none for a second
   * (at most 15 s after {@code end}); returns when the last one came.
   */
  long drain(long before, long expected, long end) throws InterruptedException {
    long last = System.nanoTime();
    long seen = deliveries();
    while (seen - before < expected && System.nanoTime() - last < DRAIN_QUIET_NANOS
        && System.nanoTime() - end < DRAIN_MAX_NANOS) {
      TimeUnit.MILLISECONDS.sleep(10);
      long now = deliveries();
      if (now != seen) {
        seen = now;
        last = System.nanoTime();
      }
    }
    return last;
  }

  /** Posts received by all connections so far. */
  long deliveries() {
    long total = 0;
    for (Reactor reactor : reactors) {
      total += reactor.deliveries();
    }
    return total;
  }

  /** Runs {@code action} on each connection's reactor thread and waits for all. */
  void awaitAll(List<BenchConnection> connections, Consumer<BenchConnection> action)
      throws InterruptedException {
    List<CompletableFuture<Boolean>> calls = new ArrayList<>();
    byReactor(connections).forEach((reactor, mine) -> calls.add(reactor.call(() -> {
      mine.forEach(action);
      return true;
    })));
    for (CompletableFuture<Boolean> call : calls) {
      await(call);
    }
  }

  private static Map<Reactor, List<BenchConnection>> byReactor(List<BenchConnection> connections) {
    Map<Reactor, List<BenchConnection>> byReactor = new HashMap<>();
    for (BenchConnection connection : connections) {
      byReactor.computeIfAbsent(connection.reactor, r -> new ArrayList<>()).add(connection);
    }
    return byReactor;
  }

  private static <T> T await(CompletableFuture<T> call) throws InterruptedException {
    try {
      return call.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("A generator thread did not answer: " + e, e);
    }
  }

  /** Says goodbye on every connection and waits briefly for the server to close them. */
  void quitAll(List<BenchConnection> connections) throws InterruptedException {
    awaitAll(connections, BenchConnection::quit);
  }

  @Override
  public void close() {
    reactors.forEach(Reactor::close);
  }
}
