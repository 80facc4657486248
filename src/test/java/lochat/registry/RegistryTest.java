package lochat.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.ChatEvent.PrivateMessage;
import lochat.chat.FormerNick;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.chat.RoomInfo;
import lochat.registry.Registry.ChangeNick;
import lochat.registry.Registry.GetOnline;
import lochat.registry.Registry.JoinRoom;
import lochat.registry.Registry.ListUsers;
import lochat.registry.Registry.LookUp;
import lochat.registry.Registry.ListMembers;
import lochat.registry.Registry.ListRooms;
import lochat.registry.Registry.NickAccepted;
import lochat.registry.Registry.NickResult;
import lochat.registry.Registry.NickTaken;
import lochat.registry.Registry.NoSuchNick;
import lochat.registry.Registry.NoSuchRecipient;
import lochat.registry.Registry.Online;
import lochat.registry.Registry.PrivateDelivered;
import lochat.registry.Registry.PrivateResult;
import lochat.registry.Registry.Register;
import lochat.registry.Registry.RoomList;
import lochat.registry.Registry.RoomsChanged;
import lochat.registry.Registry.SendPrivate;
import lochat.registry.Registry.SetAway;
import lochat.registry.Registry.Unregister;
import lochat.registry.Registry.UserDetails;
import lochat.registry.Registry.UserResult;
import lochat.registry.Registry.WasResult;
import lochat.registry.Registry.Whowas;
import lochat.registry.Registry.Users;
import lochat.registry.Registry.Whois;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.room.ChatRoom.JoinResult;
import lochat.room.ChatRoom.Joined;
import lochat.room.ChatRoom.MembersResult;
import lochat.testing.TestClock;
import lochat.testing.TestEvents;
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
    return testKit.spawn(Registry.create(10, RoomLimits.total(maxRooms), "lobby", CLOCK,
        RoomArchive.discarding()));
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
    registry.tell(new ListRooms(testKit.<ChatEvent>createTestProbe().getRef(), reply.getRef()));
    return reply.receiveMessage().rooms();
  }

  private static MembersResult members(ActorRef<Registry.Command> registry, String room) {
    TestProbe<MembersResult> reply = testKit.createTestProbe();
    registry.tell(new ListMembers(room, testKit.<ChatEvent>createTestProbe().getRef(),
        reply.getRef()));
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

  private static Online onlineCounts(ActorRef<Registry.Command> registry) {
    TestProbe<Online> reply = testKit.createTestProbe();
    registry.tell(new GetOnline(reply.getRef()));
    return reply.receiveMessage();
  }

  private static NickResult register(ActorRef<Registry.Command> registry, String nick,
      Profile profile, TestProbe<ChatEvent> session) {
    TestProbe<NickResult> reply = testKit.createTestProbe();
    registry.tell(new Register(nick, profile, session.getRef(), reply.getRef()));
    return reply.receiveMessage();
  }

  private static UserResult whois(ActorRef<Registry.Command> registry, String nick) {
    TestProbe<UserResult> reply = testKit.createTestProbe();
    registry.tell(new Whois(nick, testKit.<ChatEvent>createTestProbe().getRef(), reply.getRef()));
    return reply.receiveMessage();
  }

  private static List<String> lookUp(ActorRef<Registry.Command> registry, String... nicks) {
    TestProbe<Users> reply = testKit.createTestProbe();
    registry.tell(new LookUp(List.of(nicks), reply.getRef()));
    return reply.receiveMessage().users().stream().map(UserDetails::nick).toList();
  }

  private static List<UserDetails> listUsers(
      ActorRef<Registry.Command> registry, Optional<String> room) {
    TestProbe<Users> reply = testKit.createTestProbe();
    registry.tell(new ListUsers(room, testKit.<ChatEvent>createTestProbe().getRef(),
        reply.getRef()));
    return reply.receiveMessage().users();
  }

  private static List<String> nicks(List<UserDetails> users) {
    return users.stream().map(UserDetails::nick).toList();
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
      assertEquals(List.of(new RoomInfo("Dev", 2, ""), new RoomInfo("lobby", 0, "")), rooms(registry),
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
          List.of(new RoomInfo("alpha", 1, ""), new RoomInfo("beta", 1, ""), new RoomInfo("lobby", 0, ""),
              new RoomInfo("Zeta", 2, "")),
          rooms(registry));
      return null;
    });

    zeta.roomRef().tell(new ChatRoom.Leave(alice.getRef(), "bye", false));
    alice.awaitAssert(EVENTUALLY, () -> {
      assertEquals(
          List.of(new RoomInfo("alpha", 1, ""), new RoomInfo("beta", 1, ""), new RoomInfo("lobby", 0, ""),
              new RoomInfo("Zeta", 1, "")),
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
    assertEquals(TestEvents.members("Dev", List.of("alice", "bob")), members(registry, "DEV"));
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

    PrivateMessage message =
        new PrivateMessage(
            "Alice", "user", "native", "Bob", "psst", MessageKind.TEXT, Map.of(), NOW);
    assertEquals(new PrivateDelivered(message, Optional.empty()), result);
    bob.expectMessage(message);
    alice.expectNoMessage();
  }

  @Test
  void postsAndPrivateMessagesCarryTheSendersProtocol() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    TestProbe<ChatEvent> bob = session();
    register(registry, "Alice", IRC_PROFILE, alice);
    register(registry, "Bob", bob);
    Joined joined = (Joined) join(registry, "lobby", "Alice", alice);

    joined.roomRef().tell(new ChatRoom.Post(alice.getRef(), "hi", MessageKind.TEXT));
    PrivateResult result = sendPrivate(registry, alice, "bob", "psst");

    Posted posted = alice.expectMessageClass(Posted.class);
    assertEquals(List.of("ali", "irc"), List.of(posted.user(), posted.protocol()));
    PrivateMessage message = bob.expectMessageClass(PrivateMessage.class);
    assertEquals(List.of("ali", "irc"), List.of(message.fromUser(), message.fromProtocol()));
    assertEquals(new PrivateDelivered(message, Optional.empty()), result);
  }

  @Test
  void privateMessageToAnUnknownNickIsRefused() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    TestProbe<ChatEvent> bob = session();
    register(registry, "Alice", alice);
    register(registry, "Bob", bob);

    assertEquals(new NoSuchRecipient("carol"), sendPrivate(registry, alice, "carol", "hello?"));
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
            new PrivateMessage(
                "Alice", "user", "native", "Alice", "note to self", MessageKind.TEXT,
                Map.of(), NOW),
            Optional.empty()),
        result);
    alice.expectNoMessage();
  }

  // --- who users are ---

  private static final Profile IRC_PROFILE =
      new Profile("ali", "192.168.1.20", "Alice Liddell", "irc");

  @Test
  void whoisTellsWhatRegistrationSaid() {
    ActorRef<Registry.Command> registry = registry();
    register(registry, "Alice", IRC_PROFILE, session());

    assertEquals(new UserDetails("Alice", IRC_PROFILE, Optional.empty(), List.of(), NOW, false),
        whois(registry, "aLICE"));
  }

  @Test
  void whoisOfSomeoneOfflineIsNoSuchNick() {
    ActorRef<Registry.Command> registry = registry();
    register(registry, "Alice", IRC_PROFILE, session());

    assertEquals(new NoSuchNick("bob"), whois(registry, "bob"));
  }

  @Test
  void whoisShowsTheRoomsTheSessionReported() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", IRC_PROFILE, alice);

    registry.tell(new RoomsChanged(alice.getRef(), List.of("lobby", "Dev")));
    assertEquals(List.of("lobby", "Dev"),
        assertInstanceOf(UserDetails.class, whois(registry, "alice")).rooms());

    registry.tell(new RoomsChanged(alice.getRef(), List.of("Dev")));
    assertEquals(List.of("Dev"),
        assertInstanceOf(UserDetails.class, whois(registry, "alice")).rooms());
  }

  @Test
  void whoisShowsAwayUntilTheUserIsBack() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", IRC_PROFILE, alice);

    registry.tell(new SetAway(alice.getRef(), Optional.of("at lunch")));
    assertEquals(Optional.of("at lunch"),
        assertInstanceOf(UserDetails.class, whois(registry, "alice")).away());

    registry.tell(new SetAway(alice.getRef(), Optional.empty()));
    assertEquals(Optional.empty(),
        assertInstanceOf(UserDetails.class, whois(registry, "alice")).away());
  }

  @Test
  void whoisFollowsANickChangeAndKeepsWhoTheUserIs() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", IRC_PROFILE, alice);
    registry.tell(new SetAway(alice.getRef(), Optional.of("brb")));
    changeNick(registry, "Ally", alice);

    assertEquals(new NoSuchNick("Alice"), whois(registry, "Alice"));
    assertEquals(new UserDetails("Ally", IRC_PROFILE, Optional.of("brb"), List.of(), NOW, false),
        whois(registry, "ally"));
  }

  @Test
  void awayAndRoomsOfAnUnregisteredSessionAreIgnored() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> stranger = session();
    registry.tell(new SetAway(stranger.getRef(), Optional.of("?")));
    registry.tell(new RoomsChanged(stranger.getRef(), List.of("lobby")));

    assertEquals(0, online(registry));
    assertEquals(List.of(), listUsers(registry, Optional.empty()));
  }

  @Test
  void lookUpAnswersInTheOrderAskedAndSkipsWhoIsOffline() {
    ActorRef<Registry.Command> registry = registry();
    register(registry, "Alice", session());
    register(registry, "bob", session());
    register(registry, "Carol", session());

    assertEquals(List.of("Carol", "Alice", "bob"),
        lookUp(registry, "carol", "nobody", "ALICE", "Bob"));
    assertEquals(List.of(), lookUp(registry, "nobody", "noone"));
    assertEquals(List.of(), lookUp(registry));
  }

  @Test
  void listUsersListsEveryoneSortedCaseInsensitively() {
    ActorRef<Registry.Command> registry = registry();
    register(registry, "carol", session());
    register(registry, "Alice", session());
    register(registry, "bob", session());

    assertEquals(List.of("Alice", "bob", "carol"), nicks(listUsers(registry, Optional.empty())));
  }

  @Test
  void listUsersOfARoomListsItsMembersWhateverTheCaseOfItsName() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    TestProbe<ChatEvent> bob = session();
    TestProbe<ChatEvent> carol = session();
    register(registry, "alice", alice);
    register(registry, "bob", bob);
    register(registry, "carol", carol);
    registry.tell(new RoomsChanged(alice.getRef(), List.of("lobby", "Dev")));
    registry.tell(new RoomsChanged(bob.getRef(), List.of("lobby")));
    registry.tell(new RoomsChanged(carol.getRef(), List.of("dev")));

    assertEquals(List.of("alice", "carol"), nicks(listUsers(registry, Optional.of("DEV"))));
    assertEquals(List.of("alice", "bob"), nicks(listUsers(registry, Optional.of("lobby"))));
    assertEquals(List.of(), nicks(listUsers(registry, Optional.of("games"))));
  }

  @Test
  void getOnlineCountsUsersTheMostAtOnceAndRooms() {
    ActorRef<Registry.Command> registry = registry();
    assertEquals(new Online(0, 0, 0, 0, 1), onlineCounts(registry), "the default room exists");

    TestProbe<ChatEvent> alice = session();
    TestProbe<ChatEvent> bob = session();
    register(registry, "alice", alice);
    register(registry, "bob", bob);
    register(registry, "carol", session());
    join(registry, "lobby", "alice", alice);
    join(registry, "dev", "alice", alice);
    join(registry, "DEV", "bob", bob);
    join(registry, "games", "bob", bob);
    assertEquals(new Online(3, 0, 0, 3, 3), onlineCounts(registry), "lobby, dev and games");
    registry.tell(new Registry.SetInvisible(bob.getRef(), true));
    assertEquals(1, onlineCounts(registry).invisible(), "bob is +i");

    registry.tell(new Unregister(alice.getRef()));
    registry.tell(new Unregister(bob.getRef()));
    Online later = onlineCounts(registry);
    assertEquals(1, later.users());
    assertEquals(3, later.maxUsers(), "the most there have been stays");

    register(registry, "dave", session());
    assertEquals(3, onlineCounts(registry).maxUsers(), "two now is not more than three then");
  }

  @Test
  void privateMessageToSomeoneAwayCarriesTheirAwayMessage() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    TestProbe<ChatEvent> bob = session();
    register(registry, "Alice", alice);
    register(registry, "Bob", bob);
    registry.tell(new SetAway(bob.getRef(), Optional.of("gone fishing")));

    PrivateResult result = sendPrivate(registry, alice, "bob", "you there?");

    PrivateMessage message =
        new PrivateMessage(
            "Alice", "user", "native", "Bob", "you there?", MessageKind.TEXT, Map.of(), NOW);
    assertEquals(new PrivateDelivered(message, Optional.of("gone fishing")), result);
    bob.expectMessage(message);
  }

  @Test
  void unregisteredUserIsGoneFromEveryAnswer() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);
    register(registry, "Bob", session());
    registry.tell(new RoomsChanged(alice.getRef(), List.of("lobby")));

    registry.tell(new Unregister(alice.getRef()));

    assertEquals(new NoSuchNick("alice"), whois(registry, "alice"));
    assertEquals(List.of("Bob"), lookUp(registry, "alice", "bob"));
    assertEquals(List.of("Bob"), nicks(listUsers(registry, Optional.empty())));
    assertEquals(List.of(), nicks(listUsers(registry, Optional.of("lobby"))));
    assertEquals(new NickAccepted(null, "alice"), register(registry, "alice", session()));
  }

  @Test
  void userWhoseSessionStoppedIsGoneFromEveryAnswer() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);
    register(registry, "Bob", session());

    alice.stop();

    alice.awaitAssert(EVENTUALLY, () -> {
      assertEquals(new NoSuchNick("Alice"), whois(registry, "Alice"));
      return null;
    });
    assertEquals(List.of("Bob"), lookUp(registry, "Alice", "Bob"));
    assertEquals(List.of("Bob"), nicks(listUsers(registry, Optional.empty())));
    assertEquals(1, online(registry));
    assertTrue(register(registry, "alice", session()) instanceof NickAccepted);
  }
  // --- former nicknames (WHOWAS) ---

  private static List<FormerNick> whowas(ActorRef<Registry.Command> registry, String nick,
      int max) {
    TestProbe<WasResult> reply = testKit.createTestProbe();
    registry.tell(new Whowas(nick, max, reply.getRef()));
    WasResult result = reply.receiveMessage();
    assertEquals(nick, result.nick());
    return result.entries();
  }

  private static Profile profile(String user, String realName) {
    return new Profile(user, "10.0.0.9", realName, "irc");
  }

  @Test
  void whowasRemembersWhoQuitOrChangedNicknameAndWhenNewestFirst() {
    TestClock clock = new TestClock(NOW);
    ActorRef<Registry.Command> registry =
        testKit.spawn(Registry.create(10, RoomLimits.total(100), "lobby", clock,
            RoomArchive.discarding()));
    TestProbe<ChatEvent> first = session();
    TestProbe<ChatEvent> second = session();
    TestProbe<ChatEvent> third = session();
    register(registry, "Ann", profile("annie", "Ann One"), first);
    register(registry, "Bea", profile("bea", "Bea Two"), second);

    clock.set(NOW.plusSeconds(10));
    registry.tell(new Unregister(first.getRef()));
    assertEquals(1, online(registry));
    clock.set(NOW.plusSeconds(20));
    assertEquals(new NickAccepted("Bea", "ann"), changeNick(registry, "ann", second));
    clock.set(NOW.plusSeconds(30));
    changeNick(registry, "Cat", second);
    register(registry, "ANN", profile("ann3", "Ann Three"), third);
    clock.set(NOW.plusSeconds(40));
    third.stop();

    List<FormerNick> expected = List.of(
        new FormerNick("ANN", "ann3", "Ann Three", NOW.plusSeconds(40)),
        new FormerNick("ann", "bea", "Bea Two", NOW.plusSeconds(30)),
        new FormerNick("Ann", "annie", "Ann One", NOW.plusSeconds(10)));
    third.awaitAssert(EVENTUALLY, () -> {
      assertEquals(expected, whowas(registry, "aNN", 0));
      return null;
    });
    assertEquals(expected.subList(0, 2), whowas(registry, "ann", 2));
    assertEquals(expected, whowas(registry, "ann", -1), "not positive: all");
    assertEquals(List.of(new FormerNick("Bea", "bea", "Bea Two", NOW.plusSeconds(20))),
        whowas(registry, "bea", 0));
    assertEquals(List.of(), whowas(registry, "Cat", 0), "Cat is still online");
    assertEquals(List.of(), whowas(registry, "nobody", 0));
  }

  @Test
  void whowasKeepsNothingForAChangeOfCaseOrAnUnregisteredSession() {
    ActorRef<Registry.Command> registry = registry();
    TestProbe<ChatEvent> alice = session();
    register(registry, "Alice", alice);

    changeNick(registry, "ALICE", alice);
    registry.tell(new Unregister(session().getRef()));

    assertEquals(List.of(), whowas(registry, "alice", 0));
  }
}
