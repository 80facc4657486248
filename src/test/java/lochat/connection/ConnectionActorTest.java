package lochat.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
class ConnectionActorTest {

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
  }

  private ActorRef<ConnectionActor.Command> session(int sendBuffer, boolean socketReads) {
    ConnectionSettings settings = settings(sendBuffer);
    Outbound outbound = new Outbound(settings, "\n");
    if (socketReads) {
      OutboundReader.readLines(outbound, socket.getRef(), testKit.system());
    }
    return session(settings, outbound);
  }

  private ActorRef<ConnectionActor.Command> session(
      ConnectionSettings settings, Outbound outbound) {
    ActorRef<ConnectionActor.Command> session = testKit.spawn(ConnectionActor.create(
        new SessionSetup(settings, registry.getRef(), gatekeeper(settings),
            outbound, "10.0.0.9:5000", 3, endReports(), Clock.systemUTC())));
    registry.expectMessageClass(Registry.Connected.class);
    return session;
  }

  /** Tells the session an event as the lobby does: through the delivery it was given. */
  private void fromLobby(ActorRef<ChatEvent> session, ChatEvent event) {
    lobby.throughSession();
    session.tell(event);
  }

  private void receive(ActorRef<ConnectionActor.Command> session, String line) {
    session.tell(new ConnectionActor.Received(new InboundLine.Text(line), ack.getRef()));
  }

  /** Registers as alice in a lobby played by the room probe; returns the session's chat address. */
  private ActorRef<ChatEvent> registerAlice(
      ActorRef<ConnectionActor.Command> session, List<Posted> history) {
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
    join.replyTo().tell(new ChatRoom.Joined(
        "lobby", room.getRef(), List.of("bob", "alice"), history, Optional.empty()));
    ack.expectMessage(Done.getInstance());
    return register.session();
  }

  @Test
  void registrationHoldsTheLineUntilTheRegistryAndRoomHaveAnswered() {
    ActorRef<ConnectionActor.Command> session = session(64 * 1024, true);
    Posted old = new Posted("lobby", "bob", "earlier", MessageKind.TEXT, java.time.Instant.parse("2026-01-02T03:04:05Z"));
    registerAlice(session, List.of(old));
    socket.expectMessage("HISTORY 2026-01-02T03:04:05Z MSG lobby bob earlier");
    socket.expectMessage("JOINED lobby alice");
    socket.expectMessage("WHO lobby bob alice");
    assertTrue(socket.receiveMessage().startsWith("SERVER Hello alice! You are in lobby."));
  }

  @Test
  void takenNicknameIsRefusedAndAskedForAgain() {
    ActorRef<ConnectionActor.Command> session = session(64 * 1024, true);
    socket.receiveSeveralMessages(4);
    receive(session, "/nick alice");
    registry.expectMessageClass(Registry.Register.class).replyTo()
        .tell(new Registry.NickTaken("alice"));
    socket.expectMessage("ERROR nick-taken Nickname alice is already in use; choose another");
    assertTrue(socket.receiveMessage().startsWith("PROMPT "));
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void postIsAcknowledgedOnlyOnceTheRoomHasEchoedIt() {
    ActorRef<ConnectionActor.Command> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    receive(session, "hello \u001b[31mworld");
    ChatRoom.Post post = room.expectMessageClass(ChatRoom.Post.class);
    assertEquals("hello world", post.text());
    ack.expectNoMessage(QUIET);
    fromLobby(me, new Posted("lobby", "bob", "crossing", MessageKind.TEXT, java.time.Instant.now()));
    socket.expectMessage("MSG lobby bob crossing");
    ack.expectNoMessage(QUIET);
    fromLobby(me, new Posted("lobby", "alice", "hello world", MessageKind.TEXT, java.time.Instant.now()));
    socket.expectMessage("MSG lobby alice hello world");
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void eventsStillOnTheirWayFromARoomJustLeftAreNotShown() {
    ActorRef<ConnectionActor.Command> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    receive(session, "/part");
    socket.expectMessage("LEFT lobby alice part");
    room.expectMessageClass(ChatRoom.Leave.class);
    fromLobby(me, new Posted("lobby", "bob", "sent before the leave", MessageKind.TEXT, java.time.Instant.now()));
    receive(session, "/help");
    assertEquals("SERVER You are not in any room now; /join ROOM to enter one",
        socket.receiveMessage());
    assertEquals("SERVER Commands:", socket.receiveMessage());
  }

  @Test
  void clientThatDoesNotReadIsDroppedWhenItsQueueOverflows() {
    ActorRef<ConnectionActor.Command> session = session(8, false);
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
    Outbound outbound = new Outbound(settings, "\n");
    ActorRef<ConnectionActor.Command> session = session(settings, outbound);
    List<Posted> history = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      history.add(new Posted("lobby", "bob", i + " " + "h".repeat(1000), MessageKind.TEXT,
          java.time.Instant.parse("2026-01-02T03:04:05Z")));
    }
    receive(session, "alice");
    registry.expectMessageClass(Registry.Register.class).replyTo()
        .tell(new Registry.NickAccepted(null, "alice"));
    Registry.JoinRoom join = registry.expectMessageClass(Registry.JoinRoom.class);
    join.delivery().throughSession();
    join.replyTo().tell(new ChatRoom.Joined(
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
    ActorRef<ConnectionActor.Command> session = session(64 * 1024, true);
    ActorRef<ChatEvent> me = registerAlice(session, List.of());
    session.tell(new ConnectionActor.InputEnded(Optional.of("Connection reset by peer")));
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
    ActorRef<ConnectionActor.Command> session =
        session(settings, new Outbound(settings, "\n"));
    receive(session, "/quit");
    ack.expectMessage(Done.getInstance());
    assertEquals("quit", ended.receiveMessage().reason());
    ended.expectTerminated(session);
  }

  @Test
  void serverShutdownSaysGoodbye() {
    ActorRef<ConnectionActor.Command> session = session(64 * 1024, true);
    registerAlice(session, List.of());
    socket.receiveSeveralMessages(3);
    session.tell(new ConnectionActor.ServerShutdown());
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
  private ActorRef<ConnectionActor.Command> readingSession(ConnectionSettings settings) {
    Outbound outbound = new Outbound(settings, "\n");
    OutboundReader.readLines(outbound, socket.getRef(), testKit.system());
    ActorRef<ConnectionActor.Command> session = session(settings, outbound);
    socket.expectMessage("SERVER Welcome to testhost (Lochat " + lochat.Version.CURRENT
        + (settings.password().isPresent() ? ")." : "). 3 clients online."));
    return session;
  }

  /** Gives the right password and registers as alice, answering for the registry and lobby. */
  private void passAndRegister(ActorRef<ConnectionActor.Command> session) {
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
    join.replyTo().tell(new ChatRoom.Joined(
        "lobby", room.getRef(), List.of("alice"), List.of(), Optional.empty()));
    ack.expectMessage(Done.getInstance());
    socket.expectMessage("JOINED lobby alice");
    socket.expectMessage("WHO lobby alice");
    assertTrue(socket.receiveMessage().startsWith("SERVER Hello alice!"));
  }

  @Test
  void serverWithAPasswordAsksForItFirst() {
    readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);
  }

  @Test
  void nickBeforeThePasswordIsRefusedAndThePasswordAskedFor() {
    ActorRef<ConnectionActor.Command> session = readingSession(withPassword());
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
    ActorRef<ConnectionActor.Command> session = readingSession(withPassword());
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
    ActorRef<ConnectionActor.Command> session = readingSession(withPassword());
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
    ActorRef<ConnectionActor.Command> session = readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);

    receive(session, "s3cret");

    socket.expectMessage("OK pass Password accepted");
    assertTrue(socket.receiveMessage().startsWith("PROMPT Choose a nickname"));
    ack.expectMessage(Done.getInstance());
  }

  @Test
  void bareWrongPasswordEndsTheSessionToo() {
    ActorRef<ConnectionActor.Command> session = readingSession(withPassword());
    socket.expectMessage(PASSWORD_PROMPT);

    receive(session, "alice");

    socket.expectMessage("ERROR password-wrong Wrong password; goodbye");
    assertEquals("wrong password", ended.receiveMessage().reason());
    ended.expectTerminated(session);
  }

  @Test
  void rightPasswordThenNickRegisters() {
    ActorRef<ConnectionActor.Command> session = readingSession(withPassword());
    passAndRegister(session);
  }

  @Test
  void passAfterRegistrationIsRefusedAndChangesNothing() {
    ActorRef<ConnectionActor.Command> session = readingSession(withPassword());
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
    ActorRef<ConnectionActor.Command> session = session(64 * 1024, true);
    socket.receiveSeveralMessages(4);

    receive(session, "/pass whatever");

    socket.expectMessage("OK pass This server needs no password");
    assertTrue(socket.receiveMessage().startsWith("PROMPT Choose a nickname"));
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
