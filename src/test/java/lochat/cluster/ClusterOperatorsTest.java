package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import lochat.operators.PasswordHash;
import lochat.testing.ClusterNodes;
import lochat.testing.TestClient;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server operator on one node of a cluster acts on all of them: a kill reaches a user of
 * another node (as a room operator's invitation does), a broadcast every node's users, and an address ban cuts and refuses the address
 * on every node, also on a node that starts afterwards, until it is lifted. Banned clients
 * connect from 127.0.0.2, still the loopback.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ClusterOperatorsTest {

  private static final String SETTINGS = "lochat.operators { ann = \""
      + PasswordHash.hash("s3cret".toCharArray()) + "\" }\n"
      + "lochat.per-address.max-connections = 0\nlochat.per-address.max-unregistered = 0";

  @Test
  void anOperatorOnOneNodeKillsBroadcastsAndBansOnEvery() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3, SETTINGS);
        TestClient ann = cluster.node(0).register("ann");
        TestClient cyd = cluster.node(2).register("cyd");
        TestClient dee = cluster.node(1).register("dee")) {
      ann.send("/oper ann s3cret");
      ann.expect("OPER ann You are now a server operator");
      // A broadcast reaches whom this node's replica of the nicknames knows: a gossip round.
      awaitKnown(cluster, ann, "cyd");
      awaitKnown(cluster, ann, "dee");

      ann.send("/wallops maintenance at noon");
      ann.expect("WALLOPS ann maintenance at noon");
      ann.expect("OK wallops sent to 3 users");
      dee.expect("WALLOPS ann maintenance at noon");
      cyd.expect("WALLOPS ann maintenance at noon");

      // A room operator's invitation reaches a user of another node and lets it in.
      ann.send("/join den");
      ann.expectStartsWith("WHO den");
      ann.send("/mode den +i");
      ann.expect("MODE den ann +i");
      dee.send("/join den");
      dee.expect("ERROR invite-only Cannot join: the room is invite only (den)");
      ann.send("/invite dee den");
      ann.expect("OK invite dee den");
      dee.expect("INVITED den ann");
      dee.send("/join den");
      ann.expect("JOINED den dee");

      ann.send("/kill cyd flooding");
      ann.expect("OK kill cyd");
      List<String> last = cyd.expectClosed();
      assertTrue(last.contains("ERROR killed Killed (ann (flooding))"), last.toString());

      TestClient erin = TestClient.connectFrom("127.0.0.2", cluster.node(1).port);
      erin.expectKind("PROMPT");
      erin.send("erin");
      erin.expect("OK nick erin");
      ann.send("/serverban 127.0.0.2 spam");
      ann.expectStartsWith("SERVERBAN 127.0.0.2 ann ");
      List<String> erinLast = erin.expectClosed();
      assertTrue(erinLast.contains("ERROR banned Banned from this server: spam"),
          erinLast.toString());
      for (int node = 0; node < 3; node++) {
        awaitRefused(cluster, node);
      }

      cluster.restart(2, Duration.ofSeconds(30));
      awaitRefused(cluster, 2);

      ann.send("/serverunban 127.0.0.2");
      ann.expect("OK serverunban 127.0.0.2");
      for (int node = 0; node < 3; node++) {
        awaitWelcomed(cluster, node);
      }
    }
  }

  /** Waits until {@code nick}, a user of another node, is known to {@code asker}'s node. */
  private static void awaitKnown(ClusterNodes cluster, TestClient asker, String nick) {
    TestProbe.create(cluster.node(0).system).awaitAssert(Duration.ofSeconds(20),
        Duration.ofMillis(200), () -> {
          try {
            asker.send("/whois " + nick);
            List<String> answer = new ArrayList<>();
            asker.expectMatching(line -> (line.startsWith("WHOIS " + nick + " ")
                || line.startsWith("ERROR no-such-user")) && answer.add(line), "an answer");
            assertTrue(answer.get(0).startsWith("WHOIS " + nick + " "), answer.toString());
          } catch (Exception failure) {
            throw new AssertionError(failure);
          }
          return null;
        });
  }

  /** A client from the banned address is refused by {@code node}, once the ban reaches it. */
  private static void awaitRefused(ClusterNodes cluster, int node) {
    awaitFirstLine(cluster, node, "ERROR banned Banned from this server: spam"::equals);
  }

  private static void awaitWelcomed(ClusterNodes cluster, int node) {
    awaitFirstLine(cluster, node, line -> line.startsWith("SERVER Welcome"));
  }

  /** Waits until {@code node} first tells a client from 127.0.0.2 what {@code wanted} likes. */
  private static void awaitFirstLine(ClusterNodes cluster, int node, Predicate<String> wanted) {
    TestProbe.create(cluster.node(node).system).awaitAssert(Duration.ofSeconds(20),
        Duration.ofMillis(200), () -> {
          try (TestClient again = TestClient.connectFrom("127.0.0.2", cluster.node(node).port)) {
            String first = again.nextLine();
            assertTrue(wanted.test(first), "node " + node + ": " + first);
          } catch (Exception failure) {
            throw new AssertionError(failure);
          }
          return null;
        });
  }
}
