package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IrcNamesTest {

  private static void assertAllowed(String nick) {
    assertEquals(Optional.empty(), IrcNames.nickProblem(nick), nick);
  }

  private static String assertRefused(String nick) {
    Optional<String> problem = IrcNames.nickProblem(nick);
    assertTrue(problem.isPresent(), "expected '" + nick + "' to be refused");
    return problem.get();
  }

  @Test
  void ordinaryNicksAreAllowed() {
    assertAllowed("alice");
    assertAllowed("Bob_42");
    assertAllowed("a-b");
    assertAllowed("x");
  }

  @Test
  void theSpecialCharactersOfRfc2812AreAllowedAnywhere() {
    assertAllowed("[away]");
    assertAllowed("\\o");
    assertAllowed("`tick`");
    assertAllowed("^caret^");
    assertAllowed("{brace}");
    assertAllowed("pipe|away");
    assertAllowed("_under_");
    assertAllowed("[]\\`^{|}");
  }

  @Test
  void leadingDigitOrDashIsRefused() {
    assertTrue(assertRefused("1alice").contains("digit"));
    assertTrue(assertRefused("9").contains("digit"));
    assertTrue(assertRefused("-alice").contains("'-'"));
    assertAllowed("alice1");
    assertAllowed("a-");
  }

  @Test
  void dotIsRefusedAnywhere() {
    assertTrue(assertRefused("al.ice").contains("'.'"));
    assertTrue(assertRefused(".alice").contains("'.'"));
    assertTrue(assertRefused("alice.").contains("'.'"));
  }

  @Test
  void lochatRulesStillApply() {
    assertTrue(assertRefused("").contains("empty"));
    assertTrue(assertRefused("al!ce").contains("'!'"));
    assertRefused("al ice");
    assertRefused("#alice");
    assertRefused("a@b");
    assertRefused("jürgen");
    assertRefused("~tilde");
  }

  @Test
  void nickOf32CharactersIsAllowedAnd33IsNot() {
    assertAllowed("n".repeat(32));
    assertTrue(assertRefused("n".repeat(33)).contains("32"));
  }

  @Test
  void channelsStartWithAHash() {
    assertTrue(IrcNames.isChannel("#lobby"));
    assertTrue(IrcNames.isChannel("#"));
    assertFalse(IrcNames.isChannel("lobby"));
    assertFalse(IrcNames.isChannel("&lobby"));
    assertFalse(IrcNames.isChannel(""));
  }

  @Test
  void channelOfARoomAndRoomOfAChannel() {
    assertEquals("#lobby", IrcNames.channel("lobby"));
    assertEquals(Optional.of("lobby"), IrcNames.room("#lobby"));
    assertEquals(Optional.of("Dev.Team-1"), IrcNames.room("#Dev.Team-1"));
    assertEquals(Optional.of("games"), IrcNames.room(IrcNames.channel("games")));
  }

  @Test
  void roomOfSomethingThatIsNoValidChannelIsEmpty() {
    assertEquals(Optional.empty(), IrcNames.room("lobby"));
    assertEquals(Optional.empty(), IrcNames.room("#"));
    assertEquals(Optional.empty(), IrcNames.room("##lobby"));
    assertEquals(Optional.empty(), IrcNames.room("#board games"));
    assertEquals(Optional.empty(), IrcNames.room("#a|b"), "nick characters are not room characters");
    assertEquals(Optional.empty(), IrcNames.room("#" + "r".repeat(33)));
    assertEquals(Optional.of("r".repeat(32)), IrcNames.room("#" + "r".repeat(32)));
    assertEquals(Optional.empty(), IrcNames.room(""));
  }

  @Test
  void userNameKeepsMaskCharactersOnly() {
    assertEquals(Optional.of("annie"), IrcNames.userName("annie"));
    assertEquals(Optional.of("~a_b-c.d[e]"), IrcNames.userName("~a_b-c.d[e]"));
    assertEquals(Optional.of("ab"), IrcNames.userName("a b!@é"));
    assertEquals(Optional.of("u".repeat(IrcNames.MAX_USER_NAME)), IrcNames.userName("u".repeat(40)));
    assertEquals(Optional.empty(), IrcNames.userName("!@ é"));
  }

  @Test
  void userNameLosesWholeEscapeSequencesAndFormattingCodes() {
    assertEquals(Optional.of("bob"), IrcNames.userName("\u001b[2Jbob"));
    assertEquals(Optional.of("bob"), IrcNames.userName("\u009b31mbob\u001b]0;title\u0007"));
    assertEquals(Optional.of("bob"), IrcNames.userName("\u000304,12bob\u0002"));
    assertEquals(Optional.of("bob"), IrcNames.userName("b\u202eo\u007fb"));
    assertEquals(Optional.empty(), IrcNames.userName("\u001b[31m"));
  }
}
