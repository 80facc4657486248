package lochat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Tab offers for the word being typed, as in irssi: command names after a {@code /} at
 * the start of a line, room names after {@code /join}, {@code /part}, {@code /who}, {@code
 * /bans}, {@code /mode} and a nickname in {@code /invite}, nicknames after the commands that
 * act on a user ({@code /op}, {@code /kick}, {@code /ban}, ...), and
 * nicknames everywhere else, with {@code ": "} after a nickname that starts the line. Pure: the
 * names come in, the candidates go out, matched case-insensitively by prefix.
 *
 * <p>The commands are those a Lochat server takes from native clients, including
 * {@code /away}, {@code /whois} and {@code /list}; a command the server does not know gets its
 * usual error when sent.
 */
final class Completions {

  static final List<String> COMMANDS = List.of("/away", "/ban", "/bans", "/deop", "/devoice",
      "/exit", "/help", "/history", "/invite", "/join", "/kick", "/leave", "/list", "/me",
      "/mode", "/msg", "/names", "/nick", "/op", "/part", "/pass", "/query", "/quit", "/rooms",
      "/topic", "/unban", "/voice", "/who", "/whois");

  private static final Set<String> TAKE_A_ROOM =
      Set.of("/join", "/part", "/leave", "/who", "/names", "/bans", "/mode");
  private static final Set<String> TAKE_A_NICK = Set.of("/msg", "/query", "/whois", "/op",
      "/deop", "/voice", "/devoice", "/kick", "/invite", "/ban", "/unban");
  private static final Set<String> TAKE_NO_NAME = Set.of("/nick", "/pass");

  private Completions() {}

  /**
   * The candidates for {@code word}, the word under the cursor.
   *
   * @param before the words of the line before it
   * @param nicks the nicknames to offer, in the order to offer them
   * @param rooms the room names to offer
   */
  static List<String> candidates(
      List<String> before, String word, List<String> nicks, List<String> rooms) {
    String command = before.isEmpty() ? "" : before.get(0).toLowerCase(Locale.ROOT);
    if (before.isEmpty() && word.startsWith("/")) {
      return matching(COMMANDS, word, "", "");
    }
    if (before.size() == 1 && TAKE_A_ROOM.contains(command)) {
      return word.startsWith("#")
          ? matching(rooms, word.substring(1), "#", "")
          : matching(rooms, word, "", "");
    }
    if (before.size() == 1 && TAKE_A_NICK.contains(command)) {
      return matching(nicks, word, "", "");
    }
    if (before.size() == 2 && command.equals("/invite")) {
      return matching(rooms, word.startsWith("#") ? word.substring(1) : word,
          word.startsWith("#") ? "#" : "", "");
    }
    if (TAKE_NO_NAME.contains(command)) {
      return List.of();
    }
    return matching(nicks, word, "", before.isEmpty() ? ":" : "");
  }

  private static List<String> matching(
      List<String> names, String prefix, String before, String after) {
    String lower = prefix.toLowerCase(Locale.ROOT);
    List<String> found = new ArrayList<>();
    for (String name : names) {
      if (name.toLowerCase(Locale.ROOT).startsWith(lower)) {
        found.add(before + name + after);
      }
    }
    return found;
  }
}
