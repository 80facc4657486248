package lochat.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.PrivateMessage;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.chat.RoomInfo;
import lochat.registry.Registry.ChangeNick;
import lochat.registry.Registry.GetOnline;
import lochat.registry.Registry.JoinRoom;
import lochat.registry.Registry.ListMembers;
import lochat.registry.Registry.ListRooms;
import lochat.registry.Registry.NickAccepted;
import lochat.registry.Registry.NickResult;
import lochat.registry.Registry.NickTaken;
import lochat.registry.Registry.NoSuchNick;
import lochat.registry.Registry.Online;
import lochat.registry.Registry.PrivateDelivered;
import lochat.registry.Registry.PrivateResult;
import lochat.registry.Registry.Register;
import lochat.registry.Registry.RoomList;
import lochat.registry.Registry.SendPrivate;
import lochat.registry.Registry.Unregister;
import lochat.room.ChatRoom;
import lochat.room.ChatRoom.JoinResult;
import lochat.room.ChatRoom.Joined;
import lochat.room.ChatRoom.MembersResult;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The registry with real actors; every test gets its own registry. */
class RegistryTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration EVENTUALLY = Duration.ofSeconds(3);

  private static ActorTestKit testKit;

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  private static ActorRef<Registry.Command> registry(int maxRooms) {
    return testKit.spawn(Registry.create(10, maxRooms, "lobby", CLOCK));
  }

  private static ActorRef<Registry.Command> registry() {
    return registry(100);
  }

  private static final Profile PROFILE = new Profile("user", "10.0.0.1", "A User", "native");

  private static TestProbe<ChatEvent> session() {
    return testKit.createTestProbe();
  }

  private static NickResult register(
      ActorRef<Registry.Command> registry, String nick, TestProbe<ChatEvent> session) {
    TestProbe<NickResult> reply = testKit.createTestProbe();
    registry.tell(new Register(nick, PROFILE, session.getRef(), reply.getRef()));
    return reply.receiveMessage();
  }

  private static NickResult changeNick(
      ActorRef<Registry.Command> registry, String nick, TestProbe<ChatEvent> session) {
    TestProbe<NickResult> reply = testKit.createTestProbe();
    registry.tell(new ChangeNick(nick, session.getRef(), reply.getRef()));
    return reply.receiveMessage();
  }

  private static JoinResult join(
      ActorRef<Registry.Command> registry, String room, String nick, TestProbe<ChatEvent> member) {
    TestProbe<JoinResult> reply = testKit.createTestProbe();
    registry.tell(new JoinRoom(room, nick, member.getRef(), reply.getRef()));
    return reply.receiveMessage();
  }

  private static List<RoomInfo> rooms(ActorRef<Registry.Command> registry) {
    TestProbe<RoomList> reply = testKit.createTestProbe();
    registry.tell(new ListRooms(reply.getRef()));
    return reply.receiveMessage().rooms();
  }

  private static MembersResult members(ActorRef<Registry.Command> registry, String room) {
    TestProbe<MembersResult> reply = testKit.createTestProbe();
    registry.tell(new ListMembers(room, reply.getRef()));
    return reply.receiveMessage();
  }

  private static PrivateResult sendPrivate(
      ActorRef<Registry.Command> registry, TestProbe<ChatEvent> sender, String to, String text) {
    TestProbe<PrivateResult> reply = testKit.createTestProbe();
    registry.tell(new SendPrivate(sender.getRef(), to, text, MessageKind.TEXT, reply.getRef()));
    return reply.receiveMessage();
  }

  private static int online(ActorRef<Registry.Command> registry) {
    TestProbe<Online> reply = testKit.createTestProbe();
    registry.tell(new GetOnline(reply.getRef()));
    return reply.receiveMessage().users();
  }

  // --- nicknames ---

  @Test
  void registersAFreeNick() {
    ActorRef<Registry.Command> registry = registry();

    assertEquals(new NickAccepted(null, "Alice"), register(registry, "Alice", session()));
  }

  @Test
  void nickIsTakenCaseInsensitivelyForAnotherSession() {
    ActorRef<Registry.Command> registry = registry();
    register(registry, "Alice", session());

    assertEquals(new NickTaken("alice"), register(registry, "alice", session()));
    assertEquals(1, online(registry));
  }

  @Test
  void reRegisteringTheSameSessionChangesItsNick() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);

    assertEquals(new NickAccepted("Alice", "Ally"), register(registry, "Ally", alice));
    assertEquals(new NickAccepted(null, "Alice"), register(registry, "Alice", session()),
        "the old nick is free again");
    assertEquals(2, online(registry));
  }

  @Test
  void changeNickFreesTheOldNick() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);

    assertEquals(new NickAccepted("Alice", "Ally"), changeNick(registry, "Ally", alice));

    assertEquals(new NickAccepted(null, "alice"), register(registry, "alice", session()));
    assertEquals(new NickTaken("ally"), register(registry, "ally", session()));
  }

  @Test
  void changeNickToATakenNickIsRefusedAndKeepsTheOldOne() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);
    register(registry, "Bob", session());

    assertEquals(new NickTaken("BOB"), changeNick(registry, "BOB", alice));
    assertEquals(new NickTaken("alice"), register(registry, "alice", session()));
  }

  @Test
  void caseOnlyChangeOfOwnNickIsAccepted() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);

    assertEquals(new NickAccepted("Alice", "ALICE"), changeNick(registry, "ALICE", alice));
    assertEquals(new NickTaken("alice"), register(registry, "alice", session()),
        "still held, in its new spelling");
    assertEquals(1, online(registry));
  }

  @Test
  void nickIsReleasedWhenTheSessionStops() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);

    alice.stop();

    TestProbe<ChatEvent> newcomer = session();
    newcomer.awaitAssert(EVENTUALLY, () -> {
      assertEquals(new NickAccepted(null, "Alice"), register(registry, "Alice", newcomer));
      return null;
    });
    assertEquals(1, online(registry));
  }

  @Test
  void unregisterReleasesTheNickImmediately() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);

    registry.tell(new Unregister(alice.getRef()));

    assertEquals(0, online(registry));
    assertEquals(new NickAccepted(null, "Alice"), register(registry, "Alice", session()));
  }

  @Test
  void getOnlineCountsRegisteredUsers() {
    ActorRef<Registry.Command> registry = registry();
    assertEquals(0, online(registry));

    TestProbe<ChatEvent> alice = session();
    register(registry, "alice", alice);
    register(registry, "bob", session());
    register(registry, "ALICE", session()); // taken: not counted
    assertEquals(2, online(registry));

    registry.tell(new Unregister(alice.getRef()));
    assertEquals(1, online(registry));
  }

  // --- rooms ---

  @Test
  void firstJoinCreatesTheRoomAndLaterJoinsInAnyCaseReuseIt() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();

    Joined first = (Joined) join(registry, "Dev", "alice", alice);
    Joined second = (Joined) join(registry, "dev", "bob", session());

    assertEquals("Dev", first.room());
    assertEquals(List.of("alice"), first.members());
    assertEquals("Dev", second.room(), "the room keeps its first spelling");
    assertEquals(List.of("alice", "bob"), second.members());
    assertEquals(first.roomRef(), second.roomRef());
    alice.expectMessage(new MemberJoined("Dev", "bob"));
    alice.awaitAssert(EVENTUALLY, () -> {
      assertEquals(List.of(new RoomInfo("Dev", 2), new RoomInfo("lobby", 0)), rooms(registry),
          "one room, not two, beside the default room");
      return null;
    });
  }

  @Test
  void listRoomsIsSortedCaseInsensitivelyWithCurrentMemberCounts() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    join(registry, "beta", "alice", alice);
    Joined zeta = (Joined) join(registry, "Zeta", "alice", alice);
    join(registry, "Zeta", "bob", session());
    join(registry, "alpha", "carol", session());

    alice.awaitAssert(EVENTUALLY, () -> {
      assertEquals(
          List.of(new RoomInfo("alpha", 1), new RoomInfo("beta", 1), new RoomInfo("lobby", 0),
              new RoomInfo("Zeta", 2)),
          rooms(registry));
      return null;
    });

    zeta.roomRef().tell(new ChatRoom.Leave(alice.getRef(), "bye", false));
    alice.awaitAssert(EVENTUALLY, () -> {
      assertEquals(
          List.of(new RoomInfo("alpha", 1), new RoomInfo("beta", 1), new RoomInfo("lobby", 0),
              new RoomInfo("Zeta", 1)),
          rooms(registry));
      return null;
    });
  }

  @Test
  void maxRoomsRefusesANewRoomButNotAnExistingOne() {
    ActorRef<Registry.Command> registry = registry(3);
    join(registry, "one", "alice", session());
    join(registry, "two", "alice", session());

    JoinResult refused = join(registry, "three", "alice", session());

    assertEquals("three", assertInstanceOf(ChatRoom.JoinRefused.class, refused).room());
    assertInstanceOf(Joined.class, join(registry, "ONE", "bob", session()));
    assertEquals(List.of("lobby", "one", "two"),
        rooms(registry).stream().map(RoomInfo::name).toList());
  }

  @Test
  void listMembersAnswersNoSuchRoomOrTheMembers() {
    ActorRef<Registry.Command> registry = registry();
    join(registry, "Dev", "alice", session());
    join(registry, "Dev", "bob", session());

    assertEquals(new ChatRoom.NoSuchRoom("nowhere"), members(registry, "nowhere"));
    assertEquals(new ChatRoom.Members("Dev", List.of("alice", "bob")), members(registry, "DEV"));
  }

  @Test
  void roomNameThatIsNotAValidActorNameDoesNotStopTheRegistry() {
    ActorRef<Registry.Command> registry = registry();
    register(registry, "alice", session());

    TestProbe<JoinResult> reply = testKit.createTestProbe();
    registry.tell(new JoinRoom("#lobby", "alice", session().getRef(), reply.getRef()));

    JoinResult result = reply.receiveMessage();
    assertEquals(new ChatRoom.JoinRefused("#lobby",
        "Room name may only contain letters A-Z, digits, '_', '-' and '.' (found '#')"), result);
    assertEquals(1, online(registry), "the registry still serves everyone else");
  }

  // --- private messages ---

  @Test
  void privateMessageReachesTheTargetAndIsConfirmedToTheSender() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    TestProbe<ChatEvent> bob = session();
    register(registry, "Alice", alice);
    register(registry, "Bob", bob);

    PrivateResult result = sendPrivate(registry, alice, "bOB", "psst");

    PrivateMessage message = new PrivateMessage("Alice", "Bob", "psst", MessageKind.TEXT, NOW);
    assertEquals(new PrivateDelivered(message, Optional.empty()), result);
    bob.expectMessage(message);
    alice.expectNoMessage();
  }

  @Test
  void privateMessageToAnUnknownNickIsRefused() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    TestProbe<ChatEvent> bob = session();
    register(registry, "Alice", alice);
    register(registry, "Bob", bob);

    assertEquals(new NoSuchNick("carol"), sendPrivate(registry, alice, "carol", "hello?"));
    alice.expectNoMessage();
    bob.expectNoMessage();
  }

  @Test
  void privateMessageToOneselfIsDeliveredOnlyOnceAsTheReply() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);

    PrivateResult result = sendPrivate(registry, alice, "alice", "note to self");

    assertEquals(
        new PrivateDelivered(
            new PrivateMessage("Alice", "Alice", "note to self", MessageKind.TEXT, NOW),
            Optional.empty()),
        result);
    alice.expectNoMessage();
  }
}
