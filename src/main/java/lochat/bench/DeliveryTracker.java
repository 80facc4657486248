package lochat.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.HdrHistogram.Histogram;

/**
 * What one receiving connection got: how many messages, how late, and per sender whether they
 * came in order, with gaps, reordered or twice.
 *
 * <p>Per sender it keeps the highest sequence number seen and the ranges below it not seen yet.
 * A number above the highest opens a gap (every number skipped is missing for now); a missing
 * number that comes later fills its gap and counts as reordered; anything else already seen is a
 * duplicate. At the end of a run, {@link #expect} says how many each sender sent; what never came
 * is lost, gaps and the tail after the highest number alike (see {@link DeliveryTotals#of}).
 *
 * <p>Latency is the receive time minus the payload's intended send time, both
 * {@link System#nanoTime()} readings, so time a message spent queued in its sender counts. It is
 * recorded in microseconds with 3 significant digits (so within 0.1%), clamped to 0 below and to
 * {@value #MAX_LATENCY_MICROS} µs (60 s) above; clamped values are counted. Duplicates are
 * recorded too: each is a real delivery. A tracker told which senders are on its receiver's
 * server ({@link #DeliveryTracker(IntPredicate)}) also keeps their latencies apart from those of
 * senders on other servers (see {@link NodeLatencies}).
 *
 * <p>Limits: not thread-safe. Each connection owns its tracker and feeds it from the one thread
 * that reads that connection; trackers are merged once reading has stopped. The histogram grows
 * with the largest latency recorded, up to about 140 KB at the clamp. Memory for gaps grows with
 * the number of separate gaps, so a receiver that misses every other message keeps one range per
 * lost message.
 */
public final class DeliveryTracker {

  /** The highest latency recorded: 60 s, in microseconds. */
  public static final long MAX_LATENCY_MICROS = 60_000_000L;

  private final Map<Integer, Sender> senders = new HashMap<>();
  private final Map<Integer, Long> expected = new HashMap<>();
  private final Histogram latencyMicros = new Histogram(3);
  private final IntPredicate sameNode;
  private final Histogram sameNodeMicros;
  private final Histogram crossNodeMicros;
  private long received;
  private long reordered;
  private long duplicates;
  private long missing;
  private long clamped;

  /** One sender as this receiver sees it. */
  private static final class Sender {
    long highest = -1;
    long unique;
    /** Sequence numbers not received, below {@link #highest}: start to end, exclusive. */
    final TreeMap<Long, Long> gaps = new TreeMap<>();
  }

  /** A tracker that does not tell senders on the receiver's server from others. */
  public DeliveryTracker() {
    this.sameNode = null;
    this.sameNodeMicros = null;
    this.crossNodeMicros = null;
  }

  /**
   * A tracker that keeps the latencies from senders on the receiver's server, those for which
   * {@code sameNode} holds of their sender number, apart from the others'.
   */
  public DeliveryTracker(IntPredicate sameNode) {
    this.sameNode = sameNode;
    this.sameNodeMicros = new Histogram(3);
    this.crossNodeMicros = new Histogram(3);
  }

  /** Accounts for {@code payload}, received at {@code receivedNanos} ({@code System.nanoTime}). */
  public void record(Payload payload, long receivedNanos) {
    received++;
    long micros = recordLatency(receivedNanos - payload.intendedNanos());
    if (sameNode != null) {
      (sameNode.test(payload.sender()) ? sameNodeMicros : crossNodeMicros).recordValue(micros);
    }
    Sender sender = senders.computeIfAbsent(payload.sender(), id -> new Sender());
    long sequence = payload.sequence();
    if (sequence > sender.highest) {
      if (sequence > sender.highest + 1) {
        sender.gaps.put(sender.highest + 1, sequence);
        missing += sequence - sender.highest - 1;
      }
      sender.highest = sequence;
      sender.unique++;
    } else if (fillGap(sender.gaps, sequence)) {
      sender.unique++;
      reordered++;
      missing--;
    } else {
      duplicates++;
    }
  }

  /**
   * Sets how many messages {@code sender} sent that this receiver should have got: sequence
   * numbers 0 to {@code sent - 1}. A sender never expected contributes nothing to the expected
   * count, and what came from it counts as unexpected. Calling it again for a sender replaces
   * the count.
   */
  public void expect(int sender, long sent) {
    if (sent < 0) {
      throw new IllegalArgumentException("Sent must not be negative: " + sent);
    }
    expected.put(sender, sent);
  }

  /** Messages received so far, duplicates included. */
  public long received() {
    return received;
  }

  /** Sequence numbers skipped so far and not (yet) filled, over all senders. */
  public long missing() {
    return missing;
  }

  /** Messages so far that filled a gap. */
  public long reordered() {
    return reordered;
  }

  /** Messages so far that had been received before. */
  public long duplicates() {
    return duplicates;
  }

  /** Latencies recorded outside 0 to {@value #MAX_LATENCY_MICROS} µs, and so clamped. */
  public long clamped() {
    return clamped;
  }

  /** Adds this tracker's latencies to {@code into}. */
  void addLatenciesTo(Histogram into) {
    into.add(latencyMicros);
  }

  /**
   * Adds this tracker's latencies from senders on its receiver's server to {@code same}, the
   * others' to {@code cross}; nothing when it does not tell them apart.
   */
  void addNodeLatenciesTo(Histogram same, Histogram cross) {
    if (sameNode != null) {
      same.add(sameNodeMicros);
      cross.add(crossNodeMicros);
    }
  }

  /** The sum of the counts given to {@link #expect}. */
  long expectedTotal() {
    long total = 0;
    for (long sent : expected.values()) {
      total += sent;
    }
    return total;
  }

  /** Expected messages that arrived, each counted once. */
  long delivered() {
    long delivered = 0;
    for (Map.Entry<Integer, Long> sent : expected.entrySet()) {
      delivered += deliveredOf(sent.getKey(), sent.getValue());
    }
    return delivered;
  }

  /**
   * Messages that arrived, each counted once, that were not expected: from a sender never given
   * to {@link #expect}, or numbered at or beyond the count it sent.
   */
  long unexpected() {
    long unexpected = 0;
    for (Map.Entry<Integer, Sender> seen : senders.entrySet()) {
      Long sent = expected.get(seen.getKey());
      unexpected += seen.getValue().unique - (sent == null ? 0 : deliveredOf(seen.getKey(), sent));
    }
    return unexpected;
  }

  /** Messages from {@code sender} numbered below {@code sent} that arrived, each counted once. */
  private long deliveredOf(int sender, long sent) {
    Sender seen = senders.get(sender);
    if (seen == null) {
      return 0;
    }
    long end = Math.min(sent, seen.highest + 1);
    long notSeen = 0;
    for (Map.Entry<Long, Long> gap : seen.gaps.headMap(end).entrySet()) {
      notSeen += Math.min(gap.getValue(), end) - gap.getKey();
    }
    return end - notSeen;
  }

  private long recordLatency(long nanos) {
    long micros = Math.floorDiv(nanos, 1000);
    if (micros < 0 || micros > MAX_LATENCY_MICROS) {
      clamped++;
      micros = micros < 0 ? 0 : MAX_LATENCY_MICROS;
    }
    latencyMicros.recordValue(micros);
    return micros;
  }

  /** Removes {@code sequence} from the gap holding it, if one does. */
  private static boolean fillGap(TreeMap<Long, Long> gaps, long sequence) {
    Map.Entry<Long, Long> gap = gaps.floorEntry(sequence);
    if (gap == null || sequence >= gap.getValue()) {
      return false;
    }
    long start = gap.getKey();
    long end = gap.getValue();
    gaps.remove(start);
    if (start < sequence) {
      gaps.put(start, sequence);
    }
    if (sequence + 1 < end) {
      gaps.put(sequence + 1, end);
    }
    return true;
  }
}
