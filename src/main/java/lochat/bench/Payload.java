package lochat.bench;

import java.util.Optional;

/**
 * What every benchmark message carries, so that its receiver can account for it: who sent it,
 * its place in that sender's sequence, and when it was meant to be sent.
 *
 * <p>It travels as chat text in one ASCII token, {@code b<sender>.<sequence>.<intended>}, for
 * example {@code b7.42.-918273645}: the letter {@code b}, then three decimal numbers separated by
 * dots. {@code sender} and {@code sequence} are non-negative; {@code intended} is a
 * {@link System#nanoTime()} reading and may be negative. Numbers are written without leading
 * zeros or {@code +}, so each payload has exactly one token. The token has no spaces and does not
 * start with {@code /}, so it is plain text on the native protocol and one word of an IRC
 * {@code PRIVMSG}. It is at most {@value #MAX_TOKEN_BYTES} bytes.
 *
 * <p>Padding goes after the token ({@link #text(int)}), so a server that cuts a long line cuts
 * the padding, not the token. {@link #decode} takes the first space-separated word that is a
 * whole token; anything around it is ignored. (A token cut inside its last number would still
 * decode, wrongly; no server cuts a line that short.)
 *
 * <p>Limits: the intended time is only comparable with a receive time from the same clock, so
 * latency is meaningful when sender and receiver run in one process (or, on Linux, on one
 * machine, where {@code nanoTime} is the shared monotonic clock). A token that a relay quotes
 * inside other text, such as a native {@code HISTORY} line, decodes like a live one: the
 * receiver must decide which lines are deliveries before decoding.
 */
public record Payload(int sender, long sequence, long intendedNanos) {

  /** The longest token: the largest sender and sequence and the most negative time. */
  public static final int MAX_TOKEN_BYTES = 1 + 10 + 1 + 19 + 1 + 20;

  private static final char PREFIX = 'b';
  private static final char SEPARATOR = '.';
  private static final char PAD = 'x';

  public Payload {
    if (sender < 0) {
      throw new IllegalArgumentException("Sender must not be negative: " + sender);
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("Sequence must not be negative: " + sequence);
    }
  }

  /** The token, for example {@code b7.42.-918273645}. */
  public String encode() {
    return PREFIX + Integer.toString(sender) + SEPARATOR + sequence + SEPARATOR + intendedNanos;
  }

  /**
   * The token followed by a space and padding to make exactly {@code bytes} ASCII bytes, or the
   * token alone when {@code bytes} leaves no room for a space and at least one padding byte (the
   * padding is never blank, since servers may trim trailing spaces).
   */
  public String text(int bytes) {
    String token = encode();
    int pad = bytes - token.length() - 1;
    if (pad < 1) {
      return token;
    }
    StringBuilder text = new StringBuilder(bytes).append(token).append(' ');
    for (int i = 0; i < pad; i++) {
      text.append(PAD);
    }
    return text.toString();
  }

  /** The payload of the first space-separated word of {@code text} that is a whole token. */
  public static Optional<Payload> decode(String text) {
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf(' ', start);
      if (end < 0) {
        end = text.length();
      }
      Payload payload = parse(text, start, end);
      if (payload != null) {
        return Optional.of(payload);
      }
      start = end + 1;
    }
    return Optional.empty();
  }

  /**
   * The payload whose token starts {@code bytes[from, to)} (ASCII), ending at a space or at
   * {@code to}; null if there is none. It allocates nothing but the result, for the receive path
   * of the load generator, which decodes millions of lines a second.
   */
  public static Payload decodeFirst(byte[] bytes, int from, int to) {
    int end = from;
    while (end < to && bytes[end] != ' ') {
      end++;
    }
    if (end - from < 6 || end - from > MAX_TOKEN_BYTES || bytes[from] != PREFIX) {
      return null;
    }
    int firstDot = indexOf(bytes, SEPARATOR, from + 1, end);
    int secondDot = firstDot < 0 ? -1 : indexOf(bytes, SEPARATOR, firstDot + 1, end);
    if (secondDot < 0) {
      return null;
    }
    if (!canonical(bytes, from + 1, firstDot, false)
        || !canonical(bytes, firstDot + 1, secondDot, false)
        || !canonical(bytes, secondDot + 1, end, true)) {
      return null;
    }
    long sender = decimal(bytes, from + 1, firstDot);
    long sequence = decimal(bytes, firstDot + 1, secondDot);
    long intended = decimal(bytes, secondDot + 1, end);
    if (sender < 0 || sender > Integer.MAX_VALUE || sequence < 0
        || (intended < 0) != (bytes[secondDot + 1] == '-')) {
      return null;
    }
    return new Payload((int) sender, sequence, intended);
  }

  private static int indexOf(byte[] bytes, char wanted, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** {@link #canonical(String, int, int, boolean)} over ASCII bytes, with at most 19 digits. */
  private static boolean canonical(byte[] bytes, int from, int to, boolean signed) {
    int digits = signed && from < to && bytes[from] == '-' ? from + 1 : from;
    if (digits == to || to - digits > 19 || bytes[digits] == '0' && (to - from > 1)) {
      return false;
    }
    for (int i = digits; i < to; i++) {
      if (bytes[i] < '0' || bytes[i] > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * The canonical decimal {@code bytes[from, to)}; one that does not fit in a long comes out
   * with the wrong sign, which the caller checks.
   */
  private static long decimal(byte[] bytes, int from, int to) {
    boolean negative = bytes[from] == '-';
    long value = 0;
    for (int i = negative ? from + 1 : from; i < to; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    return negative ? -value : value;
  }

  /** The payload that {@code text[from, to)} encodes exactly, or null. */
  private static Payload parse(String text, int from, int to) {
    if (to - from < 6 || to - from > MAX_TOKEN_BYTES || text.charAt(from) != PREFIX) {
      return null;
    }
    int firstDot = text.indexOf(SEPARATOR, from + 1);
    if (firstDot < 0 || firstDot >= to) {
      return null;
    }
    int secondDot = text.indexOf(SEPARATOR, firstDot + 1);
    if (secondDot < 0 || secondDot >= to) {
      return null;
    }
    if (!canonical(text, from + 1, firstDot, false)
        || !canonical(text, firstDot + 1, secondDot, false)
        || !canonical(text, secondDot + 1, to, true)) {
      return null;
    }
    try {
      return new Payload(
          Integer.parseInt(text, from + 1, firstDot, 10),
          Long.parseLong(text, firstDot + 1, secondDot, 10),
          Long.parseLong(text, secondDot + 1, to, 10));
    } catch (NumberFormatException outOfRange) {
      return null;
    }
  }

  /**
   * Whether {@code text[from, to)} is a decimal as {@link #encode} writes it: digits without a
   * leading zero unless the number is 0, and a {@code -} only when {@code signed}, never on 0.
   */
  private static boolean canonical(String text, int from, int to, boolean signed) {
    int digits = signed && from < to && text.charAt(from) == '-' ? from + 1 : from;
    if (digits == to || text.charAt(digits) == '0' && (to - from > 1)) {
      return false;
    }
    for (int i = digits; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
