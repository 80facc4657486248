package lochat.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The kind told from each default agrees with how the server reads the setting: a value of that
 * kind, written as a system property writes it, starts the server's settings.
 */
class SettingKindTest {

  private static final Map<SettingKind, Object> SAMPLES = Map.of(
      SettingKind.LIST, List.of("192.168.1.7:2552"),
      SettingKind.BOOLEAN, "off",
      SettingKind.WHOLE_NUMBER, "7",
      SettingKind.NUMBER, "7.5",
      SettingKind.DURATION, "7s",
      SettingKind.SIZE, "7KiB",
      SettingKind.STRING, "x");

  /** Settings that are a choice among names, each with another of its choices. */
  private static final Map<String, Object> CHOICES = Map.of("lochat.history.store", "memory");

  /** Settings that only go with another: that other, set too. */
  private static final Map<String, Map<String, String>> COMPANIONS = Map.of(
      "lochat.tls.plain-ports", Map.of("lochat.tls.enabled", "on"),
      "lochat.tls.certificate", Map.of("lochat.tls.private-key", "y"),
      "lochat.tls.private-key", Map.of("lochat.tls.certificate", "y"));

  static Stream<Arguments> everySetting() {
    return ConfigFactory.parseResources("application.conf").resolve().getConfig("lochat")
        .entrySet().stream()
        .map(setting -> Arguments.of(
            "lochat." + setting.getKey(), SettingKind.of(setting.getValue())));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("everySetting")
  void aValueOfTheSettingsKindIsReadByTheServer(String path, SettingKind kind) {
    Object sample = CHOICES.getOrDefault(path, SAMPLES.get(kind));
    Map<String, Object> settings = new HashMap<>(COMPANIONS.getOrDefault(path, Map.of()));
    settings.put(path, sample);
    Config config = ServerSettings.withDefaults(ConfigFactory.parseMap(settings));
    assertEquals(List.of(), SettingsCheck.againstDefaults().wrongKinds(config));
    assertDoesNotThrow(() -> ServerSettings.fromConfig(config), path + " = " + sample);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySetting")
  void aValueOfAnotherKindIsNamedAsTheWrongKindForEverySetting(String path, SettingKind kind) {
    Object wrong = kind == SettingKind.LIST ? "x" : List.of(1, 2);
    Config config = ServerSettings.withDefaults(
        ConfigFactory.empty().withValue(path, ConfigValueFactory.fromAnyRef(wrong)));
    List<String> lines = SettingsCheck.againstDefaults().wrongKinds(config);
    String shown = kind == SettingKind.LIST ? "\"x\"" : "[1,2]";
    assertTrue(lines.contains(path + ": must be " + kind.description + ", not " + shown),
        lines.toString());
  }

  @Test
  void theKindIsToldFromTheDefaultsForm() {
    assertEquals(SettingKind.WHOLE_NUMBER, kindOf(4444));
    assertEquals(SettingKind.NUMBER, kindOf(0.5));
    assertEquals(SettingKind.BOOLEAN, kindOf(true));
    assertEquals(SettingKind.BOOLEAN, kindOf("on"));
    assertEquals(SettingKind.DURATION, kindOf("90s"));
    assertEquals(SettingKind.SIZE, kindOf("4096 bytes"));
    assertEquals(SettingKind.SIZE, kindOf("256KiB"));
    assertEquals(SettingKind.STRING, kindOf("0.0.0.0"));
    assertEquals(SettingKind.STRING, kindOf(""));
    assertEquals(SettingKind.LIST, kindOf(List.of("a")));
    assertEquals(SettingKind.BLOCK, kindOf(Map.of("a", 1)));
  }

  private static SettingKind kindOf(Object value) {
    ConfigValue configValue = ConfigValueFactory.fromAnyRef(value);
    return SettingKind.of(configValue);
  }
}
