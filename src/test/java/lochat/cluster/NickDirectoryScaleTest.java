package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import lochat.chat.ChatEvent;
import lochat.testing.ClusterNodes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The nickname directory with more nicknames than one replicated map could carry: 4,000 held,
 * where the directory as one map passed Artery's largest message at about 3,300 and its claims
 * slowed to a few a second and then failed well before. Claimed in parallel from three
 * in-process nodes ({@link ClusterNodes}, 127.0.0.1 only) through {@link NickDirectory}, without
 * sockets; every node's replica then lists every one, and nicknames raced from all three nodes
 * still have exactly one winner each.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NickDirectoryScaleTest {

  private static final int NICKNAMES = 4_000;
  private static final int IN_FLIGHT_PER_NODE = 16;
  private static final int RACED = 30;
  private static final int ATTEMPTS = 5;
  private static final AtomicInteger RETRIED = new AtomicInteger();

  @Test
  void thousandsOfNicknamesAreHeldListedEverywhereAndRacesStillHaveOneWinner()
      throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      List<NickDirectory> directories = new ArrayList<>();
      for (int node = 0; node < 3; node++) {
        directories.add(NickDirectory.start(system(cluster, node)));
      }
      for (int node = 0; node < 3; node++) {
        awaitReady(cluster, directories, node);
      }
      List<TestProbe<ChatEvent>> sessions = IntStream.range(0, NICKNAMES)
          .mapToObj(i -> TestProbe.<ChatEvent>create(system(cluster, i % 3))).toList();

      long start = System.nanoTime();
      Map<String, NickDirectory.ClaimResult> refused = claimAll(directories, sessions);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertEquals(Map.of(), refused, "every distinct nickname is granted");
      System.out.printf("%,d nicknames claimed from 3 nodes, %d at once on each, in %.1f s:"
          + " %.0f a second (%d claims tried again after a refusal as unreachable)%n",
          NICKNAMES, IN_FLIGHT_PER_NODE, seconds, NICKNAMES / seconds, RETRIED.get());

      Set<String> expected = IntStream.range(0, NICKNAMES).mapToObj(NickDirectoryScaleTest::nick)
          .collect(Collectors.toSet());
      IntStream.range(0, 3).forEach(node -> expected.add("ready" + node));
      for (int node = 0; node < 3; node++) {
        awaitListed(cluster, directories, node, expected);
      }

      Map<String, List<NickDirectory.ClaimResult>> raced = race(cluster, directories);
      for (Map.Entry<String, List<NickDirectory.ClaimResult>> race : raced.entrySet()) {
        List<NickDirectory.ClaimResult> results = race.getValue();
        assertEquals(3, results.size(), race.getKey() + ": " + results);
        assertEquals(1, results.stream().filter(NickDirectory.Granted.class::isInstance).count(),
            race.getKey() + ": " + results);
        assertEquals(2, results.stream().filter(result -> result instanceof
            NickDirectory.Refused refusal && refusal.reason() == NickDirectory.Refusal.IN_USE)
            .count(), race.getKey() + ": " + results);
      }
      NickDirectory.ClaimResult again = directories.get(2).claim(nick(0),
              TestProbe.<ChatEvent>create(system(cluster, 2)).ref(),
              NickDecisionTest.card("rival"))
          .toCompletableFuture().get(60, TimeUnit.SECONDS);
      assertEquals(new NickDirectory.Refused(nick(0), NickDirectory.Refusal.IN_USE), again);
    }
  }

  /**
   * Waits until a claim from {@code node} is granted: the nicknames' shard coordinator and
   * regions start with the directory, and a claim sent before they know each other waits for
   * them, past its deadline when the machine is busy.
   */
  private static void awaitReady(ClusterNodes cluster, List<NickDirectory> directories,
      int node) {
    TestProbe<ChatEvent> session = TestProbe.create(system(cluster, node));
    session.awaitAssert(ClusterNodes.SETTLE, Duration.ofMillis(500), () -> {
      assertInstanceOf(NickDirectory.Granted.class, directories.get(node)
          .claim("ready" + node, session.ref(), NickDecisionTest.card("ready"))
          .toCompletableFuture().get(30, TimeUnit.SECONDS));
      return null;
    });
  }

  /** Claims every nickname, each for its own session, from the nodes in turn; the refusals. */
  private static Map<String, NickDirectory.ClaimResult> claimAll(
      List<NickDirectory> directories, List<TestProbe<ChatEvent>> sessions) throws Exception {
    List<Semaphore> inFlight = IntStream.range(0, 3)
        .mapToObj(node -> new Semaphore(IN_FLIGHT_PER_NODE)).toList();
    Map<String, NickDirectory.ClaimResult> refused = new ConcurrentHashMap<>();
    List<CompletableFuture<?>> claims = new ArrayList<>();
    for (int i = 0; i < NICKNAMES; i++) {
      int node = i % 3;
      String nick = nick(i);
      inFlight.get(node).acquire();
      claims.add(claim(directories.get(node), nick, sessions.get(i), ATTEMPTS)
          .whenComplete((result, failure) -> {
            inFlight.get(node).release();
            if (!(result instanceof NickDirectory.Granted)) {
              refused.put(nick, result);
            }
          }));
    }
    CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    return refused;
  }

  /**
   * Claims {@code nick}, again while it is refused as unreachable, up to {@code attempts} times
   * in all, as a user told "try again" would: on a busy machine a majority may not answer within
   * the directory's timeouts, above all while the first claims wait for their shards to be placed.
   */
  private static CompletableFuture<NickDirectory.ClaimResult> claim(NickDirectory directory,
      String nick, TestProbe<ChatEvent> session, int attempts) {
    return directory.claim(nick, session.ref(), NickDecisionTest.card(nick)).toCompletableFuture()
        .thenCompose(result -> {
          if (attempts > 1 && result instanceof NickDirectory.Refused refusal
              && refusal.reason() == NickDirectory.Refusal.UNREACHABLE) {
            RETRIED.incrementAndGet();
            return claim(directory, nick, session, attempts - 1);
          }
          return CompletableFuture.completedFuture(result);
        });
  }

  /** Claims {@link #RACED} new nicknames from all three nodes at once; the answers by nick. */
  private static Map<String, List<NickDirectory.ClaimResult>> race(ClusterNodes cluster,
      List<NickDirectory> directories) throws Exception {
    Map<String, List<CompletableFuture<NickDirectory.ClaimResult>>> answers = new HashMap<>();
    for (int i = 0; i < RACED; i++) {
      String nick = "racer" + i;
      for (int node = 0; node < 3; node++) {
        TestProbe<ChatEvent> session = TestProbe.create(system(cluster, node));
        answers.computeIfAbsent(nick, key -> new ArrayList<>()).add(claim(
            directories.get(node), node == 1 ? nick.toUpperCase() : nick, session, ATTEMPTS));
      }
    }
    Map<String, List<NickDirectory.ClaimResult>> results = new HashMap<>();
    for (Map.Entry<String, List<CompletableFuture<NickDirectory.ClaimResult>>> entry
        : answers.entrySet()) {
      for (CompletableFuture<NickDirectory.ClaimResult> answer : entry.getValue()) {
        results.computeIfAbsent(entry.getKey(), key -> new ArrayList<>())
            .add(answer.get(60, TimeUnit.SECONDS));
      }
    }
    return results;
  }

  /** Waits until {@code node}'s replica lists exactly {@code expected} and finds one of them. */
  private static void awaitListed(ClusterNodes cluster, List<NickDirectory> directories,
      int node, Set<String> expected) {
    TestProbe<Object> waiting = TestProbe.create(system(cluster, node));
    waiting.awaitAssert(ClusterNodes.SETTLE, Duration.ofMillis(500), () -> {
      Set<String> listed = directories.get(node).everyone().toCompletableFuture()
          .get(10, TimeUnit.SECONDS).holders().stream().map(NickHolder::nick)
          .collect(Collectors.toSet());
      assertEquals(expected.size(), listed.size(), "node " + node + " lists");
      assertEquals(expected, listed, "node " + node);
      return null;
    });
    String last = nick(NICKNAMES - 1 - node);
    assertInstanceOf(NickDirectory.Held.class, directories.get(node).lookup(last)
        .toCompletableFuture().join(), "node " + node + " looks up " + last);
  }

  private static String nick(int i) {
    return "user" + i;
  }

  private static ActorSystem<?> system(ClusterNodes cluster, int node) {
    return cluster.node(node).system;
  }
}
