package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.operators.PasswordHash;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server operators from configuration, on both protocols: OPER, KILL, WALLOPS and address bans,
 * as users see them. Banned clients connect from 127.0.0.2, still the loopback.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerOperatorsTest {

  private static final String OPERATORS = "lochat.operators { ann = \""
      + PasswordHash.hash("s3cret".toCharArray()) + "\" }\n";

  private static IrcTestClient ircOper(TestServer server, String nick) throws Exception {
    IrcTestClient client = IrcTestClient.connect(server.ircPort());
    client.register(nick);
    client.send("OPER ann s3cret");
    client.expect("381");
    client.expect("MODE");
    return client;
  }

  @Test
  void operGivesYoureOperAndModePlusOAndWhoisShowsIt() throws Exception {
    try (TestServer server = TestServer.start(OPERATORS);
        IrcTestClient ann = IrcTestClient.connect(server.ircPort());
        TestClient bob = server.register("bob")) {
      ann.register("annie");
      ann.send("OPER ann s3cret");
      IrcMessage welcome = ann.expectNext("381");
      assertEquals(List.of("annie", "You are now an IRC operator"), welcome.params());
      IrcMessage mode = ann.expectNext("MODE");
      assertEquals(List.of("annie", "+o"), mode.params());
      ann.send("MODE annie");
      assertEquals("+o", ann.expect("221").params().get(1));
      ann.send("WHOIS annie");
      assertEquals("is an IRC operator", ann.expect("313").params().get(2));

      bob.send("/whois annie");
      bob.expectStartsWith("WHOIS annie irc,operator ");
      bob.send("/whois bob");
      bob.expectStartsWith("WHOIS bob native ");
    }
  }

  @Test
  void aWrongNameOrPasswordGetsTheSameAnswer() throws Exception {
    try (TestServer server = TestServer.start(OPERATORS);
        IrcTestClient eve = IrcTestClient.connect(server.ircPort());
        TestClient native1 = server.register("mallory")) {
      eve.register("eve");
      eve.send("OPER ann wrong");
      IrcMessage wrongPassword = eve.expectNext("464");
      eve.send("OPER nobody s3cret");
      IrcMessage wrongName = eve.expectNext("464");
      assertEquals(wrongPassword.params(), wrongName.params());
      eve.send("WHOIS eve");
      eve.expect("318");
      assertTrue(eve.seen().stream().noneMatch(line -> line.contains(" 313 ")));

      native1.send("/oper ann wrong");
      native1.expect("ERROR password-wrong Wrong operator name or password");
      native1.send("/kill eve bye");
      native1.expect("ERROR not-operator Only server operators may do that;"
          + " /oper NAME PASSWORD first");
    }
  }

  @Test
  void withNoOperatorsOperIsAnswered491() throws Exception {
    try (TestServer server = TestServer.start();
        IrcTestClient eve = IrcTestClient.connect(server.ircPort());
        TestClient bob = server.register("bob")) {
      eve.register("eve");
      eve.send("OPER ann s3cret");
      eve.expectNext("491");
      bob.send("/oper ann s3cret");
      bob.expect("ERROR no-operators This server has no operators");
    }
  }

  @Test
  void guessingIsRateLimitedPerAddress() throws Exception {
    try (TestServer server = TestServer.start(OPERATORS
            + "lochat.password-failures { free = 1, first-delay = 2s, max-delay = 2s }");
        IrcTestClient guesser = IrcTestClient.connect(server.ircPort());
        IrcTestClient second = IrcTestClient.connect(server.ircPort())) {
      guesser.register("guesser");
      second.register("second");
      guesser.send("OPER ann wrong1");
      guesser.expectNext("464");
      guesser.send("OPER ann wrong2");
      guesser.expectNext("464");
      long failedAt = System.nanoTime();
      // Two failures in a row: the next attempt from this address, on any connection and
      // even with the right password, is answered no sooner than 2 s after the last one.
      second.send("OPER ann s3cret");
      second.expectNext("381");
      long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - failedAt);
      assertTrue(waitedMillis >= 1500, "answered after " + waitedMillis + " ms");
    }
  }

  @Test
  void killDisconnectsTheUserAndEveryoneSeesWhy() throws Exception {
    try (TestServer server = TestServer.start(OPERATORS);
        TestClient bob = server.register("bob");
        TestClient carol = server.register("carol");
        IrcTestClient watcher = IrcTestClient.connect(server.ircPort())) {
      watcher.register("watcher");
      watcher.send("JOIN #lobby");
      watcher.expect("366");
      IrcTestClient ann = ircOper(server, "annie");

      ann.send("KILL nobody :bye");
      assertEquals("nobody", ann.expectNext("401").params().get(1));
      ann.send("KILL bob :spamming");
      ann.expectNext("NOTICE");

      List<String> last = bob.expectClosed();
      assertTrue(last.contains("ERROR killed Killed (annie (spamming))"), last.toString());
      carol.expect("LEFT lobby bob Killed (annie (spamming))");
      IrcMessage quit = watcher.expect("QUIT");
      assertEquals(List.of("Killed (annie (spamming))"), quit.params());
      assertTrue(quit.prefix().orElseThrow().startsWith("bob!"));

      carol.send("/kill watcher no");
      carol.expectStartsWith("ERROR not-operator ");
      watcher.send("KILL carol :no");
      watcher.expectNext("481");
      ann.close();
    }
  }

  @Test
  void nativeOperatorsKillToo() throws Exception {
    try (TestServer server = TestServer.start(OPERATORS);
        TestClient ann = server.register("ann");
        IrcTestClient victim = IrcTestClient.connect(server.ircPort())) {
      victim.register("victim");
      ann.send("/oper ann s3cret");
      ann.expect("OPER ann You are now a server operator");
      ann.send("/kill victim flooding");
      ann.expect("OK kill victim");
      List<IrcMessage> last = victim.expectClosed();
      assertTrue(last.stream().anyMatch(m -> m.command().equals("ERROR")
          && m.params().get(0).contains("Killed (ann (flooding))")), last.toString());
      ann.send("/kill victim again");
      ann.expect("ERROR no-such-user Nobody called victim is online");
    }
  }

  @Test
  void wallopsReachOperatorsUsersWithPlusWAndNativeUsers() throws Exception {
    try (TestServer server = TestServer.start(OPERATORS);
        TestClient bob = server.register("bob");
        IrcTestClient wants = IrcTestClient.connect(server.ircPort());
        IrcTestClient plain = IrcTestClient.connect(server.ircPort())) {
      wants.register("wants");
      wants.send("MODE wants +w");
      wants.expect("MODE");
      plain.register("plain");
      IrcTestClient ann = ircOper(server, "annie");

      plain.send("WALLOPS :not me");
      plain.expectNext("481");
      bob.send("/wallops not me either");
      bob.expectStartsWith("ERROR not-operator ");

      ann.send("WALLOPS :maintenance at noon");
      IrcMessage own = ann.expectNext("WALLOPS");
      assertEquals(List.of("maintenance at noon"), own.params());
      IrcMessage seen = wants.expect("WALLOPS");
      assertTrue(seen.prefix().orElseThrow().startsWith("annie!"));
      bob.expect("WALLOPS annie maintenance at noon");
      // Without +w nothing comes: the next line plain sees is the private message after it.
      ann.send("PRIVMSG plain :after");
      assertEquals(List.of("plain", "after"), plain.expectNext("PRIVMSG").params());

      TestClient native1 = server.register("oper2");
      native1.send("/oper ann s3cret");
      native1.expectKind("OPER");
      native1.send("/wallops from native");
      native1.expect("WALLOPS oper2 from native");
      native1.expectStartsWith("OK wallops sent to ");
      assertEquals("from native", wants.expect("WALLOPS").params().get(0));
      ann.close();
      native1.close();
    }
  }

  @Test
  void aServerBanCutsConnectedUsersAndRefusesNewOnesUntilLifted() throws Exception {
    try (TestServer server = TestServer.start(OPERATORS);
        TestClient ann = server.register("ann");
        TestClient carol = server.register("carol")) {
      TestClient banned = TestClient.connectFrom("127.0.0.2", server.port);
      banned.expectKind("PROMPT");
      banned.send("dave");
      banned.expect("OK nick dave");
      IrcTestClient ircBanned = IrcTestClient.connectFrom("127.0.0.2", server.ircPort());
      ircBanned.register("erin");

      ann.send("/serverban 127.0.0.2 spam");
      ann.expect("ERROR not-operator Only server operators may do that;"
          + " /oper NAME PASSWORD first");
      ann.send("/oper ann s3cret");
      ann.expectKind("OPER");
      ann.send("/serverban * everyone");
      ann.expect("ERROR bad-argument Cannot ban *: the mask * would ban every address");
      ann.send("/serverban 127.0.0.2 spam");
      ann.expectStartsWith("SERVERBAN 127.0.0.2 ann ");

      List<String> last = banned.expectClosed();
      assertTrue(last.contains("ERROR banned Banned from this server: spam"), last.toString());
      assertTrue(ircBanned.expectClosed().stream().anyMatch(m -> m.command().equals("ERROR")
          && m.params().get(0).contains("Banned from this server: spam")));
      carol.expect("LEFT lobby dave Banned from this server: spam");

      try (TestClient again = TestClient.connectFrom("127.0.0.2", server.port)) {
        assertEquals(List.of("ERROR banned Banned from this server: spam"),
            again.expectClosed());
      }
      try (IrcTestClient again = IrcTestClient.connectFrom("127.0.0.2", server.ircPort())) {
        assertEquals(List.of("Banned from this server: spam"),
            again.expectClosed().get(0).params());
      }
      server.register("fromelsewhere").close();

      ann.send("/serverbans");
      ann.expectStartsWith("SERVERBAN 127.0.0.2 ann ");
      ann.expect("OK serverbans 1 server ban");
      ann.send("/serverunban 127.0.0.2");
      ann.expect("OK serverunban 127.0.0.2");
      ann.send("/serverunban 127.0.0.2");
      ann.expectStartsWith("ERROR bad-argument No server ban on 127.0.0.2");
      try (TestClient welcome = TestClient.connectFrom("127.0.0.2", server.port)) {
        welcome.expectKind("PROMPT");
      }
      banned.close();
      ircBanned.close();
    }
  }

  @Test
  void zlineBansAreKeptInTheStoreAcrossARestart(@TempDir Path dataDir) throws Exception {
    try (TestServer server = TestServer.persistent(dataDir, OPERATORS)) {
      IrcTestClient ann = ircOper(server, "annie");
      ann.send("ZLINE 127.0.0.2 3600 :spam");
      assertTrue(ann.expectNext("NOTICE").params().get(1).contains("permanent"));
      ann.send("ZLINE *@127.0.0.2 0 :spam");
      assertEquals("*** Added permanent Z-line on 127.0.0.2: spam",
          ann.expectNext("NOTICE").params().get(1));
      ann.send("ZLINE 127.0.0.3 0 :typo");
      ann.expectNext("NOTICE");
      ann.send("ZLINE 127.0.0.3");
      assertEquals("*** Removed Z-line on 127.0.0.3", ann.expectNext("NOTICE").params().get(1));
      ann.close();
    }
    // The ban was written off the operators' thread; the restarted server has it.
    try (TestServer server = TestServer.persistent(dataDir, OPERATORS);
        TestClient refused = TestClient.connectFrom("127.0.0.2", server.port)) {
      assertEquals(List.of("ERROR banned Banned from this server: spam"),
          refused.expectClosed());
      server.register("stillwelcome").close();
    }
  }

  @Test
  void aServerOperatorRunsRoomsItIsNotInAndIsShownWhatItDid() throws Exception {
    try (TestServer server = TestServer.start(OPERATORS);
        TestClient bob = server.register("bob");
        TestClient carol = server.register("carol")) {
      bob.send("/join den");
      bob.expect("WHO den @bob");
      carol.send("/join den");
      carol.expect("WHO den @bob carol");
      IrcTestClient ann = ircOper(server, "annie");

      ann.send("MODE #den +m");
      assertEquals(List.of("#den", "+m"), ann.expectNext("MODE").params());
      bob.expect("MODE den annie +m");
      ann.send("TOPIC #den :Run by the operators");
      assertEquals(List.of("#den", "Run by the operators"), ann.expectNext("TOPIC").params());
      bob.expectStartsWith("TOPIC den annie ");
      ann.send("KICK #den carol :not today");
      assertEquals(List.of("#den", "carol", "not today"), ann.expectNext("KICK").params());
      carol.expect("KICKED den annie carol not today");
      ann.send("MODE #den");
      assertEquals("+mnt", ann.expectNext("324").params().get(2),
          "the line after each of them is answered: nothing is left waiting");
      ann.close();

      bob.send("/mode +s");
      bob.expect("MODE den bob +s");
      bob.send("still mine");
      bob.expect("MSG den bob still mine");
    }
  }
}
