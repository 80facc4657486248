package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.testing.ClusterNodes;
import lochat.testing.TestClient;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every node of a three-node cluster is restarted, one at a time, as an operator upgrading them
 * would, while people go on talking in a room. The nodes keep history in memory, so a node
 * comes back with nothing of its own, and after the third restart none of the nodes that heard
 * the first posts is left: whatever node a user is on, the room's history on joining and its
 * pages back still hold every post and the topic.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterRollingRestartTest {

  private static final String ROOM = "archive";
  private static final String TOPIC = "kept through every restart";

  private final List<String> said = new ArrayList<>();
  private int speakers;

  @Test
  void aRollingRestartOfEveryNodeLosesNoHistory() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3,
        "lochat.per-address.max-connections = 0\nlochat.per-address.max-unregistered = 0")) {
      try (TestClient ann = cluster.node(0).register("ann")) {
        ann.send("/join " + ROOM);
        ann.expectStartsWith("WHO " + ROOM);
        ann.send("/topic " + TOPIC);
        ann.expectMatching(line -> line.startsWith("TOPIC " + ROOM + " ann ")
            && line.endsWith(TOPIC), "the topic she set");
      }
      say(cluster, 0, "before any restart");
      say(cluster, 1, "from another node before any restart");
      for (int node = 0; node < 3; node++) {
        cluster.restart(node, Duration.ofSeconds(30));
        awaitPagesBackHoldAll(cluster, node);
        say(cluster, node, "on node " + node + " once it is back");
        say(cluster, (node + 1) % 3, "after node " + node + " came back");
      }
      for (int node = 0; node < 3; node++) {
        assertJoiningShowsAll(cluster, node);
        awaitPagesBackHoldAll(cluster, node);
      }
    }
  }

  /** A user on {@code node} posts {@code text} in the room, sees it accepted, and leaves. */
  private void say(ClusterNodes cluster, int node, String text) throws Exception {
    String nick = "talker" + speakers++;
    try (TestClient talker = cluster.node(node).register(nick)) {
      talker.send("/join " + ROOM);
      talker.expectStartsWith("WHO " + ROOM);
      talker.send(text);
      talker.expect("MSG " + ROOM + " " + nick + " " + text, Duration.ofSeconds(30));
      said.add(text);
    }
  }

  private void assertJoiningShowsAll(ClusterNodes cluster, int node) throws Exception {
    String nick = "reader" + node;
    try (TestClient reader = cluster.node(node).register(nick)) {
      reader.send("/join " + ROOM);
      List<String> history = reader.expect("JOINED " + ROOM + " " + nick).stream()
          .filter(line -> line.startsWith("HISTORY ")).toList();
      assertEquals(said, texts(history),
          "the room's history on joining on node " + node);
      reader.expectStartsWith("WHO " + ROOM);
      reader.expectMatching(line -> line.startsWith("TOPIC " + ROOM + " ann ")
          && line.endsWith(TOPIC), "the room's topic");
    }
  }

  /**
   * Waits until a user on {@code node} paging back through the room's history (which reads the
   * node's own store) finds every post said so far, in order: a node that has just started
   * pulls what it missed in the background.
   */
  private void awaitPagesBackHoldAll(ClusterNodes cluster, int node) throws Exception {
    String nick = "pager" + node + "x" + said.size();
    try (TestClient pager = cluster.node(node).register(nick)) {
      pager.send("/join " + ROOM);
      pager.expectStartsWith("WHO " + ROOM);
      TestProbe<Object> probe = TestProbe.create(cluster.node(node).system);
      probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
        try {
          pager.send("/history 100");
          List<String> page = pager.expectStartsWith("ENDHISTORY " + ROOM).stream()
              .filter(line -> line.startsWith("HISTORY ") && line.contains(" MSG ")).toList();
          assertEquals(said, texts(page), "paging back on node " + node);
          return page;
        } catch (Exception failure) {
          throw new AssertionError(failure);
        }
      });
    }
  }

  /** The text of each {@code HISTORY <time> MSG <room> <nick> <text>} line. */
  private static List<String> texts(List<String> historyLines) {
    return historyLines.stream().map(line -> line.split(" ", 6)[5]).toList();
  }
}
