package lochat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.typesafe.config.ConfigUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.ArrayList;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.HeadlessChromium;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat page in a real browser ({@link HeadlessChromium}: skipped without Chromium, except
 * under CI) against a real server on 127.0.0.1, with a native user on the other side. Waits are
 * Playwright's auto-waiting assertions, never sleeps.
 */
class WebPageBrowserTest {

  private static final double WAIT_MS = HeadlessChromium.WAIT_MS;
  /**
   * Where the chat scene's screenshot goes: under target, so that a test run leaves the tree
   * clean; with {@code -Dlochat.update-screenshots=true}, over the README's picture in
   * docs/images.
   */
  private static final Path SCREENSHOT = Boolean.getBoolean("lochat.update-screenshots")
      ? Paths.get("docs/images/web-chat.png") : Paths.get("target/web-chat.png");

  private static HeadlessChromium chromium;
  private static Browser browser;

  private TestServer server;
  private BrowserContext context;
  private final List<String> pageErrors = new CopyOnWriteArrayList<>();
  private final List<TestClient> natives = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startBrowser() {
    chromium = HeadlessChromium.start();
    browser = chromium.browser();
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void startServer() throws Exception {
    server = TestServer.start();
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1180, 740));
    context.setDefaultTimeout(WAIT_MS);
  }

  @AfterEach
  void stopServer() throws Exception {
    if (context != null) {
      context.close();
    }
    for (TestClient client : natives) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    assertEquals(List.of(), pageErrors, "errors in the page's console");
  }

  private String base() {
    return "http://127.0.0.1:" + server.webPort();
  }

  private Page open(String query) {
    Page page = context.newPage();
    page.onConsoleMessage(message -> {
      if (message.type().equals("error") && !message.text().contains("WebSocket connection to")) {
        pageErrors.add(message.text());
      }
    });
    page.onPageError(error -> pageErrors.add(error));
    page.navigate(base() + "/" + query);
    return page;
  }

  private Page signedIn(String nick, String room) {
    Page page = open("?nick=" + nick + "&room=" + room);
    assertThat(page.locator("#chat")).isVisible();
    assertThat(page.locator("#view-title")).hasText("#" + room);
    return page;
  }

  private TestClient nativeUser(String nick, String room) throws Exception {
    TestClient client = server.register(nick);
    natives.add(client);
    if (!room.equals("lobby")) {
      client.send("/join " + room);
      client.expectStartsWith("WHO " + room);
    }
    return client;
  }

  private static void say(Page page, String text) {
    page.locator("#input").fill(text);
    page.locator("#input").press("Enter");
  }

  private static Locator message(Page page, String text) {
    return page.locator("#log .entry.msg").filter(new Locator.FilterOptions().setHasText(text));
  }

  @Test
  void aBrowserUserAndATerminalUserChatBothWays() throws Exception {
    TestClient bob = nativeUser("bob", "garden");
    bob.send("/topic Seeds, plants and the allotment rota");
    bob.expectStartsWith("TOPIC garden bob");
    Page page = signedIn("ann", "garden");
    bob.expect("JOINED garden ann");
    assertThat(page.locator("#member-list [data-nick='bob']")).isVisible();
    assertThat(page.locator("#topic")).containsText("Seeds, plants and the allotment rota");

    say(page, "hello from the browser");
    bob.expect("MSG garden ann hello from the browser");
    assertThat(message(page, "hello from the browser")).isVisible();

    bob.send("ann: the terminal says hi; the rota is at https://example.org/docs");
    Locator reply = message(page, "the terminal says hi");
    assertThat(reply.locator(".nick")).hasText("bob");
    assertThat(reply.locator("a")).hasAttribute("href", "https://example.org/docs");
    assertThat(reply.locator("a")).hasAttribute("rel", "noopener noreferrer");
    assertThat(reply.locator("a")).hasAttribute("target", "_blank");
    bob.send("/me waves");
    assertThat(page.locator("#log .entry.action").last()).containsText("* bob waves");
    assertThat(page.locator("#announcer")).hasText("bob waves");

    page.locator("#notify-no").click();
    assertThat(page.locator("#notify-banner")).isHidden();
    assertThat(page.locator("#status")).isHidden();
    page.mouse().move(600, 600);
    Files.createDirectories(SCREENSHOT.getParent());
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT));

    bob.send("<img src=x onerror=alert(1)> <b>not bold</b> javascript:alert(2)");
    Locator hostile = message(page, "onerror=alert(1)");
    assertThat(hostile.locator(".text"))
        .hasText("<img src=x onerror=alert(1)> <b>not bold</b> javascript:alert(2)");
    assertEquals(0, page.locator("#log img, #log b").count(), "user text was parsed as HTML");
    assertEquals(0, hostile.locator("a").count(), "a javascript: address became a link");
  }

  @Test
  void twoPagesATerminalAndAnIrcUserAllSeeTheSameOrder() throws Exception {
    TestClient bob = nativeUser("bob", "square");
    IrcTestClient dan = IrcTestClient.connect(server.ircPort());
    try {
      dan.register("dan");
      dan.send("JOIN #square");
      bob.expect("JOINED square dan");
      Page ann = signedIn("ann", "square");
      bob.expect("JOINED square ann");
      Page cat = signedIn("cat", "square");
      bob.expect("JOINED square cat");

      say(ann, "one from ann");
      bob.send("two from bob");
      dan.send("PRIVMSG #square :three from dan");
      say(cat, "four from cat");

      List<String> order = new ArrayList<>();
      while (order.size() < 4) {
        String line = bob.nextLine();
        if (line.startsWith("MSG square ")) {
          order.add(line.substring(line.indexOf(' ', "MSG square ".length()) + 1));
        }
      }
      for (Page page : List.of(ann, cat)) {
        Locator texts = page.locator("#log .entry.msg .text");
        assertThat(texts).hasText(order.toArray(String[]::new));
      }
      List<String> heardOnIrc = new ArrayList<>();
      while (heardOnIrc.size() < 3) {
        IrcMessage privmsg = dan.expect("PRIVMSG");
        heardOnIrc.add(privmsg.params().get(1));
      }
      assertEquals(order.stream().filter(text -> !text.contains("dan")).toList(), heardOnIrc);
    } finally {
      dan.close();
    }
  }

  @Test
  void aMentionIsHighlightedAndCountedInTheRoomList() throws Exception {
    TestClient bob = nativeUser("bob", "hall");
    Page page = signedIn("ann", "hall");
    bob.expect("JOINED hall ann");
    page.locator("#join-input").fill("other");
    page.locator("#join-input").press("Enter");
    assertThat(page.locator("#view-title")).hasText("#other");

    bob.send("ann: are you there?");
    Locator hall = page.locator("#room-list [data-key='r:hall']");
    assertThat(hall.locator(".badge.badge-mention")).hasText("1");
    assertThat(page).hasTitle("(1) Lochat");
    hall.click();
    Locator mention = message(page, "are you there?");
    assertThat(mention).hasClass(Pattern.compile("\\bmention\\b"));
    assertThat(mention.locator("mark.mention-word")).hasText("ann");
    assertThat(page).hasTitle("Lochat");
  }

  @Test
  void joiningAndLeavingARoomIsSeenByTheOthers() throws Exception {
    TestClient bob = nativeUser("bob", "games");
    Page page = signedIn("ann", "lobby");
    page.locator("#join-input").fill("#games");
    page.locator("#join-form button[type=submit]").click();
    assertThat(page.locator("#view-title")).hasText("#games");
    bob.expect("JOINED games ann");
    assertThat(page.locator("#member-list [data-nick='bob']")).isVisible();

    bob.send("/part");
    assertThat(page.locator("#log .entry.events").last()).containsText("bob left");
    assertThat(page.locator("#member-list [data-nick='bob']")).hasCount(0);

    bob.send("/join games");
    bob.expectStartsWith("WHO games");
    page.locator("#leave").click();
    bob.expect("LEFT games ann part");
    assertThat(page.locator("#room-list [data-key='r:games']")).hasCount(0);
    assertThat(page.locator("#view-title")).hasText("#lobby");
  }

  @Test
  void privateMessagesHaveAConversationOfTheirOwn() throws Exception {
    TestClient bob = nativeUser("bob", "lobby");
    Page page = signedIn("ann", "lobby");
    bob.send("/msg ann psst, a secret");
    Locator conversation = page.locator("#conv-list [data-key='p:bob']");
    assertThat(conversation.locator(".badge")).hasText("1");
    conversation.click();
    assertThat(page.locator("#view-title")).hasText("@bob");
    assertThat(message(page, "psst, a secret")).isVisible();
    say(page, "tell me more");
    bob.expect("PRIV ann bob tell me more");
    say(page, "/me whispers");
    bob.expect("PRIVACTION ann bob whispers");
    assertThat(message(page, "tell me more")).isVisible();
  }

  @Test
  void historyOnJoinEndsWithAMarkerWhereLiveMessagesStart() throws Exception {
    TestClient bob = nativeUser("bob", "archive");
    bob.send("written before ann came");
    bob.expect("MSG archive bob written before ann came");
    Page page = signedIn("ann", "archive");
    Locator old = message(page, "written before ann came");
    assertThat(old).hasClass(Pattern.compile("\\bhistory\\b"));
    assertThat(page.locator("#log .entry.marker")).hasCount(1);
    bob.expect("JOINED archive ann");
    bob.send("written after ann came");
    assertThat(message(page, "written after ann came")).isVisible();
    List<String> order = ((List<?>) page.locator("#log > li").evaluateAll(
        "items => items.map(i => i.classList.contains('marker') ? 'MARKER' : i.textContent)"))
        .stream().map(String::valueOf).toList();
    int before = indexOf(order, "written before");
    int marker = order.indexOf("MARKER");
    int after = indexOf(order, "written after");
    assertTrue(before < marker && marker < after, "history, marker, live: " + order);
  }

  @Test
  void earlierMessagesThanTheJoinShowedAreOneClickAway() throws Exception {
    server.close();
    server = TestServer.start("lochat.room.history-size = 3");
    TestClient bob = nativeUser("bob", "deep");
    for (int i = 1; i <= 5; i++) {
      bob.send("old post " + i);
      bob.expect("MSG deep bob old post " + i);
    }
    Page page = signedIn("ann", "deep");
    assertThat(message(page, "old post 3")).isVisible();
    assertThat(message(page, "old post 2")).hasCount(0);
    page.locator("#log [data-older]").click();
    assertThat(message(page, "old post 1")).isVisible();
    List<String> texts = page.locator("#log .entry.msg .text").allTextContents();
    assertEquals(List.of("old post 1", "old post 2", "old post 3", "old post 4", "old post 5"), texts);
    assertThat(page.locator("#log li.older")).containsText("history begins");
  }

  private static int indexOf(List<String> items, String text) {
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void thePageReconnectsAfterTheServerRestartsAndRejoinsItsRooms() throws Exception {
    Page page = signedIn("ann", "stay");
    int webPort = server.webPort();
    server.close();
    assertThat(page.locator("#status")).containsText("Reconnecting in");
    server = TestServer.start("lochat.web.port = " + webPort);
    assertThat(page.locator("#status")).containsText("Connected");
    TestClient bob = server.register("bob");
    natives.add(bob);
    bob.send("/join stay");
    bob.expectMatching(line -> line.equals("JOINED stay ann")
        || (line.startsWith("WHO stay") && line.contains("ann")), "ann back in stay");
    bob.send("welcome back");
    assertThat(message(page, "welcome back")).isVisible();
    assertThat(page.locator("#view-title")).hasText("#stay");
  }

  @Test
  void onAPhoneTheRoomListOpensBehindAButton() throws Exception {
    context.close();
    context = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(390, 844).setIsMobile(true).setHasTouch(true));
    context.setDefaultTimeout(WAIT_MS);
    TestClient bob = nativeUser("bob", "pocket");
    Page page = signedIn("ann", "pocket");
    assertThat(page.locator("#sidebar")).not().isVisible();
    assertThat(page.locator("#members")).not().isVisible();
    page.locator("#open-sidebar").click();
    assertThat(page.locator("#sidebar")).isVisible();
    page.locator("#room-list [data-key='r:lobby']").click();
    assertThat(page.locator("#view-title")).hasText("#lobby");
    assertThat(page.locator("#sidebar")).not().isVisible();
    page.locator("#open-sidebar").click();
    page.locator("#room-list [data-key='r:pocket']").click();
    assertThat(page.locator("#sidebar")).not().isVisible();
    say(page, "typed on a phone");
    bob.expect("MSG pocket ann typed on a phone");
    page.locator("#members-button").click();
    assertThat(page.locator("#member-list [data-nick='bob']")).isVisible();
    page.keyboard().press("Escape");
    assertThat(page.locator("#members")).not().isVisible();
  }

  @Test
  void theServersPasswordIsAskedForAndAWrongOneSaidSo() throws Exception {
    server.close();
    server = TestServer.start("lochat.password = \"open-sesame\"");
    Page page = open("");
    page.locator("#nick").fill("ann");
    page.locator("#signin-button").click();
    assertThat(page.locator("#password")).isVisible();
    assertThat(page.locator("#signin-error")).containsText("needs a password");
    page.locator("#password").fill("wrong");
    page.locator("#password").press("Enter");
    assertThat(page.locator("#signin-error")).containsText("Wrong password");
    page.locator("#password").fill("open-sesame");
    page.locator("#password").press("Enter");
    assertThat(page.locator("#chat")).isVisible();
    assertThat(page.locator("#view-title")).hasText("#lobby");
  }

  @Test
  void theKeyboardSwitchesRoomsAndCompletesNicknames() throws Exception {
    nativeUser("bobby", "lobby");
    Page page = signedIn("ann", "den");
    page.keyboard().press("Control+K");
    assertThat(page.locator("#join-input")).isFocused();
    page.keyboard().type("attic");
    page.keyboard().press("Enter");
    assertThat(page.locator("#view-title")).hasText("#attic");
    assertThat(page.locator("#input")).isFocused();
    page.keyboard().press("Alt+ArrowUp");
    assertThat(page.locator("#view-title")).hasText("#den");
    page.keyboard().press("Alt+ArrowUp");
    assertThat(page.locator("#view-title")).hasText("#lobby");
    page.locator("#input").focus();
    page.keyboard().type("bo");
    page.keyboard().press("Tab");
    assertThat(page.locator("#input")).hasValue("bobby: ");
    page.keyboard().type("hi");
    page.keyboard().press("Enter");
    assertThat(message(page, "bobby: hi")).isVisible();
    page.keyboard().press("ArrowUp");
    assertThat(page.locator("#input")).hasValue("bobby: hi");

    page.locator("#sidebar [data-open-about]").click();
    assertThat(page.locator("#about")).isVisible();
    assertThat(page.locator("#client-command"))
        .hasText("java -jar lochat.jar client --host 127.0.0.1");
    assertThat(page.locator("#about a[href='/lochat.jar']")).isVisible();
    page.keyboard().press("Escape");
    assertThat(page.locator("#about")).isHidden();
  }

  @Test
  void aReaderWhoScrolledUpStaysThereAndIsToldOfNewMessages() throws Exception {
    TestClient bob = nativeUser("bob", "long");
    Page page = signedIn("ann", "long");
    bob.expect("JOINED long ann");
    for (int i = 1; i <= 60; i++) {
      bob.send("line " + i + " of a long story");
    }
    assertThat(message(page, "line 60 of a long story")).isInViewport();
    Locator log = page.locator("#log");
    log.evaluate("log => { log.scrollTop = 0; }");
    bob.send("something new");
    assertThat(page.locator("#jump")).hasText("1 new message ↓");
    assertThat(message(page, "something new")).not().isInViewport();
    page.locator("#jump").click();
    assertThat(message(page, "something new")).isInViewport();
    assertThat(page.locator("#jump")).isHidden();
    say(page, "/help");
    assertThat(page.locator("#log .entry.info").last()).containsText("/join ROOM");
  }

  @Test
  void aTakenNicknameIsShownBesideTheForm() throws Exception {
    nativeUser("ann", "lobby");
    Page page = open("");
    page.locator("#nick").fill("ANN");
    page.locator("#signin-button").click();
    assertThat(page.locator("#signin-error")).containsText("already in use");
    page.locator("#nick").fill("ann2");
    page.locator("#signin-button").click();
    assertThat(page.locator("#chat")).isVisible();
    assertThat(page.locator("#me-nick")).hasText("ann2");
  }

  @Test
  void overHttpsThePageChatsThroughASecureWebSocket(@TempDir Path dataDir) throws Exception {
    server.close();
    server = TestServer.start("lochat.tls.enabled = on\nlochat.data-dir = "
        + ConfigUtil.quoteString(dataDir.toString()));
    context.close();
    context = browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(1180, 740).setIgnoreHTTPSErrors(true));
    TestClient bob = nativeUser("bob", "lobby");
    Page page = context.newPage();
    page.onPageError(error -> pageErrors.add(error));
    List<String> sockets = new CopyOnWriteArrayList<>();
    page.onWebSocket(socket -> sockets.add(socket.url()));
    page.navigate("https://127.0.0.1:" + server.port("web", true) + "/?nick=ann&room=lobby");
    assertThat(page.locator("#chat")).isVisible();
    bob.expect("JOINED lobby ann");
    say(page, "sent over wss");
    bob.expect("MSG lobby ann sent over wss");
    bob.send("and back to the https page");
    assertThat(message(page, "and back to the https page")).isVisible();
    assertEquals(List.of("wss://127.0.0.1:" + server.port("web", true) + "/ws"), sockets);
  }
}
