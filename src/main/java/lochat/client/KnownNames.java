package lochat.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lochat.chat.Names;

/**
 * The nicknames and rooms the client has seen, for Tab completion: the members of rooms from
 * {@code WHO} (without their {@code @} and {@code +}), {@code JOINED}, {@code LEFT},
 * {@code KICKED} and {@code RENAMED} lines, whoever posts or writes
 * privately, and room names from {@code WHO}, {@code JOINED} and {@code ROOMS}. Recent speakers
 * come first, as in irssi. It knows only what the server has shown this client: a user who is
 * online but has never shared a room with it, nor written to it, is not offered.
 *
 * <p>Followed from the connection's thread and read from the terminal's; every method is
 * synchronized.
 */
final class KnownNames {

  /** What completion offers: nicknames, most recent speaker first, and room names. */
  record Snapshot(List<String> nicks, List<String> rooms) {}

  /** Room key to its members, key to nickname as spelled. */
  private final Map<String, Map<String, String>> members = new HashMap<>();
  private final Map<String, String> rooms = new TreeMap<>();
  /** Speakers and correspondents, key to nickname, the most recent last. */
  private final Map<String, String> recent = new LinkedHashMap<>();

  /** Learns from one line the server sent to the user called {@code ownNick} (null before). */
  synchronized void follow(ServerLine line, String ownNick) {
    switch (line.kind()) {
      case "WHO" -> {
        Map<String, String> present = new LinkedHashMap<>();
        for (String word : line.rest(1).split(" ")) {
          String nick = withoutRolePrefixes(word);
          if (!nick.isEmpty()) {
            present.put(Names.key(nick), nick);
          }
        }
        members.put(room(line.field(0)), present);
      }
      case "JOINED" -> membersOf(line.field(0)).put(Names.key(line.field(1)), line.field(1));
      case "LEFT" -> left(line.field(0), line.field(1), ownNick);
      case "KICKED" -> left(line.field(0), line.field(2), ownNick);
      case "INVITED" -> room(line.field(0));
      case "RENAMED" -> renamed(line.field(0), line.field(1), line.field(2));
      case "MSG", "ACTION" -> {
        membersOf(line.field(0)).put(Names.key(line.field(1)), line.field(1));
        spoke(line.field(1));
      }
      case "PRIV", "PRIVACTION" -> spoke(
          line.field(0).equalsIgnoreCase(ownNick == null ? "" : ownNick)
              ? line.field(1) : line.field(0));
      case "ROOMS" -> {
        for (String entry : line.body().split(" ")) {
          int colon = entry.lastIndexOf(':');
          if (colon > 0) {
            room(entry.substring(0, colon));
          }
        }
      }
      default -> {
        return;
      }
    }
  }

  /** A nickname as {@code WHO} lists it, without the {@code @} and {@code +} of its roles. */
  private static String withoutRolePrefixes(String word) {
    int start = 0;
    while (start < word.length() && (word.charAt(start) == '@' || word.charAt(start) == '+')) {
      start++;
    }
    return word.substring(start);
  }

  /** The names to complete from, leaving out the user's own nickname. */
  synchronized Snapshot snapshot(String ownNick) {
    Map<String, String> nicks = new LinkedHashMap<>();
    List<String> speakers = new ArrayList<>(recent.keySet());
    for (int i = speakers.size() - 1; i >= 0; i--) {
      nicks.put(speakers.get(i), recent.get(speakers.get(i)));
    }
    Map<String, String> others = new TreeMap<>();
    members.values().forEach(others::putAll);
    others.forEach(nicks::putIfAbsent);
    if (ownNick != null) {
      nicks.remove(Names.key(ownNick));
    }
    return new Snapshot(List.copyOf(nicks.values()), List.copyOf(rooms.values()));
  }

  private String room(String room) {
    String key = Names.key(room);
    rooms.putIfAbsent(key, room);
    return key;
  }

  private Map<String, String> membersOf(String room) {
    return members.computeIfAbsent(room(room), key -> new LinkedHashMap<>());
  }

  private void spoke(String nick) {
    String key = Names.key(nick);
    recent.remove(key);
    recent.put(key, nick);
  }

  private void left(String room, String nick, String ownNick) {
    String roomKey = Names.key(room);
    if (nick.equalsIgnoreCase(ownNick == null ? "" : ownNick)) {
      members.remove(roomKey);
      return;
    }
    Map<String, String> present = members.get(roomKey);
    if (present != null) {
      present.remove(Names.key(nick));
    }
    if (members.values().stream().noneMatch(m -> m.containsKey(Names.key(nick)))) {
      recent.remove(Names.key(nick));
    }
  }

  private void renamed(String room, String from, String to) {
    Map<String, String> present = members.get(Names.key(room));
    if (present != null && present.remove(Names.key(from)) != null) {
      present.put(Names.key(to), to);
    }
    if (recent.remove(Names.key(from)) != null) {
      recent.put(Names.key(to), to);
    }
  }
}
