package lochat.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The rules for nicknames and room names, shared by every protocol so that one namespace
 * serves them all.
 *
 * <p>A nickname follows IRC's rule (RFC 2812 section 2.3.1, as modern IRC servers apply it),
 * whatever protocol chose it, so that IRC clients can carry every nickname they are shown: 1 to
 * {@value #MAX_LENGTH} ({@code NICKLEN}) ASCII letters, digits, {@code -} and the IRC specials
 * {@code [ ] \ ` _ ^ { | }}, not starting with a digit or {@code -}. {@link #NICK_RULE} says
 * so in words. A room name is 1 to {@value #MAX_LENGTH} ASCII letters, digits, {@code _},
 * {@code -} or {@code .}, and may be written with a leading {@code #}, which is not part of the
 * name (on IRC the channel name is one longer: {@code CHANNELLEN}). Names compare
 * case-insensitively with ASCII case mapping (the specials do not fold); {@link #key} gives the
 * canonical form to use in maps. Limits: no non-ASCII letters, and IRC's longer-standing
 * nine-character limit is not kept.
 */
public final class Names {

  /** The longest nickname or room name ({@code NICKLEN} on IRC). */
  public static final int MAX_LENGTH = 32;

  /** The nickname rule in words, for prompts and errors: what {@link #nickProblem} accepts. */
  public static final String NICK_RULE = "1-" + MAX_LENGTH
      + " letters, digits and _ - [ ] \\ ` ^ { | }, not starting with a digit or -";

  /** The characters IRC calls special: allowed anywhere in a nickname. */
  private static final String NICK_SPECIALS = "[]\\`_^{|}";

  private Names() {}

  /** Why {@code nick} is not acceptable, or empty when it is. */
  public static Optional<String> nickProblem(String nick) {
    Optional<String> problem = lengthProblem("Nickname", nick);
    if (problem.isPresent()) {
      return problem;
    }
    for (int i = 0; i < nick.length(); i++) {
      char c = nick.charAt(i);
      if (!isLetterOrDigit(c) && c != '-' && NICK_SPECIALS.indexOf(c) < 0) {
        return Optional.of("Nickname may only contain letters A-Z, digits and"
            + " _ - [ ] \\ ` ^ { | } (found '" + printable(c) + "')");
      }
    }
    char first = nick.charAt(0);
    if (first == '-' || (first >= '0' && first <= '9')) {
      return Optional.of("Nickname may not start with a digit or '-'");
    }
    return Optional.empty();
  }

  /** Why {@code room} (without a leading {@code #}) is not acceptable, or empty when it is. */
  public static Optional<String> roomProblem(String room) {
    Optional<String> problem = lengthProblem("Room name", room);
    if (problem.isPresent()) {
      return problem;
    }
    for (int i = 0; i < room.length(); i++) {
      char c = room.charAt(i);
      if (!isLetterOrDigit(c) && c != '_' && c != '-' && c != '.') {
        return Optional.of("Room name may only contain letters A-Z, digits, '_', '-' and '.'"
            + " (found '" + printable(c) + "')");
      }
    }
    return Optional.empty();
  }

  /** The room name as typed, without an IRC-style leading {@code #}. */
  public static String stripRoomPrefix(String room) {
    return room.startsWith("#") ? room.substring(1) : room;
  }

  /** The canonical, case-folded form of a nickname or room name. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private static Optional<String> lengthProblem(String what, String name) {
    if (name.isEmpty()) {
      return Optional.of(what + " is empty");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of(what + " is longer than " + MAX_LENGTH + " characters");
    }
    return Optional.empty();
  }

  private static boolean isLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
