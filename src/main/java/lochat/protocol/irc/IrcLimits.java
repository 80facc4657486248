package lochat.protocol.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sizes an IRC line may have, and the checks that keep lines within them.
 *
 * <p>RFC 1459/2812 allow a message 512 bytes including CRLF, so 510 bytes of prefix, command
 * and parameters. IRCv3 message tags do not count towards that: the tags section may take 8191
 * bytes more, counting its leading {@code @} and trailing space. The spec also limits tag data
 * from clients, and that added by servers, to 4094 bytes each: a client line with more is read
 * whole and answered ERR_INPUTTOOLONG ({@link #clientTagDataTooLong}). All lengths are UTF-8
 * bytes.
 *
 * <p>Limits: a received line is measured after decoding, so where invalid UTF-8 became
 * U+FFFD it is measured as 3 bytes. Truncation cuts at a code point, never inside a UTF-8
 * character, but may separate a combining mark or emoji sequence from what it joins.
 */
public final class IrcLimits {

  /** The longest message without tags, CRLF included. */
  public static final int MAX_MESSAGE_BYTES = 512;
  /** The longest prefix, command and parameters: the message without tags and CRLF. */
  public static final int MAX_CONTENT_BYTES = MAX_MESSAGE_BYTES - 2;
  /** The longest tags section, its leading {@code @} and trailing space included. */
  public static final int MAX_TAGS_BYTES = 8191;
  /** The longest received line without CRLF: the limit the line framer needs. */
  public static final int MAX_LINE_BYTES = MAX_TAGS_BYTES + MAX_CONTENT_BYTES;
  /** The most tag data a client may send: its tags section without the {@code @} and space. */
  public static final int MAX_CLIENT_TAG_DATA = 4094;

  private IrcLimits() {}

  /** Why a received line (without CRLF) is over the limits, or empty when it is within them. */
  public static Optional<String> tooLong(String line) {
    int contentStart = 0;
    int at = 0;
    while (at < line.length() && line.charAt(at) == ' ') {
      at++;
    }
    if (line.startsWith("@", at)) {
      int space = line.indexOf(' ', at);
      contentStart = space < 0 ? line.length() : space + 1;
      if (utf8Length(line, at, contentStart) > MAX_TAGS_BYTES) {
        return Optional.of("Message tags longer than " + MAX_TAGS_BYTES + " bytes");
      }
    }
    if (utf8Length(line, contentStart, line.length()) > MAX_CONTENT_BYTES) {
      return Optional.of("Line longer than " + MAX_MESSAGE_BYTES + " bytes with CR LF");
    }
    return Optional.empty();
  }

  /**
   * Whether a line from a client carries more than {@value #MAX_CLIENT_TAG_DATA} bytes of tag
   * data, which the IRCv3 message-tags spec answers with ERR_INPUTTOOLONG. (The tags section may
   * be longer in all, for the tags a server adds.)
   */
  public static boolean clientTagDataTooLong(String line) {
    int at = 0;
    while (at < line.length() && line.charAt(at) == ' ') {
      at++;
    }
    if (!line.startsWith("@", at)) {
      return false;
    }
    int space = line.indexOf(' ', at);
    return utf8Length(line, at + 1, space < 0 ? line.length() : space) > MAX_CLIENT_TAG_DATA;
  }

  /**
   * {@code message} with its last parameter shortened, if need be, so that the message without
   * its tags fits {@value #MAX_MESSAGE_BYTES} bytes with CRLF. The cut assumes the last
   * parameter is written with its {@code :}, so a cut parameter that no longer needs one leaves
   * a byte unused.
   *
   * @throws IllegalArgumentException if it would not fit even with an empty last parameter
   */
  public static IrcMessage fit(IrcMessage message) {
    return fit(message, 0);
  }

  /**
   * Like {@link #fit(IrcMessage)}, leaving {@code reserve} bytes free for what the caller wraps
   * around the last parameter (a CTCP {@code ACTION} adds 9), so that the wrapping is never cut.
   */
  public static IrcMessage fit(IrcMessage message, int reserve) {
    IrcMessage untagged = message.withTags(Map.of());
    if (utf8Length(untagged.render()) + reserve <= MAX_CONTENT_BYTES) {
      return message;
    }
    List<String> params = new ArrayList<>(message.params());
    if (params.isEmpty()) {
      throw new IllegalArgumentException("Too long, with no parameter to cut: " + message);
    }
    int last = params.size() - 1;
    String text = params.set(last, "");
    int budget = MAX_CONTENT_BYTES - reserve - utf8Length(
        new IrcMessage(Map.of(), message.prefix(), message.command(), params).render());
    if (budget < 0) {
      throw new IllegalArgumentException("Too long without its last parameter: " + message);
    }
    params.set(last, utf8Prefix(text, budget));
    return new IrcMessage(message.tags(), message.prefix(), message.command(), params);
  }

  /**
   * {@code message} as one or more messages that each fit, its last parameter cut into pieces
   * where needed (at a space when there is one near the end of a piece), so that no text is lost.
   *
   * @throws IllegalArgumentException if it would not fit even with an empty last parameter
   */
  public static List<IrcMessage> split(IrcMessage message) {
    return split(message, 0);
  }

  /**
   * Like {@link #split(IrcMessage)}, leaving {@code reserve} bytes free in each piece for what
   * the caller wraps around the text (a CTCP {@code ACTION} adds 9).
   */
  public static List<IrcMessage> split(IrcMessage message, int reserve) {
    IrcMessage untagged = message.withTags(Map.of());
    if (utf8Length(untagged.render()) + reserve <= MAX_CONTENT_BYTES) {
      return List.of(message);
    }
    List<String> params = new ArrayList<>(message.params());
    if (params.isEmpty()) {
      throw new IllegalArgumentException("Too long, with no parameter to cut: " + message);
    }
    int last = params.size() - 1;
    String text = params.set(last, "");
    int budget = MAX_CONTENT_BYTES - 1 - reserve - utf8Length(
        new IrcMessage(Map.of(), message.prefix(), message.command(), params).render());
    if (budget < 16) {
      throw new IllegalArgumentException("Too long without its last parameter: " + message);
    }
    List<IrcMessage> pieces = new ArrayList<>();
    for (int from = 0; from < text.length(); ) {
      int end = utf8End(text, from, budget);
      if (end < text.length()) {
        for (int space = end - 1; space > from + (end - from) / 2; space--) {
          if (text.charAt(space) == ' ') {
            end = space + 1;
            break;
          }
        }
      }
      params.set(last, text.substring(from, end));
      pieces.add(new IrcMessage(message.tags(), message.prefix(), message.command(), params));
      from = end;
    }
    return pieces;
  }

  static int utf8Length(String text) {
    return utf8Length(text, 0, text.length());
  }

  /** Unpaired surrogates count 3 bytes, more than the encoder writes for them. */
  private static int utf8Length(String text, int from, int to) {
    int bytes = 0;
    for (int i = from; i < to; ) {
      int c = text.codePointAt(i);
      bytes += utf8Length(c);
      i += Character.charCount(c);
    }
    return bytes;
  }

  private static int utf8Length(int codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  /** The longest start of {@code text} that is at most {@code maxBytes} in UTF-8. */
  static String utf8Prefix(String text, int maxBytes) {
    return text.substring(0, utf8End(text, 0, maxBytes));
  }

  /** Where the longest part of {@code text} from {@code from} of at most {@code maxBytes} ends. */
  private static int utf8End(String text, int from, int maxBytes) {
    int bytes = 0;
    int i = from;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      bytes += utf8Length(c);
      if (bytes > maxBytes) {
        break;
      }
      i += Character.charCount(c);
    }
    return i;
  }
}
