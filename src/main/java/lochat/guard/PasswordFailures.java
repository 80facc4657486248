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
 * away. An address that has not failed for {@code forgetAfter} starts afresh.
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

  /** What one address has done: failures in a row, and when its next check may be answered. */
  private static final class Record {
    private int failures;
    private Instant lastFailure;
    private Instant nextCheck;
  }

  /** When a check from an address may be answered, and how many failures that address has. */
  public record Verdict(boolean accepted, Instant answerAt, int failures, Duration nextDelay) {}

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
    if (right) {
      return new Verdict(true, answerAt, record == null ? 0 : record.failures, Duration.ZERO);
    }
    if (record == null) {
      record = new Record();
      byAddress.put(address, record);
    }
    record.failures++;
    record.lastFailure = now;
    Duration delay = delayAfter(record.failures);
    record.nextCheck = answerAt.plus(delay);
    return new Verdict(false, answerAt, record.failures, delay);
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
