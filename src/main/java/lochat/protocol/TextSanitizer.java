package lochat.protocol;

/**
 * Removes everything from user text that could act on another user's terminal.
 *
 * <p>Dropped: C0 controls except TAB, DEL, C1 controls, whole ANSI escape sequences (CSI, OSC,
 * DCS, SOS, PM, APC and two-character escapes, in their 7-bit and 8-bit forms, so that no
 * {@code [31m} residue is left), and the Unicode bidirectional overrides and isolates that can
 * make text display in another order than it was written. Line and paragraph separators become
 * spaces. Everything else, emoji and combining marks included, passes unchanged.
 */
public final class TextSanitizer {

  private static final int ESC = 0x1B;
  private static final int BEL = 0x07;
  private static final int CSI_8BIT = 0x9B;
  private static final int ST_8BIT = 0x9C;

  private TextSanitizer() {}

  public static String clean(String text) {
    if (isClean(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    int n = text.length();
    while (i < n) {
      int c = text.codePointAt(i);
      if (c == ESC) {
        i = skipEscape(text, i + 1);
      } else if (c == CSI_8BIT) {
        i = skipCsi(text, i + 1);
      } else if (isStringIntroducer8Bit(c)) {
        i = skipControlString(text, i + 1);
      } else {
        if (c == 0x2028 || c == 0x2029) {
          out.append(' ');
        } else if (!isDropped(c)) {
          out.appendCodePoint(c);
        }
        i += Character.charCount(c);
      }
    }
    return out.toString();
  }

  private static boolean isClean(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' || c >= 0x7F && c <= 0x9F || c >= 0x2028 && c <= 0x202E
          || c >= 0x2066 && c <= 0x2069) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDropped(int c) {
    return (c < 0x20 && c != '\t')
        || (c >= 0x7F && c <= 0x9F)
        || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }

  private static boolean isStringIntroducer8Bit(int c) {
    return c == 0x90 || c == 0x98 || c == 0x9D || c == 0x9E || c == 0x9F;
  }

  /** Skips what follows an ESC; returns the index after the sequence. */
  private static int skipEscape(String text, int i) {
    if (i >= text.length()) {
      return i;
    }
    char next = text.charAt(i);
    switch (next) {
      case '[':
        return skipCsi(text, i + 1);
      case ']': case 'P': case 'X': case '^': case '_':
        return skipControlString(text, i + 1);
      default:
        // Intermediate bytes, then one final byte (e.g. ESC ( B, ESC c).
        while (i < text.length() && text.charAt(i) >= 0x20 && text.charAt(i) <= 0x2F) {
          i++;
        }
        return i < text.length() && text.charAt(i) >= 0x30 && text.charAt(i) <= 0x7E ? i + 1 : i;
    }
  }

  /**
   * Skips CSI parameter and intermediate bytes and the final byte. C0 controls inside the
   * sequence are dropped with it, as terminals execute them without ending the sequence.
   */
  private static int skipCsi(String text, int i) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c >= 0x40 && c <= 0x7E) {
        return i + 1;
      }
      if (c == ESC || c > 0x7E) {
        return i;
      }
      i++;
    }
    return i;
  }

  /** Skips an OSC/DCS-like string up to and including BEL, ST or ESC backslash. */
  private static int skipControlString(String text, int i) {
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == BEL || c == ST_8BIT) {
        return i + 1;
      }
      if (c == ESC) {
        // ESC \ ends the string; any other ESC ends it and starts a sequence of its own.
        return i + 1 < text.length() && text.charAt(i + 1) == '\\' ? i + 2 : i;
      }
      i++;
    }
    return i;
  }
}
