package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void messagesAreDueAtEvenIntervalsFromTheStart() {
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(1_000, 4);
    assertEquals(1_000, schedule.intendedNanos(0));
    assertEquals(1_000 + 250_000_000, schedule.intendedNanos(1));
    assertEquals(1_000 + 750_000_000, schedule.intendedNanos(3));
    assertEquals(1_000 + 10 * SECOND, schedule.intendedNanos(40));
  }

  @Test
  void startMayBeNegativeLikeNanoTime() {
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(-5 * SECOND, 2);
    assertEquals(-5 * SECOND, schedule.intendedNanos(0));
    assertEquals(-SECOND / 2, schedule.intendedNanos(9));
    assertEquals(10, schedule.dueBy(-1));
  }

  @Test
  void rateThatDoesNotDivideASecondDoesNotDrift() {
    // 3 a second is 333,333,333.3 ns apart: rounding each interval would lose 1 ns in 3.
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(0, 3);
    assertEquals(333_333_333, schedule.intendedNanos(1));
    assertEquals(666_666_666, schedule.intendedNanos(2));
    assertEquals(SECOND, schedule.intendedNanos(3));
    assertEquals(3_600 * SECOND, schedule.intendedNanos(3 * 3_600));
  }

  @Test
  void highRateStaysExactOverALongRun() {
    // 7 million a second for a day: 604.8 billion messages.
    long rate = 7_000_000;
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(123, rate);
    long day = 86_400L;
    assertEquals(123 + day * SECOND, schedule.intendedNanos(day * rate));
    assertEquals(123 + day * SECOND + 142, schedule.intendedNanos(day * rate + 1));
    assertEquals(day * rate, schedule.countWithin(day * SECOND));
  }

  @Test
  void intendedTimesNeverGoBackAndDueCountsMatchThem() {
    for (OpenLoopSchedule schedule : List.of(OpenLoopSchedule.perSecond(17, 3),
        OpenLoopSchedule.perSecond(0, 999_983), new OpenLoopSchedule(5, 7, 1_000))) {
      long previous = Long.MIN_VALUE;
      for (long n = 0; n < 20_000; n++) {
        long intended = schedule.intendedNanos(n);
        assertTrue(intended >= previous, schedule + " at " + n);
        previous = intended;
        assertTrue(schedule.dueBy(intended) > n, schedule + ": " + n + " due at its time");
        assertTrue(schedule.dueBy(intended - 1) <= n, schedule + ": " + n + " not due before");
      }
    }
  }

  @Test
  void nothingIsDueBeforeTheStart() {
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(SECOND, 10);
    assertEquals(0, schedule.dueBy(0));
    assertEquals(0, schedule.dueBy(SECOND - 1));
    assertEquals(1, schedule.dueBy(SECOND));
    assertEquals(1, schedule.dueBy(SECOND + 99_999_999));
    assertEquals(2, schedule.dueBy(SECOND + 100_000_000));
  }

  @Test
  void senderThatFallsBehindFindsItsWholeBacklogDue() {
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(0, 1_000);
    long sent = schedule.dueBy(0);
    assertEquals(1, sent);
    // Stalled for 50 ms: messages 1 to 50 are due at once, each with its own intended time.
    long due = schedule.dueBy(50_000_000);
    assertEquals(51, due);
    assertEquals(1_000_000, schedule.intendedNanos(sent));
    assertEquals(50_000_000, schedule.intendedNanos(due - 1));
  }

  @Test
  void countWithinExcludesTheEnd() {
    OpenLoopSchedule schedule = OpenLoopSchedule.perSecond(0, 10);
    assertEquals(10, schedule.countWithin(SECOND));
    assertEquals(11, schedule.countWithin(SECOND + 1));
    assertEquals(0, schedule.countWithin(0));
    assertEquals(1, schedule.countWithin(1));
  }

  @Test
  void fractionalRatesAreMessagesPerInterval() {
    OpenLoopSchedule everyTwoSeconds = new OpenLoopSchedule(0, 1, 2 * SECOND);
    assertEquals(4 * SECOND, everyTwoSeconds.intendedNanos(2));
    assertEquals(3, everyTwoSeconds.dueBy(5 * SECOND));
  }

  @Test
  void impossibleRatesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> OpenLoopSchedule.perSecond(0, 0));
    assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 1, 0));
    assertThrows(ArithmeticException.class, () -> new OpenLoopSchedule(0, Long.MAX_VALUE, 2));
    assertThrows(IllegalArgumentException.class,
        () -> OpenLoopSchedule.perSecond(0, 1).intendedNanos(-1));
  }
}
