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
 * lochat.history.*} settings.
 *
 * <p>These settings are not in {@code application.conf} yet, as nothing uses the store until it
 * is wired into the rooms: {@link #fromConfig} reads them when they are given and otherwise uses
 * the defaults below, which live here in code until then. When they move into {@code
 * application.conf}, the defaults here go.
 *
 * @param dataDir the directory of the database file ({@code data-dir}, default
 *     {@value #DEFAULT_DATA_DIR}, relative to the working directory)
 * @param store {@code history.store}: {@code sqlite} (default) or {@code memory}
 * @param syncInterval {@code history.sync-interval}: how long accepted entries may wait to be
 *     written (default 200 ms), so at most this much is lost when the process is killed
 * @param retention {@code history.keep-days} (default {@value #DEFAULT_KEEP_DAYS}) and {@code
 *     history.keep-per-room} (default {@value #DEFAULT_KEEP_PER_ROOM}); 0 keeps for ever
 */
public record HistorySettings(
    Path dataDir, Kind store, Duration syncInterval, Retention retention) {

  /** Which {@link HistoryStore} to use. */
  public enum Kind { SQLITE, MEMORY }

  public static final String DEFAULT_DATA_DIR = "lochat-data";
  public static final int DEFAULT_KEEP_DAYS = 365;
  public static final int DEFAULT_KEEP_PER_ROOM = 100_000;
  public static final Duration DEFAULT_SYNC_INTERVAL = Duration.ofMillis(200);

  public static final HistorySettings DEFAULTS = new HistorySettings(
      Path.of(DEFAULT_DATA_DIR), Kind.SQLITE, DEFAULT_SYNC_INTERVAL,
      new Retention(Duration.ofDays(DEFAULT_KEEP_DAYS), DEFAULT_KEEP_PER_ROOM));

  /**
   * The settings of the {@code lochat} block, each one missing taking its default.
   *
   * @throws ConfigException when a setting is of the wrong kind or out of range
   */
  public static HistorySettings fromConfig(Config lochat) {
    Path dataDir = lochat.hasPath("data-dir")
        ? Path.of(nonEmpty(lochat, "data-dir")) : DEFAULTS.dataDir();
    Kind store = lochat.hasPath("history.store") ? kind(lochat) : DEFAULTS.store();
    Duration syncInterval = lochat.hasPath("history.sync-interval")
        ? positive(lochat, "history.sync-interval", lochat.getDuration("history.sync-interval"))
        : DEFAULTS.syncInterval();
    int keepDays = lochat.hasPath("history.keep-days")
        ? positiveOrZero(lochat, "history.keep-days", lochat.getLong("history.keep-days"))
        : DEFAULT_KEEP_DAYS;
    int keepPerRoom = lochat.hasPath("history.keep-per-room")
        ? positiveOrZero(lochat, "history.keep-per-room", lochat.getLong("history.keep-per-room"))
        : DEFAULT_KEEP_PER_ROOM;
    return new HistorySettings(dataDir, store, syncInterval,
        new Retention(Duration.ofDays(keepDays), keepPerRoom));
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
