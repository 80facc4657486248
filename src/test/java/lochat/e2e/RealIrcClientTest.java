package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcParse;
import lochat.testing.IiClient;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IRC listener driven by a client we did not write: the real {@code ii} program (Debian
 * package {@code ii}), beside a native user on the same server, so that both directions between
 * IRC channel {@code #lobby} and native room {@code lobby} are seen by real programs.
 *
 * <p>Under CI (environment variable {@code CI} set, as {@code .ci/run} runs, which installs ii)
 * a missing ii fails these tests. Elsewhere they are skipped, saying how to install ii, so that
 * {@code mvn -B verify} works on a machine with only a JDK and Maven.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealIrcClientTest {

  private static final String II_NICK = "iiuser";

  @TempDir
  Path dir;

  private TestServer server;
  private TestClient alice;
  private final List<TestClient> clients = new ArrayList<>();
  private final List<IiClient> iis = new ArrayList<>();

  @BeforeAll
  static void requireIi() {
    String missing = "The IRC client 'ii' is not on the PATH; these end-to-end tests need it."
        + " Install the Debian package ii (sudo apt-get install ii) and run again.";
    if (System.getenv("CI") != null) {
      assertTrue(IiClient.isInstalled(), missing);
    } else {
      Assumptions.assumeTrue(IiClient.isInstalled(), missing);
    }
  }

  @BeforeEach
  void startServerWithNativeUserAlice() throws Exception {
    startServer("");
  }

  @AfterEach
  void stop() throws Exception {
    for (IiClient ii : iis) {
      ii.close();
    }
    stopServer();
  }

  /** A fresh server with {@code overrides} (HOCON), and native user alice on it, in lobby. */
  private void startServer(String overrides) throws Exception {
    stopServer();
    server = TestServer.start(overrides);
    alice = register("alice");
  }

  private void stopServer() throws Exception {
    for (TestClient client : clients) {
      client.close();
    }
    clients.clear();
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private TestClient register(String nick) throws Exception {
    TestClient client = server.register(nick);
    clients.add(client);
    return client;
  }

  private IiClient startIi(String nick) throws Exception {
    IiClient ii = IiClient.start(server.ircPort(), nick, dir.resolve(nick));
    iis.add(ii);
    return ii;
  }

  /** ii in #lobby, once alice has seen it arrive. */
  private IiClient iiInLobby() throws Exception {
    IiClient ii = startIi(II_NICK);
    ii.join("#lobby");
    alice.expect("JOINED lobby " + II_NICK);
    return ii;
  }

  /**
   * No error numeric (400-599) in anything Lochat sent ii, so nothing ii sent was refused; 422
   * (no MOTD) is the normal end of the welcome on a server without one.
   */
  private static void assertNoErrorReplies(IiClient ii) {
    List<String> errors = ii.rawLines().stream().filter(line -> {
      if (IrcMessage.parse(line) instanceof IrcParse.Ok ok) {
        String command = ok.message().command();
        return command.matches("[45]\\d\\d") && !command.equals("422");
      }
      return true; // A line ii got that does not even parse is as bad.
    }).toList();
    assertEquals(List.of(), errors, "error replies or unparsable lines sent to ii");
  }

  @Test
  void iiRegistersAndJoinsLobbyAndTheNativeUserSeesItJoin() throws Exception {
    IiClient ii = startIi(II_NICK);

    ii.join("#lobby");

    alice.expect("JOINED lobby " + II_NICK);
    assertTrue(Files.isDirectory(ii.directory("#lobby")), "ii made no #lobby directory");
    // ii shows the channel's other member, from the NAMES reply after its JOIN.
    ii.awaitOut(null, line -> line.contains("#lobby") && line.contains("alice"),
        IiClient.TIMEOUT);
    assertNoErrorReplies(ii);
  }

  @Test
  void iiLineInLobbyReachesTheNativeUser() throws Exception {
    IiClient ii = iiInLobby();

    ii.say("#lobby", "hello from ii, with: colons and  two spaces");

    alice.expect("MSG lobby " + II_NICK + " hello from ii, with: colons and  two spaces");
    assertNoErrorReplies(ii);
  }

  @Test
  void nativeLineInLobbyAppearsInIisChannelOut() throws Exception {
    IiClient ii = iiInLobby();

    alice.send("hi ii: how are you?");
    alice.expect("MSG lobby alice hi ii: how are you?");

    ii.awaitOut("#lobby", "<alice> hi ii: how are you?"::equals, IiClient.TIMEOUT);
    assertNoErrorReplies(ii);
  }

  @Test
  void nativeUsersJoiningPartingAndQuittingShowInIi() throws Exception {
    IiClient ii = iiInLobby();
    int from = ii.outLines("#lobby").size();

    TestClient bob = register("bob");
    ii.awaitOut("#lobby", from, line -> line.matches("-!- bob\\(\\S+\\) has joined #lobby"),
        IiClient.TIMEOUT);
    bob.send("/part");
    bob.expect("LEFT lobby bob part");
    ii.awaitOut("#lobby", from, line -> line.matches("-!- bob\\(\\S+\\) has left #lobby"),
        IiClient.TIMEOUT);

    // ii keeps no member lists, so it writes a QUIT, which names no channel, to its server out.
    int serverFrom = ii.outLines(null).size();
    TestClient carol = register("carol");
    carol.send("/quit see you");
    carol.expectStartsWith("OK quit ");
    ii.awaitOut(null, serverFrom,
        line -> line.matches("-!- carol\\(\\S+\\) has quit \"Quit: see you\""),
        IiClient.TIMEOUT);
    assertNoErrorReplies(ii);
  }

  @Test
  void nativePrivateMessageReachesIiInADirectoryNamedAfterTheSender() throws Exception {
    IiClient ii = startIi(II_NICK);

    alice.send("/msg " + II_NICK + " just between us");
    alice.expect("PRIV alice " + II_NICK + " just between us");

    ii.awaitOut("alice", "<alice> just between us"::equals, IiClient.TIMEOUT);
    assertTrue(Files.isDirectory(ii.directory("alice")), "no directory named after alice");
    assertFalse(ii.outLines(null).stream().anyMatch(line -> line.contains("just between us")),
        "the private message also landed in ii's server out: " + ii.outLines(null));
    assertNoErrorReplies(ii);
  }

  @Test
  void iiPrivateMessageReachesTheNativeUser() throws Exception {
    IiClient ii = startIi(II_NICK);

    ii.write(null, "/j alice psst, alice");

    alice.expect("PRIV " + II_NICK + " alice psst, alice");
    assertNoErrorReplies(ii);
  }

  @Test
  void iiQuitsWithAReasonAndTheNativeUserSeesItLeaveWithThatReason() throws Exception {
    IiClient ii = iiInLobby();

    ii.quit("off to lunch");

    alice.expect("LEFT lobby " + II_NICK + " quit: off to lunch");
    assertFalse(ii.isAlive(), "ii still running after /q");
    assertNoErrorReplies(ii);
    // The nickname is free again: a native user can take it.
    register(II_NICK);
  }

  @Test
  void iiAnswersTheServersPingsAndStaysConnected() throws Exception {
    startServer("lochat.irc.ping-interval = 200ms\nlochat.irc.ping-timeout = 2s");
    IiClient ii = iiInLobby();

    // The server pings again only once the previous ping was answered, so three PINGs mean ii
    // answered at least two; one left unanswered would have cost it a ping timeout.
    ii.awaitRaw(lines -> lines.stream().filter(RealIrcClientTest::isPing).count() >= 3,
        Duration.ofSeconds(20), "3 PINGs");
    assertTrue(ii.isAlive(), "ii exited while being pinged");
    ii.say("#lobby", "still here");
    alice.expect("MSG lobby " + II_NICK + " still here");
    assertNoErrorReplies(ii);
  }

  private static boolean isPing(String rawLine) {
    return IrcMessage.parse(rawLine) instanceof IrcParse.Ok ok
        && ok.message().command().equals("PING");
  }

  /**
   * ii creates #den, so it is the channel's operator; it bans a native user, who then cannot
   * join, and kicks another, who is then gone from the room, with raw MODE and KICK commands.
   */
  @Test
  void iiAsChannelOperatorBansAndKicksNativeUsers() throws Exception {
    IiClient ii = startIi(II_NICK);
    ii.join("#den");
    ii.awaitOut(null, line -> line.contains("#den") && line.contains("@" + II_NICK),
        IiClient.TIMEOUT);
    ii.write(null, "/MODE #den +b bob!*@*");
    ii.awaitRaw(lines -> lines.stream().anyMatch(line -> line.equals(
        ":" + II_NICK + "!" + II_NICK + "@lochat MODE #den +b bob!*@*")), IiClient.TIMEOUT,
        "the MODE echo of its ban");
    alice.send("/join den");
    alice.expect("JOINED den alice");
    ii.awaitOut("#den", line -> line.matches("-!- alice\\(\\S+\\) has joined #den"),
        IiClient.TIMEOUT);

    TestClient bob = register("bob");
    bob.send("/join den");
    bob.expectMatching(line -> line.startsWith("ERROR ") && line.contains("banned"),
        "bob refused as banned");

    ii.write(null, "/KICK #den alice :behave");
    ii.awaitRaw(lines -> lines.stream().anyMatch(line -> IrcMessage.parse(line)
        instanceof IrcParse.Ok ok && ok.message().command().equals("KICK")
        && ok.message().params().equals(List.of("#den", "alice", "behave"))),
        IiClient.TIMEOUT, "the KICK of alice");
    TestClient carol = register("carol");
    carol.send("/join den");
    carol.expectMatching(line -> line.startsWith("WHO den ") && line.contains(II_NICK)
        && !line.contains("alice"), "den's members without alice");
    assertNoErrorReplies(ii);
  }
}
