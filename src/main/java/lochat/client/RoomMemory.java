package lochat.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rooms the user is in and the current one, as the server's lines show them, so that the
 * client can take them back after it signed in again on another node: it joins them again, the
 * current one last so that it is current again, and leaves the default room the server put it in
 * if the user was not in it. Pure; not thread-safe.
 *
 * <p>Limits: a room with a key is joined again without it, and refused; names are compared in
 * ASCII case, as the server compares them.
 */
final class RoomMemory {

  private final Map<String, String> rooms = new LinkedHashMap<>();
  private String current;
  private Map<String, String> restoring;
  /** While some are not back yet, the rooms to take back, and the one to be current. */
  private final Map<String, String> awaited = new LinkedHashMap<>();
  private String awaitedCurrent;

  /** Follows {@code line} for a user called {@code ownNick}. */
  void seen(ServerLine line, String ownNick) {
    switch (line.kind()) {
      case "JOINED" -> {
        if (line.field(1).equals(ownNick)) {
          rooms.put(key(line.field(0)), line.field(0));
          current = line.field(0);
          if (rooms.keySet().containsAll(awaited.keySet())) {
            awaited.clear();
          }
        }
      }
      case "OK" -> {
        if (line.field(0).equals("current")) {
          current = line.field(1);
        }
      }
      case "LEFT" -> {
        if (line.field(1).equals(ownNick)) {
          left(line.field(0));
        }
      }
      case "KICKED" -> {
        if (line.field(2).equals(ownNick)) {
          left(line.field(0));
        }
      }
      default -> { }
    }
  }

  /** The current room, or null. */
  String current() {
    return current;
  }

  /**
   * Signed in again, on a connection where the server knows none of this: the lines that take
   * the rooms back, the current room last. The rooms are remembered as they were until they are
   * back, also across a connection lost again before they all were.
   */
  List<String> restore() {
    restoring = new LinkedHashMap<>(awaited);
    restoring.putAll(rooms);
    String wasCurrent = awaited.isEmpty() ? current : awaitedCurrent;
    awaited.clear();
    awaited.putAll(restoring);
    awaitedCurrent = wasCurrent;
    rooms.clear();
    current = null;
    List<String> lines = new ArrayList<>();
    restoring.forEach((key, name) -> {
      if (wasCurrent == null || !key.equals(key(wasCurrent))) {
        lines.add("/join " + name);
      }
    });
    if (wasCurrent != null && restoring.containsKey(key(wasCurrent))) {
      lines.add("/join " + wasCurrent);
    }
    return lines;
  }

  /**
   * While restoring, the line that leaves the room the server put the user in by itself (its
   * default room, the first room joined after signing in) if the user was not in it; else null.
   * Call it before {@link #seen} with each line.
   */
  String unwanted(ServerLine line, String ownNick) {
    if (restoring == null || !line.kind().equals("JOINED") || !line.field(1).equals(ownNick)) {
      return null;
    }
    boolean wanted = restoring.containsKey(key(line.field(0)));
    restoring = null;
    return wanted ? null : "/part " + line.field(0);
  }

  private void left(String room) {
    rooms.remove(key(room));
    awaited.remove(key(room));
    if (current != null && key(current).equals(key(room))) {
      current = null;
    }
  }

  private static String key(String room) {
    return room.toLowerCase(Locale.ROOT);
  }
}
