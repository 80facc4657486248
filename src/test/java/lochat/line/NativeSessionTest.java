package lochat.line;

import lochat.protocol.LineEncoding;
import lochat.protocol.line.NativeCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lochat.testing.TestEvents;
import lochat.connection.ConnectionSettings;
import lochat.connection.Outbound;
import lochat.connection.SessionCommand;
import lochat.connection.SessionReport;
import lochat.connection.SessionSetup;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MemberDelivery;
import lochat.chat.MessageKind;
import lochat.guard.Gatekeeper;
import lochat.guard.GuardSettings;
import lochat.protocol.InboundLine;
import lochat.registry.Registry;
import lochat.testing.OutboundReader;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.room.RoomRequest;
import lochat.chat.ModeChange;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.HistoryQuery;
import lochat.store.HistoryWriter;
import lochat.store.ListEntry;
import lochat.store.MemoryHistoryStore;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The native-protocol session against probes standing in for the registry, rooms and socket. */
class NativeSessionTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static ConnectionSettings settings(int sendBuffer) {
    return ConnectionSettings.fromConfig(ConfigFactory.parseString(String.join("\n",
            "lochat.server-name = testhost",
            "lochat.motd = \"Be nice.\\nNo spam.\"",
            "lochat.connection.send-buffer = " + sendBuffer))
        .withFallback(ConfigFactory.load()).getConfig("lochat"));
  }
  private static final Duration QUIET = Duration.ofMillis(200);

  private TestProbe<Registry.Command> registry;
  private TestProbe<SessionReport.Ended> ended;
  private TestProbe<String> socket;
  private TestProbe<Done> ack;
  private TestProbe<ChatRoom.Command> room;
  /** Where the session reads history: a writer played by a probe. */
  private TestProbe<HistoryWriter.Command> writer;
  private RoomArchive archive;
  /** How the lobby reaches alice: the delivery her session gave with its join. */
  private MemberDelivery lobby;

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void probes() {
    registry = testKit.createTestProbe();
    ended = testKit.createTestProbe();
    socket = testKit.createTestProbe();
    ack = testKit.createTestProbe();
    room = testKit.createTestProbe();
    writer = testKit.createTestProbe();
    archive = RoomArchive.of(new MemoryHistoryStore(Clock.systemUTC(), 10, 10), writer.getRef());
  }

  private ActorRef<SessionCommand> session(int sendBuffer, boolean socketReads) {
    ConnectionSettings settings = settings(sendBuffer);
    Outbound outbound = new Outbound(settings, LineEncoding.LF);
    if (socketReads) {
      OutboundReader.readLines(outbound, socket.getRef(), testKit.system());
    }
    return session(settings, outbound);
  }

  private ActorRef<SessionCommand> session(
      ConnectionSettings settings, Outbound outbound) {
    ActorRef<SessionCommand> session = spawn(settings, outbound);
    if (settings.password().isEmpty()) {
      // The welcome counts everyone connected: here 2 users and this connection.
      registry.expectMessageClass(Registry.GetOnline.class).replyTo()
          .tell(new Registry.Online(2, 0, 1, 2, 1));
    }
    return session;
  }

  /** A session whose socket is read, which has not had its welcome's count yet. */
  private ActorRef<SessionCommand> sessionBeforeTheWelcome() {
    ConnectionSettings settings = settings(64 * 1024);
    Outbound outbound = new Outbound(settings, LineEncoding.LF);
    OutboundReader.readLines(outbound, socket.getRef(), testKit.system());
    return spawn(settings, outbound);
  }

  private ActorRef<SessionCommand> spawn(ConnectionSettings settings, Outbound outbound) {
    ActorRef<SessionCommand> session = testKit.spawn(NativeSession.create(
        new SessionSetup(settings, registry.getRef(), gatekeeper(settings),
            outbound, "10.0.0.9:5000", endReports(), Clock.systemUTC(),
            testKit.<lochat.operators.Operators.Command>createTestProbe().getRef(), archive),
        NativeCodec.LINES));
    registry.expectMessageClass(Registry.Connected.class);
    return session;
  }

  /** Tells the session an event as the lobby does: through the delivery it was given. */
  private void fromLobby(ActorRef<ChatEvent> session, ChatEvent event) {
    lobby.throughSession();
    session.tell(event);
  }

  private void receive(ActorRef<SessionCommand> session, String line) {
    session.tell(new SessionCommand.Received(new InboundLine.Text(line), ack.getRef()));
  }

  /** Registers as alice in a lobby played by the room probe; returns the session's chat address. */
  private ActorRef<ChatEvent> registerAlice(
      ActorRef<SessionCommand> session, List<Posted> history) {
    socket.expectMessage("SERVER Welcome to testhost (Lochat " + lochat.Version.CURRENT
        + "). 3 clients online.");
    socket.expectMessage("SERVER Be nice.");
    socket.expectMessage("SERVER No spam.");
    assertTrue(socket.receiveMessage().startsWith("PROMPT "));
    receive(session, "alice");
    Registry.Register register = registry.expectMessageClass(Registry.Register.class);
    assertEquals("alice", register.nick());
    ack.expectNoMessage(QUIET);
    register.replyTo().tell(new Registry.NickAccepted(null, "alice"));
    socket.expectMessage("OK nick alice");
    Registry.JoinRoom join = registry.expectMessageClass(Registry.JoinRoom.class);
    assertEquals("lobby", join.room());
    ack.expectNoMessage(QUIET);
    lobby = join.delivery();
    lobby.throughSession();
    join.replyTo().tell(TestEvents.joined(
        "lobby", room.getRef(), List.of("bob", "alice"), history, Optional.empty()));
    ack.expectMessage(Done.getInstance());
    return register.session();
  }

  @Test
  void registrationHoldsTheLineUntilTheRegistryAndRoomHaveAnswered() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    Posted old = TestEvents.posted("lobby", "bob", "earlier", MessageKind.TEXT, java.time.Instant.parse("2026-01-02T03:04:05Z"));
    registerAlice(session, List.of(old));
    socket.expectMessage("HISTORY 2026-01-02T03:04:05Z MSG lobby bob earlier");
    socket.expectMessage("JOINED lobby alice");
    socket.expectMessage("WHO lobby @bob alice");
    assertTrue(socket.receiveMessage().startsWith("SERVER Hello alice! You are in lobby."));
  }

  @Test
  void takenNicknameIsRefusedAndAskedForAgain() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    socket.receiveSeveralMessages(4);
    receive(session, "/nick alice");
    registry.expectMessageClass(Registry.Register.class).replyTo()
        .tell(new Registry.NickTaken("alice"));
    socket.expectMessage("ERROR nick-taken Nickname alice is already in use; choose another");
    assertTrue(socket.receiveMessage().startsWith("PROMPT "));
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void aLineSentBeforeTheWelcomeIsHandledAfterIt() {
    ActorRef<SessionCommand> session = sessionBeforeTheWelcome();
    ActorRef<Registry.Online> online =
        registry.expectMessageClass(Registry.GetOnline.class).replyTo();
    receive(session, "alice");
    socket.expectNoMessage(QUIET);
    online.tell(new Registry.Online(4, 1, 2, 4, 1));
    socket.expectMessage("SERVER Welcome to testhost (Lochat " + lochat.Version.CURRENT
        + "). 6 clients online.");
    socket.receiveSeveralMessages(3);
    Registry.Register register = registry.expectMessageClass(Registry.Register.class);
    assertEquals("alice", register.nick());
    register.replyTo().tell(new Registry.NickAccepted(null, "alice"));
    socket.expectMessage("OK nick alice");
  }

  @Test
  void aClientThatStopsSendingBeforeTheWelcomeStillGetsIt() {
    ActorRef<SessionCommand> session = sessionBeforeTheWelcome();
    ActorRef<Registry.Online> online =
        registry.expectMessageClass(Registry.GetOnline.class).replyTo();
    session.tell(new SessionCommand.InputEnded(Optional.empty()));
    socket.expectNoMessage(QUIET);
    online.tell(new Registry.Online(0, 0, 1, 1, 1));
    socket.expectMessage("SERVER Welcome to testhost (Lochat " + lochat.Version.CURRENT
        + "). 1 client online.");
    socket.expectMessage("SERVER Be nice.");
    socket.expectMessage("SERVER No spam.");
    assertTrue(socket.receiveMessage().startsWith("PROMPT "));
  }

  @Test
  void whoShowsWhoOfTheMembersIsAway() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    registry.expectMessageClass(Registry.RoomsChanged.class);
    receive(session, "/who");
    Registry.ListMembers list = registry.expectMessageClass(Registry.ListMembers.class);
    list.replyTo().tell(TestEvents.members("lobby", List.of("bob", "alice")));
    socket.expectMessage("WHO lobby @bob alice");
    Registry.LookUp lookUp = registry.expectMessageClass(Registry.LookUp.class);
    assertEquals(List.of("bob", "alice"), lookUp.nicks());
    ack.expectNoMessage(QUIET);
    lookUp.replyTo().tell(new Registry.Users(List.of(
        user("bob", Optional.of("gone to lunch"), List.of("lobby")),
        user("alice", Optional.empty(), List.of("lobby")))));
    socket.expectMessage("AWAY bob gone to lunch");
    ack.expectMessage(Done.getInstance());
    socket.expectNoMessage(QUIET);
  }

  @Test
  void whoisAndAwayAnswerAsTheIrcCommandsDo() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    registry.expectMessageClass(Registry.RoomsChanged.class);
    receive(session, "/whois bob");
    Registry.Whois whois = registry.expectMessageClass(Registry.Whois.class);
    assertEquals("bob", whois.nick());
    whois.replyTo().tell(user("bob", Optional.of("back soon"), List.of("lobby", "games")));
    socket.expectMessage("WHOIS bob irc lobby,games Bob the Builder");
    socket.expectMessage("AWAY bob back soon");
    ack.expectMessage(Done.getInstance());
    receive(session, "/whois carol");
    registry.expectMessageClass(Registry.Whois.class).replyTo()
        .tell(new Registry.NoSuchNick("carol"));
    socket.expectMessage("ERROR no-such-user Nobody called carol is online");
    ack.expectMessage(Done.getInstance());
    receive(session, "/away at the door");
    assertEquals(Optional.of("at the door"),
        registry.expectMessageClass(Registry.SetAway.class).message());
    socket.expectMessage("OK away You are away: at the door");
    ack.expectMessage(Done.getInstance());
    receive(session, "/away");
    assertEquals(Optional.empty(), registry.expectMessageClass(Registry.SetAway.class).message());
    socket.expectMessage("OK away You are back");
  }

  @Test
  void listShowsEachRoomWithItsTopicThenTheSummary() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    registry.expectMessageClass(Registry.RoomsChanged.class);
    receive(session, "/list");
    registry.expectMessageClass(Registry.ListRooms.class).replyTo().tell(new Registry.RoomList(
        List.of(new lochat.chat.RoomInfo("games", 3, "chess at noon"),
            new lochat.chat.RoomInfo("lobby", 2, ""))));
    socket.expectMessage("ROOM games 3 chess at noon");
    socket.expectMessage("ROOM lobby 2");
    socket.expectMessage("ROOMS games:3 lobby:2");
    ack.expectMessage(Done.getInstance());
  }

  private static Registry.UserDetails user(String nick, Optional<String> away, List<String> rooms) {
    return new Registry.UserDetails(nick, new lochat.chat.Profile(nick, "10.0.0.7",
        "Bob the Builder", "irc"), away, rooms, java.time.Instant.EPOCH, false);
  }

  @Test
  void postIsAcknowledgedOnlyOnceTheRoomHasEchoedIt() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    receive(session, "hello \u001b[31mworld");
    ChatRoom.Post post = room.expectMessageClass(ChatRoom.Post.class);
    assertEquals("hello world", post.text());
    ack.expectNoMessage(QUIET);
    fromLobby(me, TestEvents.posted("lobby", "bob", "crossing", MessageKind.TEXT, java.time.Instant.now()));
    socket.expectMessage("MSG lobby bob crossing");
    ack.expectNoMessage(QUIET);
    fromLobby(me, TestEvents.posted("lobby", "alice", "hello world", MessageKind.TEXT, java.time.Instant.now()));
    socket.expectMessage("MSG lobby alice hello world");
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void eventsStillOnTheirWayFromARoomJustLeftAreNotShown() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    receive(session, "/part");
    socket.expectMessage("LEFT lobby alice part");
    room.expectMessageClass(ChatRoom.Leave.class);
    fromLobby(me, TestEvents.posted("lobby", "bob", "sent before the leave", MessageKind.TEXT, java.time.Instant.now()));
    receive(session, "/help");
    assertEquals("SERVER You are not in any room now; /join ROOM to enter one",
        socket.receiveMessage());
    assertEquals("SERVER Commands:", socket.receiveMessage());
  }

  @Test
  void clientThatDoesNotReadIsDroppedWhenItsQueueOverflows() {
    ActorRef<SessionCommand> session = session(8, false);
    receive(session, "/help");
    SessionReport.Ended end = ended.receiveMessage();
    assertEquals("too slow: more than 8 bytes unread", end.reason());
    ended.expectTerminated(session);
  }

  /**
   * A client that joins a room whose history is longer than twice its send buffer gets that
   * history: the server's own replay, sent in one go, does not make the joiner too slow. The
   * socket starts reading right after the join, as a real one does a moment later.
   */
  @Test
  void joinerIsGivenAHistoryLongerThanTwiceItsSendBuffer() {
    ConnectionSettings settings = settings(8 * 1024);
    Outbound outbound = new Outbound(settings, LineEncoding.LF);
    ActorRef<SessionCommand> session = session(settings, outbound);
    List<Posted> history = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      history.add(TestEvents.posted("lobby", "bob", i + " " + "h".repeat(1000), MessageKind.TEXT,
          java.time.Instant.parse("2026-01-02T03:04:05Z")));
    }
    receive(session, "alice");
    registry.expectMessageClass(Registry.Register.class).replyTo()
        .tell(new Registry.NickAccepted(null, "alice"));
    Registry.JoinRoom join = registry.expectMessageClass(Registry.JoinRoom.class);
    join.delivery().throughSession();
    join.replyTo().tell(TestEvents.joined(
        "lobby", room.getRef(), List.of("bob", "alice"), history, Optional.empty()));
    ack.expectMessage(Done.getInstance());

    OutboundReader.readLines(outbound, socket.getRef(), testKit.system());

    socket.fishForMessage(Duration.ofSeconds(3), line -> line.startsWith("HISTORY ")
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    for (int i = 1; i < history.size(); i++) {
      assertTrue(socket.receiveMessage().startsWith("HISTORY 2026-01-02T03:04:05Z MSG lobby bob "
          + i + " "));
    }
    socket.expectMessage("JOINED lobby alice");
    ended.expectNoMessage(QUIET);
  }

  @Test
  void brokenConnectionLeavesRoomsAndGivesTheNickBack() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = registerAlice(session, List.of());
    session.tell(new SessionCommand.InputEnded(Optional.of("Connection reset by peer")));
    ChatRoom.Leave leave = room.expectMessageClass(ChatRoom.Leave.class);
    assertEquals(ChatRoom.CONNECTION_LOST, leave.reason());
    registry.fishForMessage(Duration.ofSeconds(3), message ->
        message instanceof Registry.Unregister unregister && unregister.session().equals(me)
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    assertEquals("connection lost (Connection reset by peer)", ended.receiveMessage().reason());
    ended.expectTerminated(session);
  }

  @Test
  void clientThatDoesNotReadItsLastLinesIsCutAfterTheCloseTimeout() {
    ConnectionSettings settings = ConnectionSettings.fromConfig(ConfigFactory.parseString(
            "lochat.connection.close-timeout = 200ms")
        .withFallback(ConfigFactory.load()).getConfig("lochat"));
    ActorRef<SessionCommand> session =
        session(settings, new Outbound(settings, LineEncoding.LF));
    receive(session, "/quit");
    ack.expectMessage(Done.getInstance());
    assertEquals("quit", ended.receiveMessage().reason());
    ended.expectTerminated(session);
  }

  @Test
  void serverShutdownSaysGoodbye() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    session.tell(new SessionCommand.ServerShutdown());
    socket.expectMessage("SERVER The server is shutting down. Goodbye!");
    room.expectMessageClass(ChatRoom.Leave.class);
  }

  // --- a server with a password ---

  private static final String PASSWORD_PROMPT =
      "PROMPT This server needs a password (/pass PASSWORD):";

  private static ConnectionSettings withPassword() {
    return ConnectionSettings.fromConfig(ConfigFactory.parseString(String.join("\n",
            "lochat.server-name = testhost",
            "lochat.motd = \"\"",
            "lochat.password = \"s3cret\"",
            "lochat.connection.close-timeout = 200ms"))
        .withFallback(ConfigFactory.load()).getConfig("lochat"));
  }

  /**
   * A session whose client reads everything, past its welcome line; on a server with a password
   * that line does not say how many are online.
   */
  private ActorRef<SessionCommand> readingSession(ConnectionSettings settings) {
    Outbound outbound = new Outbound(settings, LineEncoding.LF);
    OutboundReader.readLines(outbound, socket.getRef(), testKit.system());
    ActorRef<SessionCommand> session = session(settings, outbound);
    socket.expectMessage("SERVER Welcome to testhost (Lochat " + lochat.Version.CURRENT
        + (settings.password().isPresent() ? ")." : "). 3 clients online."));
    return session;
  }

  /** Gives the right password and registers as alice, answering for the registry and lobby. */
  private void passAndRegister(ActorRef<SessionCommand> session) {
    socket.expectMessage(PASSWORD_PROMPT);
    receive(session, "/pass s3cret");
    socket.expectMessage("OK pass Password accepted");
    assertTrue(socket.receiveMessage().startsWith("PROMPT Choose a nickname"));
    ack.expectMessage(Done.getInstance());
    receive(session, "alice");
    Registry.Register register = registry.expectMessageClass(Registry.Register.class);
    assertEquals("alice", register.nick());
    register.replyTo().tell(new Registry.NickAccepted(null, "alice"));
    socket.expectMessage("OK nick alice");
    Registry.JoinRoom join = registry.expectMessageClass(Registry.JoinRoom.class);
    join.delivery().throughSession();
    join.replyTo().tell(TestEvents.joined(
        "lobby", room.getRef(), List.of("alice"), List.of(), Optional.empty()));
    ack.expectMessage(Done.getInstance());
    socket.expectMessage("JOINED lobby alice");
    socket.expectMessage("WHO lobby @alice");
    assertTrue(socket.receiveMessage().startsWith("SERVER Hello alice!"));
  }

  @Test
  void serverWithAPasswordAsksForItFirst() {
    readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);
  }

  @Test
  void nickBeforeThePasswordIsRefusedAndThePasswordAskedFor() {
    ActorRef<SessionCommand> session = readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);

    receive(session, "/nick alice");

    socket.expectMessage("ERROR password-required"
        + " This server needs a password before a nickname: /pass PASSWORD");
    socket.expectMessage(PASSWORD_PROMPT);
    ack.expectMessage(Done.getInstance());
    registry.expectNoMessage(QUIET);
  }

  @Test
  void otherCommandsBeforeThePasswordAreNotRegistered() {
    ActorRef<SessionCommand> session = readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);

    receive(session, "/join games");

    socket.expectMessage(
        "ERROR not-registered Choose a nickname first; commands work once you have one");
    socket.expectMessage(PASSWORD_PROMPT);
    ack.expectMessage(Done.getInstance());
    registry.expectNoMessage(QUIET);
  }

  @Test
  void wrongPasswordEndsTheSession() {
    ActorRef<SessionCommand> session = readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);

    receive(session, "/pass guess");

    socket.expectMessage("ERROR password-wrong Wrong password; goodbye");
    ack.expectMessage(Done.getInstance());
    assertEquals("wrong password", ended.receiveMessage().reason());
    ended.expectTerminated(session);
    socket.expectNoMessage(QUIET);
    registry.expectNoMessage(QUIET);
  }

  @Test
  void bareLineWhenAskedForThePasswordIsThePassword() {
    ActorRef<SessionCommand> session = readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);

    receive(session, "s3cret");

    socket.expectMessage("OK pass Password accepted");
    assertTrue(socket.receiveMessage().startsWith("PROMPT Choose a nickname"));
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void bareWrongPasswordEndsTheSessionToo() {
    ActorRef<SessionCommand> session = readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);

    receive(session, "alice");

    socket.expectMessage("ERROR password-wrong Wrong password; goodbye");
    assertEquals("wrong password", ended.receiveMessage().reason());
    ended.expectTerminated(session);
  }

  @Test
  void rightPasswordThenNickRegisters() {
    ActorRef<SessionCommand> session = readingSession(withPassword());
    passAndRegister(session);
  }

  @Test
  void passAfterRegistrationIsRefusedAndChangesNothing() {
    ActorRef<SessionCommand> session = readingSession(withPassword());
    passAndRegister(session);

    receive(session, "/pass s3cret");

    socket.expectMessage("ERROR already-registered You are already signed in");
    ack.expectMessage(Done.getInstance());
    receive(session, "/pass wrong");
    socket.expectMessage("ERROR already-registered You are already signed in");
    ack.expectMessage(Done.getInstance());
    ended.expectNoMessage(QUIET);
  }

  @Test
  void passWhereNoPasswordIsNeededIsAcceptedAndTheNickAskedFor() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    socket.receiveSeveralMessages(4);

    receive(session, "/pass whatever");

    socket.expectMessage("OK pass This server needs no password");
    assertTrue(socket.receiveMessage().startsWith("PROMPT Choose a nickname"));
    ack.expectMessage(Done.getInstance());
    registry.expectNoMessage(QUIET);
  }

  // --- running a room -----------------------------------------------------------------------

  /** Alice, registered in the lobby (bob its operator), with the join's lines read. */
  private ActorRef<ChatEvent> aliceInTheLobby(ActorRef<SessionCommand> session) {
    ActorRef<ChatEvent> me = registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    registry.expectMessageClass(Registry.RoomsChanged.class);
    return me;
  }

  /** The request the session forwarded to {@code room} through the registry. */
  private <R extends RoomRequest> R forwarded(String room, Class<R> type) {
    Registry.ForRoom forRoom = registry.expectMessageClass(Registry.ForRoom.class);
    assertEquals(room, forRoom.room());
    return type.cast(forRoom.request());
  }

  private static RoomRequest.ModesAre modes(String room) {
    return new RoomRequest.ModesAre(room, RoomModes.NEW_ROOM, true, java.time.Instant.EPOCH);
  }

  @Test
  void aModeChangeEndsWithTheRoomsAnswerAfterItsEvent() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = aliceInTheLobby(session);
    receive(session, "/mode +m");
    RoomRequest.ChangeModes change = forwarded("lobby", RoomRequest.ChangeModes.class);
    assertEquals(List.of(ModeChange.flag(true, 'm')), change.changes());
    RoomRequest.GetModes last = forwarded("lobby", RoomRequest.GetModes.class);
    fromLobby(me, new ChatEvent.ModesChanged("lobby", "alice", change.changes()));
    socket.expectMessage("MODE lobby alice +m");
    ack.expectNoMessage(QUIET);
    last.replyTo().tell(modes("lobby"));
    ack.expectMessage(Done.getInstance());
    socket.expectNoMessage(QUIET);
  }

  @Test
  void aRefusedChangeIsAnErrorWithTheRoomsCode() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    aliceInTheLobby(session);
    receive(session, "/op carol");
    RoomRequest.ChangeModes change = forwarded("lobby", RoomRequest.ChangeModes.class);
    assertEquals(List.of(new ModeChange(true, 'o', "carol")), change.changes());
    RoomRequest.GetModes last = forwarded("lobby", RoomRequest.GetModes.class);
    change.replyTo().tell(new RoomRequest.Refused("lobby", RoomRefusal.NOT_OPERATOR, ""));
    socket.expectMessage("ERROR not-operator You are not a room operator (lobby)");
    ack.expectNoMessage(QUIET);
    last.replyTo().tell(modes("lobby"));
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void aChangeThatChangesNothingSaysSo() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    aliceInTheLobby(session);
    receive(session, "/unban carol");
    assertEquals(List.of(new ModeChange(false, 'b', "carol!*@*")),
        forwarded("lobby", RoomRequest.ChangeModes.class).changes());
    forwarded("lobby", RoomRequest.GetModes.class).replyTo().tell(modes("lobby"));
    socket.expectMessage("OK mode Nothing to change in lobby");
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void modeAloneShowsTheModesAndBansListsThem() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    aliceInTheLobby(session);
    receive(session, "/mode");
    forwarded("lobby", RoomRequest.GetModes.class).replyTo().tell(new RoomRequest.ModesAre(
        "lobby", RoomModes.NEW_ROOM.with('m', true), true, java.time.Instant.EPOCH));
    socket.expectMessage("MODES lobby +mnt");
    ack.expectMessage(Done.getInstance());

    receive(session, "/bans games");
    RoomRequest.GetList list = forwarded("games", RoomRequest.GetList.class);
    assertEquals('b', list.list());
    RoomRequest.GetModes last = forwarded("games", RoomRequest.GetModes.class);
    list.replyTo().tell(new RoomRequest.ListIs("games", 'b', List.of(new ListEntry(
        'b', "bob!*@*", "carol", java.time.Instant.parse("2026-01-02T03:04:05Z")))));
    socket.expectMessage("BAN games bob!*@* carol 2026-01-02T03:04:05Z");
    socket.expectMessage("BANS games");
    last.replyTo().tell(modes("games"));
    ack.expectMessage(Done.getInstance());
    socket.expectNoMessage(QUIET);
  }

  @Test
  void aRoomThatDoesNotExistIsOneErrorAfterEveryRequestWasAnswered() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    aliceInTheLobby(session);
    receive(session, "/mode nowhere +m");
    RoomRequest.ChangeModes change = forwarded("nowhere", RoomRequest.ChangeModes.class);
    RoomRequest.GetModes last = forwarded("nowhere", RoomRequest.GetModes.class);
    change.replyTo().tell(new ChatRoom.NoSuchRoom("nowhere"));
    socket.expectMessage("ERROR no-such-room There is no room nowhere");
    ack.expectNoMessage(QUIET);
    last.replyTo().tell(new ChatRoom.NoSuchRoom("nowhere"));
    ack.expectMessage(Done.getInstance());
    socket.expectNoMessage(QUIET);
  }

  @Test
  void aKickIsSeenWithItsReasonAndEndsWithTheRoomsAnswer() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = aliceInTheLobby(session);
    receive(session, "/kick bob flooding the room");
    RoomRequest.Kick kick = forwarded("lobby", RoomRequest.Kick.class);
    assertEquals("bob", kick.nick());
    assertEquals("flooding the room", kick.reason());
    RoomRequest.GetModes last = forwarded("lobby", RoomRequest.GetModes.class);
    fromLobby(me, new ChatEvent.Kicked("lobby", "alice", "bob", "flooding the room"));
    socket.expectMessage("KICKED lobby alice bob flooding the room");
    last.replyTo().tell(modes("lobby"));
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void aKickedUserIsToldWhoKickedItAndLeavesTheRoom() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = aliceInTheLobby(session);
    fromLobby(me, new ChatEvent.Kicked("lobby", "bob", "alice", "enough"));
    socket.expectMessage("KICKED lobby bob alice enough");
    socket.expectMessage("SERVER You are not in any room now; /join ROOM to enter one");
    room.expectMessageClass(ChatRoom.Leave.class);
    assertEquals(List.of(), registry.expectMessageClass(Registry.RoomsChanged.class).rooms());
    receive(session, "still here?");
    socket.expectMessage("ERROR not-in-room You are not in a room; /join ROOM first (/rooms"
        + " lists them)");
  }

  @Test
  void aPostTheRoomHadNotTakenWhenItKickedTheUserEndsItsLine() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = aliceInTheLobby(session);
    receive(session, "one last word");
    room.expectMessageClass(ChatRoom.Post.class);
    fromLobby(me, new ChatEvent.Kicked("lobby", "bob", "alice", ""));
    socket.expectMessage("KICKED lobby bob alice");
    socket.expectMessage("SERVER You are not in any room now; /join ROOM to enter one");
    socket.expectMessage("ERROR not-in-room You are not in lobby any more; your line was not"
        + " posted");
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void aRefusedPostIsAnErrorThatEndsItsLine() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = aliceInTheLobby(session);
    receive(session, "may I?");
    room.expectMessageClass(ChatRoom.Post.class);
    ack.expectNoMessage(QUIET);
    me.tell(new ChatEvent.PostRefused("lobby", RoomRefusal.CANNOT_SEND));
    socket.expectMessage("ERROR cannot-send Cannot send to the room (lobby)");
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void aRefusedTopicIsAnErrorThatEndsItsLine() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    aliceInTheLobby(session);
    receive(session, "/topic mine now");
    forwarded("lobby", RoomRequest.ChangeTopic.class).replyTo()
        .tell(new RoomRequest.Refused("lobby", RoomRefusal.NOT_OPERATOR, ""));
    socket.expectMessage("ERROR not-operator You are not a room operator (lobby)");
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void anInvitationIsConfirmedToTheInviterAndShownToTheInvited() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = aliceInTheLobby(session);
    receive(session, "/invite carol");
    Registry.InviteTo invite = registry.expectMessageClass(Registry.InviteTo.class);
    assertEquals("lobby", invite.room());
    assertEquals("carol", invite.nick());
    invite.replyTo().tell(new RoomRequest.InviteSent("lobby", "carol"));
    socket.expectMessage("OK invite carol lobby");
    ack.expectMessage(Done.getInstance());
    receive(session, "/invite dave games");
    registry.expectMessageClass(Registry.InviteTo.class).replyTo()
        .tell(new RoomRequest.Refused("games", RoomRefusal.NO_SUCH_NICK, "dave"));
    socket.expectMessage("ERROR no-such-nick No such nick: dave (games)");
    ack.expectMessage(Done.getInstance());
    me.tell(new ChatEvent.Invited("games", "bob"));
    socket.expectMessage("INVITED games bob");
  }

  @Test
  void historyPagesComeFromTheArchiveAndEndWithTheIdToPageBackFrom() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    aliceInTheLobby(session);
    receive(session, "/history before 50 2");
    HistoryWriter.Read read = writer.expectMessageClass(HistoryWriter.Read.class);
    assertEquals("lobby", read.room());
    assertEquals(new HistoryQuery.Before(new HistoryQuery.ById(50), 2), read.query());
    ack.expectNoMessage(QUIET);
    java.time.Instant at = java.time.Instant.parse("2026-01-02T03:04:05Z");
    read.replyTo().tell(new HistoryWriter.Page("lobby", read.query(), List.of(
        new HistoryEntry(47, "lobby", at, "bob", "bob", "native", EntryKind.TEXT, "first"),
        new HistoryEntry(49, "lobby", at, "bob", "bob", "native", EntryKind.ACTION, "waves"))));
    socket.expectMessage("HISTORY 2026-01-02T03:04:05Z MSG lobby bob first");
    socket.expectMessage("HISTORY 2026-01-02T03:04:05Z ACTION lobby bob waves");
    socket.expectMessage("ENDHISTORY lobby 2 47");
    ack.expectMessage(Done.getInstance());
    receive(session, "/history");
    assertEquals(new HistoryQuery.Latest(HistoryQuery.Ref.NONE, 20),
        writer.expectMessageClass(HistoryWriter.Read.class).query());
  }

  @Test
  void aJoinTheRoomRefusesSaysWhyWithTheRoomsCode() {
    ActorRef<SessionCommand> session = session(64 * 1024, true);
    aliceInTheLobby(session);
    receive(session, "/join games sesame");
    Registry.JoinRoom join = registry.expectMessageClass(Registry.JoinRoom.class);
    assertEquals("sesame", join.key());
    join.replyTo().tell(new ChatRoom.JoinRefused("games", RoomRefusal.BAD_KEY));
    socket.expectMessage("ERROR bad-key Cannot join: wrong room key (games)");
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void withoutADefaultRoomANewUserIsInNoRoom() {
    ConnectionSettings settings = ConnectionSettings.fromConfig(ConfigFactory.parseString(
        "lochat.default-room = \"\"\nlochat.motd = \"\"")
        .withFallback(ConfigFactory.load()).getConfig("lochat"));
    Outbound outbound = new Outbound(settings, LineEncoding.LF);
    OutboundReader.readLines(outbound, socket.getRef(), testKit.system());
    ActorRef<SessionCommand> session = session(settings, outbound);
    socket.receiveSeveralMessages(2);
    receive(session, "alice");
    registry.expectMessageClass(Registry.Register.class).replyTo()
        .tell(new Registry.NickAccepted(null, "alice"));
    socket.expectMessage("OK nick alice");
    socket.expectMessage("SERVER Hello alice! You are in no room; /join ROOM to enter one"
        + " (/list shows them). Type /help for commands, /quit to leave.");
    ack.expectMessage(Done.getInstance());
    registry.expectNoMessage(QUIET);
  }

  /** Where the session reports; only its end reaches the {@code ended} probe. */
  private ActorRef<SessionReport> endReports() {
    return testKit.spawn(Behaviors.<SessionReport>receiveMessage(report -> {
      if (report instanceof SessionReport.Ended end) {
        ended.getRef().tell(end);
      }
      return Behaviors.same();
    }));
  }

  private static ActorRef<Gatekeeper.Command> gatekeeper(ConnectionSettings settings) {
    return testKit.spawn(
        Gatekeeper.create(GuardSettings.NONE, settings::passwordMatches, Clock.systemUTC()));
  }
}
