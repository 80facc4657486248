package lochat.guard;

import static lochat.ConfigChecks.positive;
import static lochat.ConfigChecks.positiveOrZero;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/**
 * What one client address (IP) may do, across every listener: the {@code lochat.per-address}
 * and {@code lochat.password-failures} settings.
 *
 * @param maxConnections most connections open at once from one address; 0 for no limit
 * @param maxUnregistered most of those that have not chosen a nickname yet; 0 for no limit
 * @param freePasswordFailures wrong passwords from one address answered without delay
 * @param firstPasswordDelay the delay after the first failure past the free ones; it doubles
 * @param maxPasswordDelay the longest delay
 * @param forgetPasswordFailuresAfter an address with no failure for this long starts afresh
 */
public record GuardSettings(
    int maxConnections,
    int maxUnregistered,
    int freePasswordFailures,
    Duration firstPasswordDelay,
    Duration maxPasswordDelay,
    Duration forgetPasswordFailuresAfter) {

  /** No limit on connections, and password failures that are never delayed. */
  public static final GuardSettings NONE = new GuardSettings(
      0, 0, Integer.MAX_VALUE, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMinutes(1));

  /**
   * The longest password delay is kept to two thirds of {@code connection.input-timeout}: a
   * connection whose line waits longer than that counts as broken, and the client would get no
   * answer at all.
   *
   * @throws ConfigException when a setting is missing or out of range
   */
  public static GuardSettings fromConfig(Config lochat) {
    Duration maxDelay = positive(lochat, "password-failures.max-delay",
        lochat.getDuration("password-failures.max-delay"));
    Duration withinInputTimeout =
        lochat.getDuration("connection.input-timeout").multipliedBy(2).dividedBy(3);
    if (maxDelay.compareTo(withinInputTimeout) > 0) {
      maxDelay = withinInputTimeout;
    }
    return new GuardSettings(
        positiveOrZero(lochat, "per-address.max-connections",
            lochat.getInt("per-address.max-connections")),
        positiveOrZero(lochat, "per-address.max-unregistered",
            lochat.getInt("per-address.max-unregistered")),
        positiveOrZero(lochat, "password-failures.free", lochat.getInt("password-failures.free")),
        positive(lochat, "password-failures.first-delay",
            lochat.getDuration("password-failures.first-delay")),
        maxDelay,
        positive(lochat, "password-failures.forget-after",
            lochat.getDuration("password-failures.forget-after")));
  }
}
