package lochat.testing;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile input for property tests of the codecs, and the checks that go with it.
 *
 * <p>{@link #text()} mixes random characters from the ranges that have broken text handling
 * before (C0 and C1 controls, DEL, ESC, bidi overrides and isolates, line separators, lone
 * surrogates, U+FFFD, emoji) with whole fragments of terminal escape sequences and IRC syntax,
 * so that a few hundred tries reach the interesting cases. {@link #forbidden} is the one
 * definition of "a control character" the properties hold every output to.
 */
public final class Hostile {

  /** What a DoS guard allows: generous, where a quadratic algorithm takes minutes or hours. */
  public static final Duration LINEAR_TIME = Duration.ofSeconds(5);

  /** The size of the large adversarial inputs: about 1 MB. */
  public static final int LARGE = 1 << 20;

  private static final String[] FRAGMENTS = {
    "\u001b", "\u001b[", "\u001b]", "\u001bP", "\u001b\\", "\u001b(B", "\u009b", "\u009d",
    "\u009c", "\u0007", "[31m", "[2J", "]0;title", "]52;c;aGk=", "31;1m", "\r", "\n", "\r\n",
    "\u0000", "\u0003", "\u000312,34", "\u0004ff00ff", "\u0001ACTION ", "\u0001", "@", "+x=",
    ";", ":", "\\", "\\s", "\\:", " ", "  ", "!", "#", "/", "//", "/me ", "/msg ", "/nick ",
    "\u202e", "\u2066", "\u2028", "\ufffd", "\ud83d\ude00", "\ud83d", "\ude00", "a", "Z", "0",
    "\u00e9", "PRIVMSG", "MSG", "HISTORY ", "OK nick ", "\t", "\u007f", "\u0085"
  };

  private Hostile() {}

  /** Random and adversarial text, up to about 100 characters. */
  public static Arbitrary<String> text() {
    Arbitrary<String> chars = Arbitraries.strings()
        .withCharRange('\u0000', '\u00ff')
        .withChars("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
        .withChars("\ud800\udbff\udc00\udfff\ufffd\ufeff\u200b")
        .withCharRange('a', 'z')
        .ofMaxLength(60);
    Arbitrary<String> fragments = fragment().list().ofMaxSize(30)
        .map(list -> String.join("", list));
    return Arbitraries.oneOf(chars, fragments, Arbitraries.strings().all().ofMaxLength(30),
        Combinators.combine(fragments, chars).as(String::concat));
  }

  /** One piece of escape sequence, IRC syntax, native command or awkward character. */
  public static Arbitrary<String> fragment() {
    return Arbitraries.of(FRAGMENTS);
  }

  /** Text with no character that {@link #forbidden} rejects. */
  public static Arbitrary<String> cleanText() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars("\t\u00e9\u00a0\u00ff\u0100\u2027\u202f\u2065\u206a\ufffd\ufeff\u200d")
        .withChars("\ud83d\ude00")
        .ofMaxLength(80)
        .filter(text -> firstForbidden(text) < 0);
  }

  /**
   * Whether {@code c} may act on a terminal or reorder text: C0 controls except TAB, DEL, C1
   * controls, the bidi overrides and isolates, and the line and paragraph separators.
   */
  public static boolean forbidden(char c) {
    return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x2028 || c == 0x2029;
  }

  /** The index of the first forbidden character in {@code text}, or -1. */
  public static int firstForbidden(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (forbidden(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** Fails, naming the character and where it is, if {@code text} has a forbidden character. */
  public static void assertNoControl(String text) {
    int at = firstForbidden(text);
    if (at >= 0) {
      fail(String.format("U+%04X at %d in %s", (int) text.charAt(at), at, visible(text)));
    }
  }

  /** {@code text} with every non-printable-ASCII character written as its code. */
  public static String visible(String text) {
    StringBuilder out = new StringBuilder();
    text.chars().limit(400).forEach(c -> out.append(c >= 0x20 && c < 0x7f
        ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    return out.append(text.length() > 400 ? "..." : "").toString();
  }

  /** {@code unit} repeated to about {@code chars} characters. */
  public static String repeat(String unit, int chars) {
    return unit.repeat(Math.max(1, chars / unit.length()));
  }

  /** The result of {@code work}, failing if it takes longer than {@link #LINEAR_TIME}. */
  public static <T> T inLinearTime(Supplier<T> work) {
    return assertTimeoutPreemptively(LINEAR_TIME, work::get);
  }

  /** Large adversarial texts: long runs of what parsers and sanitisers loop over. */
  public static String[] largeTexts() {
    return LARGE_TEXTS.clone();
  }

  private static final String[] LARGE_TEXTS = {
    repeat("\u001b", LARGE), repeat("\u001b[1;", LARGE), "\u001b[" + repeat("1;", LARGE),
    "\u001b]" + repeat("a", LARGE), repeat("\u001b]\u009b[", LARGE), repeat("\\", LARGE),
    repeat(" ", LARGE), repeat("\r\n", LARGE), repeat("\ufffd\ud83d", LARGE),
    repeat("@a=\\;", LARGE), "@" + repeat("a.", LARGE) + " X", repeat(":", LARGE),
    repeat("\u000399,", LARGE), repeat("\u0001ACTION", LARGE), repeat("\u202e", LARGE),
    repeat("/a b ", LARGE), repeat("HISTORY x ", LARGE), repeat(",", LARGE),
  };
}
