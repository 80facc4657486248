package lochat.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.ZoneOffset;
import lochat.connection.SessionCommand;
import lochat.connection.ConnectionSettings;
import lochat.connection.Outbound;
import lochat.connection.SessionReport;
import lochat.connection.SessionSetup;
import lochat.guard.Gatekeeper;
import lochat.guard.GuardSettings;
import lochat.protocol.InboundLine;
import lochat.protocol.LineEncoding;
import lochat.registry.Registry;
import lochat.room.RoomArchive;
import lochat.room.ChatRoom;
import lochat.testing.OutboundReader;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The IRC session against probes, fed lines whose names (channels, nicknames, subcommands) the
 * server repeats back in its replies: whatever a client sends, it gets an answer and keeps its
 * connection, and it gets only the answer that belongs to its command.
 */
class IrcSessionBadInputTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration QUIET = Duration.ofMillis(300);

  private TestProbe<Registry.Command> registry;
  private TestProbe<SessionReport.Ended> ended;
  private TestProbe<String> socket;
  private TestProbe<Done> ack;

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
  }

  private ActorRef<SessionCommand> session() {
    return session(Clock.systemUTC());
  }

  private ActorRef<SessionCommand> session(Clock clock) {
    Config lochat = ConfigFactory.parseString("lochat.server-name = lochat\nlochat.motd = \"\"")
        .withFallback(ConfigFactory.load()).getConfig("lochat");
    ConnectionSettings settings = ConnectionSettings.fromConfig(lochat);
    Outbound outbound = new Outbound(settings, LineEncoding.CRLF);
    OutboundReader.readLines(outbound, socket.getRef(), testKit.system());
    ActorRef<SessionCommand> session = testKit.spawn(IrcSession.create(new SessionSetup(
        settings, registry.getRef(),
        testKit.spawn(Gatekeeper.create(GuardSettings.NONE, settings::passwordMatches,
            Clock.systemUTC())),
        outbound, "10.0.0.9:5000", endReports(), clock,
        testKit.<lochat.operators.Operators.Command>createTestProbe().getRef(),
        RoomArchive.discarding()),
        IrcSettings.fromConfig(lochat), clock.instant()));
    registry.expectMessageClass(Registry.Connected.class);
    return session;
  }

  private void send(ActorRef<SessionCommand> session, String line) {
    session.tell(new SessionCommand.Received(new InboundLine.Text(line), ack.getRef()));
  }

  /** Registers as alice, answering for the registry, and reads the whole welcome. */
  private ActorRef<SessionCommand> registeredAlice() {
    return registeredAlice(Clock.systemUTC());
  }

  private ActorRef<SessionCommand> registeredAlice(Clock clock) {
    ActorRef<SessionCommand> session = session(clock);
    send(session, "NICK alice");
    ack.expectMessage(Done.getInstance());
    send(session, "USER alice 0 * :Alice");
    registry.expectMessageClass(Registry.Register.class).replyTo()
        .tell(new Registry.NickAccepted(null, "alice"));
    registry.expectMessageClass(Registry.GetOnline.class).replyTo()
        .tell(new Registry.Online(1, 0, 0, 1, 1));
    ack.expectMessage(Done.getInstance());
    socket.fishForMessage(Duration.ofSeconds(3), line -> line.startsWith(":lochat 422 alice ")
        ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return session;
  }

  @Test
  void aReplyThatNoRequestAwaitedStopsTheSessionInsteadOfGoingUnnoticed() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "NICK alicia");
    ActorRef<Registry.NickResult> replyTo =
        registry.expectMessageClass(Registry.ChangeNick.class).replyTo();
    replyTo.tell(new Registry.NickAccepted("alice", "alicia"));
    ack.expectMessage(Done.getInstance());
    TestProbe<Object> watcher = testKit.createTestProbe();
    replyTo.tell(new Registry.NickAccepted("alice", "alicia"));
    watcher.expectTerminated(session);
  }

  @Test
  void timeComesFromTheServersClock() {
    Clock clock = Clock.fixed(Instant.parse("2031-03-04T05:06:07Z"), ZoneOffset.UTC);
    ActorRef<SessionCommand> session = registeredAlice(clock);
    send(session, "TIME");
    String reply = socket.receiveMessage();
    assertTrue(reply.startsWith(":lochat 391 alice lochat :") && reply.contains("2031"), reply);
  }

  // --- names the server repeats in a middle parameter ---

  @Test
  void pingAnswersAsTheOtherTestsExpect() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "PING still-there");
    assertEquals(":lochat PONG lochat :still-there", socket.receiveMessage());
  }

  @Test
  void lineWithAPrefixButNoCommandIsAnswered() {
    ActorRef<SessionCommand> session = session();
    send(session, ":x");
    ack.expectMessage(Duration.ofSeconds(3), "':x' is handled", Done.getInstance());
    socket.receiveMessage(); // whatever the server makes of it
    send(session, "PING still-there");
    assertEquals(":lochat PONG lochat :still-there", socket.receiveMessage());
  }

  @Test
  void joinOfAChannelNameWithASpaceIsNoSuchChannel() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "JOIN :#a b");
    ack.expectMessage(Duration.ofSeconds(3), "JOIN is handled", Done.getInstance());
    assertEquals("403", socket.receiveMessage().split(" ")[1]);
  }

  @Test
  void joinOfAChannelNameStartingWithAColonIsNoSuchChannel() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "JOIN #a,:b");
    // The channels are joined in the order given: :b is answered after #a.
    registry.expectMessageClass(Registry.JoinRoom.class).replyTo()
        .tell(new ChatRoom.JoinRefused("a", "closed for the test"));
    ack.expectMessage(Duration.ofSeconds(3), "JOIN is handled", Done.getInstance());
    assertTrue(socket.receiveMessage().startsWith(":lochat 403 alice #a :Cannot join"));
    String colon = socket.receiveMessage();
    assertEquals("403", colon.split(" ")[1]);
    assertTrue(colon.contains("b :No such channel"), colon);
  }

  @Test
  void partOfAChannelNameWithASpaceIsNoSuchChannel() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "PART :#a b");
    ack.expectMessage(Duration.ofSeconds(3), "PART is handled", Done.getInstance());
    assertEquals("403", socket.receiveMessage().split(" ")[1]);
  }

  @Test
  void topicOfAChannelNameWithASpaceIsNoSuchChannel() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "TOPIC :#a b");
    ack.expectMessage(Duration.ofSeconds(3), "TOPIC is handled", Done.getInstance());
    assertEquals("403", socket.receiveMessage().split(" ")[1]);
  }

  @Test
  void nickWithASpaceIsErroneous() {
    ActorRef<SessionCommand> session = session();
    send(session, "NICK :al ice");
    ack.expectMessage(Duration.ofSeconds(3), "NICK is handled", Done.getInstance());
    assertEquals("432", socket.receiveMessage().split(" ")[1]);
  }

  @Test
  void nickStartingWithAColonIsErroneous() {
    ActorRef<SessionCommand> session = session();
    send(session, "NICK ::)");
    ack.expectMessage(Duration.ofSeconds(3), "NICK is handled", Done.getInstance());
    assertEquals("432", socket.receiveMessage().split(" ")[1]);
  }

  @Test
  void unknownCapSubcommandWithASpaceIsInvalid() {
    ActorRef<SessionCommand> session = session();
    send(session, "CAP :LS 302");
    ack.expectMessage(Duration.ofSeconds(3), "CAP is handled", Done.getInstance());
    assertEquals("410", socket.receiveMessage().split(" ")[1]);
  }

  @Test
  void whoisOfANickWithASpaceIsNoSuchNick() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "WHOIS :a b");
    Registry.Whois whois = registry.expectMessageClass(Registry.Whois.class);
    whois.replyTo().tell(new Registry.NoSuchNick(whois.nick()));
    ack.expectMessage(Duration.ofSeconds(3), "WHOIS is handled", Done.getInstance());
    assertEquals("401", socket.receiveMessage().split(" ")[1]);
  }

  @Test
  void whowasOfANickWithASpaceIsNoSuchNick() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "WHOWAS :a b");
    Registry.Whowas whowas = registry.expectMessageClass(Registry.Whowas.class);
    whowas.replyTo().tell(new Registry.WasResult(whowas.nick(), List.of()));
    ack.expectMessage(Duration.ofSeconds(3), "WHOWAS is handled", Done.getInstance());
    assertEquals("406", socket.receiveMessage().split(" ")[1]);
  }

  // --- replies that reach the right handler ---

  @Test
  void privmsgToSomeoneOfflineIsAnsweredWithNoSuchNickOnly() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "PRIVMSG bob :hi");
    Registry.SendPrivate privmsg = registry.expectMessageClass(Registry.SendPrivate.class);
    privmsg.replyTo().tell(new Registry.NoSuchRecipient("bob"));
    ack.expectMessage(Done.getInstance());
    assertEquals(":lochat 401 alice bob :No such nick/channel", socket.receiveMessage());
    socket.expectNoMessage(QUIET); // in particular no 318 End of /WHOIS list.
  }

  @Test
  void whoisOfSomeoneOfflineIsNoSuchNickThenTheEnd() {
    ActorRef<SessionCommand> session = registeredAlice();
    send(session, "WHOIS bob");
    registry.expectMessageClass(Registry.Whois.class).replyTo()
        .tell(new Registry.NoSuchNick("bob"));
    ack.expectMessage(Done.getInstance());
    assertEquals(":lochat 401 alice bob :No such nick/channel", socket.receiveMessage());
    assertEquals(":lochat 318 alice bob :End of /WHOIS list.", socket.receiveMessage());
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
}
