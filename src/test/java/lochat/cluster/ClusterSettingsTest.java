package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import lochat.server.ServerSettings;
import org.junit.jupiter.api.Test;

/** The {@code lochat.cluster} block and the HOST:PORT form of the nodes to join. */
class ClusterSettingsTest {

  private static ClusterSettings read(String overrides) {
    return ServerSettings.fromConfig(
        ServerSettings.withDefaults(ConfigFactory.parseString(overrides))).cluster();
  }

  @Test
  void theClusterIsOffByDefault() {
    ClusterSettings settings = read("");
    assertFalse(settings.enabled());
    assertEquals(2552, settings.port());
    assertEquals(List.of(), settings.seedNodes());
    assertEquals(Duration.ofSeconds(5), settings.downUnreachableAfter());
  }

  @Test
  void seedNodesAreHostsAndPortsIncludingIpv6InBrackets() {
    ClusterSettings settings = read("lochat.cluster.seed-nodes = [\"192.168.1.7:2552\","
        + " \"lochat-2.lan:2600\", \"[fd00::7]:2552\"]");
    assertEquals(List.of(new ClusterSettings.SeedNode("192.168.1.7", 2552),
        new ClusterSettings.SeedNode("lochat-2.lan", 2600),
        new ClusterSettings.SeedNode("fd00::7", 2552)), settings.seedNodes());
    assertEquals("[fd00::7]:2552", settings.seedNodes().get(2).toString());
  }

  @Test
  void whatIsNotHostColonPortIsRefusedWithTheTextGiven() {
    for (String bad : List.of("192.168.1.7", "192.168.1.7:", ":2552", "host:0", "host:65536",
        "host:port", "fd00::7:2552", "a host:2552", "pekko://lochat@host:2552")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ClusterSettings.SeedNode.parse(bad), bad);
      assertEquals("must be HOST:PORT, e.g. 192.168.1.7:2552, not \"" + bad + "\"",
          e.getMessage());
    }
  }
}
