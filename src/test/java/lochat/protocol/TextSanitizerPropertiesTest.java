package lochat.protocol;

import static lochat.testing.Hostile.assertNoControl;
import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;

import lochat.testing.Hostile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What {@link TextSanitizer#clean} promises, for any text at all. */
class TextSanitizerPropertiesTest {

  @Provide
  Arbitrary<String> hostile() {
    return Hostile.text();
  }

  @Provide
  Arbitrary<String> clean() {
    return Hostile.cleanText();
  }

  /** A whole escape sequence, 7-bit or 8-bit, that a terminal would act on. */
  @Provide
  Arbitrary<String> escapeSequence() {
    Arbitrary<String> csi = Combinators.combine(
        Arbitraries.of("\u001b[", "\u009b"),
        Arbitraries.strings().withCharRange('0', '?').ofMaxLength(12),
        Arbitraries.strings().withCharRange(' ', '/').ofMaxLength(2),
        Arbitraries.chars().range('@', '~'))
        .as((start, params, intermediates, end) -> start + params + intermediates + end);
    Arbitrary<String> controlString = Combinators.combine(
        Arbitraries.of("\u001b]", "\u001bP", "\u001bX", "\u001b^", "\u001b_", "\u009d", "\u0090"),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30),
        Arbitraries.of("\u0007", "\u001b\\", "\u009c"))
        .as((start, body, end) -> start + body + end);
    Arbitrary<String> twoCharacter = Combinators.combine(
        Arbitraries.strings().withCharRange(' ', '/').ofMaxLength(2),
        Arbitraries.chars().range('0', '~'))
        .filter((intermediates, end) -> !intermediates.isEmpty() || "[]PX^_".indexOf(end) < 0)
        .as((intermediates, end) -> "\u001b" + intermediates + end);
    return Arbitraries.oneOf(csi, controlString, twoCharacter);
  }

  @Property(tries = 300)
  void noControlCharacterComesOut(@ForAll("hostile") String text) {
    assertNoControl(TextSanitizer.clean(text));
  }

  @Property(tries = 300)
  void cleaningTwiceIsCleaningOnce(@ForAll("hostile") String text) {
    String once = TextSanitizer.clean(text);
    assertEquals(once, TextSanitizer.clean(once));
  }

  @Property(tries = 300)
  void cleanTextIsUnchanged(@ForAll("clean") String text) {
    assertEquals(text, TextSanitizer.clean(text));
  }

  @Property(tries = 300)
  void anEscapeSequenceGoesWholeAndLeavesTheTextAroundIt(
      @ForAll("clean") String before, @ForAll("escapeSequence") String sequence,
      @ForAll("clean") String after) {
    assertEquals(before + after, TextSanitizer.clean(before + sequence + after),
        Hostile.visible(sequence));
  }

  @Example
  void largeHostileTextIsCleanedInLinearTime() {
    for (String text : Hostile.largeTexts()) {
      assertNoControl(inLinearTime(() -> TextSanitizer.clean(text)));
    }
  }
}
