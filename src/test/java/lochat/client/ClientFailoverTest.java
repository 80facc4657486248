package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.WebSocketHandshakeException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lochat.line.NativeProtocol;
import lochat.testing.ClusterNodes;
import lochat.testing.TestClient;
import lochat.testing.WebTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The terminal client on a node of a cluster of three: it is told the other two nodes, and
 * when its node crashes it says so, connects to another node, signs in with its nickname once
 * the cluster has let go of the lost session's, and takes its rooms back, where the others see
 * it come back and talk with it. The web listeners take the other nodes' pages.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClientFailoverTest {

  private static ClusterNodes cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = ClusterNodes.start(3,
        "lochat.per-address.max-connections = 0\nlochat.per-address.max-unregistered = 0");
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String nativeAddresses(int node) {
    return "127.0.0.1:" + cluster.node(node).port(NativeProtocol.NAME, false);
  }

  private static Set<String> tokens(String line) {
    return Arrays.stream(line.split(" ")).skip(1).collect(Collectors.toSet());
  }

  /**
   * On nodes 0 and 2, which no test crashes: a page of node 2 may open node 0's chat, a page of
   * no node may not, and a web user of node 0 is told node 2's page and WebSocket.
   */
  @Test
  void aNodeTakesTheOtherNodesPagesAndTellsItsWebUsersWhereTheyAre() throws Exception {
    String page2 = "http://127.0.0.1:" + cluster.node(2).webPort();
    try (WebTestClient web = WebTestClient.connect(cluster.node(0).webPort())) {
      // Not signIn: the nodes come right after the nickname is taken, before the greeting.
      web.expectType("prompt");
      web.send("nick", "nick", "wendy");
      web.expect(message -> message.path("type").asText().equals("nodes")
          && message.path("nodes").toString().contains("{\"page\":\"" + page2 + "/\","
              + "\"socket\":\"ws://127.0.0.1:" + cluster.node(2).webPort() + "/ws\"}"),
          "node 2's page and WebSocket");
    }
    try (WebTestClient fromNode2 =
        WebTestClient.connect(cluster.node(0).webPort(), Optional.of(page2))) {
      fromNode2.signIn("pat");
    }
    ExecutionException refused = assertThrows(ExecutionException.class,
        () -> WebTestClient.connect(cluster.node(0).webPort(), Optional.of("http://127.0.0.1:9")));
    assertEquals(403,
        ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
  }

  @Test
  void whenItsNodeDiesTheClientComesBackOnAnotherWithItsNickAndRooms() throws Exception {
    Set<String> others = tokens("NODES " + nativeAddresses(0) + " " + nativeAddresses(2));
    try (TestClient watcher = cluster.node(1).connect();
        TestClient bob = cluster.node(0).register("bob");
        InProcessClient ann = InProcessClient.startPlain(cluster.node(1).port, "ann")) {
      watcher.expectKind("PROMPT");
      watcher.send("watcher");
      watcher.expectMatching(line -> line.startsWith("NODES ") && tokens(line).equals(others),
          "the other nodes' native ports (TLS is off): " + others);
      ann.await("out: OK nick ann");
      ann.type("/join vault");
      ann.await("out: JOINED vault ann");
      bob.send("/join vault");
      bob.expectStartsWith("WHO vault");

      cluster.crash(1);
      String reconnecting = ann.await(line -> line.startsWith("out: *** server unreachable; "
          + "reconnecting to 127.0.0.1:"), "the loss, and where the client goes");
      assertTrue(reconnecting.endsWith(":" + cluster.node(0).port)
          || reconnecting.endsWith(":" + cluster.node(2).port), reconnecting);
      ann.await(line -> line.startsWith("out: *** reconnected to 127.0.0.1:")
          && line.endsWith(" as ann"), "the client back, with its nickname");
      ann.await("out: JOINED vault ann");
      bob.expect("LEFT vault ann connection lost");
      ClusterNodes.awaitMember(bob, "vault", "ann");
      assertTrue(ann.transcript().stream().noneMatch(line -> line.startsWith("out: NODES")),
          "the nodes are the client's business, not shown");

      ann.type("back again");
      bob.expect("MSG vault ann back again");
      bob.send("welcome back");
      ann.await("out: MSG vault bob welcome back");
    }
  }
}
