package lochat.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lochat.testing.ClusterNodes;
import lochat.testing.HeadlessChromium;
import lochat.testing.IrcTestClient;
import lochat.testing.LochatProcess;
import lochat.testing.PageOrigins;
import lochat.testing.TestClient;
import lochat.testing.WebTestClient;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three real {@code lochat server} processes on 127.0.0.1 form one cluster; a native user on
 * the first, an IRC user on the second, and on the third a browser's WebSocket, the chat page in
 * Chromium and the terminal client program, share one nickname namespace and one room. The
 * third is killed with SIGKILL: the others go on, and the page and the terminal client come
 * back on another node with their nicknames and room, as their users would.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
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
    LochatProcess dan = null;
    boolean failed = false;
    ActorTestKit probes = ActorTestKit.create();
    try (HeadlessChromium chromium = HeadlessChromium.start()) {
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
          WebTestClient cyd = WebTestClient.connect(nodes.get(2).webPort());
          BrowserContext browser = chromium.browser().newContext()) {
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

        dan = LochatProcess.start(LochatProcess.command(List.of(), "client", "--host",
            "127.0.0.1", "--port", String.valueOf(nodes.get(2).nativePort()), "--nick", "dan",
            "--history-file", "none"));
        dan.typeLine("/join hall");
        ann.expect("JOINED hall dan", Duration.ofSeconds(30));
        PageOrigins.awaitAllowed(probes.createTestProbe(), FAILOVER, nodes.get(2).webPort(),
            List.of(nodes.get(0).webPort(), nodes.get(1).webPort()));
        Page page = browser.newPage();
        page.navigate("http://127.0.0.1:" + nodes.get(2).webPort() + "/?nick=wendy&room=hall");
        ann.expect("JOINED hall wendy", Duration.ofSeconds(30));

        cyd.send("say", "text", "from the browser");
        ann.expect("MSG hall cyd from the browser");
        bob.expect(m -> m.command().equals("PRIVMSG") && m.params().get(1).equals(
            "from the browser"), "the browser's post");
        bob.send("PRIVMSG #hall :from irc");
        ann.expect("MSG hall bob from irc");
        cyd.expect(m -> type(m).equals("msg") && m.path("text").asText().equals("from irc"),
            "the IRC user's post");
        dan.awaitStdout("[hall] <bob> from irc");

        nodes.get(2).process().process().destroyForcibly();
        // Wherever the room ran, it goes on: if on the killed node, elsewhere once the cluster
        // has downed it (failure detection and the resolver's wait: seconds, on a busy machine
        // more), and ann's line waits for it.
        ann.send("after the kill");
        ann.expect("MSG hall ann after the kill", FAILOVER);
        bob.expect(m -> m.command().equals("PRIVMSG") && m.params().get(1).equals(
            "after the kill"), "ann's post after the kill");

        // The page and the terminal client come back on another node, as wendy and dan, in
        // hall; the raw WebSocket user, who does not reconnect, is gone.
        dan.awaitStdout(Pattern.compile("\\*\\*\\* reconnected to 127\\.0\\.0\\.1:\\d+ as dan"));
        dan.awaitStdout(Pattern.compile("\\[hall\\] -- in the room: .*"));
        assertThat(page.locator("#room-list [data-key='r:hall']")).not().hasClass(
            Pattern.compile("\\bnot-joined\\b"),
            new LocatorAssertions.HasClassOptions().setTimeout(FAILOVER.toMillis()));
        ClusterNodes.awaitMember(ann, "hall", "dan");
        ClusterNodes.awaitMember(ann, "hall", "wendy");
        probes.createTestProbe().awaitAssert(FAILOVER, Duration.ofMillis(200), () -> {
          ann.send("/who hall");
          String who = ann.nextLine();
          while (!who.startsWith("WHO hall ")) {
            who = ann.nextLine();
          }
          assertEquals("WHO hall", who.replaceAll(" [@+]*(ann|bob|dan|wendy)", ""), who);
          return who;
        });
        ann.send("welcome back");
        dan.awaitStdout("[hall] <ann> welcome back");
        assertThat(page.locator("#log .entry.msg").filter(new Locator.FilterOptions()
            .setHasText("welcome back")).locator(".nick")).hasText("ann");
        assertThat(page.locator("#me-nick")).hasText("wendy");
        dan.typeLine("the terminal is back");
        ann.expect("MSG hall dan the terminal is back");
        page.locator("#input").fill("the page is back");
        page.locator("#input").press("Enter");
        ann.expect("MSG hall wendy the page is back");
        assertTrue(dan.process().isAlive(), "the terminal client went on");
      }
    } catch (Exception | AssertionError failure) {
      failed = true;
      throw failure;
    } finally {
      if (dan != null) {
        dan.process().destroyForcibly();
      }
      for (Node node : nodes) {
        node.process().process().destroyForcibly();
      }
      probes.shutdownTestKit();
      if (failed) {
        for (int i = 0; i < nodes.size(); i++) {
          List<String> log = nodes.get(i).process().stderr();
          System.err.println("--- node " + i + "'s last log lines:\n" + String.join("\n",
              log.subList(Math.max(0, log.size() - 60), log.size())));
        }
      }
    }
  }


  private static String type(JsonNode message) {
    return message.path("type").asText();
  }

  /**
   * Starts a node on free ports, the cluster's failure detection quick, as in tests, but not so
   * quick that three servers, a client, a browser and the test on two busy cores take a node that
   * is only slow for lost (the split brain resolver would then stop one of the two left).
   */
  private static LochatProcess launch(List<String> extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("server", "--host", "127.0.0.1", "--port", "0",
        "--irc-port", "0", "--web-port", "0", "--cluster-port", "0",
        "-Dlochat.cluster.down-unreachable-after=2s",
        "-Dpekko.cluster.failure-detector.acceptable-heartbeat-pause=6s",
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
