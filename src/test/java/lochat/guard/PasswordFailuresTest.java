package lochat.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PasswordFailuresTest {

  private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");
  private static final String GUESSER = "192.168.1.66";

  private final PasswordFailures failures = new PasswordFailures(
      3, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));

  @Test
  void theFirstFailuresAreAnsweredAtOnce() {
    for (int i = 1; i <= 3; i++) {
      PasswordFailures.Verdict verdict = failures.check(GUESSER, false, T0);
      assertFalse(verdict.accepted());
      assertEquals(T0, verdict.answerAt());
      assertEquals(i, verdict.failures());
    }
  }

  @Test
  void afterTheFreeFailuresEachCheckWaitsLongerThanTheOneBefore() {
    for (int i = 0; i < 3; i++) {
      failures.check(GUESSER, false, T0);
    }
    // The fourth failure is answered at once but makes the next check wait 1 s, then 2 s, 4 s...
    PasswordFailures.Verdict fourth = failures.check(GUESSER, false, T0);
    assertEquals(T0, fourth.answerAt());
    assertEquals(Duration.ofSeconds(1), fourth.nextDelay());
    Instant due = T0.plusSeconds(1);
    for (long delay : new long[] {2, 4, 8, 16, 30, 30}) {
      // A guesser that waits for each answer before the next guess.
      PasswordFailures.Verdict verdict = failures.check(GUESSER, false, due.minusMillis(500));
      assertEquals(PasswordFailures.Outcome.REJECTED, verdict.outcome());
      assertEquals(due, verdict.answerAt());
      assertEquals(Duration.ofSeconds(delay), verdict.nextDelay());
      due = due.plusSeconds(delay);
    }
  }

  @Test
  void guessesThatWouldWaitLongerThanTheMostAreRefusedUnchecked() {
    for (int i = 0; i < 8; i++) {
      failures.check(GUESSER, false, T0);
    }
    // Queued at once: answers due at T0+1, +3, +7, +15; the next check would be due at T0+31.
    PasswordFailures.Verdict refused = failures.check(GUESSER, true, T0);
    assertEquals(PasswordFailures.Outcome.NOT_CHECKED, refused.outcome());
    assertEquals(T0, refused.answerAt(), "refused at once");
    for (int i = 0; i < 1000; i++) {
      assertEquals(PasswordFailures.Outcome.NOT_CHECKED,
          failures.check(GUESSER, false, T0).outcome(), "a flood queues nothing more");
    }
    PasswordFailures.Verdict later = failures.check(GUESSER, false, T0.plusSeconds(2));
    assertEquals(PasswordFailures.Outcome.REJECTED, later.outcome());
    assertEquals(T0.plusSeconds(31), later.answerAt());
    assertEquals(1001, later.refusedBefore());
  }

  @Test
  void aRightGuessFromADelayedAddressWaitsToo() {
    for (int i = 0; i < 5; i++) {
      failures.check(GUESSER, false, T0);
    }
    PasswordFailures.Verdict right = failures.check(GUESSER, true, T0);
    assertTrue(right.accepted());
    assertEquals(T0.plusSeconds(1 + 2), right.answerAt());
    assertTrue(right.answerAt().isAfter(T0), "no quicker answer for the right password");
  }

  @Test
  void otherAddressesAreNotDelayed() {
    for (int i = 0; i < 10; i++) {
      failures.check(GUESSER, false, T0);
    }
    assertEquals(T0, failures.check("192.168.1.7", true, T0).answerAt());
    assertEquals(T0, failures.check("192.168.1.8", false, T0).answerAt());
  }

  @Test
  void anAddressQuietForLongEnoughStartsAfresh() {
    for (int i = 0; i < 6; i++) {
      failures.check(GUESSER, false, T0);
    }
    Instant later = T0.plus(Duration.ofMinutes(16));
    PasswordFailures.Verdict verdict = failures.check(GUESSER, false, later);
    assertEquals(later, verdict.answerAt());
    assertEquals(1, verdict.failures());
  }

  @Test
  void memoryIsBoundedWhateverTheNumberOfAddresses() {
    for (int i = 0; i < PasswordFailures.MAX_ADDRESSES + 500; i++) {
      failures.check("10.0." + (i / 256) + "." + (i % 256), false, T0);
    }
    assertEquals(PasswordFailures.MAX_ADDRESSES, failures.remembered());
  }

  @Test
  void theDelayDoublesUpToTheMostAndNoFurther() {
    assertEquals(Duration.ZERO, failures.delayAfter(3));
    assertEquals(Duration.ofSeconds(1), failures.delayAfter(4));
    assertEquals(Duration.ofSeconds(16), failures.delayAfter(8));
    assertEquals(Duration.ofSeconds(30), failures.delayAfter(9));
    assertEquals(Duration.ofSeconds(30), failures.delayAfter(Integer.MAX_VALUE));
  }
}
