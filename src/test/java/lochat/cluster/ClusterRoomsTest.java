package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.ClusterNodes;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Users on three nodes of one cluster (in this JVM, on 127.0.0.1) share rooms: one order for
 * everybody, joins and departures, topics, kicks and room lists seen on every node.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterRoomsTest {

  private static final AtomicInteger ROOMS = new AtomicInteger();
  private static ClusterNodes cluster;
  private final List<TestClient> clients = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterNodes.start(3,
        "lochat.per-address.max-connections = 0\nlochat.per-address.max-unregistered = 0");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void disconnect() throws Exception {
    for (TestClient client : clients) {
      client.close();
    }
  }

  @Test
  void postsFromThreeNodesReachEveryMemberInOneOrder() throws Exception {
    String room = room();
    List<TestClient> members = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      members.add(joined(i, "poster" + i, room));
    }
    int each = 30;
    for (int n = 0; n < each; n++) {
      for (int i = 0; i < 3; i++) {
        members.get(i).send("post " + n + " from node " + i);
      }
    }
    List<List<String>> seen = new ArrayList<>();
    for (TestClient member : members) {
      List<String> posts = new ArrayList<>();
      while (posts.size() < 3 * each) {
        posts.add(next(member, "MSG " + room + " "));
      }
      seen.add(posts);
    }
    assertEquals(seen.get(0), seen.get(1), "node 1's member saw another order than node 0's");
    assertEquals(seen.get(0), seen.get(2), "node 2's member saw another order than node 0's");
    for (int i = 0; i < 3; i++) {
      int node = i;
      List<String> fromNode = seen.get(0).stream()
          .filter(line -> line.endsWith(" from node " + node)).toList();
      assertEquals(each, fromNode.size());
      for (int n = 0; n < each; n++) {
        assertTrue(fromNode.get(n).endsWith(" post " + n + " from node " + node),
            "each sender's posts in the order it sent them: " + fromNode);
      }
    }
  }

  @Test
  void joinsTopicsAndDeparturesAreSeenOnEveryNode() throws Exception {
    String room = room();
    TestClient ann = joined(0, "ann", room);
    TestClient bob = joined(1, "bob", room);
    ann.expect("JOINED " + room + " bob");
    TestClient cyd = joined(2, "cyd", room);
    ann.expect("JOINED " + room + " cyd");
    bob.expect("JOINED " + room + " cyd");

    ann.send("/topic shared across nodes");
    for (TestClient member : List.of(ann, bob, cyd)) {
      member.expectMatching(line -> line.startsWith("TOPIC " + room + " ann ")
          && line.endsWith(" shared across nodes"), "the topic ann set");
    }
    cyd.send("/who " + room);
    cyd.expect("WHO " + room + " @ann bob cyd");

    bob.send("/part " + room);
    ann.expectStartsWith("LEFT " + room + " bob");
    cyd.expectStartsWith("LEFT " + room + " bob");
    cyd.close();
    ann.expectStartsWith("LEFT " + room + " cyd");
    ann.send("still here");
    ann.expect("MSG " + room + " ann still here");
  }

  @Test
  void anOperatorOnOneNodeKicksAMemberOnAnother() throws Exception {
    String room = room();
    TestClient op = joined(0, "opal", room);
    TestClient guest = joined(2, "gus", room);
    op.expect("JOINED " + room + " gus");
    op.send("/kick gus enough");
    guest.expectStartsWith("KICKED " + room + " opal gus");
    op.expectStartsWith("KICKED " + room + " opal gus");
    op.send("after the kick");
    op.expect("MSG " + room + " opal after the kick");
    guest.send("/who " + room);
    List<String> before = guest.expectMatching(line -> line.equals("WHO " + room + " @opal"),
        "the room without gus");
    assertTrue(before.stream().noneMatch(line -> line.startsWith("MSG ")),
        "gus still hears the room: " + before);
  }

  @Test
  void roomListsShowTheRoomsOfEveryNode() throws Exception {
    String room = room();
    joined(0, "lister", room);
    TestClient far = register(2, "looker");
    TestProbe<Object> probe = TestProbe.create(cluster.node(2).system);
    probe.awaitAssert(ClusterNodes.SETTLE, Duration.ofMillis(200), () -> {
      far.send("/rooms");
      String rooms = next(far, "ROOMS ");
      assertTrue(rooms.contains(" " + room + ":1"), rooms);
      return rooms;
    });
  }

  @Test
  void anIrcUserOnOneNodeSeesTheRoomsMembersOnEveryNode() throws Exception {
    String room = room();
    joined(0, "nat", room);
    try (IrcTestClient irc = IrcTestClient.connect(cluster.node(1).ircPort())) {
      irc.register("ira");
      irc.send("JOIN #" + room);
      irc.expect("366");
      TestProbe<Object> probe = TestProbe.create(cluster.node(1).system);
      probe.awaitAssert(ClusterNodes.SETTLE, Duration.ofMillis(200), () -> {
        irc.send("WHO #" + room);
        List<String> nicks = new ArrayList<>();
        for (IrcMessage reply = irc.expect(message -> message.command().equals("352")
                || message.command().equals("315"), "WHO replies");
            reply.command().equals("352");
            reply = irc.expect(message -> message.command().equals("352")
                || message.command().equals("315"), "WHO replies")) {
          nicks.add(reply.params().get(5));
        }
        assertEquals(List.of("nat", "ira"), nicks);
        return nicks;
      });
    }
  }

  private TestClient register(int node, String nick) throws Exception {
    TestClient client = cluster.node(node).register(nick);
    clients.add(client);
    return client;
  }

  private TestClient joined(int node, String nick, String room) throws Exception {
    TestClient client = register(node, nick);
    client.send("/join " + room);
    client.expectStartsWith("WHO " + room);
    return client;
  }

  /** The next line starting with {@code prefix}, skipping others. */
  private static String next(TestClient client, String prefix) throws InterruptedException {
    while (true) {
      String line = client.nextLine();
      if (line.startsWith(prefix)) {
        return line;
      }
    }
  }

  private static String room() {
    return "hall" + ROOMS.incrementAndGet();
  }
}
