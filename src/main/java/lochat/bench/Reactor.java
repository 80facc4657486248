package lochat.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One thread of the load generator: a selector loop that owns a share of the connections,
 * reads and writes them without blocking, and sends its senders' posts when their
 * {@link OpenLoopSchedule} says they are due.
 *
 * <p>Other threads never touch its connections: they {@link #submit} tasks, which run between
 * two turns of the loop. While a post is due within two milliseconds the loop polls the selector
 * and parks for at most 100 µs between polls, so posts leave close to their intended time;
 * otherwise it sleeps in the selector. Connections are opened at most {@code maxOpening} at a
 * time, so a burst of thousands does not overflow the server's accept queue.
 *
 * <p>Limits: posts due at the same moment leave in one write per sender, in sender order. A
 * loop that falls behind sends late; the latency of those posts includes the delay.
 */
final class Reactor implements AutoCloseable {

  private static final long POLL_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
  private static final long MAX_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  /** A sender's share of an epoch: its posts, their schedule and how many have gone. */
  static final class Sender {
    final BenchConnection connection;
    final int id;
    final OpenLoopSchedule schedule;
    final long count;
    final int size;
    long sent;

    Sender(BenchConnection connection, int id, OpenLoopSchedule schedule, long count, int size) {
      this.connection = connection;
      this.id = id;
      this.schedule = schedule;
      this.count = count;
      this.size = size;
    }
  }

  private final int maxOpening;
  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ArrayDeque<BenchConnection> toOpen = new ArrayDeque<>();
  /** Tasks waiting for their time ({@link System#nanoTime()}), soonest first. */
  private final java.util.PriorityQueue<Delayed> delayed = new java.util.PriorityQueue<>(
      java.util.Comparator.comparingLong(Delayed::dueNanos));
  private final List<Sender> senders = new ArrayList<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
  private final ByteArrayOutputStream batch = new ByteArrayOutputStream(64 * 1024);
  private final AtomicLong deliveries = new AtomicLong();
  private int opening;
  private volatile boolean running = true;

  Reactor(String name, int maxOpening) {
    this.maxOpening = maxOpening;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  private record Delayed(long dueNanos, Runnable task) { }

  /** Runs {@code task} on this reactor's thread in {@code nanos}; call on this thread. */
  void later(long nanos, Runnable task) {
    delayed.add(new Delayed(System.nanoTime() + nanos, task));
  }

  /** Runs {@code task} on this reactor's thread. */
  void submit(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  /** The result of {@code task}, run on this reactor's thread. */
  <T> CompletableFuture<T> call(Supplier<T> task) {
    CompletableFuture<T> result = new CompletableFuture<>();
    submit(() -> {
      try {
        result.complete(task.get());
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  /** Posts counted so far by this reactor's connections, over all epochs. */
  long deliveries() {
    return deliveries.get();
  }

  /** Queues {@code connection} to be opened; call on this reactor's thread. */
  void open(BenchConnection connection) {
    toOpen.add(connection);
  }

  /** Starts {@code sender}; call on this reactor's thread. */
  void start(Sender sender) {
    senders.add(sender);
  }

  /** Stops every sender and returns them; call on this reactor's thread. */
  List<Sender> stopSenders() {
    List<Sender> stopped = new ArrayList<>(senders);
    senders.clear();
    return stopped;
  }

  /** Closes {@code connection}; call on this reactor's thread. */
  void close(BenchConnection connection, String reason) {
    if (connection.state == BenchConnection.State.CLOSED) {
      return;
    }
    boolean wasReady = connection.state == BenchConnection.State.READY
        || connection.state == BenchConnection.State.QUITTING;
    if (!wasReady && connection.state != BenchConnection.State.WAITING) {
      opening--;
    }
    connection.state = BenchConnection.State.CLOSED;
    if (connection.key != null) {
      connection.key.cancel();
    }
    if (connection.channel != null) {
      try {
        connection.channel.close();
      } catch (IOException ignored) {
        // Closing is all that is left to do.
      }
    }
    connection.listener.closed(connection, reason, wasReady);
  }

  private void loop() {
    while (running) {
      try {
        turn();
      } catch (IOException | RuntimeException e) {
        System.err.println("bench: " + thread.getName() + " failed: " + e);
        e.printStackTrace();
        running = false;
      }
    }
    for (SelectionKey key : selector.keys()) {
      close((BenchConnection) key.attachment(), "the generator stopped");
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // Stopping anyway.
    }
  }

  private void turn() throws IOException {
    for (Runnable task; (task = tasks.poll()) != null; ) {
      task.run();
    }
    while (!delayed.isEmpty() && delayed.peek().dueNanos() <= System.nanoTime()) {
      delayed.poll().task().run();
    }
    openQueued();
    long next = sendDue(System.nanoTime());
    if (!delayed.isEmpty()) {
      next = Math.min(next, delayed.peek().dueNanos());
    }
    long wait = next - System.nanoTime();
    int ready;
    if (next == Long.MAX_VALUE) {
      ready = selector.select(100);
    } else if (wait > POLL_WINDOW_NANOS) {
      ready = selector.select(TimeUnit.NANOSECONDS.toMillis(wait - POLL_WINDOW_NANOS / 2));
    } else {
      ready = selector.selectNow();
      if (ready == 0 && wait > 0) {
        LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
      }
    }
    if (ready > 0) {
      handleSelected();
    }
  }

  private void openQueued() {
    while (opening < maxOpening && !toOpen.isEmpty()) {
      BenchConnection connection = toOpen.poll();
      opening++;
      connection.state = BenchConnection.State.CONNECTING;
      try {
        SocketChannel channel = SocketChannel.open();
        connection.channel = channel;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        if (connection.receiveBuffer > 0) {
          channel.setOption(StandardSocketOptions.SO_RCVBUF, connection.receiveBuffer);
        }
        boolean connected = channel.connect(connection.server);
        connection.key = channel.register(selector,
            connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, connection);
        if (connected) {
          connection.connected();
        }
      } catch (IOException e) {
        close(connection, "cannot connect: " + e.getMessage());
      }
    }
  }

  /** Sends every post now due; returns when the next one is due, or Long.MAX_VALUE. */
  private long sendDue(long now) {
    long next = Long.MAX_VALUE;
    for (Sender sender : senders) {
      if (sender.sent >= sender.count) {
        continue;
      }
      long due = Math.min(sender.count, sender.schedule.dueBy(now));
      BenchConnection connection = sender.connection;
      if (due > sender.sent && connection.state != BenchConnection.State.CLOSED) {
        batch.reset();
        for (long n = sender.sent; n < due; n++) {
          Payload payload = new Payload(sender.id, n, sender.schedule.intendedNanos(n));
          connection.transport.write(
              connection.wire.post(connection.room, payload.text(sender.size)), batch);
        }
        sender.sent = due;
        byte[] posts = batch.toByteArray();
        connection.sendRaw(posts, 0, posts.length);
      }
      if (sender.sent < sender.count && connection.state != BenchConnection.State.CLOSED) {
        next = Math.min(next, sender.schedule.intendedNanos(sender.sent));
      }
    }
    return next;
  }

  private void handleSelected() {
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    long received = 0;
    while (keys.hasNext()) {
      SelectionKey key = keys.next();
      keys.remove();
      BenchConnection connection = (BenchConnection) key.attachment();
      if (!key.isValid()) {
        continue;
      }
      if (key.isConnectable()) {
        try {
          connection.channel.finishConnect();
          key.interestOps(connection.isReading() ? SelectionKey.OP_READ : 0);
          connection.connected();
        } catch (IOException e) {
          close(connection, "cannot connect: " + e.getMessage());
        }
        continue;
      }
      if (key.isValid() && key.isWritable()) {
        connection.writable();
      }
      if (key.isValid() && key.isReadable()) {
        long before = connection.deliveries;
        read(connection);
        received += connection.deliveries - before;
      }
    }
    if (received > 0) {
      deliveries.addAndGet(received);
    }
  }

  private void read(BenchConnection connection) {
    readBuffer.clear();
    int count;
    try {
      count = connection.channel.read(readBuffer);
    } catch (IOException e) {
      close(connection, "connection lost: " + e.getMessage());
      return;
    }
    if (count < 0) {
      close(connection, "closed by the server");
      return;
    }
    connection.received(readBuffer.array(), count, System.nanoTime());
  }

  /** Marks a connection that finished signing in or failed to as no longer opening. */
  void opened() {
    opening--;
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
