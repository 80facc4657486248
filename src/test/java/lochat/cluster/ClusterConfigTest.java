package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import lochat.server.ServerSettings;
import org.junit.jupiter.api.Test;

/** The Pekko settings a node gets: its addresses, its seeds, downing and serialization. */
class ClusterConfigTest {

  private static final Supplier<String> LAN = () -> "192.168.1.7";

  private static final Supplier<String> NOT_ASKED = () -> {
    throw new AssertionError("the LAN address is asked only for a wildcard host");
  };

  private static ClusterSettings on(int port, String... seeds) {
    return new ClusterSettings(true, port,
        List.of(seeds).stream().map(ClusterSettings.SeedNode::parse).toList(),
        Duration.ofSeconds(5));
  }

  private static Config defaults() {
    return ServerSettings.withDefaults(ConfigFactory.empty());
  }

  private static Config applied(ClusterSettings settings, String host, Supplier<String> lan) {
    return ClusterConfig.apply(settings, host, "lochat", lan, defaults());
  }

  @Test
  void offLeavesTheConfigurationAsItIs() {
    Config config = defaults();
    ClusterSettings off = new ClusterSettings(false, 2552, List.of(), Duration.ofSeconds(5));
    assertSame(config, ClusterConfig.apply(off, "0.0.0.0", "lochat", NOT_ASKED, config));
    assertEquals("local", config.getString("pekko.actor.provider"));
  }

  @Test
  void loopbackIsBoundAndAdvertisedSoThatTheClusterNeverLeavesThisMachine() {
    Config config = applied(on(2552), "127.0.0.1", NOT_ASKED);
    assertEquals("cluster", config.getString("pekko.actor.provider"));
    assertEquals("tcp", config.getString("pekko.remote.artery.transport"));
    assertEquals("127.0.0.1", config.getString("pekko.remote.artery.bind.hostname"));
    assertEquals("127.0.0.1", config.getString("pekko.remote.artery.canonical.hostname"));
    assertEquals(2552, config.getInt("pekko.remote.artery.canonical.port"));
  }

  @Test
  void everyInterfaceIsBoundAndTheLanAddressAdvertised() {
    Config config = applied(on(2552), "0.0.0.0", LAN);
    assertEquals("0.0.0.0", config.getString("pekko.remote.artery.bind.hostname"));
    assertEquals("192.168.1.7", config.getString("pekko.remote.artery.canonical.hostname"));
  }

  @Test
  void portZeroPicksAFreePort() {
    assertEquals(0, applied(on(0), "127.0.0.1", NOT_ASKED)
        .getInt("pekko.remote.artery.canonical.port"));
  }

  @Test
  void seedsArePekkoAddressesOfTheSystem() {
    assertEquals(List.of("pekko://lochat@192.168.1.7:2552", "pekko://lochat@[fd00::7]:2600"),
        applied(on(2552, "192.168.1.7:2552", "[fd00::7]:2600"), "0.0.0.0", LAN)
            .getStringList("pekko.cluster.seed-nodes"));
    assertEquals(List.of(),
        applied(on(2552), "0.0.0.0", LAN).getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void theSplitBrainResolverKeepsTheMajorityAfterTheWaitSet() {
    Config config = applied(on(2552), "127.0.0.1", NOT_ASKED);
    assertEquals("org.apache.pekko.cluster.sbr.SplitBrainResolverProvider",
        config.getString("pekko.cluster.downing-provider-class"));
    assertEquals("keep-majority",
        config.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    assertEquals(Duration.ofSeconds(5),
        config.getDuration("pekko.cluster.split-brain-resolver.stable-after"));
  }

  @Test
  void clusterMessagesAreJacksonCborAndJavaSerializationIsOff() {
    Config config = applied(on(2552), "127.0.0.1", NOT_ASKED);
    assertEquals("jackson-cbor", config.getConfig("pekko.actor.serialization-bindings")
        .getString("\"lochat.cluster.ClusterMessage\""));
    assertEquals(false, config.getBoolean("pekko.actor.allow-java-serialization"));
  }

  @Test
  void theOverlayWinsOverThePackagedSettingsButNotOverTheirOtherKeys() {
    Config config = applied(on(2552), "127.0.0.1", NOT_ASKED);
    assertEquals(Duration.ofSeconds(3),
        config.getDuration("pekko.cluster.failure-detector.acceptable-heartbeat-pause"));
    assertEquals("OFF", config.getString("pekko.stdout-loglevel"));
  }
}
