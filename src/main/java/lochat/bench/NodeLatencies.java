package lochat.bench;

import java.util.Collection;
import java.util.OptionalLong;
import org.HdrHistogram.Histogram;

/**
 * Latency split by where sender and receiver were, for a run spread over several servers (the
 * nodes of a cluster): {@code same} when both were connected to one server, {@code cross} when
 * to different ones. The cross-node extra latency is a percentile of {@code cross} minus the same
 * percentile of {@code same}: what a post pays for crossing between nodes (to the room's node and
 * back out), on top of what it pays anyway.
 *
 * <p>Limits: a difference of percentiles, not a percentile of differences; on a machine whose
 * cores the nodes share, it includes the nodes' competition for them. Empty (both counts 0) for
 * a run on one server.
 */
record NodeLatencies(DeliveryTotals.Latency same, DeliveryTotals.Latency cross) {

  static final NodeLatencies NONE = new NodeLatencies(
      new DeliveryTotals.Latency(0, 0, 0, 0, 0), new DeliveryTotals.Latency(0, 0, 0, 0, 0));

  /** The split latencies of {@code trackers}, those that keep them apart. */
  static NodeLatencies of(Collection<DeliveryTracker> trackers) {
    Histogram same = new Histogram(3);
    Histogram cross = new Histogram(3);
    for (DeliveryTracker tracker : trackers) {
      tracker.addNodeLatenciesTo(same, cross);
    }
    return new NodeLatencies(DeliveryTotals.Latency.of(same), DeliveryTotals.Latency.of(cross));
  }

  /** Cross-node p50 minus same-node p50, in µs, when both were seen. */
  OptionalLong extraP50Micros() {
    return both() ? OptionalLong.of(cross.p50Micros() - same.p50Micros()) : OptionalLong.empty();
  }

  /** Cross-node p99 minus same-node p99, in µs, when both were seen. */
  OptionalLong extraP99Micros() {
    return both() ? OptionalLong.of(cross.p99Micros() - same.p99Micros()) : OptionalLong.empty();
  }

  private boolean both() {
    return same.count() > 0 && cross.count() > 0;
  }

  /**
   * {@code summary} with these figures among its extras: deliveries, p50 and p99 on the same
   * and on different nodes, and the cross-node extra p50 and p99 (null when not known).
   */
  RunSummary addTo(RunSummary summary) {
    return summary.with("same_node_deliveries", same.count())
        .with("cross_node_deliveries", cross.count())
        .with("same_node_p50_ms", millis(same, same.p50Micros()))
        .with("same_node_p99_ms", millis(same, same.p99Micros()))
        .with("cross_node_p50_ms", millis(cross, cross.p50Micros()))
        .with("cross_node_p99_ms", millis(cross, cross.p99Micros()))
        .with("cross_extra_p50_ms", millis(extraP50Micros()))
        .with("cross_extra_p99_ms", millis(extraP99Micros()));
  }

  private static Double millis(DeliveryTotals.Latency latency, long micros) {
    return latency.count() == 0 ? null : micros / 1000.0;
  }

  private static Double millis(OptionalLong micros) {
    return micros.isPresent() ? micros.getAsLong() / 1000.0 : null;
  }
}
