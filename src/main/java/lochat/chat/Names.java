package lochat.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The rules for nicknames and room names, shared by every protocol so that one namespace
 * serves them all.
 *
 * <p>A name is 1 to {@value #MAX_LENGTH} ASCII letters, digits, {@code _}, {@code -} or
 * {@code .}; nicknames may also use the other characters IRC allows in them,
 * {@code [ ] \ ` ^ { | }}, so that IRC users keep the nicknames they are used to. Names compare
 * case-insensitively with ASCII case mapping; {@link #key} gives the
 * canonical form to use in maps. Room names may be written with a leading {@code #}, which is
 * not part of the name.
 */
public final class Names {

  public static final int MAX_LENGTH = 32;

  private Names() {}

  /** Why {@code nick} is not acceptable, or empty when it is. */
  public static Optional<String> nickProblem(String nick) {
    return problem("Nickname", nick, NICK_EXTRAS);
  }

  /** Why {@code room} (without a leading {@code #}) is not acceptable, or empty when it is. */
  public static Optional<String> roomProblem(String room) {
    return problem("Room name", room, "");
  }

  /** The characters a nickname may have beyond those of any name. */
  private static final String NICK_EXTRAS = "[]\\`^{|}";

  /** The room name as typed, without an IRC-style leading {@code #}. */
  public static String stripRoomPrefix(String room) {
    return room.startsWith("#") ? room.substring(1) : room;
  }

  /** The canonical, case-folded form of a nickname or room name. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static Optional<String> problem(String what, String name, String extras) {
    if (name.isEmpty()) {
      return Optional.of(what + " is empty");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(what + " is longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isNameChar(c) && extras.indexOf(c) < 0) {
        return Optional.of(what + " may only contain letters A-Z, digits, '_', '-'"
            + (extras.isEmpty() ? " and '.'" : ", '.' and " + String.join(" ", extras.split("")))
            + " (found '" + printable(c) + "')");
      }
    }
    return Optional.empty();
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_' || c == '-' || c == '.';
  }

  /** The character as a code when showing it could act on a terminal or reorder the text. */
  private static String printable(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c) || Character.isWhitespace(c)
        || type == Character.FORMAT || type == Character.SURROGATE
        ? String.format("U+%04X", (int) c)
        : String.valueOf(c);
  }
}
