package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lochat.chat.ChatEvent;
import lochat.chat.MemberDelivery;
import lochat.chat.MessageKind;
import lochat.chat.ModeChange;
import lochat.chat.Profile;
import lochat.chat.Roles;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Topic;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.Comeback;
import lochat.room.Requester;
import lochat.room.RoomLink;
import lochat.room.RoomRequest;
import lochat.server.ServerSettings;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.ListEntry;
import lochat.store.RoomState;
import lochat.store.ServerBan;
import lochat.testing.TestJoins;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
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
    samples.put(NodeEndpoints.class,
        new NodeEndpoints("fd00::7", 4444, 4445, 6667, 0, 8080, 8443));
    samples.putAll(byClass(chatEventSamples()));
    samples.putAll(byClass(roomSamples()));
    samples.putAll(byClass(roomRequestSamples()));
    samples.putAll(byClass(linkSamples()));
    return samples;
  }

  private static Map<Class<?>, Object> byClass(List<?> samples) {
    return samples.stream().collect(Collectors.toMap(Object::getClass, Function.identity()));
  }

  private static final Instant AT = Instant.parse("2025-01-02T03:04:05.678Z");

  private static final Topic TOPIC = new Topic("Chess at five", "Alice", AT.minusSeconds(60));

  private static ChatEvent.Posted posted() {
    return new ChatEvent.Posted("#games", "Alice", "al!al@10.0.0.7", Profile.IRC,
        "moves e2e4", MessageKind.ACTION, Map.of("+draft/react", "\u265f"), AT, 42);
  }

  /** One event of each kind, every component set. */
  private static List<ChatEvent> chatEventSamples() {
    return List.of(
        posted(),
        new ChatEvent.Receipt(posted()),
        new ChatEvent.MemberJoined("#games", "Bob", "bob!b@10.0.0.8"),
        new ChatEvent.MemberLeft("#games", "Bob", "gone fishing", true),
        new ChatEvent.MemberRenamed("#games", "Bob", "Robert"),
        new ChatEvent.ModesChanged("#games", "Alice", List.of(ModeChange.flag(true, 'm'),
            new ModeChange(false, 'k', "sesame"), new ModeChange(true, 'o', "Bob"))),
        new ChatEvent.Kicked("#games", "Alice", "Bob", "flooding"),
        new ChatEvent.Invited("#games", "Alice"),
        new ChatEvent.PostRefused("#games", RoomRefusal.CANNOT_SEND),
        new ChatEvent.TopicChanged("#games", "Alice", Optional.of(TOPIC)),
        new ChatEvent.PrivateMessage("Alice", "al!al@10.0.0.7", Profile.WEB, "Bob", "psst",
            MessageKind.NOTICE, Map.of("+typing", "active"), AT),
        new ChatEvent.Wallops("Root", "root!r@10.0.0.1", "restart at noon"),
        new ChatEvent.Removed("Killed by Root", true));
  }

  private static final RoomModes MODES =
      new RoomModes(false, false, true, true, true, "sesame", 50);

  /** The room's own protocol and its answers, every component set. */
  private static List<Object> roomSamples() {
    ActorRef<ChatEvent> alice = testKit.<ChatEvent>createTestProbe().ref();
    return List.of(
        new ChatRoom.Join("Alice", "al", "10.0.0.7", Profile.IRC, alice, null, "sesame", true,
            testKit.<ChatRoom.JoinResult>createTestProbe().ref(),
            Optional.of(testKit.<RoomLink.Command>createTestProbe().ref()),
            Optional.of(new Comeback(new Roles(true, true), List.of("Alice", "Bob")))),
        new ChatRoom.Leave(alice, "gone fishing", true),
        new ChatRoom.Post(alice, "hello", MessageKind.ACTION, Map.of("+draft/reply", "41")),
        new ChatRoom.Rename(alice, "Alicia"),
        new ChatRoom.GetMembers(alice, true,
            testKit.<ChatRoom.MembersResult>createTestProbe().ref()),
        new ChatRoom.GetTopic(testKit.<ChatRoom.TopicIs>createTestProbe().ref()),
        new ChatRoom.TopicIs("#games", Optional.of(TOPIC)),
        new ChatRoom.Forwarded(new Requester("Root", "root", "10.0.0.1", Profile.WEB, true),
            alice, new RoomRequest.Kick("Bob", "flooding", replyProbe())),
        new ChatRoom.Joined("#games", testKit.<ChatRoom.Command>createTestProbe().ref(),
            List.of("Alice", "Bob"), Map.of("Alice", "al", "Bob", "bob"),
            Map.of("Alice", Roles.OPERATOR, "Bob", new Roles(true, true)),
            List.of(posted(), new ChatEvent.Posted("#games", "Bob", "bob!b@10.0.0.8",
                Profile.NATIVE, "d7d5", MessageKind.TEXT, Map.of(), AT.plusSeconds(1), 43)),
            Optional.of(TOPIC), MODES),
        new ChatRoom.JoinRefused("#games", RoomRefusal.BANNED),
        new ChatRoom.Members("#games", List.of("Alice", "Bob"),
            Map.of("Alice", Roles.OPERATOR, "Bob", new Roles(false, true))),
        new ChatRoom.NoSuchRoom("#nowhere"),
        new ChatRoom.Occupancy("#games", 3, 17, "Chess at five", true));
  }

  /** What crosses between rooms and the nodes' links to them, every component set. */
  private static List<Object> linkSamples() {
    ActorRef<ChatEvent> alice = testKit.<ChatEvent>createTestProbe().ref();
    ChatRoom.Joined joined = new ChatRoom.Joined("games",
        testKit.<ChatRoom.Command>createTestProbe().ref(), List.of("Alice"),
        Map.of("Alice", "al"), Map.of("Alice", Roles.OPERATOR), List.of(posted()),
        Optional.of(TOPIC), MODES);
    return List.of(
        new RoomLink.Added(testKit.<ChatRoom.Command>createTestProbe().ref(), alice),
        new RoomLink.Removed(alice),
        new RoomLink.Broadcast(new ChatEvent.MemberRenamed("games", "Bob", "Robert"),
            Optional.of(alice)),
        new RoomLink.Deliver(posted(), alice),
        new RoomLink.AnswerJoin(alice, testKit.<ChatRoom.JoinResult>createTestProbe().ref(),
            joined),
        new ChatRoom.RelayedMemberBehind(alice, true),
        new RoomBoard.Listing("games", 3, "Chess at five", true),
        new HistoryCopies.Copy(Optional.of(new HistoryEntry(1_733_000_000_000_123L, "games", AT,
            "Alice", "al!al@10.0.0.7", Profile.IRC, EntryKind.ACTION, "moves e2e4")),
            Optional.of(new RoomState("games", Optional.of(TOPIC), "ntk sesame",
                List.of(new ListEntry('b', "*!*@10.0.0.5", "Alice", AT))))),
        new Registry.WhoisHere("Bob", testKit.<Registry.UserResult>createTestProbe().ref()),
        new Registry.UserDetails("Bob", new Profile("bobby", "10.0.0.8", "Bob B", Profile.IRC),
            Optional.of("at lunch"), List.of("games", "lobby"), AT, true),
        new Registry.NoSuchNick("nobody"),
        new ServerBanCopies.Copy(new ServerBan("10.0.0.*", "flood", "ann", AT), false),
        new ServerBanCopies.AskBans(testKit.<ServerBanCopies.Bans>createTestProbe().ref()),
        new ServerBanCopies.Bans(List.of(new ServerBan("fd00::*", "spam", "bob", AT))),
        new HistorySync.Hello(testKit.<HistoryCopies.Command>createTestProbe().ref(),
            testKit.<HistorySync.Welcome>createTestProbe().ref()),
        new HistorySync.Welcome(testKit.<HistorySync.Command>createTestProbe().ref()),
        new HistorySync.AskRooms(2, testKit.<HistorySync.Rooms>createTestProbe().ref()),
        new HistorySync.Rooms(2, List.of(new HistorySync.RoomTip("games", 1_733_000_000_000_123L,
            true), new HistorySync.RoomTip("dev", 0, true)), true),
        new HistorySync.AskRoom(2, "games", 1_733_000_000_000_100L,
            testKit.<HistorySync.RoomPart>createTestProbe().ref()),
        new HistorySync.RoomPart(2, "games",
            Optional.of(new RoomState("games", Optional.of(TOPIC), "nt", List.of())),
            List.of(new HistoryEntry(1_733_000_000_000_123L, "games", AT, "Alice",
                "al!al@10.0.0.7", Profile.NATIVE, EntryKind.TEXT, "good game")), false));
  }

  private static ActorRef<RoomRequest.Reply> replyProbe() {
    return testKit.<RoomRequest.Reply>createTestProbe().ref();
  }

  /** One request of each kind, and one reply of each kind, every component set. */
  private static List<Object> roomRequestSamples() {
    return List.of(
        new RoomRequest.ChangeModes(List.of(new ModeChange(true, 'l', "50"),
            new ModeChange(false, 'v', "Bob")), replyProbe()),
        new RoomRequest.GetModes(replyProbe()),
        new RoomRequest.GetList('I', replyProbe()),
        new RoomRequest.Kick("Bob", "flooding", replyProbe()),
        new RoomRequest.Invite("Bob", testKit.<ChatEvent>createTestProbe().ref(), replyProbe()),
        new RoomRequest.ChangeTopic("Chess at six", replyProbe()),
        new RoomRequest.OutsidePost("from outside", MessageKind.NOTICE, Map.of("+x", "y")),
        new RoomRequest.Refused("#games", RoomRefusal.NOT_OPERATOR, "Bob"),
        new RoomRequest.ModesAre("#games", MODES, true, AT.minusSeconds(3600)),
        new RoomRequest.ListIs("#games", 'b', List.of(
            new ListEntry('b', "*!*@10.0.0.5", "Alice", AT),
            new ListEntry('b', "spam*!*@*", "Root", AT.plusSeconds(5)))),
        new RoomRequest.InviteSent("#games", "Bob"),
        new RoomRequest.Shown("#games", new ChatEvent.Kicked("#games", "Root", "Bob", "bye")));
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
    samples().forEach((type, message) -> {
      assertInstanceOf(type, message);
      assertEquals(message, roundTrip(message), type.getName());
    });
  }

  @Test
  void everyEventKindCrossesInsideAReplyThatShowsIt() {
    for (ChatEvent event : chatEventSamples()) {
      RoomRequest.Shown shown = new RoomRequest.Shown("#games", event);
      assertEquals(shown, roundTrip(shown), event.getClass().getName());
    }
  }

  @Test
  void everyRequestKindCrossesForwarded() {
    Requester requester = new Requester("Bob", "bob", "10.0.0.8", Profile.IRC, false);
    for (Object request : roomRequestSamples()) {
      if (request instanceof RoomRequest roomRequest) {
        ChatRoom.Forwarded forwarded = new ChatRoom.Forwarded(requester,
            testKit.<ChatEvent>createTestProbe().ref(), roomRequest);
        assertEquals(forwarded, roundTrip(forwarded), request.getClass().getName());
      }
    }
  }

  @Test
  void aJoinCrossesWithoutItsLocalDelivery() {
    ChatRoom.Join join = TestJoins.of("Alice", testKit.<ChatEvent>createTestProbe().ref(),
        testKit.<ChatRoom.JoinResult>createTestProbe().ref());
    assertNotNull(join.delivery());
    assertFalse(tree(join).has("delivery"), "the delivery was written");
    ChatRoom.Join back = (ChatRoom.Join) roundTrip(join);
    assertNull(back.delivery());
    assertEquals(new ChatRoom.Join(join.nick(), join.user(), join.host(), join.protocol(),
        join.member(), null, join.key(), join.serverOperator(), join.replyTo()), back);
  }

  @Test
  void renderedEventsCrossWithoutTheirRenderingsAndArriveWithAnEmptyCache() {
    ChatEvent.Posted posted = posted();
    ChatEvent.MemberJoined joined = new ChatEvent.MemberJoined("#games", "Bob");
    ChatEvent.MemberLeft left = new ChatEvent.MemberLeft("#games", "Bob", "bye", false);
    for (ChatEvent.RenderedOnce event : List.of(posted, joined, left)) {
      event.renderings().get("irc", () -> "rendered here");
      assertFalse(tree(event).has("renderings"), "the renderings were written");
      ChatEvent.RenderedOnce back = (ChatEvent.RenderedOnce) roundTrip(event);
      assertNotNull(back.renderings(), event.getClass().getName());
      assertEquals("rendered there", back.renderings().get("irc", () -> "rendered there"));
    }
  }

  @Test
  void aPostFromANewerNodeWithAComponentThisOneLacksStillReads() throws IOException {
    ChatEvent.Posted posted = posted();
    ObjectNode newer = (ObjectNode) tree(posted);
    newer.put("addedLater", "something new").putObject("nested").put("deeper", 7);
    byte[] bytes = cborMapper().writeValueAsBytes(newer);
    Serializer serializer = serialization().findSerializerFor(posted);
    Object back = serialization().deserialize(bytes, serializer.identifier(),
        Serializers.manifestFor(serializer, posted)).get();
    assertEquals(posted, back);
  }

  /**
   * {@code message} written by Pekko's serialization and read back; it must be written by the
   * Jackson CBOR serializer, and read back to the same bytes.
   */
  private static Object roundTrip(Object message) {
    String type = message.getClass().getName();
    Serializer serializer = serialization().findSerializerFor(message);
    assertInstanceOf(JacksonCborSerializer.class, serializer, type);
    byte[] bytes = serialization().serialize(message).get();
    String manifest = Serializers.manifestFor(serializer, message);
    Object back = serialization().deserialize(bytes, serializer.identifier(), manifest).get();
    assertArrayEquals(bytes, serialization().serialize(back).get(), type);
    return back;
  }

  /** {@code message} as Pekko writes it, read as a tree of components. */
  private static JsonNode tree(Object message) {
    try {
      JsonNode tree = cborMapper().readTree(serialization().serialize(message).get());
      assertTrue(tree.isObject(), message.getClass().getName());
      return tree;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Serialization serialization() {
    return SerializationExtension.get(testKit.system().classicSystem());
  }

  private static ObjectMapper cborMapper() {
    return JacksonObjectMapperProvider.get(testKit.system().classicSystem())
        .getOrCreate("jackson-cbor", Optional.empty());
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
