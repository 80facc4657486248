package lochat.protocol.irc;

import java.util.Optional;
import lochat.chat.Names;

/**
 * How Lochat's names look on IRC: rooms are channels with a {@code #} in front, and nicknames
 * are Lochat's own, which follow RFC 2812.
 *
 * <p>One namespace and one nickname rule ({@link Names#nickProblem}) serve every protocol, so
 * that every nickname an IRC client is shown is one it could have chosen itself, and
 * {@code NICKLEN} is {@link Names#MAX_LENGTH}.
 */
public final class IrcNames {

  /** The one channel type Lochat has ({@code CHANTYPES}). */
  public static final char CHANNEL_PREFIX = '#';

  private IrcNames() {}

  /** Why {@code nick} may not be chosen over IRC, or empty when it may: {@link Names}' rule. */
  public static Optional<String> nickProblem(String nick) {
    return Names.nickProblem(nick);
  }

  /** The longest user name kept ({@code USERLEN}). */
  public static final int MAX_USER_NAME = 16;

  /**
   * The user name to show for what a client gave with {@code USER}: the characters that may
   * stand in a {@code nick!user@host} mask (ASCII letters, digits and {@code _ - . ~ [ ] \ ` ^
   * { | }}), at most {@value #MAX_USER_NAME} of them; empty if none is left. Formatting codes
   * and escape sequences go whole first ({@link IrcText#clean}), so that {@code ESC [2Jbob}
   * leaves {@code bob}, not {@code [2Jbob}.
   */
  public static Optional<String> userName(String given) {
    String text = IrcText.clean(given);
    StringBuilder user = new StringBuilder();
    for (int i = 0; i < text.length() && user.length() < MAX_USER_NAME; i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "_-.~[]\\`^{|}".indexOf(c) >= 0) {
        user.append(c);
      }
    }
    return user.length() == 0 ? Optional.empty() : Optional.of(user.toString());
  }

  /** Whether {@code target} names a channel rather than a nickname. */
  public static boolean isChannel(String target) {
    return !target.isEmpty() && target.charAt(0) == CHANNEL_PREFIX;
  }

  /** The room a channel name stands for, or empty when it is no valid channel name. */
  public static Optional<String> room(String channel) {
    if (!isChannel(channel)) {
      return Optional.empty();
    }
    String room = channel.substring(1);
    return Names.roomProblem(room).isPresent() ? Optional.empty() : Optional.of(room);
  }

  /** The channel name of a room. */
  public static String channel(String room) {
    return CHANNEL_PREFIX + room;
  }
}
