package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class IrcTextTest {

  private static final String B = "\u0002";
  private static final String C = "\u0003";
  private static final String D = "\u0004";
  private static final String A = "\u0001";

  private static String strip(String text) {
    return IrcText.stripFormatting(text);
  }

  // --- formatting ---

  @Test
  void textWithoutCodesIsReturnedAsItIs() {
    String text = "hello, world: 1,2 (3) é 😀";
    assertSame(text, strip(text));
    assertEquals("", strip(""));
  }

  @Test
  void singleCharacterCodesAreRemoved() {
    assertEquals("bold", strip(B + "bold" + B));
    assertEquals("italic", strip("\u001ditalic\u001d"));
    assertEquals("underline", strip("\u001funderline\u001f"));
    assertEquals("reversed", strip("\u0016reversed\u0016"));
    assertEquals("plain again", strip("\u000fplain again"));
    assertEquals("mono struck", strip("\u0011mono \u001estruck"));
    assertEquals("a b c", strip(B + "a" + B + " \u001db\u000f c"));
  }

  @Test
  void colourWithOneOrTwoDigitForeground() {
    assertEquals("red", strip(C + "4red"));
    assertEquals("red", strip(C + "04red"));
    assertEquals("cyan text", strip(C + "11cyan" + C + " text"));
  }

  @Test
  void colourTakesAtMostTwoDigitsSoAThirdIsText() {
    assertEquals("3 apples", strip(C + "123 apples"));
    assertEquals("45", strip(C + "1,2345"));
  }

  @Test
  void colourWithBackground() {
    assertEquals("on blue", strip(C + "4,2on blue"));
    assertEquals("on blue", strip(C + "04,12on blue"));
  }

  @Test
  void commaWithoutBackgroundDigitsIsText() {
    assertEquals(", and", strip(C + "4, and"));
    assertEquals(",x", strip(C + "01,x"));
  }

  @Test
  void bareColourCodeEndsColourAndLeavesWhatFollows() {
    assertEquals("", strip(C));
    assertEquals("plain", strip(C + "plain"));
    assertEquals("red, plain", strip(C + "4red" + C + ", plain"));
    assertEquals(",5 kept", strip(C + ",5 kept"));
  }

  @Test
  void hexColourCodesAreRemovedWithTheirSixDigits() {
    assertEquals("red", strip(D + "FF0000red"));
    assertEquals("red on green", strip(D + "ff0000,00FF00red on green"));
    assertEquals("plain", strip(D + "plain"));
    assertEquals("", strip(D));
  }

  @Test
  void hexColourWithFewerThanSixDigitsIsNotAColour() {
    assertEquals("FF00 short", strip(D + "FF00 short"));
  }

  // --- CTCP ---

  @Test
  void ctcpStartsWithCtrlA() {
    assertTrue(IrcText.isCtcp(A + "VERSION" + A));
    assertTrue(IrcText.isCtcp(A + "ACTION waves" + A));
    assertFalse(IrcText.isCtcp("hello " + A));
    assertFalse(IrcText.isCtcp(""));
  }

  @Test
  void actionIsTheTextBetweenActionAndTheClosingCtrlA() {
    assertEquals(Optional.of("waves"), IrcText.action(A + "ACTION waves" + A));
    assertEquals(Optional.of("waves at  bob "), IrcText.action(A + "ACTION waves at  bob " + A));
  }

  @Test
  void actionWithoutClosingCtrlAIsStillAnAction() {
    assertEquals(Optional.of("waves"), IrcText.action(A + "ACTION waves"));
  }

  @Test
  void emptyActionClosedRightAfterItsNameIsAnActionWithNoText() {
    // What a client sends for "/me" with nothing after it. Being an action, the session answers
    // it like any empty message (ERR_NOTEXTTOSEND), instead of dropping it as an unknown CTCP.
    assertEquals(Optional.of(""), IrcText.action(A + "ACTION" + A));
  }

  @Test
  void emptyActionIsAnActionWithNoText() {
    assertEquals(Optional.of(""), IrcText.action(A + "ACTION"));
    assertEquals(Optional.of(""), IrcText.action(A + "ACTION " + A));
  }

  @Test
  void otherCtcpRequestsAreNoActions() {
    assertEquals(Optional.empty(), IrcText.action(A + "ACTIONS x" + A));
    assertEquals(Optional.empty(), IrcText.action(A + "VERSION" + A));
    assertEquals(Optional.empty(), IrcText.action(A + "PING 12345" + A));
    assertEquals(Optional.empty(), IrcText.action("ACTION waves"));
    assertEquals(Optional.empty(), IrcText.action("waves"));
  }

  @Test
  void asActionWrapsTheTextAndActionReadsItBack() {
    assertEquals(A + "ACTION waves" + A, IrcText.asAction("waves"));
    for (String text : new String[] {"waves", "waves at bob", "é 😀", ":)"}) {
      assertEquals(Optional.of(text), IrcText.action(IrcText.asAction(text)), text);
    }
  }

  @Test
  void cleanRemovesFormattingThenControlsAndEscapeSequences() {
    assertEquals("red bold", IrcText.clean("\u000304,12red\u000f \u0002bold"));
    assertEquals("bob", IrcText.clean("\u001b[2Jbob\u001b]52;c;aGVsbG8=\u0007"));
    assertEquals("a b", IrcText.clean("a\u202e \u009b31mb\u007f"));
    assertEquals("plain \uD83D\uDE00", IrcText.clean("plain \uD83D\uDE00"));
  }
}
