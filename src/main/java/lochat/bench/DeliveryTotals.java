package lochat.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The delivery check of a run: several receivers' {@link DeliveryTracker}s added up.
 *
 * <p>{@code expected} is the sum over receivers of what their expected senders sent;
 * {@code delivered} is how many of those arrived, each once, so {@code lost} is the difference.
 * {@code received} counts every message that arrived, duplicates and unexpected ones included:
 * it is the figure for deliveries per second. {@code reordered} messages filled a gap;
 * {@code unexpected} ones came from a sender a receiver was not told to expect, or beyond the
 * count sent, which points at a bug in the server or the generator.
 *
 * <p>Limits: percentiles come from the merged histograms, so totals from different processes
 * cannot be added up afterwards; merge their trackers' histograms instead.
 */
public record DeliveryTotals(
    long received,
    long expected,
    long delivered,
    long lost,
    long reordered,
    long duplicates,
    long unexpected,
    long clamped,
    Latency latency) {

  /**
   * Latency percentiles in microseconds over {@code count} messages, or all 0 when there were
   * none. Values are HdrHistogram's highest equivalent values: upper bounds within 0.1%.
   */
  public record Latency(long count, long p50Micros, long p99Micros, long p999Micros,
      long maxMicros) {

    static Latency of(Histogram micros) {
      return new Latency(micros.getTotalCount(), micros.getValueAtPercentile(50),
          micros.getValueAtPercentile(99), micros.getValueAtPercentile(99.9),
          micros.getMaxValue());
    }
  }

  /** The totals of {@code trackers}, each after its {@link DeliveryTracker#expect} calls. */
  public static DeliveryTotals of(Collection<DeliveryTracker> trackers) {
    Histogram latencies = new Histogram(3);
    long received = 0;
    long expected = 0;
    long delivered = 0;
    long reordered = 0;
    long duplicates = 0;
    long unexpected = 0;
    long clamped = 0;
    for (DeliveryTracker tracker : trackers) {
      tracker.addLatenciesTo(latencies);
      received += tracker.received();
      expected += tracker.expectedTotal();
      delivered += tracker.delivered();
      reordered += tracker.reordered();
      duplicates += tracker.duplicates();
      unexpected += tracker.unexpected();
      clamped += tracker.clamped();
    }
    return new DeliveryTotals(received, expected, delivered, expected - delivered, reordered,
        duplicates, unexpected, clamped, Latency.of(latencies));
  }

  /**
   * What went wrong, such as {@code 12 lost} or {@code 1 duplicate}, and latencies clamped to
   * the histogram's range; empty for a clean run.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (lost > 0) {
      problems.add(lost + " lost");
    }
    if (reordered > 0) {
      problems.add(reordered + " reordered");
    }
    if (duplicates > 0) {
      problems.add(duplicates + (duplicates == 1 ? " duplicate" : " duplicates"));
    }
    if (unexpected > 0) {
      problems.add(unexpected + " unexpected");
    }
    if (clamped > 0) {
      problems.add(clamped + (clamped == 1 ? " latency" : " latencies") + " out of range");
    }
    return problems;
  }
}
