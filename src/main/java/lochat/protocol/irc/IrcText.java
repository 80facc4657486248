package lochat.protocol.irc;

import java.util.Optional;
import lochat.protocol.TextSanitizer;

/**
 * IRC's in-band text conventions: formatting codes and CTCP.
 *
 * <p>IRC clients colour and emphasise text with control characters ({@code ^B} bold, {@code ^C}
 * colour with its digits, and so on). Lochat relays no control characters, so formatting is
 * removed, digits of colour codes included, before text enters the chat core. CTCP wraps a
 * request in {@code ^A}; its {@code ACTION} ({@code /me}) becomes a Lochat action, and actions
 * are sent to IRC clients the same way.
 *
 * <p>Limits: CTCP requests other than {@code ACTION} (VERSION, PING, ...) are passed between IRC
 * clients as they are; the server answers none of them itself.
 */
public final class IrcText {

  private static final char CTCP = '\u0001';
  private static final String ACTION = CTCP + "ACTION";

  private IrcText() {}

  /**
   * Text from an IRC client made safe to show anyone: formatting removed, then everything
   * {@link TextSanitizer} removes (control characters, escape sequences, bidi controls).
   */
  public static String clean(String text) {
    return TextSanitizer.clean(stripFormatting(text));
  }

  /** {@code text} without bold, colour, italics, underline, strike-through, reverse or reset. */
  public static String stripFormatting(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int skip = formattingLength(text, i);
      if (skip > 0) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        i += skip - 1;
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** How many characters the formatting code at {@code i} takes, or 0 if there is none. */
  private static int formattingLength(String text, int i) {
    switch (text.charAt(i)) {
      case '\u0002', '\u000f', '\u0011', '\u0016', '\u001d', '\u001e', '\u001f':
        return 1;
      case '\u0003':
        return 1 + colourLength(text, i + 1, 2, false);
      case '\u0004':
        return 1 + colourLength(text, i + 1, 6, true);
      default:
        return 0;
    }
  }

  /** The length of {@code fg[,bg]} at {@code from}, each up to {@code digits} (hex) digits. */
  private static int colourLength(String text, int from, int digits, boolean hex) {
    int foreground = digitsAt(text, from, digits, hex);
    if (foreground == 0) {
      return 0;
    }
    int comma = from + foreground;
    if (comma < text.length() && text.charAt(comma) == ',') {
      int background = digitsAt(text, comma + 1, digits, hex);
      if (background > 0) {
        return foreground + 1 + background;
      }
    }
    return foreground;
  }

  private static int digitsAt(String text, int from, int max, boolean hex) {
    int n = 0;
    while (n < max && from + n < text.length()) {
      char c = text.charAt(from + n);
      boolean digit = (c >= '0' && c <= '9')
          || hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
      if (!digit) {
        break;
      }
      n++;
    }
    return hex && n != max ? 0 : n;
  }

  /** Whether {@code text} is a CTCP message (it starts with {@code ^A}). */
  public static boolean isCtcp(String text) {
    return !text.isEmpty() && text.charAt(0) == CTCP;
  }

  /** The action of a CTCP {@code ACTION}, e.g. "waves" from {@code ^AACTION waves^A}. */
  public static Optional<String> action(String text) {
    if (!text.startsWith(ACTION) || text.length() > ACTION.length()
        && text.charAt(ACTION.length()) != ' ' && text.charAt(ACTION.length()) != CTCP) {
      return Optional.empty();
    }
    int end = text.endsWith(String.valueOf(CTCP)) && text.length() > ACTION.length()
        ? text.length() - 1 : text.length();
    return Optional.of(text.substring(Math.min(ACTION.length() + 1, end), end));
  }

  /** The CTCP {@code ACTION} message for {@code action}. */
  public static String asAction(String action) {
    return ACTION + " " + action + CTCP;
  }

  /** What a CTCP message says between its {@code ^A}s, e.g. "VERSION" or "PING 123". */
  public static String ctcpBody(String text) {
    int end = text.length() > 1 && text.endsWith(String.valueOf(CTCP))
        ? text.length() - 1 : text.length();
    return text.substring(1, end);
  }

  /** {@code body} as a CTCP message, e.g. {@code ^AVERSION^A}. */
  public static String asCtcp(String body) {
    return CTCP + body + CTCP;
  }
}
