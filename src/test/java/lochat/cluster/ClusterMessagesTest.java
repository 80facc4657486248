package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.server.ServerSettings;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that crosses nodes ({@link ClusterMessage}) goes through Pekko's serialization
 * as Jackson CBOR and comes back equal, in an actor system configured as a cluster node is.
 * The classes are found on the classpath, so that a new message without a sample here fails.
 */
class ClusterMessagesTest {

  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    Config node = ClusterConfig.apply(
        new ClusterSettings(true, 0, List.of(), Duration.ofSeconds(5)), "127.0.0.1",
        "lochat-test", () -> "127.0.0.1", ServerSettings.withDefaults(ConfigFactory.empty()));
    testKit = ActorTestKit.create("lochat-test", node);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** One message of each class, with every component set. */
  private static Map<Class<?>, Object> samples() {
    ActorRef<ClusterMembership.Members> replyTo =
        testKit.<ClusterMembership.Members>createTestProbe().ref();
    ClusterMembership.Member member = new ClusterMembership.Member("127.0.0.1:2552", "up", true);
    Map<Class<?>, Object> samples = new HashMap<>(nickSamples());
    samples.put(ChatEvent.PrivateMessage.class, new ChatEvent.PrivateMessage("Alice", "al",
        Profile.IRC, "bob", "hello \u00e9t\u00e9", MessageKind.ACTION,
        Map.of("+draft/reply", "msg-7"),
        Instant.parse("2025-01-02T03:04:05.678901Z")));
    samples.putAll(Map.of(
        ClusterMembership.GetMembers.class, new ClusterMembership.GetMembers(replyTo),
        ClusterMembership.Members.class, new ClusterMembership.Members("127.0.0.1:2552",
            List.of(member, new ClusterMembership.Member("[fd00::7]:2600", "weakly up", false))),
        ClusterMembership.Member.class, member));
    return samples;
  }

  private static Map<Class<?>, Object> nickSamples() {
    NickHolder holder = new NickHolder("Alice", testKit.<ChatEvent>createTestProbe().ref(),
        new NickHolder.Node("pekko://lochat-test@127.0.0.1:2552", -7_123_456_789L),
        new NickHolder.Card(new Profile("al", "10.0.0.7", "Alice Liddell", Profile.IRC),
            Optional.of("out to lunch"), true, true, Instant.parse("2025-01-02T03:04:05.678Z")));
    return Map.of(
        NickHolder.class, holder,
        NickDirectory.Granted.class, new NickDirectory.Granted(holder),
        NickDirectory.Refused.class,
        new NickDirectory.Refused("Alice", NickDirectory.Refusal.UNREACHABLE),
        NickDirectory.Held.class, new NickDirectory.Held(holder),
        NickDirectory.Free.class, new NickDirectory.Free("alice"),
        NickDirectory.Unknown.class, new NickDirectory.Unknown("alice"),
        NickEntity.Claim.class, new NickEntity.Claim(holder, Instant.parse("2025-01-02T03:04:10Z"),
            testKit.<NickDirectory.ClaimResult>createTestProbe().ref()),
        NickEntity.Release.class, new NickEntity.Release(holder.session()),
        NickEntity.Find.class,
        new NickEntity.Find(testKit.<NickDirectory.FindResult>createTestProbe().ref()),
        NickEntity.NodeRemoved.class, new NickEntity.NodeRemoved(holder.node()));
  }

  @Test
  void everyClusterMessageHasASample() throws Exception {
    Set<String> found = clusterMessageClasses().stream().map(Class::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> sampled = samples().keySet().stream().map(Class::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertFalse(found.isEmpty(), "the classpath scan found no ClusterMessage");
    assertEquals(found, sampled, "every ClusterMessage needs a sample in this test");
  }

  @Test
  void everySampleRoundTripsAsJacksonCbor() {
    Serialization serialization = SerializationExtension.get(testKit.system().classicSystem());
    samples().forEach((type, message) -> {
      assertInstanceOf(type, message);
      Serializer serializer = serialization.findSerializerFor(message);
      assertInstanceOf(JacksonCborSerializer.class, serializer, type.getName());
      byte[] bytes = serialization.serialize(message).get();
      String manifest = Serializers.manifestFor(serializer, message);
      Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
      assertEquals(message, back, type.getName());
      assertArrayEquals(bytes, serialization.serialize(back).get(), type.getName());
    });
  }

  /** The concrete classes under target/classes that implement {@link ClusterMessage}. */
  private static List<Class<?>> clusterMessageClasses() throws IOException, URISyntaxException {
    Path classes = Path.of(ClusterMessage.class.getProtectionDomain().getCodeSource()
        .getLocation().toURI());
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(file -> file.toString().endsWith(".class"))
          .map(file -> classes.relativize(file).toString())
          .map(name -> name.substring(0, name.length() - ".class".length())
              .replace(java.io.File.separatorChar, '.'))
          .map(ClusterMessagesTest::load)
          .filter(ClusterMessage.class::isAssignableFrom)
          .filter(type -> !type.isInterface() && !Modifier.isAbstract(type.getModifiers()))
          .toList();
    }
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, ClusterMessagesTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new AssertionError("cannot load " + name, e);
    }
  }
}
