package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import lochat.chat.Names;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * Native and IRC users accept the same nicknames, and the {@code NICKLEN} that IRC clients are
 * told is the longest either accepts: no user can hold a nickname an IRC client would refuse.
 */
class NicknameAgreementTest extends IrcEndToEndBase {

  private static final List<String> CANDIDATES = List.of(
      "9lives", "a.b", "-x-", "bob.smith", "2pac", "al!ce", "x".repeat(Names.MAX_LENGTH + 1),
      "_9lives", "[away]", "a-", "x|y", "`tick`", "^_^", "\\o", "n".repeat(Names.MAX_LENGTH));

  @Test
  void isupportNicklenIsTheLongestNicknameEitherSideAccepts() throws Exception {
    List<IrcMessage> welcome = register(ircConnect(), "dave");
    int nicklen = welcome.stream()
        .filter(message -> message.command().equals("005"))
        .flatMap(message -> message.params().stream())
        .filter(token -> token.startsWith("NICKLEN="))
        .map(token -> Integer.parseInt(token.substring("NICKLEN=".length())))
        .findFirst().orElseThrow();
    assertEquals(Names.MAX_LENGTH, nicklen);
    IrcTestClient irc = irc("erin");
    TestClient nat = nativeUser("nat");
    assertTrue(ircAccepts(irc, "erin", "i".repeat(nicklen)));
    assertFalse(ircAccepts(irc, "erin", "j".repeat(nicklen + 1)));
    assertTrue(nativeAccepts(nat, "nat", "k".repeat(nicklen)));
    assertFalse(nativeAccepts(nat, "nat", "l".repeat(nicklen + 1)));
  }

  @Test
  void bothSidesAcceptExactlyTheNicknamesNamesAccepts() throws Exception {
    IrcTestClient irc = irc("dave");
    TestClient nat = nativeUser("nat");
    for (String nick : CANDIDATES) {
      boolean valid = Names.nickProblem(nick).isEmpty();
      assertEquals(valid, nativeAccepts(nat, "nat", nick), "native " + nick);
      assertEquals(valid, ircAccepts(irc, "dave", nick), "IRC " + nick);
    }
  }

  /** Whether {@code NICK nick} is taken; if so the user goes back to {@code own}. */
  private static boolean ircAccepts(IrcTestClient client, String own, String nick)
      throws Exception {
    client.send("NICK " + nick);
    IrcMessage answer = client.expect(message -> message.command().equals("NICK")
        || message.command().equals("432"), "NICK or 432 for " + nick);
    if (answer.command().equals("432")) {
      return false;
    }
    client.send("NICK " + own);
    client.expect("NICK");
    return true;
  }

  /** Whether {@code /nick nick} is taken; if so the user goes back to {@code own}. */
  private static boolean nativeAccepts(TestClient client, String own, String nick)
      throws Exception {
    client.send("/nick " + nick);
    List<String> answer = new ArrayList<>();
    client.expectMatching(line -> (line.startsWith("OK nick ")
        || line.startsWith("ERROR nick-invalid ")) && answer.add(line), "OK or ERROR for " + nick);
    if (answer.get(0).startsWith("ERROR")) {
      return false;
    }
    client.send("/nick " + own);
    client.expect("OK nick " + own);
    return true;
  }
}
