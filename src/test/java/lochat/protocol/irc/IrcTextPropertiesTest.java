package lochat.protocol.irc;

import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import lochat.protocol.TextSanitizer;
import lochat.testing.Hostile;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@link IrcText} promises for any text: formatting goes, digits of colour codes with it,
 * and CTCP wrapping round-trips.
 */
class IrcTextPropertiesTest {

  private static final String FORMATTING = "\u0002\u0003\u0004\u000f\u0011\u0016\u001d\u001e\u001f";

  @Provide
  Arbitrary<String> hostile() {
    return Hostile.text();
  }

  @Provide
  Arbitrary<String> clean() {
    return Hostile.cleanText();
  }

  @Property(tries = 300)
  void noFormattingCodeIsLeft(@ForAll("hostile") String text) {
    String stripped = IrcText.stripFormatting(text);
    assertTrue(stripped.chars().noneMatch(c -> FORMATTING.indexOf(c) >= 0), Hostile.visible(stripped));
  }

  @Property(tries = 300)
  void textWithoutFormattingIsUnchanged(@ForAll("clean") String text) {
    assertSame(text, IrcText.stripFormatting(text));
  }

  @Property(tries = 300)
  void aColourCodeGoesWithItsDigitsAndNothingElse(
      @ForAll("clean") String before, @ForAll("clean") String after) {
    String text = before + "\u000304,12" + after;
    assertEquals(before + after, IrcText.stripFormatting(text));
  }

  @Property(tries = 300)
  void anActionRoundTrips(@ForAll("hostile") String action) {
    String wrapped = IrcText.asAction(action);
    assertTrue(IrcText.isCtcp(wrapped));
    assertEquals(Optional.of(action), IrcText.action(wrapped));
  }

  @Property(tries = 300)
  void aCtcpBodyRoundTrips(@ForAll("hostile") String body) {
    assertEquals(body, IrcText.ctcpBody(IrcText.asCtcp(body)));
  }

  /** What the IRC session does with a client's message text, for any text. */
  @Property(tries = 300)
  void readingAnyMessageTextNeverFails(@ForAll("hostile") String text) {
    String stripped = IrcText.stripFormatting(text);
    if (IrcText.isCtcp(stripped)) {
      IrcText.action(stripped);
      IrcText.ctcpBody(stripped);
    }
    Hostile.assertNoControl(TextSanitizer.clean(stripped));
  }

  @Example
  void largeHostileTextIsReadInLinearTime() {
    for (String text : Hostile.largeTexts()) {
      String stripped = inLinearTime(() -> IrcText.stripFormatting(text));
      inLinearTime(() -> IrcText.action(stripped));
      if (IrcText.isCtcp(stripped)) {
        inLinearTime(() -> IrcText.ctcpBody(stripped));
      }
    }
  }
}
