package lochat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class WildcardMaskTest {

  private static boolean matches(String mask, String text) {
    return WildcardMask.of(mask).orElseThrow().matches(text);
  }

  @Test
  void starMatchesAnyRunOfCharactersTheEmptyOneIncluded() {
    assertTrue(matches("*", ""));
    assertTrue(matches("*", "anything at all"));
    assertTrue(matches("a*", "a"));
    assertTrue(matches("a*c", "abbbc"));
    assertTrue(matches("*lice", "alice"));
    assertTrue(matches("al*", "alice"));
    assertTrue(matches("*li*", "alice"));
    assertFalse(matches("a*c", "abcd"));
    assertFalse(matches("*lice", "alicea"));
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    assertTrue(matches("a?c", "abc"));
    assertFalse(matches("a?c", "ac"));
    assertFalse(matches("a?c", "abbc"));
    assertTrue(matches("???", "abc"));
    assertFalse(matches("???", "ab"));
    assertTrue(matches("?*", "x"));
    assertFalse(matches("?*", ""));
  }

  @Test
  void questionMarkMatchesOneEmojiNotHalfOfIt() {
    assertTrue(matches("a?b", "a\uD83D\uDE00b"));
    assertFalse(matches("a??b", "a\uD83D\uDE00b"));
  }

  @Test
  void caseIsIgnoredForAsciiLettersOnly() {
    assertTrue(matches("ALICE", "alice"));
    assertTrue(matches("a*E", "AlIcE"));
    assertTrue(matches("bob[away]", "BOB[AWAY]"));
    // CASEMAPPING=ascii: the rfc1459 pairs and non-ASCII letters do not fold.
    assertFalse(matches("a[b", "a{b"));
    assertFalse(matches("a\\b", "a|b"));
    assertFalse(matches("ÉMILE", "émile"));
  }

  @Test
  void emptyMaskMatchesOnlyEmptyText() {
    assertTrue(matches("", ""));
    assertFalse(matches("", "a"));
    assertFalse(matches("a", ""));
    assertTrue(matches("**", ""));
  }

  @Test
  void thereAreNoEscapes() {
    assertTrue(matches("a\\*", "a\\"));
    assertTrue(matches("a\\*", "a\\bc"));
    assertFalse(matches("a\\*", "a*"));
    assertTrue(matches("a\\?", "a\\x"));
    assertTrue(matches("*", "*"));
    assertTrue(matches("?", "*"));
    assertTrue(matches("[a-z]", "[a-z]"));
    assertFalse(matches("[a-z]", "b"));
    assertTrue(matches(".*", ".anything"));
    assertFalse(matches(".*", "anything"));
  }

  @Test
  void manyStarsAgainstALongRunAnswerAtOnceAndCorrectly() {
    String hostile = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
    String realName = "a".repeat(400);
    WildcardMask mask = WildcardMask.of(hostile).orElseThrow();
    assertFalse(mask.matches(realName));
    assertTrue(mask.matches(realName + "b"));
    assertTrue(mask.steps(realName) <= (400 + 1) * (1 + 1) + hostile.length(),
        () -> "steps: " + mask.steps(realName));
  }

  @Test
  void consecutiveStarsCountAsOne() {
    WildcardMask many = WildcardMask.of("*".repeat(100) + "b").orElseThrow();
    WildcardMask one = WildcardMask.of("*b").orElseThrow();
    String text = "a".repeat(300);
    assertEquals(one.steps(text), many.steps(text));
    assertFalse(many.matches(text));
    assertTrue(many.matches(text + "b"));
  }

  @Test
  void masksLongerThanTheLimitAreRefused() {
    assertTrue(WildcardMask.of("x".repeat(WildcardMask.MAX_LENGTH)).isPresent());
    assertEquals(Optional.empty(), WildcardMask.of("x".repeat(WildcardMask.MAX_LENGTH + 1)));
    assertTrue(WildcardMask.MAX_LENGTH >= 32 + 1 + 16 + 1 + 63,
        "a full nick!user@host must fit");
  }

  @Test
  void aMaskSaysWhatItWas() {
    assertEquals("*A?b", WildcardMask.of("*A?b").orElseThrow().toString());
  }
}
