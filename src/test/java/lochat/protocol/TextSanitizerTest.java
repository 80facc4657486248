package lochat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextSanitizerTest {

  private static final String ESC = "\u001b";
  private static final String BEL = "\u0007";

  @Test
  void csiColourSequencesAreRemovedWhole() {
    assertEquals("red and plain",
        TextSanitizer.clean(ESC + "[31mred" + ESC + "[0m and " + ESC + "[1;32;40mplain"));
  }

  @Test
  void cursorMovementAndScreenClearingAreRemoved() {
    assertEquals("ab", TextSanitizer.clean("a" + ESC + "[2J" + ESC + "[10;5H" + ESC + "[Ab"));
  }

  @Test
  void oscTitleTerminatedByBelIsRemoved() {
    assertEquals("hi there", TextSanitizer.clean("hi " + ESC + "]0;pwned" + BEL + "there"));
  }

  @Test
  void oscTitleTerminatedByEscBackslashIsRemoved() {
    assertEquals("hi there", TextSanitizer.clean("hi " + ESC + "]2;pwned" + ESC + "\\there"));
  }

  @Test
  void eightBitCsiIsRemovedWhole() {
    assertEquals("red", TextSanitizer.clean("\u009b31mred"));
  }

  @Test
  void oscCutShortByACsiLeavesNoResidue() {
    assertEquals("red", TextSanitizer.clean(ESC + "]0;title" + ESC + "[31mred"));
  }

  @Test
  void controlCharacterInsideACsiDoesNotEndIt() {
    assertEquals("red", TextSanitizer.clean(ESC + "[3\u00071mred"));
  }

  @Test
  void twoCharacterEscapeIsRemoved() {
    assertEquals("reset", TextSanitizer.clean(ESC + "cre" + ESC + "(Bset"));
  }

  @Test
  void c0ControlsAreRemovedButTabIsKept() {
    assertEquals("abc\td", TextSanitizer.clean("a\u0000b" + BEL + "\bc\t\r\nd\u001f"));
  }

  @Test
  void delIsRemoved() {
    assertEquals("ab", TextSanitizer.clean("a\u007fb"));
  }

  @Test
  void c1ControlsAreRemoved() {
    assertEquals("abc", TextSanitizer.clean("a\u0080b\u0085\u009ac"));
  }

  @Test
  void bidiOverridesAreRemoved() {
    assertEquals("evil.exe", TextSanitizer.clean("evil\u202e.exe"));
    assertEquals("abc", TextSanitizer.clean("\u202aa\u202bb\u202c\u202dc"));
  }

  @Test
  void bidiIsolatesAreRemoved() {
    assertEquals("abcd", TextSanitizer.clean("\u2066a\u2067b\u2068c\u2069d"));
  }

  @Test
  void lineAndParagraphSeparatorsBecomeSpaces() {
    assertEquals("one two three", TextSanitizer.clean("one\u2028two\u2029three"));
  }

  @Test
  void emojiAccentedLettersAndCjkPassUnchanged() {
    String text = "Grüße, café, naïve 😀👍🏽 你好 こんにちは e\u0301";
    assertEquals(text, TextSanitizer.clean(text));
  }

  @Test
  void emojiNextToARemovedSequenceIsKept() {
    assertEquals("😀!", TextSanitizer.clean("😀" + ESC + "[5m!"));
  }

  @Test
  void cleanTextIsReturnedUnchanged() {
    String text = "Hello, world!\tHow are you? /me {x} [31m";
    assertSame(text, TextSanitizer.clean(text));
  }
}
