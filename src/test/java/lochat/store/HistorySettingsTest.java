package lochat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistorySettingsTest {

  @TempDir
  Path temp;

  /** {@code hocon} (inside the {@code lochat} block) over the packaged application.conf. */
  private static Config lochat(String hocon) {
    return ConfigFactory.parseString(hocon).withFallback(
        ConfigFactory.parseResources("application.conf").resolve().getConfig("lochat"));
  }

  @Test
  void theDefaultsAreSqliteUnderLochatDataSyncedEvery200msWithoutPrivateMessages() {
    assertEquals(new HistorySettings(Path.of("lochat-data"), HistorySettings.Kind.SQLITE,
        Duration.ofMillis(200), new Retention(Duration.ofDays(365), 100_000), false),
        HistorySettings.fromConfig(lochat("")));
  }

  @Test
  void aMissingSettingIsNamed() {
    ConfigException.Missing missing = assertThrows(ConfigException.Missing.class,
        () -> HistorySettings.fromConfig(ConfigFactory.parseString("data-dir = x")));

    assertTrue(missing.getMessage().contains("history"), missing.getMessage());
  }

  @Test
  void givenSettingsAreRead() {
    HistorySettings settings = HistorySettings.fromConfig(lochat("""
        data-dir = "/var/lib/lochat"
        history {
          store = memory, sync-interval = 1s, keep-days = 0, keep-per-room = 500, private = on
        }
        """));

    assertEquals(new HistorySettings(Path.of("/var/lib/lochat"), HistorySettings.Kind.MEMORY,
        Duration.ofSeconds(1), new Retention(Duration.ZERO, 500), true), settings);
  }

  @Test
  void anUnknownStoreIsNamed() {
    ConfigException.BadValue bad = assertThrows(ConfigException.BadValue.class,
        () -> HistorySettings.fromConfig(lochat("history.store = postgres")));

    assertTrue(bad.getMessage().contains("lochat.history.store"), bad.getMessage());
    assertTrue(bad.getMessage().contains("must be sqlite or memory, not postgres"));
  }

  @Test
  void impossibleValuesAreNamed() {
    assertThrows(ConfigException.BadValue.class,
        () -> HistorySettings.fromConfig(lochat("history.keep-days = -1")));
    assertThrows(ConfigException.BadValue.class,
        () -> HistorySettings.fromConfig(lochat("history.sync-interval = 0s")));
    assertThrows(ConfigException.BadValue.class,
        () -> HistorySettings.fromConfig(lochat("data-dir = \"\"")));
  }

  @Test
  void theStoreNamedIsOpened() {
    Path dataDir = temp.resolve("data");
    HistorySettings sqlite = new HistorySettings(dataDir, HistorySettings.Kind.SQLITE,
        Duration.ofMillis(200), Retention.FOREVER, false);
    try (HistoryStore store = sqlite.open(Clock.systemUTC())) {
      assertInstanceOf(SqliteHistoryStore.class, store);
      assertTrue(Files.exists(dataDir.resolve("lochat.db")));
    }
    HistorySettings memory = new HistorySettings(dataDir, HistorySettings.Kind.MEMORY,
        Duration.ofMillis(200), Retention.FOREVER, false);
    try (HistoryStore store = memory.open(Clock.systemUTC())) {
      assertInstanceOf(MemoryHistoryStore.class, store);
    }
  }
}
