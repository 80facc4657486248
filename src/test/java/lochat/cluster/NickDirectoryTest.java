package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.testing.ClusterNodes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetClusterShardingStats;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cluster-wide nickname directory on in-process clusters ({@link ClusterNodes}, 127.0.0.1
 * only): one winner per raced nickname, nicknames freed when their holder or its node goes,
 * kept when only their entity's node goes, refused while no majority can be reached, and
 * listed by every node's replica.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NickDirectoryTest {

  /** Longer than the directory's own timeout for an answer (about 22 s), for a busy machine. */
  private static final Duration ANSWER = Duration.ofSeconds(40);

  @Test
  void nicknamesRacedFromTwoNodesHaveOneHolderEachThatEveryNodeFinds() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      List<NickDirectory> directories = directories(cluster, 3);
      TestProbe<ChatEvent> alice = TestProbe.create(system(cluster, 0));
      TestProbe<ChatEvent> bob = TestProbe.create(system(cluster, 1));
      TestProbe<NickDirectory.ClaimResult> answers0 = TestProbe.create(system(cluster, 0));
      TestProbe<NickDirectory.ClaimResult> answers1 = TestProbe.create(system(cluster, 1));
      int names = 20;
      for (int i = 0; i < names; i++) {
        directories.get(0).claim("racer" + i, alice.ref(), NickDecisionTest.card("alice"),
            answers0.ref());
        directories.get(1).claim("RACER" + i, bob.ref(), NickDecisionTest.card("bob"),
            answers1.ref());
      }
      Map<String, List<NickDirectory.ClaimResult>> byNick = new HashMap<>();
      for (TestProbe<NickDirectory.ClaimResult> answers : List.of(answers0, answers1)) {
        for (NickDirectory.ClaimResult result : answers.receiveSeveralMessages(names, ANSWER)) {
          byNick.computeIfAbsent(key(result), k -> new ArrayList<>()).add(result);
        }
      }
      assertEquals(names, byNick.size(), byNick.keySet().toString());
      for (int i = 0; i < names; i++) {
        List<NickDirectory.ClaimResult> results = byNick.get("racer" + i);
        List<NickHolder> granted = results.stream()
            .filter(NickDirectory.Granted.class::isInstance)
            .map(result -> ((NickDirectory.Granted) result).holder()).toList();
        assertEquals(1, granted.size(), "racer" + i + ": " + results);
        NickDirectory.Refused refused = results.stream()
            .filter(NickDirectory.Refused.class::isInstance)
            .map(NickDirectory.Refused.class::cast).findFirst().orElseThrow();
        assertEquals(NickDirectory.Refusal.IN_USE, refused.reason());
        for (int node = 0; node < 3; node++) {
          NickDirectory.FindResult found = find(cluster, directories, node, "Racer" + i);
          assertInstanceOf(NickDirectory.Held.class, found, "node " + node);
          NickHolder holder = ((NickDirectory.Held) found).holder();
          assertEquals(id(granted.get(0).session()), id(holder.session()), "node " + node);
          assertEquals(granted.get(0).node(), holder.node(), "node " + node);
        }
      }
      System.out.println("Raced nicknames won from node 0: " + byNick.values().stream()
          .flatMap(List::stream).filter(NickDirectory.Granted.class::isInstance)
          .filter(result -> id(((NickDirectory.Granted) result).holder().session())
              .equals(id(alice.ref()))).count() + " of " + names);
    }
  }

  @Test
  void aNicknameIsFreeAgainSoonAfterItsHoldersSessionStops() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      List<NickDirectory> directories = directories(cluster, 3);
      TestProbe<ChatEvent> dora = TestProbe.create(system(cluster, 1));
      assertInstanceOf(NickDirectory.Granted.class, claim(cluster, directories, 1, "dora", dora));
      TestProbe<ChatEvent> other = TestProbe.create(system(cluster, 2));
      assertEquals(NickDirectory.Refusal.IN_USE,
          ((NickDirectory.Refused) claim(cluster, directories, 2, "Dora", other)).reason());
      long start = System.nanoTime();
      dora.stop();
      awaitGranted(cluster, directories, 2, "Dora", other);
      System.out.println("A stopped holder's nickname was claimable from another node after "
          + millisSince(start) + " ms");
    }
  }

  @Test
  void theNicknamesOfACrashedNodeAreFreedOnceItIsDowned() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      List<NickDirectory> directories = directories(cluster, 3);
      TestProbe<ChatEvent> erin = TestProbe.create(system(cluster, 2));
      List<String> nicks = List.of("erin", "fred", "gina", "hank", "iris");
      for (String nick : nicks) {
        assertInstanceOf(NickDirectory.Granted.class,
            claim(cluster, directories, 2, nick, erin));
      }
      long start = System.nanoTime();
      cluster.crash(2);
      TestProbe<ChatEvent> survivor = TestProbe.create(system(cluster, 0));
      for (String nick : nicks) {
        awaitGranted(cluster, directories, 0, nick, survivor);
      }
      System.out.println("The nicknames of a crashed node were claimable on a survivor after "
          + millisSince(start) + " ms");
      awaitListed(cluster, directories, 1, nicks.stream()
          .collect(Collectors.toMap(nick -> nick, nick -> id(survivor.ref()))));
    }
  }

  @Test
  void aNicknameStaysHeldWhenTheNodeOfItsEntityCrashes() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      List<NickDirectory> directories = directories(cluster, 3);
      awaitRegions(cluster, 3);
      TestProbe<ChatEvent> holder = TestProbe.create(system(cluster, 0));
      List<String> onNode2 = new ArrayList<>();
      for (int i = 0; i < 300 && onNode2.size() < 3; i++) {
        String nick = "kept" + i;
        assertInstanceOf(NickDirectory.Granted.class,
            claim(cluster, directories, 0, nick, holder));
        if (entitiesOn(cluster, 2).contains(Names.key(nick))) {
          onNode2.add(nick);
        }
      }
      assertFalse(onNode2.isEmpty(), "no nickname's entity ran on node 2");
      long start = System.nanoTime();
      cluster.crash(2);
      TestProbe<ChatEvent> rival = TestProbe.create(system(cluster, 1));
      for (String nick : onNode2) {
        NickDirectory.FindResult found = awaitKnown(cluster, directories, 1, nick);
        assertInstanceOf(NickDirectory.Held.class, found, nick);
        assertEquals(id(holder.ref()), id(((NickDirectory.Held) found).holder().session()));
        NickDirectory.ClaimResult claimed = claim(cluster, directories, 1, nick, rival);
        assertEquals(new NickDirectory.Refused(nick, NickDirectory.Refusal.IN_USE), claimed);
      }
      System.out.println(onNode2.size() + " nicknames whose entity's node crashed were found"
          + " held, as before, after " + millisSince(start) + " ms");
    }
  }

  @Test
  void aClaimIsRefusedAsUnreachableWhenNoMajorityAnswers() throws Exception {
    // The resolver waits 2 minutes here, so that the lone survivor of a 2-node cluster keeps
    // running, without a majority, for the whole test.
    try (ClusterNodes cluster = ClusterNodes.start(2,
        "lochat.cluster.down-unreachable-after = 120s")) {
      List<NickDirectory> directories = directories(cluster, 2);
      awaitRegions(cluster, 2);
      String local = null;
      for (int i = 0; i < 40 && local == null; i++) {
        String nick = "lone" + i;
        assertInstanceOf(NickDirectory.Free.class, find(cluster, directories, 0, nick));
        if (entitiesOn(cluster, 0).contains(nick)) {
          local = nick;
        }
      }
      assertTrue(local != null, "no nickname's entity ran on node 0");
      cluster.crash(1);
      cluster.awaitMembers(0, members -> members.members().stream()
          .anyMatch(member -> !member.reachable()));
      TestProbe<ChatEvent> lone = TestProbe.create(system(cluster, 0));
      long start = System.nanoTime();
      NickDirectory.ClaimResult claimed = claim(cluster, directories, 0, local, lone);
      long took = millisSince(start);
      assertEquals(new NickDirectory.Refused(local, NickDirectory.Refusal.UNREACHABLE), claimed);
      assertTrue(((NickDirectory.Refused) claimed).message().contains("try again"));
      String nick = local;
      TestProbe<NickDirectory.FindResult> lookups = TestProbe.create(system(cluster, 0));
      lookups.awaitAssert(ClusterNodes.SETTLE, Duration.ofMillis(200), () -> {
        directories.get(0).lookup(nick, lookups.ref());
        assertEquals(new NickDirectory.Free(nick), lookups.receiveMessage(ANSWER),
            "a refused claim is not left in the replica");
        return null;
      });
      System.out.println("A claim without a majority was refused after " + took + " ms");
    }
  }

  @Test
  void everyNodesReplicaListsEveryHolder() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      List<NickDirectory> directories = directories(cluster, 3);
      Map<String, String> expected = new HashMap<>();
      for (int node = 0; node < 3; node++) {
        for (String nick : List.of("ivy" + node, "jon" + node)) {
          TestProbe<ChatEvent> session = TestProbe.create(system(cluster, node));
          assertInstanceOf(NickDirectory.Granted.class,
              claim(cluster, directories, node, nick, session));
          expected.put(nick, id(session.ref()));
        }
      }
      for (int node = 0; node < 3; node++) {
        awaitListed(cluster, directories, node, expected);
      }
      NickDirectory.Holders holders = everyone(cluster, directories, 0);
      for (NickHolder holder : holders.holders()) {
        int node = holder.nick().charAt(holder.nick().length() - 1) - '0';
        assertEquals(directories.get(node).node(), holder.node(), holder.nick());
      }
    }
  }

  private static List<NickDirectory> directories(ClusterNodes cluster, int count) {
    List<NickDirectory> directories = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      directories.add(NickDirectory.start(system(cluster, i)));
    }
    return directories;
  }

  private static ActorSystem<?> system(ClusterNodes cluster, int node) {
    return cluster.node(node).system;
  }

  private static NickDirectory.ClaimResult claim(ClusterNodes cluster,
      List<NickDirectory> directories, int node, String nick, TestProbe<ChatEvent> session) {
    TestProbe<NickDirectory.ClaimResult> answer = TestProbe.create(system(cluster, node));
    directories.get(node).claim(nick, session.ref(), NickDecisionTest.card(nick), answer.ref());
    return answer.receiveMessage(ANSWER);
  }

  private static NickDirectory.FindResult find(ClusterNodes cluster,
      List<NickDirectory> directories, int node, String nick) {
    TestProbe<NickDirectory.FindResult> answer = TestProbe.create(system(cluster, node));
    directories.get(node).find(nick, answer.ref());
    return answer.receiveMessage(ANSWER);
  }

  private static NickDirectory.Holders everyone(ClusterNodes cluster,
      List<NickDirectory> directories, int node) {
    TestProbe<NickDirectory.Holders> answer = TestProbe.create(system(cluster, node));
    directories.get(node).everyone(answer.ref());
    return answer.receiveMessage(ANSWER);
  }

  /**
   * Claims {@code nick} from {@code node} once a second until a claim is granted: a claim sent
   * to a crashed node's shard before the cluster removed that node is lost there, and would
   * only be answered by the directory's own timeout, which is not what a test measures.
   */
  private static void awaitGranted(ClusterNodes cluster, List<NickDirectory> directories,
      int node, String nick, TestProbe<ChatEvent> session) {
    TestProbe<NickDirectory.ClaimResult> answers = TestProbe.create(system(cluster, node));
    awaitAnswer(answers, NickDirectory.Granted.class::isInstance, () -> directories.get(node)
        .claim(nick, session.ref(), NickDecisionTest.card(nick), answers.ref()));
  }

  /** Asks {@code node} who holds {@code nick} once a second until the answer is known. */
  private static NickDirectory.FindResult awaitKnown(ClusterNodes cluster,
      List<NickDirectory> directories, int node, String nick) {
    TestProbe<NickDirectory.FindResult> answers = TestProbe.create(system(cluster, node));
    return awaitAnswer(answers, found -> !(found instanceof NickDirectory.Unknown),
        () -> directories.get(node).find(nick, answers.ref()));
  }

  /** Asks once a second until an answer is {@code wanted}, for twice {@link ClusterNodes#SETTLE}. */
  private static <T> T awaitAnswer(TestProbe<T> answers, Predicate<T> wanted, Runnable ask) {
    long deadline = System.nanoTime() + ClusterNodes.SETTLE.multipliedBy(2).toNanos();
    List<T> unwanted = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      ask.run();
      for (int tenth = 0; tenth < 10; tenth++) {
        Optional<T> answer = poll(answers);
        if (answer.isPresent() && wanted.test(answer.get())) {
          return answer.get();
        }
        answer.ifPresent(unwanted::add);
      }
    }
    throw new AssertionError("no wanted answer; the answers were " + unwanted);
  }

  /** The next answer if one comes within a tenth of a second. */
  private static <T> Optional<T> poll(TestProbe<T> answers) {
    try {
      return Optional.of(answers.receiveMessage(Duration.ofMillis(100)));
    } catch (AssertionError none) {
      return Optional.empty();
    }
  }

  /**
   * An actor as every node names it: a reference from another node carries that node's address,
   * one from this node does not, so references to one actor seen from two nodes are not equal.
   */
  private static String id(ActorRef<?> ref) {
    return ref.path().toStringWithoutAddress() + "#" + ref.path().uid();
  }

  /** Waits until {@code node}'s replica lists exactly {@code expected}, nick to {@link #id}. */
  private static void awaitListed(ClusterNodes cluster, List<NickDirectory> directories,
      int node, Map<String, String> expected) {
    TestProbe<Object> waiting = TestProbe.create(system(cluster, node));
    waiting.awaitAssert(ClusterNodes.SETTLE, Duration.ofMillis(200), () -> {
      Map<String, String> listed = everyone(cluster, directories, node).holders().stream()
          .collect(Collectors.toMap(NickHolder::nick, holder -> id(holder.session())));
      assertEquals(expected, listed, "node " + node);
      return null;
    });
  }

  /**
   * Waits until the shard coordinator knows every node's region: a region that registers late
   * (on a busy machine, after the first shards were placed) would never be given a shard.
   */
  private static void awaitRegions(ClusterNodes cluster, int count) {
    TestProbe<ShardRegion.ClusterShardingStats> stats = TestProbe.create(system(cluster, 0));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int known = 0;
    while (known < count) {
      assertTrue(System.nanoTime() < deadline, "the coordinator knew " + known + " of " + count
          + " shard regions");
      ClusterSharding.get(system(cluster, 0)).shardState()
          .tell(new GetClusterShardingStats(NickEntity.TYPE_KEY, ANSWER, stats.ref()));
      known = stats.receiveMessage(ANSWER.multipliedBy(2)).getRegions().size();
    }
  }

  /** The case-folded nicknames whose entities run on {@code node}. */
  private static Set<String> entitiesOn(ClusterNodes cluster, int node) {
    TestProbe<ShardRegion.CurrentShardRegionState> state =
        TestProbe.create(system(cluster, node));
    ClusterSharding.get(system(cluster, node)).shardState()
        .tell(new GetShardRegionState(NickEntity.TYPE_KEY, state.ref()));
    return state.receiveMessage(ANSWER).getShards().stream()
        .flatMap(shard -> shard.getEntityIds().stream()).collect(Collectors.toSet());
  }

  private static String key(NickDirectory.ClaimResult result) {
    return Names.key(result instanceof NickDirectory.Granted granted ? granted.holder().nick()
        : ((NickDirectory.Refused) result).nick());
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
