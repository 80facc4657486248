package lochat.protocol.irc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which of the tags an IRC client sent with {@code PRIVMSG}, {@code NOTICE} or {@code TAGMSG}
 * are passed on to the other clients that receive the message.
 *
 * <p>It exists because tags reach other users' terminals like text does, so they must be as
 * safe: a tag is passed on only if
 * <ul>
 *   <li>its key is a client-only key of the IRCv3 message-tags grammar: {@code +}, optionally a
 *       vendor host name (dot-separated labels of ASCII letters, digits and {@code -}) and
 *       {@code /}, then a name of ASCII letters, digits and {@code -};
 *   <li>its value is plain text: no control character (TAB, CR and LF included), formatting
 *       code, escape sequence or bidi control, i.e. {@link IrcText#clean} would leave it
 *       unchanged. A value that cleaning would change is not cleaned but its tag is dropped:
 *       tag values are data (message ids, reactions, states) that a receiver acts on, and a
 *       cleaned value would be data its sender never sent;
 *   <li>it is among the first {@value #MAX_TAGS} tags kept, and keeping it leaves the tag data
 *       (as rendered: {@code key=escaped value} joined by {@code ;}) within
 *       {@value IrcLimits#MAX_CLIENT_TAG_DATA} bytes, the client tag data limit of the spec.
 * </ul>
 * Dropping is silent, as the message-tags specification allows; order is kept.
 *
 * <p>Limits: keys are not checked against any list of known tags, and values are not checked
 * for meaning. Pure: tags in, tags out; never throws.
 */
public final class ClientTags {

  /** The most client tags passed on with one message. */
  public static final int MAX_TAGS = 16;

  private ClientTags() {}

  /** The tags of {@code tags} that are passed on, in their order (unmodifiable). */
  public static Map<String, String> forwarded(Map<String, String> tags) {
    Map<String, String> kept = new LinkedHashMap<>();
    int bytes = 0;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (kept.size() == MAX_TAGS) {
        break;
      }
      String key = tag.getKey();
      String value = tag.getValue();
      if (!isClientKey(key) || !isPlainValue(value)) {
        continue;
      }
      int size = (kept.isEmpty() ? 0 : 1) + IrcLimits.utf8Length(key)
          + (value.isEmpty() ? 0 : 1 + IrcLimits.utf8Length(IrcMessage.escapeTagValue(value)));
      if (bytes + size <= IrcLimits.MAX_CLIENT_TAG_DATA) {
        kept.put(key, value);
        bytes += size;
      }
    }
    return Collections.unmodifiableMap(kept);
  }

  /** Whether {@code key} is a client-only tag key: {@code +[vendor/]name}. */
  public static boolean isClientKey(String key) {
    if (key.length() < 2 || key.charAt(0) != '+') {
      return false;
    }
    int slash = key.indexOf('/');
    if (slash < 0) {
      return isName(key, 1, key.length());
    }
    return isHost(key, 1, slash) && isName(key, slash + 1, key.length());
  }

  /** Whether {@code value} is text that cleaning would leave as it is, with no TAB. */
  static boolean isPlainValue(String value) {
    return value.indexOf('\t') < 0 && IrcText.clean(value).equals(value);
  }

  /** One or more letters, digits and hyphens. */
  private static boolean isName(String key, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isNameChar(key.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Non-empty labels of letters, digits and hyphens, separated by dots. */
  private static boolean isHost(String key, int from, int to) {
    int label = from;
    for (int i = from; i <= to; i++) {
      if (i == to || key.charAt(i) == '.') {
        if (!isName(key, label, i)) {
          return false;
        }
        label = i + 1;
      }
    }
    return true;
  }

  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-';
  }
}
