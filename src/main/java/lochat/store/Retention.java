package lochat.store;

import java.time.Duration;

/**
 * How much history is kept: entries older than {@code maxAge}, and all but the newest
 * {@code maxPerRoom} of each room, are deleted by {@link HistoryStore#prune}. Zero means no
 * limit. Rooms' states (topic, modes, lists) are never pruned.
 */
public record Retention(Duration maxAge, int maxPerRoom) {

  public static final Retention FOREVER = new Retention(Duration.ZERO, 0);

  public Retention {
    if (maxAge.isNegative() || maxPerRoom < 0) {
      throw new IllegalArgumentException("Retention limits must not be negative");
    }
  }
}
