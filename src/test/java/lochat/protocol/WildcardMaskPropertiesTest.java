package lochat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of {@link WildcardMask}: it agrees with a plain dynamic-programming matcher, never
 * throws, and never takes more than its bound of steps, on random and adversarial input.
 */
class WildcardMaskPropertiesTest {

  @Property(tries = 3000)
  void agreesWithDynamicProgramming(
      @ForAll("smallMasks") String mask, @ForAll("smallTexts") String text) {
    assertEquals(reference(mask, text), WildcardMask.of(mask).orElseThrow().matches(text),
        () -> "mask " + mask + " text " + text);
  }

  @Property(tries = 1000)
  void anyMaskWithinTheLimitIsAcceptedAndNeverThrows(
      @ForAll @StringLength(max = WildcardMask.MAX_LENGTH) String mask,
      @ForAll @StringLength(max = 600) String text) {
    WildcardMask compiled = WildcardMask.of(mask).orElseThrow();
    compiled.matches(text);
    assertStepsBounded(compiled, mask, text);
  }

  @Property(tries = 200)
  void masksOverTheLimitAreRefused(
      @ForAll @StringLength(min = WildcardMask.MAX_LENGTH + 1, max = 1000) String mask) {
    assertTrue(WildcardMask.of(mask).isEmpty());
  }

  @Property(tries = 1000)
  void stepsStayWithinTheBoundForRandomMasks(
      @ForAll("longMasks") String mask, @ForAll("longTexts") String text) {
    assertStepsBounded(WildcardMask.of(mask).orElseThrow(), mask, text);
  }

  /** Runs of one letter split by stars, against long runs of that letter: regex's worst case. */
  @Property(tries = 300)
  void stepsStayWithinTheBoundForAdversarialMasks(
      @ForAll @IntRange(min = 1, max = 63) int stars,
      @ForAll @IntRange(min = 1, max = 8) int run,
      @ForAll @IntRange(min = 0, max = 2000) int textLength,
      @ForAll boolean endsInAnotherLetter) {
    StringBuilder mask = new StringBuilder();
    for (int i = 0; i < stars && mask.length() + run + 1 <= WildcardMask.MAX_LENGTH - 1; i++) {
      mask.append('*').append("a".repeat(run));
    }
    if (endsInAnotherLetter) {
      mask.append('b');
    }
    String text = "a".repeat(textLength);
    assertStepsBounded(WildcardMask.of(mask.toString()).orElseThrow(), mask.toString(), text);
  }

  private static void assertStepsBounded(WildcardMask compiled, String mask, String text) {
    long bound = (long) (text.codePointCount(0, text.length()) + 1) * (compiled.longestRun() + 1)
        + mask.length();
    long steps = compiled.steps(text);
    assertTrue(steps <= bound,
        () -> steps + " steps, bound " + bound + ", mask " + mask + ", text " + text);
  }

  @Provide
  Arbitrary<String> smallMasks() {
    return Arbitraries.strings().withChars("abAB*?").ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> smallTexts() {
    return Arbitraries.strings().withChars("abAB*?").ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> longMasks() {
    return Arbitraries.strings().withChars("ab*?").ofMaxLength(WildcardMask.MAX_LENGTH);
  }

  @Provide
  Arbitrary<String> longTexts() {
    Arbitrary<String> random = Arbitraries.strings().withChars("abc").ofMaxLength(1000);
    Arbitrary<String> runs = Combinators.combine(
            Arbitraries.integers().between(0, 1000), Arbitraries.of("", "b", "c"))
        .as((n, end) -> "a".repeat(n) + end);
    return Arbitraries.oneOf(random, runs);
  }

  /** {@code mask} against {@code text} by dynamic programming over code points, ASCII folded. */
  private static boolean reference(String mask, String text) {
    int[] p = mask.codePoints().map(WildcardMaskPropertiesTest::fold).toArray();
    int[] s = text.codePoints().map(WildcardMaskPropertiesTest::fold).toArray();
    boolean[][] ok = new boolean[p.length + 1][s.length + 1];
    ok[0][0] = true;
    for (int i = 1; i <= p.length; i++) {
      ok[i][0] = ok[i - 1][0] && p[i - 1] == '*';
      for (int j = 1; j <= s.length; j++) {
        if (p[i - 1] == '*') {
          ok[i][j] = ok[i - 1][j] || ok[i][j - 1];
        } else {
          ok[i][j] = ok[i - 1][j - 1] && (p[i - 1] == '?' || p[i - 1] == s[j - 1]);
        }
      }
    }
    return ok[p.length][s.length];
  }

  private static int fold(int c) {
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
  }
}
