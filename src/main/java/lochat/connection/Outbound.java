package lochat.connection;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import lochat.chat.MemberDelivery;
import lochat.protocol.LineEncoding;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * The sending side of one connection: the bytes queued for the client, bounded in bytes, in
 * front of its socket.
 *
 * <p>Two writers fill it: the connection's session (replies, and the events it renders) and the
 * rooms the user is in, which queue other people's posts here directly ({@link RoomDelivery}).
 * Neither ever blocks. The socket side ({@link #source}) takes everything queued at once, up to
 * {@code maxWriteBytes}, whenever the socket is ready for more: a quiet connection's line is
 * written at once, a busy one gets one write per batch, and no timer is involved.
 *
 * <p>The slow-reader rule, as IRC servers' send queue: up to {@code limitBytes} may wait. Past
 * that, if the client is still reading (it took bytes within the last eighth of
 * {@code slowReaderTimeout}), a room stops taking posts until it has read back to half of it, so
 * that a room whose senders outpace a reader slows the senders (their lines are answered later,
 * and TCP holds them back) instead of cutting the reader; a client that is not reading is not
 * waited for, and is dropped once twice the limit is queued. A client that has more than {@code limitBytes}
 * unread and has taken nothing for {@code slowReaderTimeout}, or that has not caught up within
 * {@value #CATCH_UP_TIMEOUTS} times that, has stopped reading: it is dropped ({@link #tooSlow}).
 * A queue within its limit takes the next element whatever its size. Past it, rooms queue
 * nothing that would bring it beyond twice the limit, and the session (whose replies, such as a
 * room's history on join, come in bursts) nothing beyond {@value #SESSION_BURSTS} times.
 *
 * <p>Order between the two writers: while the session has room events to handle, direct posts go
 * through it too ({@link #deliver}), so that the client sees everything in the order the room
 * sent it. Thread-safe: one lock, held only to change counts and the queue.
 */
public final class Outbound {

  /** What happened to bytes handed to {@link #send}. */
  public enum Result { SENT, OVERFLOW, CLOSED }

  /**
   * A client behind its limit counts as still reading (so that its rooms wait for it) if it
   * took bytes within this fraction of the slow-reader timeout; one that did not is not waited
   * for, and is dropped once twice its limit is queued.
   */
  static final int READING_NOW = 8;

  /** How many slow-reader timeouts a reader has to get back to half its limit. */
  static final int CATCH_UP_TIMEOUTS = 5;

  /**
   * How many limits the session may queue: what it writes at once (a room's history on join, a
   * long reply) can be larger than the limit, and the client reads it afterwards.
   */
  static final int SESSION_BURSTS = 16;

  private final long limitBytes;
  private final int maxWriteBytes;
  private final long slowReaderNanos;
  private final LineEncoding encoding;
  private final String tooSlowReason;
  private final LongSupplier nanoTime;

  private ArrayDeque<ByteString> queue;
  private long queuedBytes;
  private int throughSession;
  private boolean completing;
  private Throwable failure;
  private boolean demand;
  private AsyncCallback<NotUsed> wake;
  private long lastTakeNanos;
  private long behindSinceNanos;
  private List<Runnable> caughtUp;
  private Runnable droppedAsTooSlow = () -> {};

  /**
   * @param limitBytes how much may wait unread before the client counts as behind
   * @param maxWriteBytes most bytes gathered into one socket write
   * @param slowReaderTimeout how long a client that is behind may read nothing
   * @param encoding how the lines sent are written, e.g. each followed by {@code "\n"}
   */
  public Outbound(long limitBytes, int maxWriteBytes, Duration slowReaderTimeout,
      LineEncoding encoding) {
    this(limitBytes, maxWriteBytes, slowReaderTimeout, encoding, System::nanoTime);
  }

  /** As above, reading the time from {@code nanoTime}: for tests of the slow-reader rule. */
  Outbound(long limitBytes, int maxWriteBytes, Duration slowReaderTimeout,
      LineEncoding encoding, LongSupplier nanoTime) {
    if (limitBytes < 1 || maxWriteBytes < 1 || slowReaderTimeout.isNegative()) {
      throw new IllegalArgumentException("Need a limit and a write size of at least a byte");
    }
    this.limitBytes = limitBytes;
    this.maxWriteBytes = maxWriteBytes;
    this.slowReaderNanos = slowReaderTimeout.toNanos();
    this.encoding = encoding;
    this.tooSlowReason = "too slow: more than " + limitBytes + " bytes unread";
    this.nanoTime = nanoTime;
    this.lastTakeNanos = nanoTime.getAsLong();
  }

  public Outbound(ConnectionSettings settings, LineEncoding encoding) {
    this(settings.sendBuffer(), settings.writeCoalesceBytes(), settings.slowReaderTimeout(),
        encoding);
  }

  /** What the session is told, once, when its client is dropped as too slow. */
  public void whenDroppedAsTooSlow(Runnable then) {
    droppedAsTooSlow = then;
  }

  /** Why a client dropped as too slow was dropped, as users are told. */
  public String tooSlowReason() {
    return tooSlowReason;
  }

  /**
   * The bytes for the socket; materialise it once. A connection's stream makes its own
   * ({@link ConnectionFlow}), which also tells the session when it ends.
   */
  public Source<ByteString, NotUsed> source() {
    return Source.fromGraph(
        new OutboundSource(CompletableFuture.completedFuture(this), failure -> {}));
  }

  // --- the session's side -------------------------------------------------------------------

  /** Queues {@code line}, in this connection's encoding. */
  public Result send(String line) {
    return offer(encoding.encode(line));
  }

  /** Queues the lines one event became, together. */
  public Result send(List<String> lines) {
    return offer(encode(lines));
  }

  /** Queues lines already {@link #encode encoded} for this connection. */
  public Result sendEncoded(ByteString lines) {
    return offer(lines);
  }

  /** {@code lines} in this connection's encoding. */
  public ByteString encode(List<String> lines) {
    return encoding.encode(lines);
  }

  /** The session has handled one event a room sent {@link MemberDelivery#throughSession}. */
  public void handledThroughSession() {
    synchronized (this) {
      if (throughSession == 0) {
        throw new IllegalStateException("More room events handled than were sent");
      }
      throughSession--;
    }
  }

  /** Sends what is queued, then closes the connection. Does nothing if it is closed already. */
  public void close() {
    AsyncCallback<NotUsed> toWake;
    synchronized (this) {
      if (completing || failure != null) {
        return;
      }
      completing = true;
      toWake = takeWake();
    }
    invoke(toWake);
  }

  /** Closes the connection at once, dropping what is queued. Does nothing if it is closed already. */
  public void abort(String reason) {
    fail(new ConnectionAborted(reason));
  }

  // --- the rooms' side ----------------------------------------------------------------------

  /**
   * Queues a post's bytes for {@code delivery}, unless the session has room events to handle
   * first: then the post is counted as one more and must be told to the session.
   */
  MemberDelivery.Outcome deliver(RoomDelivery delivery, ByteString bytes) {
    AsyncCallback<NotUsed> toWake = null;
    boolean behind = false;
    boolean overflow;
    synchronized (this) {
      if (!delivery.open || completing || failure != null) {
        return MemberDelivery.Outcome.DELIVERED;
      }
      if (throughSession > 0) {
        throughSession++;
        return MemberDelivery.Outcome.THROUGH_SESSION;
      }
      if (bytes.isEmpty()) {
        return MemberDelivery.Outcome.DELIVERED;
      }
      overflow = queuedBytes > limitBytes && queuedBytes + bytes.size() > 2 * limitBytes;
      if (!overflow) {
        toWake = enqueue(bytes);
        behind = behindAndReading();
      }
    }
    if (overflow) {
      drop(tooSlowReason);
      return MemberDelivery.Outcome.DELIVERED;
    }
    invoke(toWake);
    return behind ? MemberDelivery.Outcome.BEHIND : MemberDelivery.Outcome.DELIVERED;
  }

  /** Whether the client is past its limit and still reading, so that its rooms should wait. */
  synchronized boolean behind() {
    return behindAndReading();
  }

  private boolean behindAndReading() {
    return queuedBytes > limitBytes
        && nanoTime.getAsLong() - lastTakeNanos < slowReaderNanos / READING_NOW;
  }

  synchronized void expectThroughSession() {
    throughSession++;
  }

  synchronized void closeDelivery(RoomDelivery delivery) {
    delivery.open = false;
  }

  void whenCaughtUp(Runnable then) {
    synchronized (this) {
      if (failure == null && queuedBytes > limitBytes / 2) {
        if (caughtUp == null) {
          caughtUp = new ArrayList<>(2);
        }
        caughtUp.add(then);
        return;
      }
    }
    then.run();
  }

  synchronized String tooSlow() {
    if (failure != null) {
      return null;
    }
    long now = nanoTime.getAsLong();
    boolean stopped = queuedBytes > limitBytes && now - lastTakeNanos > slowReaderNanos;
    boolean neverCaughtUp = behindSinceNanos != 0
        && now - behindSinceNanos > CATCH_UP_TIMEOUTS * slowReaderNanos;
    return stopped || neverCaughtUp ? tooSlowReason : null;
  }

  /** Drops the client as too slow: the connection is cut and the session told, once. */
  void drop(String reason) {
    if (fail(new ConnectionAborted(reason))) {
      droppedAsTooSlow.run();
    }
  }

  // --- the socket's side --------------------------------------------------------------------

  /** What {@link #take} found. */
  sealed interface Taken {}

  record Bytes(ByteString bytes) implements Taken {}

  record Finished() implements Taken {}

  record Failed(Throwable cause) implements Taken {}

  record Nothing() implements Taken {}

  private static final Taken NOTHING = new Nothing();
  private static final Taken FINISHED = new Finished();

  /** Why the queue failed, or null while it has not. */
  synchronized Throwable failure() {
    return failure;
  }

  /** Called once, when the socket side has started. */
  synchronized void attach(AsyncCallback<NotUsed> callback) {
    wake = callback;
  }

  /** Takes everything queued, up to the most for one write; remembers the demand if nothing is. */
  Taken take() {
    List<Runnable> ready = null;
    Taken taken;
    synchronized (this) {
      if (failure != null) {
        return new Failed(failure);
      }
      if (queue == null || queue.isEmpty()) {
        if (completing) {
          return FINISHED;
        }
        demand = true;
        return NOTHING;
      }
      demand = false;
      lastTakeNanos = nanoTime.getAsLong();
      ByteString first = queue.poll();
      ByteString batch;
      if (queue.isEmpty() || first.size() >= maxWriteBytes) {
        batch = first;
      } else {
        ByteStringBuilder builder = ByteString.newBuilder();
        builder.append(first);
        while (!queue.isEmpty() && builder.length() + queue.peek().size() <= maxWriteBytes) {
          builder.append(queue.poll());
        }
        batch = builder.result();
      }
      queuedBytes -= batch.size();
      if (queuedBytes <= limitBytes / 2) {
        behindSinceNanos = 0;
        ready = caughtUp;
        caughtUp = null;
      }
      taken = new Bytes(batch);
    }
    runAll(ready);
    return taken;
  }

  /** The socket side is gone (the connection closed or failed): nothing more can be sent. */
  void cancelled(Throwable cause) {
    fail(cause == null ? new ConnectionAborted("connection closed") : cause);
  }

  // --- inside -------------------------------------------------------------------------------

  private Result offer(ByteString bytes) {
    AsyncCallback<NotUsed> toWake;
    boolean overflow;
    synchronized (this) {
      if (completing || failure != null) {
        return Result.CLOSED;
      }
      overflow = queuedBytes > limitBytes
          && (queuedBytes + bytes.size() > SESSION_BURSTS * limitBytes
              || nanoTime.getAsLong() - lastTakeNanos > slowReaderNanos);
      toWake = overflow ? null : enqueue(bytes);
    }
    if (overflow) {
      drop(tooSlowReason);
      return Result.OVERFLOW;
    }
    invoke(toWake);
    return Result.SENT;
  }

  /** Queues {@code bytes}; returns the socket side's callback if it waits for them. */
  private AsyncCallback<NotUsed> enqueue(ByteString bytes) {
    if (queue == null) {
      queue = new ArrayDeque<>(8);
    }
    if (queue.isEmpty()) {
      lastTakeNanos = nanoTime.getAsLong();
    }
    queue.add(bytes);
    queuedBytes += bytes.size();
    if (queuedBytes > limitBytes && behindSinceNanos == 0) {
      behindSinceNanos = nanoTime.getAsLong();
    }
    return takeWake();
  }

  /** Fails the queue; whether it was this call that did (it had not failed yet). */
  private boolean fail(Throwable cause) {
    AsyncCallback<NotUsed> toWake;
    List<Runnable> ready;
    synchronized (this) {
      if (failure != null) {
        return false;
      }
      failure = cause;
      queue = null;
      queuedBytes = 0;
      ready = caughtUp;
      caughtUp = null;
      demand = false;
      toWake = wake;
    }
    invoke(toWake);
    runAll(ready);
    return true;
  }

  private AsyncCallback<NotUsed> takeWake() {
    if (demand && wake != null) {
      demand = false;
      return wake;
    }
    return null;
  }

  private static void invoke(AsyncCallback<NotUsed> callback) {
    if (callback != null) {
      callback.invoke(NotUsed.getInstance());
    }
  }

  private static void runAll(List<Runnable> actions) {
    if (actions != null) {
      actions.forEach(Runnable::run);
    }
  }

  /** Why a connection was closed without flushing; expected, so it carries no stack trace. */
  public static final class ConnectionAborted extends RuntimeException {
    public ConnectionAborted(String reason) {
      super(reason, null, false, false);
    }
  }
}
