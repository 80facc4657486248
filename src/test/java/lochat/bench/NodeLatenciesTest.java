package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Latency split by whether sender and receiver were on the same server, and the extra. */
class NodeLatenciesTest {

  private static final long MS = 1_000_000L;

  /** Receives {@code count} posts from {@code sender}, each {@code lateMs} late. */
  private static void receive(DeliveryTracker tracker, int sender, int count, long lateMs) {
    for (int n = 0; n < count; n++) {
      long intended = 1_000 * MS + n * MS;
      tracker.record(new Payload(sender, n, intended), intended + lateMs * MS);
    }
  }

  @Test
  void postsFromTheReceiversServerAndFromOthersAreMeasuredApart() {
    // Senders 0 and 2 are on the receiver's server; 1 is not.
    DeliveryTracker tracker = new DeliveryTracker(sender -> sender % 2 == 0);
    receive(tracker, 0, 100, 2);
    receive(tracker, 2, 100, 2);
    receive(tracker, 1, 100, 5);
    NodeLatencies split = NodeLatencies.of(List.of(tracker));
    assertEquals(200, split.same().count());
    assertEquals(100, split.cross().count());
    assertEquals(3_000, split.extraP50Micros().orElseThrow(), 3);
    assertEquals(3_000, split.extraP99Micros().orElseThrow(), 3);
    assertEquals(300, DeliveryTotals.of(List.of(tracker)).latency().count(),
        "the split does not change the totals");
  }

  @Test
  void trackersAreMergedAndThoseThatDoNotSplitAddNothing() {
    DeliveryTracker first = new DeliveryTracker(sender -> sender == 0);
    DeliveryTracker second = new DeliveryTracker(sender -> sender == 1);
    DeliveryTracker plain = new DeliveryTracker();
    receive(first, 0, 10, 1);
    receive(first, 1, 10, 4);
    receive(second, 1, 10, 1);
    receive(plain, 0, 10, 1);
    NodeLatencies split = NodeLatencies.of(List.of(first, second, plain));
    assertEquals(20, split.same().count());
    assertEquals(10, split.cross().count());
    assertEquals(3_000, split.extraP99Micros().orElseThrow(), 3);
  }

  @Test
  void withoutBothKindsThereIsNoExtraAndTheSummarySaysNull() {
    DeliveryTracker tracker = new DeliveryTracker(sender -> true);
    receive(tracker, 0, 10, 1);
    NodeLatencies split = NodeLatencies.of(List.of(tracker));
    assertTrue(split.extraP99Micros().isEmpty());
    DeliveryTotals totals = DeliveryTotals.of(List.of(tracker));
    RunSummary summary = split.addTo(
        new RunSummary("fanout 1x2", "t", 1.0, 10, totals, OptionalDouble.empty()));
    assertEquals(10L, summary.extras().get("same_node_deliveries"));
    assertEquals(0L, summary.extras().get("cross_node_deliveries"));
    assertNull(summary.extras().get("cross_node_p99_ms"));
    assertNull(summary.extras().get("cross_extra_p99_ms"));
    assertTrue(summary.toJson().endsWith("\"cross_extra_p50_ms\":null,"
        + "\"cross_extra_p99_ms\":null}"), summary.toJson());
  }
}
