package lochat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration errors become one line each, naming the setting, without where defaults live. */
class InvalidSettingsTest {

  private static ConfigException refused(String overrides) {
    Config config = ServerSettings.withDefaults(ConfigFactory.parseString(overrides));
    return assertThrows(ConfigException.class, () -> ServerSettings.fromConfig(config));
  }

  @Test
  void aValueOutOfRangeIsNamedWithoutTheListOfSources() {
    assertEquals(List.of("lochat.connection.send-buffer: must be between 1 and 2147483647, not 0"),
        InvalidSettings.linesOf(refused("lochat.connection.send-buffer = 0")));
    assertEquals(List.of("lochat.room.history-size: must not be negative"),
        InvalidSettings.linesOf(refused("lochat.room.history-size = -1")));
  }

  @Test
  void badClusterSettingsAreOneLineEach() {
    assertEquals(List.of("lochat.cluster.port: must be between 0 and 65535, not 70000"),
        InvalidSettings.linesOf(refused("lochat.cluster.port = 70000")));
    assertEquals(List.of("lochat.cluster.seed-nodes: must be HOST:PORT, e.g. 192.168.1.7:2552,"
            + " not \"192.168.1.7\""),
        InvalidSettings.linesOf(refused("lochat.cluster.seed-nodes = [\"192.168.1.7\"]")));
    assertEquals(List.of("lochat.cluster.down-unreachable-after: must be longer than zero,"
            + " not PT0S"),
        InvalidSettings.linesOf(refused("lochat.cluster.down-unreachable-after = 0s")));
    assertEquals(List.of("lochat.cluster.seed-nodes: must be a list [ ... ],"
            + " not \"192.168.1.7:2552\""),
        SettingsCheck.againstDefaults().wrongKinds(ServerSettings.withDefaults(
            ConfigFactory.parseString("lochat.cluster.seed-nodes = \"192.168.1.7:2552\""))));
  }

  @Test
  void everyProblemOfTheCheckIsOneLine() {
    assertEquals(List.of("a: must be x", "b: must be y"),
        InvalidSettings.linesOf(new InvalidSettings(List.of("a: must be x", "b: must be y"))));
  }

  @Test
  void aSyntaxErrorKeepsItsFileAndLine(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.conf");
    Files.writeString(file, "lochat {\n  port = \n}\n");
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigFactory.parseFile(file.toFile()));
    List<String> lines = InvalidSettings.linesOf(e);
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith(file + ": 3: "), lines.get(0));
  }
}
