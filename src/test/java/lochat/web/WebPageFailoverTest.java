package lochat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import lochat.testing.ClusterNodes;
import lochat.testing.HeadlessChromium;
import lochat.testing.PageOrigins;
import lochat.testing.TestClient;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat page on a node of a cluster of three, in a real browser ({@link HeadlessChromium}):
 * when its node crashes the page says so, goes on from another node's WebSocket, waits there
 * until the cluster lets go of the lost session's nickname rather than take another, and is
 * back in its room with it, talking with a native user of another node. What the status line
 * said is recorded in the page as it changes, so that a passing message is not missed; every
 * wait is on the page or the native user's lines, with a deadline.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class WebPageFailoverTest {

  /**
   * Node 1's crash is seen after about 3 s and it is downed 6 s later, so the page, back
   * within about 3 s, finds its nickname still held, even on a busy machine.
   */
  private static final String SETTINGS = """
      lochat.per-address.max-connections = 0
      lochat.per-address.max-unregistered = 0
      lochat.cluster.down-unreachable-after = 6s
      """;
  private static final double FAILOVER_MS = 90_000;
  private static final String RECORD_STATUS = """
      window.statusSeen = [];
      new MutationObserver(() => {
        const line = document.getElementById('status-text');
        const text = line ? line.textContent : '';
        if (text && text !== window.statusSeen[window.statusSeen.length - 1]) {
          window.statusSeen.push(text);
        }
      }).observe(document, { subtree: true, childList: true, characterData: true });
      """;

  private static HeadlessChromium chromium;

  @BeforeAll
  static void startBrowser() {
    chromium = HeadlessChromium.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @Test
  void whenItsNodeDiesThePageComesBackOnAnotherWithItsNickAndRoom() throws Exception {
    List<String> pageErrors = new CopyOnWriteArrayList<>();
    List<String> sockets = new CopyOnWriteArrayList<>();
    List<String> received = new CopyOnWriteArrayList<>();
    List<String> sent = new CopyOnWriteArrayList<>();
    List<String> trace = new CopyOnWriteArrayList<>();
    try (ClusterNodes cluster = ClusterNodes.start(3, SETTINGS);
        TestClient bob = cluster.node(0).register("bob");
        BrowserContext context = chromium.browser().newContext()) {
      bob.send("/join vault");
      bob.expectStartsWith("WHO vault");
      context.setDefaultTimeout(HeadlessChromium.WAIT_MS);
      context.addInitScript(RECORD_STATUS);
      Page page = context.newPage();
      page.onConsoleMessage(message -> {
        if (message.type().equals("error") && !message.text().contains("WebSocket connection to")) {
          pageErrors.add(message.text());
        }
      });
      page.onPageError(pageErrors::add);
      page.onWebSocket(socket -> {
        sockets.add(socket.url());
        trace.add("socket " + socket.url());
        socket.onSocketError(error -> trace.add("error " + error));
        socket.onClose(closed -> trace.add("closed " + closed.url()));
        socket.onFrameReceived(frame -> {
          received.add(frame.text());
          trace.add("in " + frame.text());
        });
        socket.onFrameSent(frame -> {
          sent.add(frame.text());
          trace.add("out " + frame.text());
        });
      });
      String ownSocket = socketOf(cluster, 1);
      List<String> otherSockets = List.of(socketOf(cluster, 0), socketOf(cluster, 2));
      PageOrigins.awaitAllowed(TestProbe.create(cluster.node(1).system), ClusterNodes.SETTLE,
          cluster.node(1).webPort(), List.of(cluster.node(0).webPort(), cluster.node(2).webPort()));
      page.navigate("http://127.0.0.1:" + cluster.node(1).webPort() + "/?nick=wendy&room=vault");
      assertThat(page.locator("#chat")).isVisible();
      assertThat(page.locator("#view-title")).hasText("#vault");
      bob.expect("JOINED vault wendy");
      page.waitForCondition(() -> received.stream().anyMatch(frame -> frame.contains("\"nodes\"")
          && otherSockets.stream().allMatch(frame::contains)),
          new Page.WaitForConditionOptions().setTimeout(HeadlessChromium.WAIT_MS));

      cluster.crash(1);
      awaitStatus(page, trace, "Disconnected\\. Reconnecting in \\d+ s…");
      String otherNode = "Server unreachable; reconnecting to 127\\.0\\.0\\.1:("
          + cluster.node(0).webPort() + "|" + cluster.node(2).webPort() + ")…";
      awaitStatus(page, trace, otherNode);
      awaitStatus(page, trace, "Waiting for your nickname wendy to be released by the lost connection…"
          + " Trying again in \\d+ s\\.");
      Locator vault = page.locator("#room-list [data-key='r:vault']");
      assertThat(vault).not().hasClass(Pattern.compile("\\bnot-joined\\b"),
          new LocatorAssertions.HasClassOptions().setTimeout(FAILOVER_MS));
      assertThat(page.locator("#me-nick")).hasText("wendy");
      assertThat(page.locator("#view-title")).hasText("#vault");
      ClusterNodes.awaitMember(bob, "vault", "wendy");

      bob.send("welcome back");
      assertThat(page.locator("#log .entry.msg").filter(
          new Locator.FilterOptions().setHasText("welcome back")).locator(".nick")).hasText("bob");
      page.locator("#input").fill("back again");
      page.locator("#input").press("Enter");
      bob.expect("MSG vault wendy back again");

      assertEquals(ownSocket, sockets.get(0));
      assertTrue(otherSockets.contains(sockets.get(sockets.size() - 1)), sockets.toString());
      assertTrue(sent.stream().noneMatch(frame -> frame.contains("wendy_")),
          "another nickname was asked for: " + sent);
    }
    assertEquals(List.of(), pageErrors, "errors in the page's console");
  }

  private static String socketOf(ClusterNodes cluster, int node) {
    return "ws://127.0.0.1:" + cluster.node(node).webPort() + "/ws";
  }


  /**
   * Waits until the page's status line has said something matching {@code regex}; failing,
   * says what it did say and what the page's WebSockets did ({@code trace}).
   */
  private static void awaitStatus(Page page, List<String> trace, String regex) {
    try {
      page.waitForFunction("re => window.statusSeen.some(text => new RegExp(re).test(text))",
          regex, new Page.WaitForFunctionOptions().setTimeout(FAILOVER_MS));
    } catch (TimeoutError e) {
      fail("The status line never said /" + regex + "/; it said "
          + page.evaluate("window.statusSeen") + "; the page's WebSockets: "
          + trace.stream().filter(line -> !line.matches(".*\"type\":\"p[io]ng\".*")).toList());
    }
  }
}
