package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every error numeric the IRC listener sends, each for what a user typed wrong, with the
 * parameters clients use to show it (the offending nick, channel or command). An error never
 * costs the connection, and a NOTICE never gets an error reply (RFC 2812 section 3.3.2).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcErrorsTest extends IrcEndToEndBase {

  @Test
  void privmsgToAnUnknownNickIs401Alone() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("PRIVMSG nobody :hello?");
    List<IrcMessage> replies = sync(dave);
    assertEquals(List.of("401"), commands(replies), () -> renders(replies).toString());
    assertReply(replies.get(0), "401", "dave", "nobody");
  }

  @Test
  void whoisOfAnUnknownNickIs401ThenEndOfWhois() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("WHOIS nobody");
    assertReply(dave.expectNext(), "401", "dave", "nobody");
    assertReply(dave.expectNext(), "318", "dave", "nobody");
  }

  @Test
  void joinOfAnInvalidChannelNameIs403() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("JOIN lobby");
    assertReply(dave.expectNext(), "403", "dave", "lobby");
    dave.send("JOIN #bad!name");
    assertReply(dave.expectNext(), "403", "dave", "#bad!name");
    dave.send("JOIN #");
    assertReply(dave.expectNext(), "403", "dave", "#");
    assertEquals(List.of(), renders(sync(dave)), "no JOIN came of it");
  }

  @Test
  void privmsgToAChannelYouAreNotInIs404AndReachesNobody() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave");
    dave.send("PRIVMSG #lobby :let me in");
    assertReply(dave.expectNext(), "404", "dave", "#lobby");
    carol.send("/who lobby");
    List<String> carolSaw = carol.expect("WHO lobby @carol");
    assertEquals(List.of(), carolSaw);
  }

  @Test
  void privmsgToAChannelThatDoesNotExistIs401() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("PRIVMSG #nowhere :anyone?");
    assertReply(dave.expectNext(), "401", "dave", "#nowhere");
    dave.send("PRIVMSG #bad!name :anyone?");
    assertReply(dave.expectNext(), "401", "dave", "#bad!name");
  }

  @Test
  void privmsgWithoutRecipientIs411() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("PRIVMSG");
    assertReply(dave.expectNext(), "411", "dave");
    dave.send("PRIVMSG :");
    assertReply(dave.expectNext(), "411", "dave");
  }

  @Test
  void privmsgWithoutTextIs412() throws Exception {
    IrcTestClient dave = irc("dave", "#lobby");
    dave.send("PRIVMSG #lobby");
    assertReply(dave.expectNext(), "412", "dave");
    dave.send("PRIVMSG #lobby :");
    assertReply(dave.expectNext(), "412", "dave");
    dave.send("PRIVMSG #lobby :\u0002\u0003");
    assertReply(dave.expectNext(), "412", "dave");
  }

  @Test
  void overlongLineIs417AndTheConnectionKeepsWorking() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    dave.send("PRIVMSG #lobby :" + "x".repeat(600));
    assertReply(dave.expectNext(), "417", "dave");
    dave.send("PING :still there");
    assertExactReply(dave.expectNext(), "PONG", SERVER, "still there");
    dave.send("PRIVMSG #lobby :short one");
    List<String> carolSaw = carol.expect("MSG lobby dave short one");
    assertTrue(carolSaw.stream().noneMatch(line -> line.contains("xxx")), carolSaw::toString);
  }

  @Test
  void lineOf510BytesIsTakenAndOneOf511Is417() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    String command = "PRIVMSG #lobby :";
    dave.send(command + "a".repeat(510 - command.length()));
    carol.expect("MSG lobby dave " + "a".repeat(510 - command.length()));
    dave.send(command + "b".repeat(511 - command.length()));
    assertReply(dave.expectNext(), "417", "dave");
  }

  @Test
  void lineBeyondEvenTheTagAllowanceIs417OnceAndTheConnectionKeepsWorking() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.sendRaw(("PRIVMSG #lobby :" + "y".repeat(10_000) + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    assertReply(dave.expectNext(), "417", "dave");
    assertEquals(List.of(), renders(sync(dave)), "one 417, and nothing else");
  }

  @Test
  void longTagsWithinTheirOwnAllowanceAreNot417() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    dave.send("@+example.com/note=" + "t".repeat(1000) + " PRIVMSG #lobby :tagged");
    carol.expect("MSG lobby dave tagged");
    assertEquals(List.of(), renders(sync(dave)));
  }

  @Test
  void unknownCommandIs421() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("FROBNICATE now please");
    assertReply(dave.expectNext(), "421", "dave", "FROBNICATE");
  }

  @Test
  void nickWithoutNicknameIs431() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("NICK");
    assertReply(dave.expectNext(), "431", "dave");
    dave.send("NICK :");
    assertReply(dave.expectNext(), "431", "dave");
  }

  @Test
  void invalidNicknamesAre432BeforeAndAfterRegistration() throws Exception {
    IrcTestClient dave = ircConnect();
    for (String bad : List.of("9lives", "a.b", "-dash", "bad!nick", "x".repeat(33))) {
      dave.send("NICK " + bad);
      assertReply(dave.expectNext(), "432", "*", bad);
    }
    register(dave, "dave");
    for (String bad : List.of("9lives", "a.b")) {
      dave.send("NICK " + bad);
      assertReply(dave.expectNext(), "432", "dave", bad);
    }
  }

  @Test
  void nickInUseIs433() throws Exception {
    nativeUser("carol");
    IrcTestClient dave = irc("dave");
    dave.send("NICK Carol");
    assertReply(dave.expectNext(), "433", "dave", "Carol");
  }

  @Test
  void partOrTopicOfAChannelYouAreNotInIs442() throws Exception {
    nativeUser("carol");
    IrcTestClient dave = irc("dave");
    dave.send("PART #lobby");
    assertReply(dave.expectNext(), "442", "dave", "#lobby");
    dave.send("TOPIC #lobby");
    assertReply(dave.expectNext(), "442", "dave", "#lobby");
    dave.send("TOPIC #lobby :sneaky");
    assertReply(dave.expectNext(), "442", "dave", "#lobby");
  }

  @Test
  void commandsWithTooFewParametersAre461() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("USER dave 0");
    assertReply(dave.expectNext(), "461", "*", "USER");
    dave.send("PASS");
    assertReply(dave.expectNext(), "461", "*", "PASS");
    register(dave, "dave");
    for (String command : List.of("JOIN", "PART", "TOPIC", "MODE", "USERHOST", "ISON")) {
      dave.send(command);
      assertReply(dave.expectNext(), "461", "dave", command);
    }
  }

  @Test
  void noticeNeverGetsAnErrorReply() throws Exception {
    IrcTestClient dave = irc("dave", "#lobby");
    dave.send("NOTICE");
    dave.send("NOTICE :");
    dave.send("NOTICE #lobby");
    dave.send("NOTICE #lobby :");
    dave.send("NOTICE #elsewhere :not a member");
    dave.send("NOTICE #bad!name :invalid");
    assertEquals(List.of(), renders(sync(dave)));
  }

  @Test
  void noticeToAnUnknownNickGetsNoErrorReply() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("NOTICE nobody :are you there?");
    assertEquals(List.of(), renders(sync(dave)));
  }

  @Test
  void privmsgToMoreTargetsThanAllowedReachesThemAllOrSaysWhichDidNot() throws Exception {
    List<String> nicks = List.of("user1", "user2", "user3", "user4", "user5");
    List<TestClient> users = new ArrayList<>();
    for (String nick : nicks) {
      users.add(nativeUser(nick));
    }
    IrcTestClient dave = irc("dave");
    dave.send("PRIVMSG " + String.join(",", nicks) + " :meeting at noon");
    List<IrcMessage> replies = sync(dave);
    boolean refused = replies.stream().anyMatch(m -> m.command().equals("407"));
    if (!refused) {
      for (int i = 0; i < nicks.size(); i++) {
        int index = i;
        users.get(i).send("/msg " + nicks.get(i) + " marker");
        List<String> saw = users.get(i).expect("PRIV " + nicks.get(i) + " " + nicks.get(i)
            + " marker");
        assertTrue(saw.contains("PRIV dave " + nicks.get(i) + " meeting at noon"),
            () -> nicks.get(index) + ": neither delivered nor 407 (ERR_TOOMANYTARGETS): " + saw
                + "; dave got " + renders(replies));
      }
    }
  }

  @Test
  void errorsLeaveTheUserInItsChannels() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    for (String wrong : List.of("FROBNICATE", "JOIN", "PRIVMSG nobody :x", "NICK 9lives",
        "PART #games", "PRIVMSG " + "#x".repeat(300))) {
      dave.send(wrong);
    }
    dave.send("PRIVMSG #lobby :after the errors");
    carol.expect("MSG lobby dave after the errors");
  }
}
