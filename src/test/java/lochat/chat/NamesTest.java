package lochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {

  private static void assertValidNick(String nick) {
    assertEquals(Optional.empty(), Names.nickProblem(nick), nick);
  }

  private static String assertInvalidNick(String nick) {
    Optional<String> problem = Names.nickProblem(nick);
    assertTrue(problem.isPresent(), "expected '" + nick + "' to be rejected");
    return problem.get();
  }

  @Test
  void lettersDigitsUnderscoreAndDashAreValid() {
    assertValidNick("alice");
    assertValidNick("Bob_42");
    assertValidNick("x");
    assertValidNick("a-b_c-D9");
    assertValidNick("_9lives");
  }

  @Test
  void aNickMayNotStartWithADigitOrDash() {
    assertEquals("Nickname may not start with a digit or '-'", assertInvalidNick("9lives"));
    assertEquals("Nickname may not start with a digit or '-'", assertInvalidNick("0"));
    assertEquals("Nickname may not start with a digit or '-'", assertInvalidNick("-dash"));
    assertValidNick("lives9");
    assertValidNick("a-");
  }

  @Test
  void aDotIsForRoomsNotNicks() {
    assertTrue(assertInvalidNick("a.b").endsWith("(found '.')"));
    assertInvalidNick("...");
    assertInvalidNick("alice.");
    assertEquals(Optional.empty(), Names.roomProblem("a.b"));
  }

  @Test
  void theRuleInWordsIsTheRuleInCode() {
    assertTrue(Names.NICK_RULE.startsWith("1-" + Names.MAX_LENGTH + " letters, digits and "),
        Names.NICK_RULE);
    String listed = Names.NICK_RULE.substring(
        Names.NICK_RULE.indexOf(" and ") + 5, Names.NICK_RULE.lastIndexOf(','));
    for (char c = '!'; c <= '~'; c++) {
      if (!Character.isLetterOrDigit(c)) {
        boolean allowed = (" " + listed + " ").contains(" " + c + " ");
        assertEquals(allowed, Names.nickProblem("a" + c).isEmpty(), "'" + c + "'");
        assertEquals(allowed && c != '-', Names.nickProblem(c + "a").isEmpty(), "'" + c + "'");
      }
    }
    assertTrue(Names.NICK_RULE.endsWith("not starting with a digit or -"));
  }

  @Test
  void emptyNickIsInvalid() {
    assertTrue(assertInvalidNick("").contains("empty"));
  }

  @Test
  void nickOf32CharactersIsValidAnd33IsNot() {
    assertValidNick("n".repeat(32));
    assertTrue(assertInvalidNick("n".repeat(33)).contains("32"));
  }

  @Test
  void otherCharactersAreInvalidAndNamedInTheProblem() {
    assertTrue(assertInvalidNick("al!ce").contains("'!'"));
    assertTrue(assertInvalidNick("ali ce").contains("U+0020"));
    assertTrue(assertInvalidNick("tab\there").contains("U+0009"));
    assertInvalidNick("#alice");
    assertInvalidNick("jürgen");
    assertInvalidNick("名前");
    assertInvalidNick("a@b");
  }

  @Test
  void roomsFollowTheSameRules() {
    assertEquals(Optional.empty(), Names.roomProblem("games"));
    assertEquals(Optional.empty(), Names.roomProblem("r".repeat(32)));
    assertTrue(Names.roomProblem("r".repeat(33)).isPresent());
    assertTrue(Names.roomProblem("").orElseThrow().startsWith("Room name"));
    assertTrue(Names.roomProblem("#games").isPresent());
    assertTrue(Names.roomProblem("board games").isPresent());
  }

  @Test
  void keyFoldsCaseSoNamesCompareCaseInsensitively() {
    assertEquals("alice", Names.key("ALICE"));
    assertEquals(Names.key("Alice"), Names.key("aLiCe"));
    assertEquals("bob_1.x-y", Names.key("Bob_1.X-Y"));
  }

  @Test
  void keyIsTheSameInATurkishLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertEquals("irc", Names.key("IRC"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void stripRoomPrefixRemovesOneLeadingHash() {
    assertEquals("games", Names.stripRoomPrefix("#games"));
    assertEquals("games", Names.stripRoomPrefix("games"));
    assertEquals("#games", Names.stripRoomPrefix("##games"));
    assertEquals("", Names.stripRoomPrefix("#"));
    assertEquals("a#b", Names.stripRoomPrefix("a#b"));
  }

  @Test
  void nicksMayUseTheOtherCharactersIrcAllows() {
    assertValidNick("[away]");
    assertValidNick("\\o");
    assertValidNick("`tick`");
    assertValidNick("^caret^");
    assertValidNick("{brace}");
    assertValidNick("pipe|away");
    assertValidNick("[]\\`^{|}");
  }

  @Test
  void nickProblemNamesTheIrcCharactersAmongTheAllowedOnes() {
    String problem = assertInvalidNick("al!ce");
    assertTrue(problem.contains("_ - [ ] \\ ` ^ { | }"), problem);
    assertTrue(problem.contains("(found '!')"), problem);
  }

  @Test
  void otherPunctuationIsStillNoNickCharacter() {
    for (String nick : new String[] {"a~b", "a@b", "a#b", "a$b", "a%b", "a(b)", "a<b>", "a/b",
        "a:b", "a;b", "a,b", "a'b", "a\"b", "a*b", "a+b", "a=b", "a?b"}) {
      assertInvalidNick(nick);
    }
  }

  @Test
  void roomNamesMayNotUseTheIrcNickCharacters() {
    for (char c : "[]\\`^{|}".toCharArray()) {
      Optional<String> problem = Names.roomProblem("a" + c + "b");
      assertTrue(problem.isPresent(), "room with " + c);
      assertTrue(problem.get().contains("(found '" + c + "')"), problem.get());
      assertTrue(problem.get().endsWith("digits, '_', '-' and '.' (found '" + c + "')"),
          "the room problem lists only room characters: " + problem.get());
    }
  }

  @Test
  void ircNickCharactersDoNotFoldCase() {
    assertEquals("[a]{b}|c^", Names.key("[A]{B}|C^"));
  }
}
