package lochat.room;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lochat.chat.ChatEvent;
import lochat.chat.ModeChange;
import lochat.chat.Names;
import lochat.chat.Roles;

/**
 * Who is in a room and with what roles, as one node's {@link RoomLink} last saw it: set from each
 * {@link ChatRoom.Joined} answer, then kept up with the room's events (joins, departures, kicks,
 * renames, roles given and taken). When the room moves, it is what the link tells the room's
 * new incarnation about each member it takes back ({@link Comeback}).
 *
 * <p>Pure bookkeeping, used from the link's thread only; nicknames are matched as the chat core
 * matches them ({@link Names#key}).
 */
final class RoomRoster {

  private record Seen(String nick, Roles roles) {}

  private final Map<String, Seen> members = new LinkedHashMap<>();

  /** The room as a join's answer shows it. */
  void reset(ChatRoom.Joined joined) {
    members.clear();
    joined.members().forEach(nick -> members.put(Names.key(nick),
        new Seen(nick, joined.roles().getOrDefault(nick, Roles.NONE))));
  }

  /** Keeps up with one of the room's events; others change nothing. */
  void apply(ChatEvent event) {
    if (event instanceof ChatEvent.MemberJoined joined) {
      members.put(Names.key(joined.nick()), new Seen(joined.nick(), Roles.NONE));
    } else if (event instanceof ChatEvent.MemberLeft left) {
      members.remove(Names.key(left.nick()));
    } else if (event instanceof ChatEvent.Kicked kicked) {
      members.remove(Names.key(kicked.nick()));
    } else if (event instanceof ChatEvent.MemberRenamed renamed) {
      Seen before = members.remove(Names.key(renamed.oldNick()));
      members.put(Names.key(renamed.newNick()), new Seen(renamed.newNick(),
          before == null ? Roles.NONE : before.roles()));
    } else if (event instanceof ChatEvent.ModesChanged changed) {
      changed.changes().forEach(this::applyRole);
    }
  }

  /** What the room's next incarnation is told of {@code nick} as it takes it back. */
  Comeback comeback(String nick) {
    Seen seen = members.get(Names.key(nick));
    return new Comeback(seen == null ? Roles.NONE : seen.roles(),
        members.values().stream().map(Seen::nick).toList());
  }

  /** The members' nicknames, in the order they were seen. */
  List<String> nicks() {
    return members.values().stream().map(Seen::nick).toList();
  }

  private void applyRole(ModeChange change) {
    if (!Roles.isRole(change.mode())) {
      return;
    }
    Seen seen = members.get(Names.key(change.argument()));
    if (seen != null) {
      members.put(Names.key(seen.nick()),
          new Seen(seen.nick(), seen.roles().with(change.mode(), change.adding())));
    }
  }
}
