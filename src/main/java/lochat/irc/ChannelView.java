package lochat.irc;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lochat.chat.Names;

/**
 * Who an IRC client believes is in each of its channels, kept so that it hears of a user's quit
 * or nickname change once, as IRC clients expect, although every room the user was in reports
 * it.
 *
 * <p>A quit or rename is relayed when the first room reports it, and applied to every channel
 * at once; the reports of the other rooms then find the old nickname gone and are dropped. Pure
 * bookkeeping, owned by one session.
 */
final class ChannelView {

  /** Room key to (nickname key to nickname). */
  private final Map<String, Map<String, String>> channels = new HashMap<>();

  /** This client joined {@code room}, whose members are {@code nicks}. */
  void joined(String room, List<String> nicks) {
    Map<String, String> members = new LinkedHashMap<>();
    for (String nick : nicks) {
      members.put(Names.key(nick), nick);
    }
    channels.put(Names.key(room), members);
  }

  /** This client left {@code room}. */
  void left(String room) {
    channels.remove(Names.key(room));
  }

  void memberJoined(String room, String nick) {
    Map<String, String> members = channels.get(Names.key(room));
    if (members != null) {
      members.put(Names.key(nick), nick);
    }
  }

  /** Removes {@code nick} from {@code room}; whether it was there. */
  boolean memberParted(String room, String nick) {
    Map<String, String> members = channels.get(Names.key(room));
    return members != null && members.remove(Names.key(nick)) != null;
  }

  /**
   * Removes {@code nick} from every channel if {@code room} still lists it: whether the quit is
   * news to this client.
   */
  boolean memberQuit(String room, String nick) {
    if (!memberParted(room, nick)) {
      return false;
    }
    for (Map<String, String> members : channels.values()) {
      members.remove(Names.key(nick));
    }
    return true;
  }

  /**
   * Renames {@code oldNick} in every channel if {@code room} still lists it under that name:
   * whether the change is news to this client.
   */
  boolean renamed(String room, String oldNick, String newNick) {
    Map<String, String> members = channels.get(Names.key(room));
    // Compared as spelled: after a case-only rename the key is the same, the spelling is not.
    if (members == null || !oldNick.equals(members.get(Names.key(oldNick)))) {
      return false;
    }
    renamedEverywhere(oldNick, newNick);
    return true;
  }

  /** Renames {@code oldNick} in every channel that lists it, e.g. this client itself. */
  void renamedEverywhere(String oldNick, String newNick) {
    for (Map<String, String> channel : channels.values()) {
      if (channel.remove(Names.key(oldNick)) != null) {
        channel.put(Names.key(newNick), newNick);
      }
    }
  }
}
