package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.Profile;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The nickname directory's rules, without a cluster: who wins a claim, what frees a nick. */
class NickDecisionTest {

  private static final NickHolder.Node NODE_A = new NickHolder.Node("pekko://lochat@a:2552", 1);
  private static final NickHolder.Node NODE_B = new NickHolder.Node("pekko://lochat@b:2552", 2);

  private static ActorTestKit testKit;
  private static ActorRef<ChatEvent> alice;
  private static ActorRef<ChatEvent> bob;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create();
    alice = testKit.<ChatEvent>createTestProbe().ref();
    bob = testKit.<ChatEvent>createTestProbe().ref();
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  static NickHolder.Card card(String user) {
    return new NickHolder.Card(new Profile(user, "127.0.0.1", "Real " + user, Profile.NATIVE),
        Optional.empty(), false, false, Instant.parse("2025-01-02T03:04:05Z"));
  }

  private static NickHolder holder(String nick, ActorRef<ChatEvent> session,
      NickHolder.Node node) {
    return new NickHolder(nick, session, node, card(nick));
  }

  @Test
  void aFreeNicknameIsWrittenThenGranted() {
    assertEquals(NickDecision.WRITE,
        NickDecision.ofClaim(Optional.empty(), holder("alice", alice, NODE_A)));
  }

  @Test
  void aNicknameHeldByAnotherSessionIsInUseWhateverItsCase() {
    assertEquals(NickDecision.IN_USE, NickDecision.ofClaim(
        Optional.of(holder("alice", alice, NODE_A)), holder("ALICE", bob, NODE_B)));
  }

  @Test
  void claimingWhatOneHoldsAsItIsWritesNothing() {
    NickHolder held = holder("alice", alice, NODE_A);
    assertEquals(NickDecision.ALREADY_HELD,
        NickDecision.ofClaim(Optional.of(held), holder("alice", alice, NODE_A)));
  }

  @Test
  void theHolderChangingCaseOrGoingAwayIsWritten() {
    NickHolder held = holder("alice", alice, NODE_A);
    assertEquals(NickDecision.WRITE,
        NickDecision.ofClaim(Optional.of(held), holder("Alice", alice, NODE_A)));
    NickHolder away = new NickHolder("alice", alice, NODE_A, new NickHolder.Card(
        held.card().profile(), Optional.of("lunch"), false, false, held.card().signedOn()));
    assertEquals(NickDecision.WRITE, NickDecision.ofClaim(Optional.of(held), away));
  }

  @Test
  void onlyTheHoldersSessionOrItsNodesRemovalFreesANickname() {
    Optional<NickHolder> held = Optional.of(holder("alice", alice, NODE_A));
    assertTrue(NickDecision.freedBy(held, alice));
    assertFalse(NickDecision.freedBy(held, bob));
    assertFalse(NickDecision.freedBy(Optional.empty(), alice));
    assertTrue(NickDecision.freedBy(held, NODE_A));
    assertFalse(NickDecision.freedBy(held, NODE_B));
    assertFalse(NickDecision.freedBy(held, new NickHolder.Node(NODE_A.address(), 99)),
        "a server restarted on the same address is another node");
  }

  @Test
  void theReplicaFindsTheHoldersOfARemovedNodeAndListsByNickname() {
    NickHolder zed = holder("Zed", alice, NODE_A);
    NickHolder amy = holder("amy", bob, NODE_B);
    NickHolder bea = holder("BEA", alice, NODE_A);
    assertEquals(List.of(zed, bea), NickReplica.heldOn(List.of(zed, amy, bea), NODE_A));
    assertEquals(List.of(amy, bea, zed), NickReplica.sorted(List.of(zed, amy, bea)));
  }

  @Test
  void aRefusalSaysWhyInWordsForTheUser() {
    assertEquals("Nickname bob is already in use",
        new NickDirectory.Refused("bob", NickDirectory.Refusal.IN_USE).message());
    assertTrue(new NickDirectory.Refused("bob", NickDirectory.Refusal.UNREACHABLE).message()
        .contains("cluster is not reachable"));
    assertTrue(new NickDirectory.Refused("bob", NickDirectory.Refusal.UNREACHABLE).message()
        .endsWith("try again"));
  }

  @Test
  void aCardReadWithoutItsAwayMessageIsNotAway() {
    NickHolder.Card card = new NickHolder.Card(card("amy").profile(), null, false, false,
        Instant.EPOCH);
    assertEquals(Optional.empty(), card.away());
  }
}
