package lochat.bench;

/**
 * When one sender's messages are due, at a fixed rate from a start time, whatever happened to
 * the messages before them.
 *
 * <p>The rate is {@code messages} per {@code perNanos}; message {@code n} is due at
 * {@code start + floor(n * perNanos / messages)}, computed exactly in integers, so there is no
 * drift however long the run or high the rate. A sender that falls behind does not wait: it sends
 * every message {@link #dueBy} says is due, at once, and each keeps its own intended time, so
 * latency includes the time it waited in the sender (no coordinated omission).
 *
 * <p>Limits: {@code messages * perNanos} must fit in a long (any rate up to 10^9 per second
 * does). Senders that share a start time send in bursts together; give each its own offset
 * within one interval to spread them.
 */
public record OpenLoopSchedule(long startNanos, long messages, long perNanos) {

  private static final long SECOND = 1_000_000_000L;

  public OpenLoopSchedule {
    if (messages < 1 || perNanos < 1) {
      throw new IllegalArgumentException(
          "Rate must be positive: " + messages + " per " + perNanos + " ns");
    }
    Math.multiplyExact(messages, perNanos);
  }

  /** {@code rate} messages a second from {@code startNanos}. */
  public static OpenLoopSchedule perSecond(long startNanos, long rate) {
    return new OpenLoopSchedule(startNanos, rate, SECOND);
  }

  /** When message {@code n} (from 0) is due. */
  public long intendedNanos(long n) {
    if (n < 0) {
      throw new IllegalArgumentException("Message number must not be negative: " + n);
    }
    long offset = Math.addExact(Math.multiplyExact(n / messages, perNanos),
        (n % messages) * perNanos / messages);
    return startNanos + offset;
  }

  /**
   * How many messages are due at {@code nowNanos}: messages 0 up to the result (exclusive) have
   * an intended time at or before it. A sender that has sent {@code k} sends messages {@code k}
   * up to this next.
   */
  public long dueBy(long nowNanos) {
    long elapsed = nowNanos - startNanos;
    if (elapsed < 0) {
      return 0;
    }
    // Message n is due when n * perNanos < (elapsed + 1) * messages.
    long span = elapsed + 1;
    long whole = Math.multiplyExact(span / perNanos, messages);
    long part = (span % perNanos) * messages;
    return Math.addExact(whole, part / perNanos + (part % perNanos == 0 ? 0 : 1));
  }

  /** How many messages are due within {@code durationNanos} of the start, its end excluded. */
  public long countWithin(long durationNanos) {
    return durationNanos <= 0 ? 0 : dueBy(startNanos + durationNanos - 1);
  }
}
