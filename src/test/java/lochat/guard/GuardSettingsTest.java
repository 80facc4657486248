package lochat.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import lochat.server.ServerSettings;
import org.junit.jupiter.api.Test;

/** The per-address settings as the server reads them, and the ones it refuses to start with. */
class GuardSettingsTest {

  private static Config lochat(String overrides) {
    return ServerSettings.withDefaults(ConfigFactory.parseString(overrides)).getConfig("lochat");
  }

  @Test
  void theDefaultsAreLanSized() {
    GuardSettings settings = GuardSettings.fromConfig(lochat(""));
    assertEquals(new GuardSettings(20, 5, 3, Duration.ofSeconds(1), Duration.ofSeconds(20),
        Duration.ofMinutes(15)), settings);
  }

  @Test
  void aPasswordDelayIsKeptWellWithinTheInputTimeout() {
    assertEquals(Duration.ofSeconds(20),
        GuardSettings.fromConfig(lochat("lochat.password-failures.max-delay = 30s"))
            .maxPasswordDelay(), "two thirds of the 30 s input timeout");
    assertEquals(Duration.ofSeconds(6), GuardSettings.fromConfig(
        lochat("lochat.connection.input-timeout = 9s")).maxPasswordDelay());
  }

  @Test
  void negativeLimitsAreRefused() {
    assertThrows(ConfigException.BadValue.class,
        () -> GuardSettings.fromConfig(lochat("lochat.per-address.max-connections = -1")));
  }

  @Test
  void theTimeoutUnderPressureIsNeverLongerThanTheTimeout() {
    ServerSettings settings = ServerSettings.fromConfig(ServerSettings.withDefaults(
        ConfigFactory.parseString("lochat.connection.registration-timeout = 5s")));
    assertEquals(Duration.ofSeconds(5), settings.registrationTimeoutUnderPressure());
  }
}
