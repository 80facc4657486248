package lochat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misspelt settings are named with the one probably meant; values of the wrong kind by path. */
class SettingsCheckTest {

  private static final SettingsCheck CHECK = SettingsCheck.againstDefaults();

  private static Config loaded(String overrides) {
    return ServerSettings.withDefaults(ConfigFactory.parseString(overrides));
  }

  /** As {@code -Dlochat.x=y} gives them: every value a string. */
  private static Config properties(Map<String, String> overrides) {
    return ServerSettings.withDefaults(ConfigFactory.parseMap(overrides));
  }

  @Test
  void theDefaultsAreAllKnownAndOfTheirKind() {
    assertEquals(List.of(), CHECK.unknownSettings(loaded("")));
    assertEquals(List.of(), CHECK.wrongKinds(loaded("")));
  }

  @Test
  void aMisspeltSettingIsNamedWithTheOneMeant() {
    assertEquals(List.of("Unknown setting lochat.prot (did you mean lochat.port?)"),
        CHECK.unknownSettings(loaded("lochat { prot = 4445 }")));
    assertEquals(List.of("Unknown setting lochat.prot (did you mean lochat.port?)"),
        CHECK.unknownSettings(properties(Map.of("lochat.prot", "4445"))));
    assertEquals(List.of(
            "Unknown setting lochat.connection.sendbuffer"
                + " (did you mean lochat.connection.send-buffer?)",
            "Unknown setting lochat.irc.pnig-interval (did you mean lochat.irc.ping-interval?)"),
        CHECK.unknownSettings(loaded(
            "lochat.irc.pnig-interval = 1m\nlochat.connection.sendbuffer = 1MiB")));
  }

  @Test
  void operatorNamesAreChosenByPeopleAndNeverUnknown() {
    assertEquals(List.of(), CHECK.unknownSettings(loaded(
        "lochat.operators { ann = \"x\", \"bob smith\" = \"y\" }")));
    assertEquals(List.of("Unknown setting lochat.operator (did you mean lochat.operators?)"),
        CHECK.unknownSettings(loaded("lochat.operator { ann = \"x\" }")));
  }

  @Test
  void aKnownSettingInTheWrongBlockIsPointedToItsPlace() {
    assertEquals(List.of(
            "Unknown setting lochat.history-size (did you mean lochat.room.history-size?)"),
        CHECK.unknownSettings(loaded("lochat.history-size = 10")));
  }

  @Test
  void anUnrelatedNameGetsNoSuggestion() {
    assertEquals(List.of("Unknown setting lochat.colour", "Unknown setting lochat.theme"),
        CHECK.unknownSettings(loaded("lochat { theme = dark, colour = red }")));
  }

  @Test
  void anUnknownBlockIsNamedOnceNotEveryKeyInIt() {
    assertEquals(List.of("Unknown setting lochat.sasl"),
        CHECK.unknownSettings(loaded("lochat.sasl { enabled = on, port = 6697 }")));
  }

  @Test
  void settingsOutsideLochatAndTheLoggingLevelsAreNotOurs() {
    assertEquals(List.of(), CHECK.unknownSettings(loaded(
        "pekko.loglevel = DEBUG\nsomething.else = 1\nlochat.log.level = DEBUG\n"
            + "lochat.pekko.log.level = INFO")));
  }

  @Test
  void valuesAsSystemPropertiesGiveThemAreOfTheirKind() {
    assertEquals(List.of(), CHECK.wrongKinds(properties(Map.of(
        "lochat.port", "4445",
        "lochat.irc.enabled", "off",
        "lochat.connection.close-timeout", "5s",
        "lochat.connection.send-buffer", "1MiB",
        "lochat.max-line-bytes", "8KiB",
        "lochat.motd", "42"))));
  }

  @Test
  void aValueOfTheWrongKindIsNamedByItsFullPath() {
    assertEquals(List.of("lochat.port: must be a whole number, not \"abc\""),
        CHECK.wrongKinds(properties(Map.of("lochat.port", "abc"))));
    assertEquals(List.of("lochat.port: must be a whole number, not 4444.5"),
        CHECK.wrongKinds(loaded("lochat.port = 4444.5")));
    assertEquals(List.of("lochat.irc.enabled: must be on or off, not \"maybe\""),
        CHECK.wrongKinds(loaded("lochat.irc.enabled = maybe")));
    assertEquals(List.of("lochat.connection.close-timeout: must be a duration such as 500ms,"
            + " 30s or 15m, not \"soon\""),
        CHECK.wrongKinds(loaded("lochat.connection.close-timeout = soon")));
    assertEquals(List.of("lochat.connection.send-buffer: must be a size such as 4096 bytes or"
            + " 256KiB, not \"big\""),
        CHECK.wrongKinds(loaded("lochat.connection.send-buffer = big")));
    assertEquals(List.of("lochat.room.history-size: must be a whole number, not [1,2]"),
        CHECK.wrongKinds(loaded("lochat.room.history-size = [1, 2]")));
    assertEquals(List.of("lochat.motd: must be a string, not null"),
        CHECK.wrongKinds(loaded("lochat.motd = null")));
  }

  @Test
  void aBlockOfTheWrongKindIsNamedNotTheSettingsInIt() {
    assertEquals(List.of("lochat.room: must be a block of settings { ... }, not 5"),
        CHECK.wrongKinds(loaded("lochat.room = 5")));
    assertEquals(List.of("lochat: must be a block of settings { ... }, not \"on\""),
        CHECK.wrongKinds(properties(Map.of("lochat", "on"))));
  }

  @Test
  void aSettingTurnedIntoABlockIsOfTheWrongKindNotUnknown() {
    Config config = loaded("lochat.port { number = 4445 }");
    assertEquals(List.of("lochat.port: must be a whole number, not {\"number\":4445}"),
        CHECK.wrongKinds(config));
    assertEquals(List.of(), CHECK.unknownSettings(config));
  }

  @Test
  void aValueFromAFileSaysWhere(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("my.conf");
    Files.writeString(file, "lochat {\n  port = \"x\"\n}\n");
    assertEquals(List.of("lochat.port: must be a whole number, not \"x\" (" + file + ", line 2)"),
        CHECK.wrongKinds(ServerSettings.withDefaults(ConfigFactory.parseFile(file.toFile()))));
  }

  @Test
  void aLongValueIsShortened() {
    List<String> lines = CHECK.wrongKinds(loaded("lochat.port = \"" + "9".repeat(20) + "x"
        + "y".repeat(100) + "\""));
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).endsWith("yyy...") && lines.get(0).length() < 100, lines.get(0));
  }
}
