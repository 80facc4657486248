package lochat.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.cluster.NickDirectory;
import lochat.cluster.NickHolder;
import lochat.room.RoomArchive;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry with the cluster on, the cluster's nickname directory stood in for by {@link
 * Directory}, whose answers the test gives when it likes: claims in flight, renames, releases,
 * cards, and other nodes' users in private messages, WHOIS, ISON, WHO and LUSERS.
 */
class RegistrySharedNicknamesTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Profile PROFILE = new Profile("user", "10.0.0.1", "A User", "native");
  private static final NickHolder.Node THIS_NODE =
      new NickHolder.Node("pekko://lochat@127.0.0.1:2552", 1);
  private static final NickHolder.Node OTHER_NODE =
      new NickHolder.Node("pekko://lochat@127.0.0.1:2553", 2);

  private static ActorTestKit testKit;

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  record Claim(String nick, ActorRef<ChatEvent> session, NickHolder.Card card,
      CompletableFuture<NickDirectory.ClaimResult> answer) {

    void grant() {
      answer.complete(new NickDirectory.Granted(new NickHolder(nick, session, THIS_NODE, card)));
    }

    void refuse(NickDirectory.Refusal reason) {
      answer.complete(new NickDirectory.Refused(nick, reason));
    }
  }

  record Release(String nick, ActorRef<ChatEvent> session) {}

  /** The cluster as the test has it: claims wait for the test; lookups answer at once. */
  static final class Directory implements SharedNicknames {
    final BlockingQueue<Claim> claims = new LinkedBlockingQueue<>();
    final BlockingQueue<Release> releases = new LinkedBlockingQueue<>();
    final Map<String, NickHolder> elsewhere = new ConcurrentHashMap<>();

    @Override
    public NickHolder.Node node() {
      return THIS_NODE;
    }

    @Override
    public CompletionStage<NickDirectory.ClaimResult> claim(String nick,
        ActorRef<ChatEvent> session, NickHolder.Card card) {
      Claim claim = new Claim(nick, session, card, new CompletableFuture<>());
      claims.add(claim);
      return claim.answer();
    }

    @Override
    public void release(String nick, ActorRef<ChatEvent> session) {
      releases.add(new Release(nick, session));
    }

    @Override
    public CompletionStage<NickDirectory.FindResult> find(String nick) {
      return lookup(nick);
    }

    @Override
    public CompletionStage<NickDirectory.FindResult> lookup(String nick) {
      NickHolder holder = elsewhere.get(nick.toLowerCase());
      return CompletableFuture.completedFuture(holder == null
          ? new NickDirectory.Free(nick.toLowerCase()) : new NickDirectory.Held(holder));
    }

    @Override
    public CompletionStage<NickDirectory.Holders> everyone() {
      return CompletableFuture.completedFuture(
          new NickDirectory.Holders(List.copyOf(elsewhere.values())));
    }

    Claim nextClaim() throws InterruptedException {
      Claim claim = claims.poll(3, TimeUnit.SECONDS);
      assertNotNull(claim, "no claim made");
      return claim;
    }

    Release nextRelease() throws InterruptedException {
      Release release = releases.poll(3, TimeUnit.SECONDS);
      assertNotNull(release, "nothing released");
      return release;
    }

    /** A user of another node, with its own session probe. */
    TestProbe<ChatEvent> holdsElsewhere(String nick, Optional<String> away, boolean invisible) {
      TestProbe<ChatEvent> session = testKit.createTestProbe();
      elsewhere.put(nick.toLowerCase(), new NickHolder(nick, session.getRef(), OTHER_NODE,
          new NickHolder.Card(new Profile("far", "10.0.0.2", "Far Away", Profile.IRC), away,
              true, invisible, NOW.minusSeconds(60))));
      return session;
    }
  }

  private final Directory directory = new Directory();
  private final ActorRef<Registry.Command> registry = testKit.spawn(Registry.create(10,
      RoomLimits.total(10), "lobby", CLOCK, RoomArchive.discarding(), Optional.of(directory),
      Optional.empty()));

  private TestProbe<Registry.NickResult> register(String nick, TestProbe<ChatEvent> session) {
    TestProbe<Registry.NickResult> reply = testKit.createTestProbe();
    registry.tell(new Registry.Register(nick, PROFILE, session.getRef(), reply.getRef()));
    return reply;
  }

  private TestProbe<ChatEvent> registered(String nick) throws InterruptedException {
    TestProbe<ChatEvent> session = testKit.createTestProbe();
    TestProbe<Registry.NickResult> reply = register(nick, session);
    directory.nextClaim().grant();
    assertEquals(new Registry.NickAccepted(null, nick), reply.receiveMessage());
    return session;
  }

  @Test
  void aNicknameIsGivenOnlyOnceTheClusterGrantsItAndASecondLocalClaimMeanwhileIsRefusedAtOnce()
      throws InterruptedException {
    TestProbe<ChatEvent> ann = testKit.createTestProbe();
    TestProbe<Registry.NickResult> annReply = register("Ann", ann);
    Claim claim = directory.nextClaim();
    assertEquals("Ann", claim.nick());
    assertEquals(new NickHolder.Card(PROFILE, Optional.empty(), false, false, NOW),
        claim.card());

    TestProbe<Registry.NickResult> otherReply = register("ANN", testKit.createTestProbe());
    assertEquals(new Registry.NickTaken("ANN"), otherReply.receiveMessage());
    annReply.expectNoMessage();

    claim.grant();
    assertEquals(new Registry.NickAccepted(null, "Ann"), annReply.receiveMessage());
    assertEquals(new Registry.NickTaken("ann"),
        register("ann", testKit.createTestProbe()).receiveMessage());
    assertTrue(directory.claims.isEmpty(), "a nickname taken here is refused without the cluster");
  }

  @Test
  void aRefusalSaysInUseOnlyWhenSomeoneHoldsTheNickname() throws InterruptedException {
    TestProbe<ChatEvent> session = testKit.createTestProbe();
    TestProbe<Registry.NickResult> reply = register("bea", session);
    directory.nextClaim().refuse(NickDirectory.Refusal.IN_USE);
    assertEquals(new Registry.NickTaken("bea"), reply.receiveMessage());

    reply = register("bea", session);
    directory.nextClaim().refuse(NickDirectory.Refusal.UNREACHABLE);
    assertEquals(new Registry.NickUnavailable("bea",
            new NickDirectory.Refused("bea", NickDirectory.Refusal.UNREACHABLE).message()),
        reply.receiveMessage());

    reply = register("bea", session);
    directory.nextClaim().grant();
    assertEquals(new Registry.NickAccepted(null, "bea"), reply.receiveMessage());
  }

  @Test
  void aSessionThatStopsWhileItsClaimIsInFlightGivesTheNicknameBackOnceGranted()
      throws InterruptedException {
    TestProbe<ChatEvent> session = testKit.createTestProbe();
    register("cy", session);
    Claim claim = directory.nextClaim();
    session.stop();
    assertEquals(new Registry.NickTaken("cy"),
        register("cy", testKit.createTestProbe()).receiveMessage(),
        "still in flight: no local claim races the release");
    claim.grant();
    assertEquals(new Release("cy", session.getRef()), directory.nextRelease());
    registered("cy");
  }

  @Test
  void aRenameClaimsTheNewNicknameAndReleasesTheOldOneOnlyOnceGranted()
      throws InterruptedException {
    TestProbe<ChatEvent> session = registered("dan");
    TestProbe<Registry.NickResult> reply = testKit.createTestProbe();
    registry.tell(new Registry.ChangeNick("dave", session.getRef(), reply.getRef()));
    Claim claim = directory.nextClaim();
    assertEquals("dave", claim.nick());
    assertNull(directory.releases.poll(200, TimeUnit.MILLISECONDS));
    claim.grant();
    assertEquals(new Registry.NickAccepted("dan", "dave"), reply.receiveMessage());
    assertEquals(new Release("dan", session.getRef()), directory.nextRelease());

    registry.tell(new Registry.ChangeNick("Dave", session.getRef(), reply.getRef()));
    directory.nextClaim().grant();
    assertEquals(new Registry.NickAccepted("dave", "Dave"), reply.receiveMessage());
    assertNull(directory.releases.poll(200, TimeUnit.MILLISECONDS),
        "a change of case keeps the nickname");

    registry.tell(new Registry.Unregister(session.getRef()));
    assertEquals(new Release("Dave", session.getRef()), directory.nextRelease());
  }

  @Test
  void whatOthersSeeIsClaimedAgainWhenItChanges() throws InterruptedException {
    TestProbe<ChatEvent> session = registered("eve");
    registry.tell(new Registry.SetAway(session.getRef(), Optional.of("lunch")));
    Claim away = directory.nextClaim();
    assertEquals("eve", away.nick());
    assertEquals(Optional.of("lunch"), away.card().away());
    away.grant();
    registry.tell(new Registry.SetAway(session.getRef(), Optional.of("lunch")));
    registry.tell(new Registry.SetOperator(session.getRef(), true));
    Claim operator = directory.nextClaim();
    assertTrue(operator.card().operator());
    assertEquals(Optional.of("lunch"), operator.card().away(), "no claim for an unchanged away");
    registry.tell(new Registry.SetInvisible(session.getRef(), true));
    assertTrue(directory.nextClaim().card().invisible());
  }

  @Test
  void aCardChangedDuringARenameIsClaimedAgainOnceTheRenameIsGranted()
      throws InterruptedException {
    TestProbe<ChatEvent> session = registered("fay");
    TestProbe<Registry.NickResult> reply = testKit.createTestProbe();
    registry.tell(new Registry.ChangeNick("faye", session.getRef(), reply.getRef()));
    Claim rename = directory.nextClaim();
    registry.tell(new Registry.SetAway(session.getRef(), Optional.of("brb")));
    rename.grant();
    reply.receiveMessage();
    Claim again = directory.nextClaim();
    assertEquals("faye", again.nick());
    assertEquals(Optional.of("brb"), again.card().away());
  }

  @Test
  void aPrivateMessageToAUserOfAnotherNodeGoesToItsSessionWithItsAwayForTheSender()
      throws InterruptedException {
    TestProbe<ChatEvent> gus = registered("gus");
    TestProbe<ChatEvent> far = directory.holdsElsewhere("Hal", Optional.of("gone fishing"), false);
    TestProbe<Registry.PrivateResult> reply = testKit.createTestProbe();
    registry.tell(new Registry.SendPrivate(gus.getRef(), "hal", "hi", MessageKind.TEXT,
        Map.of("+draft/reply", "x"), reply.getRef()));
    ChatEvent.PrivateMessage message = far.expectMessageClass(ChatEvent.PrivateMessage.class);
    assertEquals(new ChatEvent.PrivateMessage("gus", "user", "native", "Hal", "hi",
        MessageKind.TEXT, Map.of("+draft/reply", "x"), NOW), message);
    assertEquals(new Registry.PrivateDelivered(message, Optional.of("gone fishing")),
        reply.receiveMessage());

    registry.tell(new Registry.SendPrivate(gus.getRef(), "nobody", "hi", MessageKind.TEXT,
        reply.getRef()));
    assertEquals(new Registry.NoSuchRecipient("nobody"), reply.receiveMessage());
  }

  @Test
  void aHolderOfThisNodeIsAnsweredForByThisNodeOnlyNotByAStaleReplica()
      throws InterruptedException {
    TestProbe<ChatEvent> ivy = registered("ivy");
    TestProbe<ChatEvent> gone = testKit.createTestProbe();
    directory.elsewhere.put("jo", new NickHolder("jo", gone.getRef(), THIS_NODE,
        new NickHolder.Card(PROFILE, Optional.empty(), false, false, NOW)));
    TestProbe<Registry.PrivateResult> reply = testKit.createTestProbe();
    registry.tell(new Registry.SendPrivate(ivy.getRef(), "jo", "hi", MessageKind.TEXT,
        reply.getRef()));
    assertEquals(new Registry.NoSuchRecipient("jo"), reply.receiveMessage());
    gone.expectNoMessage();
    TestProbe<Registry.UserResult> whois = testKit.createTestProbe();
    registry.tell(new Registry.Whois("jo", ivy.getRef(), whois.getRef()));
    assertEquals(new Registry.NoSuchNick("jo"), whois.receiveMessage());
  }

  @Test
  void lookupsListsAndCountsIncludeTheUsersOfOtherNodes() throws InterruptedException {
    TestProbe<ChatEvent> kim = registered("kim");
    directory.holdsElsewhere("Lea", Optional.of("away"), true);
    directory.holdsElsewhere("abe", Optional.empty(), false);

    TestProbe<Registry.UserResult> whois = testKit.createTestProbe();
    registry.tell(new Registry.Whois("LEA", kim.getRef(), whois.getRef()));
    Registry.UserDetails lea = assertInstanceOf(Registry.UserDetails.class,
        whois.receiveMessage());
    assertEquals(new Registry.UserDetails("Lea",
        new Profile("far", "10.0.0.2", "Far Away", Profile.IRC), Optional.of("away"), List.of(),
        NOW.minusSeconds(60), true), lea);

    TestProbe<Registry.Users> users = testKit.createTestProbe();
    registry.tell(new Registry.LookUp(List.of("lea", "nobody", "KIM", "Lea", "abe"),
        users.getRef()));
    assertEquals(List.of("Lea", "kim", "abe"),
        users.receiveMessage().users().stream().map(Registry.UserDetails::nick).toList());

    registry.tell(new Registry.ListUsers(Optional.empty(), kim.getRef(), users.getRef()));
    assertEquals(List.of("abe", "kim", "Lea"),
        users.receiveMessage().users().stream().map(Registry.UserDetails::nick).toList());

    TestProbe<Registry.Online> online = testKit.createTestProbe();
    registry.tell(new Registry.GetOnline(online.getRef()));
    Registry.Online counts = online.receiveMessage();
    assertEquals(3, counts.users());
    assertEquals(1, counts.invisible());
    assertEquals(3, counts.maxUsers());
  }
}
