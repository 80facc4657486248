package lochat.client;

import lochat.protocol.TextSanitizer;

/**
 * When the client calls the user back to the terminal, and the escapes it does it with: the
 * bell, and a window title marked with the number of lines waiting for the user, as irssi users
 * get from their terminal or screen. A line calls when someone else writes to the user privately
 * or mentions the user's nickname in a room, as it happens: replayed history never calls. Pure;
 * only the terminal console writes these, never a pipe.
 *
 * <p>The title escape is OSC 0, which sets the icon name and window title in xterm and its
 * descendants; the title stack (XTWINOPS 22 and 23) keeps the user's own title to give back at
 * the end. Terminals that know neither ignore them.
 */
final class Alerts {

  static final String BELL = "\u0007";
  /** Saves the window title on the terminal's title stack. */
  static final String SAVE_TITLE = "\u001b[22;0t";
  /** Restores the window title saved by {@link #SAVE_TITLE}. */
  static final String RESTORE_TITLE = "\u001b[23;0t";

  private Alerts() {}

  /** Whether {@code line} calls for the attention of the user called {@code ownNick}. */
  static boolean calls(ServerLine line, String ownNick) {
    if (ownNick == null) {
      return false;
    }
    return switch (line.kind()) {
      case "PRIV", "PRIVACTION" -> line.field(1).equalsIgnoreCase(ownNick)
          && !line.field(0).equalsIgnoreCase(ownNick);
      case "MSG", "ACTION" -> Mentions.mentions(line.rest(2), line.field(1), ownNick);
      default -> false;
    };
  }

  /** The escape that sets the window title to {@code text}, cleaned of what could end it early. */
  static String title(String text) {
    return "\u001b]0;" + TextSanitizer.clean(text) + BELL;
  }

  /** The title while {@code waiting} lines call for the user ({@code 0}: none). */
  static String titleText(String ownNick, int waiting) {
    String name = "lochat" + (ownNick == null ? "" : ": " + ownNick);
    return waiting == 0 ? name : "(" + waiting + ") " + name;
  }
}
