package lochat.irc;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lochat.chat.Names;

/**
 * Who an IRC client believes is in each of its channels, kept so that it hears of a user's quit
 * or nickname change once, as IRC clients expect, although every room the user was in reports
 * it.
 *
 * <p>A quit or rename is relayed when the first room reports it, and applied to every channel
 * at once; the reports of the other rooms then find the old nickname gone and are dropped. It
 * also knows each member's user name, for the {@code nick!user@host} of their messages, and
 * which channels are secret, for NAMES. Pure
 * bookkeeping, owned by one session.
 */
final class ChannelView {

  /** A member as this client knows it. */
  private record Member(String nick, String user) {}

  /** Room key to (nickname key to member). */
  private final Map<String, Map<String, Member>> channels = new HashMap<>();
  /** Keys of the channels that are secret ({@code +s}), for NAMES. */
  private final Set<String> secret = new HashSet<>();

  /** This client joined {@code room}; {@code userNames} gives members' user names by nick. */
  void joined(String room, List<String> nicks, Map<String, String> userNames) {
    Map<String, Member> members = new LinkedHashMap<>();
    for (String nick : nicks) {
      members.put(Names.key(nick), new Member(nick, userNames.getOrDefault(nick, nick)));
    }
    channels.put(Names.key(room), members);
  }

  /** The user name of {@code nick}, if it shares a channel with this client. */
  Optional<String> userName(String nick) {
    String key = Names.key(nick);
    for (Map<String, Member> members : channels.values()) {
      Member member = members.get(key);
      if (member != null) {
        return Optional.of(member.user());
      }
    }
    return Optional.empty();
  }

  /** This client left {@code room}. */
  void left(String room) {
    channels.remove(Names.key(room));
    secret.remove(Names.key(room));
  }

  /** Whether {@code room}, which this client is in, is secret. */
  void secret(String room, boolean isSecret) {
    if (!isSecret) {
      secret.remove(Names.key(room));
    } else if (channels.containsKey(Names.key(room))) {
      secret.add(Names.key(room));
    }
  }

  boolean isSecret(String room) {
    return secret.contains(Names.key(room));
  }

  void memberJoined(String room, String nick, String user) {
    Map<String, Member> members = channels.get(Names.key(room));
    if (members != null) {
      members.put(Names.key(nick), new Member(nick, user));
    }
  }

  /** Removes {@code nick} from {@code room}; whether it was there. */
  boolean memberParted(String room, String nick) {
    Map<String, Member> members = channels.get(Names.key(room));
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
    for (Map<String, Member> members : channels.values()) {
      members.remove(Names.key(nick));
    }
    return true;
  }

  /**
   * Renames {@code oldNick} in every channel if {@code room} still lists it under that name:
   * whether the change is news to this client.
   */
  boolean renamed(String room, String oldNick, String newNick) {
    Map<String, Member> members = channels.get(Names.key(room));
    Member member = members == null ? null : members.get(Names.key(oldNick));
    // Compared as spelled: after a case-only rename the key is the same, the spelling is not.
    if (member == null || !oldNick.equals(member.nick())) {
      return false;
    }
    renamedEverywhere(oldNick, newNick);
    return true;
  }

  /** Renames {@code oldNick} in every channel that lists it, e.g. this client itself. */
  void renamedEverywhere(String oldNick, String newNick) {
    for (Map<String, Member> channel : channels.values()) {
      Member member = channel.remove(Names.key(oldNick));
      if (member != null) {
        channel.put(Names.key(newNick), new Member(newNick, member.user()));
      }
    }
  }
}
