package lochat.store;

import static lochat.ConfigChecks.positive;
import static lochat.ConfigChecks.positiveOrZero;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Where and how rooms' history is kept: the {@code lochat.data-dir} and {@code
 * lochat.history.*} settings, whose defaults and meaning are in {@code application.conf}.
 *
 * @param dataDir the directory of the database file ({@code data-dir}, relative to the working
 *     directory unless absolute)
 * @param store {@code history.store}: {@code sqlite} or {@code memory}
 * @param syncInterval {@code history.sync-interval}: how long accepted entries may wait to be
 *     written, so at most this much is lost when the process is killed
 * @param retention {@code history.keep-days} and {@code history.keep-per-room}; 0 keeps for ever
 * @param storePrivate {@code history.private}: whether private messages are stored too
 */
public record HistorySettings(
    Path dataDir, Kind store, Duration syncInterval, Retention retention, boolean storePrivate) {

  /** Which {@link HistoryStore} to use. */
  public enum Kind { SQLITE, MEMORY }

  /**
   * The settings of the {@code lochat} block.
   *
   * @throws ConfigException when a setting is missing, of the wrong kind or out of range
   */
  public static HistorySettings fromConfig(Config lochat) {
    int keepDays =
        positiveOrZero(lochat, "history.keep-days", lochat.getLong("history.keep-days"));
    int keepPerRoom =
        positiveOrZero(lochat, "history.keep-per-room", lochat.getLong("history.keep-per-room"));
    return new HistorySettings(
        Path.of(nonEmpty(lochat, "data-dir")),
        kind(lochat),
        positive(lochat, "history.sync-interval", lochat.getDuration("history.sync-interval")),
        new Retention(Duration.ofDays(keepDays), keepPerRoom),
        lochat.getBoolean("history.private"));
  }

  /**
   * Opens the store these settings name; the caller closes it.
   *
   * @throws StoreUnavailable when the SQLite store cannot be opened
   */
  public HistoryStore open(Clock clock) {
    return switch (store) {
      case SQLITE -> SqliteHistoryStore.open(dataDir, clock);
      case MEMORY -> MemoryHistoryStore.within(retention, clock);
    };
  }

  private static Kind kind(Config lochat) {
    String value = lochat.getString("history.store");
    try {
      return Kind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new ConfigException.BadValue(lochat.origin(), "lochat.history.store",
          "must be sqlite or memory, not " + value);
    }
  }

  private static String nonEmpty(Config lochat, String path) {
    String value = lochat.getString(path);
    if (value.isBlank()) {
      throw new ConfigException.BadValue(lochat.origin(), "lochat." + path,
          "must name a directory");
    }
    return value;
  }
}
