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
  void lettersDigitsUnderscoreDashAndDotAreValid() {
    assertValidNick("alice");
    assertValidNick("Bob_42");
    assertValidNick("x");
    assertValidNick("a-b.c_D9");
    assertValidNick("...");
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
}
