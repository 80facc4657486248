package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.ClusterNodes;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.japi.function.Creator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Lochat servers forming one cluster ({@link ClusterNodes}, 127.0.0.1 only), with real
 * native and IRC clients: one namespace of nicknames across the nodes, private messages both
 * ways, and WHOIS, ISON, WHO and LUSERS that see the other node's users. One cluster serves
 * every test; each test uses nicknames of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterNicknamesTest {

  /** How long a change takes to reach the other node's replica: about two seconds, at most. */
  private static final Duration SPREAD = Duration.ofSeconds(20);

  private static ClusterNodes cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ClusterNodes.start(2);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static TestClient nativeUser(int node, String nick) throws Exception {
    return cluster.node(node).register(nick);
  }

  private static IrcTestClient ircUser(int node, String nick) throws Exception {
    IrcTestClient client = IrcTestClient.connect(cluster.node(node).ircPort());
    client.register(nick);
    return client;
  }

  private static <T> T eventually(Creator<T> check) {
    return TestProbe.create(cluster.node(0).system)
        .awaitAssert(SPREAD, Duration.ofMillis(100), check);
  }

  /** Asks for {@code nick} on IRC until the server gives it: 001 ends the registration. */
  private static void takeWhenFree(IrcTestClient client, String nick) throws Exception {
    long deadline = System.nanoTime() + SPREAD.toNanos();
    while (true) {
      client.send("NICK " + nick);
      IrcMessage answer = client.expect(message -> List.of("001", "433", "437")
          .contains(message.command()), "001, 433 or 437");
      if (answer.command().equals("001")) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, nick + " never became free");
    }
  }

  @Test
  void aNicknameHeldOnOneNodeIsRefusedOnTheOtherInBothProtocolsUntilItsHolderQuits()
      throws Exception {
    try (TestClient ann = nativeUser(0, "Ann1");
        TestClient nativeOther = cluster.node(1).connect();
        IrcTestClient ircOther = IrcTestClient.connect(cluster.node(1).ircPort())) {
      nativeOther.expectKind("PROMPT");
      nativeOther.send("ann1");
      nativeOther.expect("ERROR nick-taken Nickname ann1 is already in use; choose another");
      ircOther.send("USER ann 0 * :Real Name");
      ircOther.send("NICK ANN1");
      assertEquals("ANN1", ircOther.expect("433").params().get(1));

      ann.send("/quit");
      ann.expectClosed();
      takeWhenFree(ircOther, "ann1");
    }
  }

  @Test
  void aRenameFreesTheOldNicknameForTheOtherNodeAndHoldsTheNewOne() throws Exception {
    try (TestClient bo = nativeUser(0, "bo1");
        IrcTestClient other = IrcTestClient.connect(cluster.node(1).ircPort())) {
      bo.send("/nick bo2");
      bo.expect("OK nick bo2");
      other.send("USER bo 0 * :Real Name");
      other.send("NICK bo2");
      other.expect("433");
      takeWhenFree(other, "bo1");
    }
  }

  @Test
  void oneNicknameRacedFromTwoNodesHasExactlyOneWinner() throws Exception {
    List<TestClient> clients = new ArrayList<>();
    try {
      for (int race = 0; race < 3; race++) {
        TestClient first = cluster.node(0).connect();
        TestClient second = cluster.node(1).connect();
        clients.add(first);
        clients.add(second);
        first.expectKind("PROMPT");
        second.expectKind("PROMPT");
        first.send("racer" + race);
        second.send("RACER" + race);
        List<String> answers = List.of(answer(first), answer(second));
        assertEquals(1, answers.stream().filter(line -> line.startsWith("OK nick")).count(),
            answers.toString());
        assertEquals(1, answers.stream().filter(line -> line.startsWith("ERROR nick-taken"))
            .count(), answers.toString());
      }
    } finally {
      for (TestClient client : clients) {
        client.close();
      }
    }
  }

  /** The server's answer to a nickname: OK or an ERROR. */
  private static String answer(TestClient client) throws InterruptedException {
    String line = client.nextLine();
    while (!line.startsWith("OK nick") && !line.startsWith("ERROR nick-")) {
      line = client.nextLine();
    }
    return line;
  }

  @Test
  void privateMessagesGoBothWaysBetweenNodesWithTheAwayReply() throws Exception {
    try (TestClient cara = nativeUser(0, "cara");
        IrcTestClient dov = ircUser(1, "dov")) {
      dov.send("AWAY :gone fishing");
      dov.expect("306");
      eventually(() -> {
        List<String> lines = whoisThenSelf(cara, "dov", "cara");
        assertTrue(lines.contains("AWAY dov gone fishing"), lines.toString());
        return lines;
      });
      cara.send("/msg DOV the boat leaks");
      cara.expect("PRIV cara dov the boat leaks");
      cara.expect("SERVER dov is away: gone fishing");
      IrcMessage received = dov.expect("PRIVMSG");
      assertEquals("cara", received.prefix().orElseThrow().split("!")[0]);
      assertEquals(List.of("dov", "the boat leaks"), received.params());

      dov.send("PRIVMSG Cara :bail then");
      cara.expect("PRIV dov cara bail then");
    }
  }

  /** {@code /whois nick}, then {@code /whois self}: every line before the second answer. */
  private static List<String> whoisThenSelf(TestClient client, String nick, String self)
      throws Exception {
    client.send("/whois " + nick);
    client.send("/whois " + self);
    return client.expectStartsWith("WHOIS " + self + " ");
  }

  @Test
  void whoisAndIsonSeeTheUsersOfTheOtherNode() throws Exception {
    try (TestClient eva = nativeUser(0, "eva");
        IrcTestClient fin = ircUser(1, "fin")) {
      eventually(() -> {
        List<IrcMessage> whois = ircUntil(fin, "WHOIS eva", "318");
        assertTrue(whois.stream().anyMatch(message -> message.command().equals("311")
            && message.params().get(1).equals("eva")), whois.toString());
        assertTrue(whois.stream().anyMatch(message -> message.command().equals("319")
            && message.params().get(2).contains("lobby")),
            "eva's rooms, from the node she is on: " + whois);
        return whois;
      });
      fin.send("ISON nobody EVA fin");
      assertEquals("eva fin", fin.expect("303").params().get(1));
      eventually(() -> {
        List<String> lines = whoisThenSelf(eva, "FIN", "eva");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("WHOIS fin irc - ")),
            lines.toString());
        return lines;
      });
    }
  }

  @Test
  void whoOfEveryoneAndLusersCountTheUsersOfBothNodes() throws Exception {
    try (TestClient gil = nativeUser(0, "gil");
        IrcTestClient hana = ircUser(1, "hana")) {
      eventually(() -> {
        List<String> who = ircUntil(hana, "WHO *", "315").stream()
            .filter(message -> message.command().equals("352"))
            .map(message -> message.params().get(5)).toList();
        assertTrue(who.contains("gil") && who.contains("hana"), who.toString());
        List<IrcMessage> lusers = ircUntil(hana, "LUSERS", "266");
        IrcMessage global = lusers.get(lusers.size() - 1);
        assertEquals(String.valueOf(who.size()), global.params().get(1),
            "LUSERS counts whom WHO * lists: " + who + " " + lusers);
        return who;
      });
    }
  }

  /** Sends {@code line} and collects the messages up to and including {@code last}. */
  private static List<IrcMessage> ircUntil(IrcTestClient client, String line, String last)
      throws Exception {
    client.send(line);
    List<IrcMessage> messages = new ArrayList<>();
    IrcMessage message;
    do {
      message = client.expectNext(any -> true, "anything");
      messages.add(message);
    } while (!message.command().equals(last));
    return messages;
  }
}
