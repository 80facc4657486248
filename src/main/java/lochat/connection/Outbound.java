package lochat.connection;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;

/**
 * The sending side of one connection: a bounded queue of encoded lines in front of the socket.
 *
 * <p>{@link #send} never blocks and never waits for the client: when the queue is full it says so
 * and the caller decides (the session drops the client as too slow). This is what keeps one
 * client that stops reading from slowing anyone else. Safe to call from any thread, but meant to
 * be owned by the connection's session actor.
 */
public final class Outbound {

  /** What happened to a line handed to {@link #send}. */
  public enum Result { SENT, OVERFLOW, CLOSED }

  private final BoundedSourceQueue<ByteString> queue;
  private final String lineEnding;

  /** @param lineEnding what follows every line sent, e.g. {@code "\n"} */
  public Outbound(BoundedSourceQueue<ByteString> queue, String lineEnding) {
    this.queue = queue;
    this.lineEnding = lineEnding;
  }

  /** Queues {@code line} plus the line ending, encoded as UTF-8. */
  public Result send(String line) {
    return offer(ByteString.fromString(line + lineEnding, StandardCharsets.UTF_8));
  }

  /**
   * Queues {@code lines} as one entry: the lines one event became (a long message split for
   * IRC, a reply in several lines) take one place in the queue, as one line does, so that the
   * send buffer bounds events, whatever the protocol makes of them.
   */
  public Result send(List<String> lines) {
    return offer(encode(lines));
  }

  /** Queues lines already {@link #encode encoded} for this connection's line ending. */
  public Result sendEncoded(ByteString lines) {
    return offer(lines);
  }

  /** {@code lines}, each followed by this connection's line ending, as UTF-8. */
  public ByteString encode(List<String> lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append(lineEnding);
    }
    return ByteString.fromString(text.toString(), StandardCharsets.UTF_8);
  }

  private Result offer(ByteString bytes) {
    QueueOfferResult result = queue.offer(bytes);
    if (result.isEnqueued()) {
      return Result.SENT;
    }
    return result == QueueOfferResult.dropped() ? Result.OVERFLOW : Result.CLOSED;
  }

  /** Sends what is queued, then closes the connection. Does nothing if it is closed already. */
  public void close() {
    try {
      queue.complete();
    } catch (IllegalStateException alreadyClosed) {
      // The connection ended first; nothing left to close.
    }
  }

  /** Closes the connection at once, dropping what is queued. Does nothing if it is closed already. */
  public void abort(String reason) {
    try {
      queue.fail(new ConnectionAborted(reason));
    } catch (IllegalStateException alreadyClosed) {
      // The connection ended first; nothing left to abort.
    }
  }

  /** Why a connection was closed without flushing; expected, so it carries no stack trace. */
  public static final class ConnectionAborted extends RuntimeException {
    public ConnectionAborted(String reason) {
      super(reason, null, false, false);
    }
  }
}
