package lochat.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wrong passwords per address, and how long each address must now wait for its next password
 * check: what makes guessing the server's password slow, however often a guesser reconnects.
 *
 * <p>An address has {@code freeFailures} wrong guesses answered at once; after that each check
 * is answered no sooner than the previous one plus a delay that starts at {@code firstDelay} and
 * doubles with every further failure, up to {@code maxDelay}. The delay applies to every check
 * from a delayed address, right or wrong, so that answering quickly never gives a right guess
 * away. An address that has not failed for {@code forgetAfter} starts afresh. A check that would
 * have to wait more than {@code maxDelay} (its address already has guesses waiting) is not made
 * at all: it is refused at once, so that a guesser who does not wait for answers cannot queue up
 * checks, and no answer ever waits longer than {@code maxDelay}.
 *
 * <p>Limits: it is pure bookkeeping; the caller supplies the time and delivers the answers late.
 * It remembers at most {@link #MAX_ADDRESSES} addresses, dropping the least recently used, so a
 * flood of addresses cannot use up memory (a dropped address starts afresh).
 */
public final class PasswordFailures {

  /** The most addresses remembered at once. */
  public static final int MAX_ADDRESSES = 10_000;

  private final int freeFailures;
  private final Duration firstDelay;
  private final Duration maxDelay;
  private final Duration forgetAfter;
  private final Map<String, Record> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  /**
   * What one address has done: failures in a row, when its next check may be answered, and the
   * checks refused unchecked since the last failure.
   */
  private static final class Record {
    private int failures;
    private Instant lastFailure;
    private Instant nextCheck;
    private int refused;
  }

  /** What became of a check. */
  public enum Outcome {
    ACCEPTED,
    REJECTED,
    /** Not made: the address already has guesses waiting for their answers. */
    NOT_CHECKED
  }

  /**
   * What became of a check and when to answer it; how many failures in a row its address has,
   * the wait its next check gets, and how many checks were refused unchecked before this one.
   */
  public record Verdict(
      Outcome outcome, Instant answerAt, int failures, Duration nextDelay, int refusedBefore) {

    public boolean accepted() {
      return outcome == Outcome.ACCEPTED;
    }
  }

  public PasswordFailures(
      int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
    this.freeFailures = freeFailures;
    this.firstDelay = firstDelay;
    this.maxDelay = maxDelay;
    this.forgetAfter = forgetAfter;
  }

  /**
   * Records a check from {@code address} at {@code now} whose guess was {@code right}, and says
   * when to answer it.
   */
  public Verdict check(String address, boolean right, Instant now) {
    Record record = byAddress.get(address);
    if (record != null && now.isAfter(record.lastFailure.plus(forgetAfter))
        && !record.nextCheck.isAfter(now)) {
      byAddress.remove(address);
      record = null;
    }
    Instant answerAt = record == null || record.nextCheck.isBefore(now) ? now : record.nextCheck;
    if (answerAt.isAfter(now.plus(maxDelay))) {
      record.refused++;
      return new Verdict(Outcome.NOT_CHECKED, now, record.failures, Duration.ZERO, 0);
    }
    if (right) {
      return new Verdict(Outcome.ACCEPTED, answerAt, record == null ? 0 : record.failures,
          Duration.ZERO, 0);
    }
    if (record == null) {
      record = new Record();
      byAddress.put(address, record);
    }
    record.failures++;
    record.lastFailure = now;
    Duration delay = delayAfter(record.failures);
    record.nextCheck = answerAt.plus(delay);
    int refusedBefore = record.refused;
    record.refused = 0;
    return new Verdict(Outcome.REJECTED, answerAt, record.failures, delay, refusedBefore);
  }

  /** The wait imposed after the {@code failures}-th failure in a row. */
  Duration delayAfter(int failures) {
    int delayed = failures - freeFailures;
    if (delayed <= 0) {
      return Duration.ZERO;
    }
    Duration delay = firstDelay;
    for (int i = 1; i < delayed && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** Addresses remembered now. */
  int remembered() {
    return byAddress.size();
  }
}
