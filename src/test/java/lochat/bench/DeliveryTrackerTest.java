package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {

  private static final long MS = 1_000_000L;
  private static final long START = 5_000 * MS;

  /** Records {@code sequences} from {@code sender}, each sent on time and received 1 ms later. */
  private static void receive(DeliveryTracker tracker, int sender, long... sequences) {
    for (long sequence : sequences) {
      long intended = START + sequence * MS;
      tracker.record(new Payload(sender, sequence, intended), intended + MS);
    }
  }

  private static DeliveryTotals totals(DeliveryTracker... trackers) {
    return DeliveryTotals.of(List.of(trackers));
  }

  @Test
  void inOrderDeliveryIsComplete() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 1, 2, 3, 4);
    receive(tracker, 2, 0, 1, 2);
    tracker.expect(1, 5);
    tracker.expect(2, 3);
    DeliveryTotals totals = totals(tracker);
    assertEquals(8, totals.received());
    assertEquals(8, totals.expected());
    assertEquals(8, totals.delivered());
    assertEquals(0, totals.lost());
    assertEquals(0, totals.reordered());
    assertEquals(0, totals.duplicates());
    assertEquals(0, totals.unexpected());
    assertEquals(List.of(), totals.problems());
  }

  @Test
  void gapCountsMissingUntilFilledThenReordered() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 1, 4);
    assertEquals(2, tracker.missing());
    receive(tracker, 1, 3);
    assertEquals(1, tracker.missing());
    assertEquals(1, tracker.reordered());
    receive(tracker, 1, 2, 5);
    assertEquals(0, tracker.missing());
    tracker.expect(1, 6);
    DeliveryTotals totals = totals(tracker);
    assertEquals(6, totals.delivered());
    assertEquals(0, totals.lost());
    assertEquals(2, totals.reordered());
    assertEquals(0, totals.duplicates());
    assertEquals(List.of("2 reordered"), totals.problems());
  }

  @Test
  void fillingTheMiddleOfAGapLeavesBothSidesMissing() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 10, 5);
    assertEquals(8, tracker.missing());
    receive(tracker, 1, 1, 9);
    assertEquals(6, tracker.missing());
    receive(tracker, 1, 5, 1, 9);
    assertEquals(3, tracker.reordered());
    assertEquals(3, tracker.duplicates());
    tracker.expect(1, 11);
    assertEquals(6, totals(tracker).lost());
  }

  @Test
  void gapNeverFilledIsLost() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 3, 4);
    tracker.expect(1, 5);
    DeliveryTotals totals = totals(tracker);
    assertEquals(5, totals.expected());
    assertEquals(3, totals.delivered());
    assertEquals(2, totals.lost());
    assertEquals(0, totals.reordered());
    assertEquals(List.of("2 lost"), totals.problems());
  }

  @Test
  void messagesAfterTheLastReceivedAreLostToo() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 1);
    assertEquals(0, tracker.missing());
    tracker.expect(1, 5);
    tracker.expect(2, 4);
    DeliveryTotals totals = totals(tracker);
    assertEquals(9, totals.expected());
    assertEquals(2, totals.delivered());
    assertEquals(7, totals.lost());
  }

  @Test
  void joiningLateMissesTheFirstMessages() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 3, 4);
    assertEquals(3, tracker.missing());
    tracker.expect(1, 5);
    assertEquals(3, totals(tracker).lost());
  }

  @Test
  void duplicatesAreCountedOnceAsDeliveredAndOnceEachAsDuplicate() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 1, 1, 2, 0, 2);
    tracker.expect(1, 3);
    DeliveryTotals totals = totals(tracker);
    assertEquals(6, totals.received());
    assertEquals(3, totals.delivered());
    assertEquals(3, totals.duplicates());
    assertEquals(0, totals.reordered());
    assertEquals(0, totals.lost());
    assertEquals(6, totals.latency().count());
    assertEquals(List.of("3 duplicates"), totals.problems());
  }

  @Test
  void sendersAreTrackedApart() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 1);
    receive(tracker, 2, 0);
    receive(tracker, 1, 2);
    receive(tracker, 2, 1);
    assertEquals(0, tracker.missing());
    assertEquals(0, tracker.reordered());
    assertEquals(0, tracker.duplicates());
  }

  @Test
  void messagesNotExpectedAreCountedApart() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 1, 2, 3);
    receive(tracker, 9, 0, 1);
    tracker.expect(1, 3);
    DeliveryTotals totals = totals(tracker);
    assertEquals(3, totals.expected());
    assertEquals(3, totals.delivered());
    assertEquals(0, totals.lost());
    assertEquals(3, totals.unexpected());
    assertEquals(6, totals.received());
  }

  @Test
  void expectingAgainReplacesTheCount() {
    DeliveryTracker tracker = new DeliveryTracker();
    receive(tracker, 1, 0, 1);
    tracker.expect(1, 10);
    tracker.expect(1, 2);
    assertEquals(2, totals(tracker).expected());
    assertEquals(0, totals(tracker).lost());
    assertThrows(IllegalArgumentException.class, () -> tracker.expect(1, -1));
  }

  @Test
  void latencyIsTakenFromTheIntendedSendTime() {
    DeliveryTracker tracker = new DeliveryTracker();
    long intended = -3_000 * MS;
    tracker.record(new Payload(1, 0, intended), intended + 2_500_000);
    tracker.expect(1, 1);
    DeliveryTotals.Latency latency = totals(tracker).latency();
    assertEquals(1, latency.count());
    assertEquals(2_500, latency.p50Micros(), 2);
    assertEquals(2_500, latency.maxMicros(), 2);
  }

  @Test
  void lateSendCountsTheTimeItWaitedInTheSender() {
    // Due at 0 ms, sent 40 ms late because the sender was behind, on the wire for 1 ms.
    DeliveryTracker tracker = new DeliveryTracker();
    long intended = START;
    long actuallySent = intended + 40 * MS;
    tracker.record(new Payload(1, 0, intended), actuallySent + MS);
    assertEquals(41_000, totals(tracker).latency().maxMicros(), 41);
  }

  @Test
  void latencyPercentilesComeFromAllMessages() {
    DeliveryTracker tracker = new DeliveryTracker();
    for (int i = 0; i < 1000; i++) {
      long micros = i < 990 ? 100 : 20_000;
      tracker.record(new Payload(1, i, START), START + micros * 1000);
    }
    DeliveryTotals.Latency latency = totals(tracker).latency();
    assertEquals(100, latency.p50Micros());
    assertEquals(100, latency.p99Micros());
    assertEquals(20_000, latency.p999Micros(), 20);
    assertEquals(20_000, latency.maxMicros(), 20);
  }

  @Test
  void latencyOutOfRangeIsClampedAndCounted() {
    DeliveryTracker tracker = new DeliveryTracker();
    tracker.record(new Payload(1, 0, START), START - 1);
    tracker.record(new Payload(1, 1, START), START + 120_000 * MS);
    tracker.record(new Payload(1, 2, START), START + 1_000);
    assertEquals(2, tracker.clamped());
    tracker.expect(1, 3);
    DeliveryTotals totals = totals(tracker);
    assertEquals(3, totals.latency().count());
    assertEquals(DeliveryTracker.MAX_LATENCY_MICROS, totals.latency().maxMicros(), 60_000);
    assertEquals(List.of("2 latencies out of range"), totals.problems());
  }

  @Test
  void noMessagesGiveEmptyLatencies() {
    DeliveryTracker tracker = new DeliveryTracker();
    tracker.expect(1, 3);
    DeliveryTotals totals = totals(tracker);
    assertEquals(0, totals.latency().count());
    assertEquals(3, totals.lost());
  }

  @Test
  void trackersMergeIntoOneRunTotal() {
    DeliveryTracker alice = new DeliveryTracker();
    DeliveryTracker bob = new DeliveryTracker();
    DeliveryTracker carol = new DeliveryTracker();
    receive(alice, 1, 0, 1, 2, 3);
    receive(bob, 1, 0, 2, 1, 3, 3);
    receive(carol, 7, 0, 2);
    for (DeliveryTracker inRoomA : List.of(alice, bob)) {
      inRoomA.expect(1, 4);
    }
    carol.expect(7, 3);
    DeliveryTotals totals = totals(alice, bob, carol);
    assertEquals(11, totals.received());
    assertEquals(11, totals.expected());
    assertEquals(10, totals.delivered());
    assertEquals(1, totals.lost());
    assertEquals(1, totals.reordered());
    assertEquals(1, totals.duplicates());
    assertEquals(0, totals.unexpected());
    assertEquals(11, totals.latency().count());
    assertEquals(1_000, totals.latency().maxMicros(), 1);
    assertEquals(List.of("1 lost", "1 reordered", "1 duplicate"), totals.problems());
  }

  @Test
  void manyGapsAreEachFilledExactlyOnce() {
    DeliveryTracker tracker = new DeliveryTracker();
    long[] evens = new long[500];
    long[] odds = new long[500];
    for (int i = 0; i < 500; i++) {
      evens[i] = 2L * i;
      odds[i] = 2L * i + 1;
    }
    receive(tracker, 1, evens);
    assertEquals(499, tracker.missing());
    receive(tracker, 1, odds);
    receive(tracker, 1, odds);
    assertEquals(0, tracker.missing());
    assertEquals(499, tracker.reordered());
    assertEquals(500, tracker.duplicates());
    tracker.expect(1, 1000);
    assertEquals(0, totals(tracker).lost());
  }
}
