package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lochat.testing.IrcTestClient;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import lochat.testing.LochatProcess;
import lochat.testing.TestClient;
import lochat.testing.WebTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three real {@code lochat server} processes on 127.0.0.1 form one cluster; a native user on
 * the first, an IRC user on the second and a browser's WebSocket on the third share one
 * nickname namespace and one room; the third is killed with SIGKILL, and the others go on.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterProgramTest {

  private static final Pattern CLUSTER = Pattern.compile(".*Cluster: this node is ([0-9.:]+),.*");
  private static final Pattern NATIVE =
      Pattern.compile(".*Lochat .* listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern IRC = Pattern.compile(".*IRC listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern WEB =
      Pattern.compile(".*Open http://127\\.0\\.0\\.1:(\\d+)/ in a browser");

  private static final Pattern ALL_UP = Pattern.compile(".*Cluster: .* is up \\((3) nodes\\).*");
  private static final Duration FAILOVER = Duration.ofSeconds(60);
  private static final List<Pattern> STARTUP = List.of(CLUSTER, NATIVE, IRC, WEB);

  /** A server process and its ports. */
  private record Node(LochatProcess process, String cluster, int nativePort, int ircPort,
      int webPort) {}

  @Test
  void threeProcessesShareOneRoomAndTheRestGoOnWhenOneIsKilled() throws Exception {
    List<Node> nodes = new ArrayList<>();
    try {
      nodes.add(started(launch(List.of()), STARTUP));
      List<String> join = List.of("--join", nodes.get(0).cluster());
      LochatProcess second = launch(join);
      LochatProcess third = launch(join);
      List<Pattern> withAllUp = new ArrayList<>(STARTUP);
      withAllUp.add(ALL_UP);
      nodes.add(started(second, withAllUp));
      nodes.add(started(third, withAllUp));
      nodes.get(0).process().awaitStderr(ALL_UP);
      try (TestClient ann = TestClient.connect(nodes.get(0).nativePort());
          IrcTestClient bob = IrcTestClient.connect(nodes.get(1).ircPort());
          WebTestClient cyd = WebTestClient.connect(nodes.get(2).webPort())) {
        ann.expectKind("PROMPT");
        ann.send("ann");
        ann.expect("OK nick ann");
        bob.register("bob");
        cyd.signIn("cyd");

        ann.send("/join hall");
        ann.expectStartsWith("WHO hall");
        bob.send("JOIN #hall");
        bob.expect("366");
        ann.expect("JOINED hall bob");
        cyd.send("join", "room", "hall");
        cyd.expect(m -> type(m).equals("joined") && m.path("room").asText().equals("hall"),
            "cyd's join");
        ann.expect("JOINED hall cyd");

        cyd.send("say", "text", "from the browser");
        ann.expect("MSG hall cyd from the browser");
        bob.expect(m -> m.command().equals("PRIVMSG") && m.params().get(1).equals(
            "from the browser"), "the browser's post");
        bob.send("PRIVMSG #hall :from irc");
        ann.expect("MSG hall bob from irc");
        cyd.expect(m -> type(m).equals("msg") && m.path("text").asText().equals("from irc"),
            "the IRC user's post");

        nodes.get(2).process().process().destroyForcibly();
        // Wherever the room ran, it goes on: if on the killed node, elsewhere once the cluster
        // has downed it (failure detection and the resolver's wait: seconds, on a busy machine
        // more), and ann's line waits for it.
        ann.send("after the kill");
        ann.expect("MSG hall ann after the kill", FAILOVER);
        bob.expect(m -> m.command().equals("PRIVMSG") && m.params().get(1).equals(
            "after the kill"), "ann's post after the kill");
        ActorTestKit probes = ActorTestKit.create();
        try {
          probes.createTestProbe().awaitAssert(FAILOVER, Duration.ofMillis(200), () -> {
            ann.send("/who hall");
            String who = ann.nextLine();
            while (!who.startsWith("WHO hall ")) {
              who = ann.nextLine();
            }
            assertEquals("WHO hall", who.replaceAll(" [@+]*(ann|bob)", ""), who);
            return who;
          });
        } finally {
          probes.shutdownTestKit();
        }
      }
    } finally {
      for (Node node : nodes) {
        node.process().process().destroyForcibly();
      }
    }
  }

  private static String type(JsonNode message) {
    return message.path("type").asText();
  }

  /** Starts a node on free ports, the cluster's failure detection quick, as in tests. */
  private static LochatProcess launch(List<String> extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("server", "--host", "127.0.0.1", "--port", "0",
        "--irc-port", "0", "--web-port", "0", "--cluster-port", "0",
        "-Dlochat.cluster.down-unreachable-after=2s",
        "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=3s",
        "-Dlochat.per-address.max-connections=0", "-Dlochat.per-address.max-unregistered=0"));
    args.addAll(extra);
    return LochatProcess.start(LochatProcess.command(List.of(), args.toArray(String[]::new)));
  }

  /** The node, once its log has said all of {@code startup}, in whatever order. */
  private static Node started(LochatProcess process, List<Pattern> startup) throws Exception {
    Map<Pattern, String> found = new HashMap<>();
    Pattern any = Pattern.compile(startup.stream().map(Pattern::pattern)
        .collect(Collectors.joining("|")));
    while (found.size() < startup.size()) {
      String line = process.awaitStderr(any).group();
      for (Pattern pattern : startup) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.matches()) {
          found.put(pattern, matcher.group(1));
        }
      }
    }
    return new Node(process, found.get(CLUSTER), Integer.parseInt(found.get(NATIVE)),
        Integer.parseInt(found.get(IRC)), Integer.parseInt(found.get(WEB)));
  }
}
