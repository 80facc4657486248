package lochat.irc;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import lochat.chat.ChatEvent;
import lochat.chat.ModeChange;
import lochat.chat.ModeChanges;
import lochat.chat.Names;
import lochat.chat.RoomRefusal;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcNames;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomRequest;

/**
 * Running a channel from IRC: channel MODE (asking for the modes and lists, changing them and
 * members' roles), KICK, INVITE and setting the topic, all asked of the room through the
 * registry, so that whoever may (a room operator, or a server operator from outside) can; and
 * how the room's answers and its moderation events look to the client.
 *
 * <p>Each request's line ends with the room's last answer to it ({@link AwaitedReplies#awaitRoom}):
 * its reply, or the event that shows it done (the KICK, the TOPIC). A mode change may be
 * answered by several refusals or none, so it is followed by a request for the modes, whose
 * answer, not shown, ends it. What was done is shown to every member as the room's event
 * ({@code MODE}, {@code KICK}), the one who asked included.
 */
final class RoomModeration {

  private RoomModeration() {}

  /** {@code MODE #channel [modes [arguments]]}. */
  static void mode(IrcClient client, String channel, String modes, List<String> arguments) {
    Optional<String> room = IrcNames.room(channel);
    if (room.isEmpty()) {
      client.noSuchChannel(channel);
      return;
    }
    if (modes.isEmpty()) {
      ask(client, room.get(), new RoomRequest.GetModes(client.session.replies().room()));
      client.awaited.awaitRoom(room.get(), replied(client, channel, RoomRequest.ModesAre.class,
          are -> client.sendAll(client.rooms.modesAre(client.nick(),
              IrcNames.channel(are.room()), are.modes(), are.showKey(), are.created()))));
      return;
    }
    ModeChanges.Parsed parsed = ModeChanges.parse(modes, arguments);
    for (char unknown : parsed.unknown()) {
      client.send(client.rooms.unknownMode(client.nick(), unknown, channel));
    }
    if (!parsed.changes().isEmpty()) {
      ask(client, room.get(), new RoomRequest.ChangeModes(parsed.changes(),
          client.session.replies().room()));
      ask(client, room.get(), new RoomRequest.GetModes(client.session.replies().room()));
      client.awaited.awaitRoom(room.get(), new ModesChanging(client, channel, parsed.changes()));
    }
    for (char list : parsed.listQueries()) {
      ask(client, room.get(), new RoomRequest.GetList(list, client.session.replies().room()));
      client.awaited.awaitRoom(room.get(), replied(client, channel, RoomRequest.ListIs.class,
          listIs -> client.sendAll(client.rooms.list(client.nick(),
              IrcNames.channel(listIs.room()), listIs.list(), listIs.entries()))));
    }
  }

  /**
   * The answers to a mode change: the room's refusals, shown as they come, then the modes
   * asked for after it, which end it. A room that does not exist answers both requests with
   * {@link ChatRoom.NoSuchRoom}; the first is shown, the second ends it.
   */
  private static final class ModesChanging implements AwaitedReplies.RoomAnswer {

    private final IrcClient client;
    private final String channel;
    private final List<ModeChange> changes;
    private boolean noSuchRoom;

    ModesChanging(IrcClient client, String channel, List<ModeChange> changes) {
      this.client = client;
      this.channel = channel;
      this.changes = changes;
    }

    @Override
    public boolean ends(Object answer) {
      if (answer instanceof RoomRequest.ModesAre) {
        return true;
      }
      if (answer instanceof ChatRoom.NoSuchRoom) {
        if (noSuchRoom) {
          return true;
        }
        noSuchRoom = true;
      }
      if (answer instanceof RoomRequest.Reply reply) {
        refused(client, channel, reply, changes);
      }
      return false;
    }
  }

  /** {@code KICK #channel nick[,nick...] [:reason]}: one request per nickname. */
  static void kick(IrcClient client, IrcCommand.Kick kick) {
    Optional<String> room = IrcNames.room(kick.channel());
    if (room.isEmpty()) {
      client.noSuchChannel(kick.channel());
      return;
    }
    for (String nick : client.targets(kick.nicks(), true)) {
      ask(client, room.get(), new RoomRequest.Kick(nick, kick.reason().orElse(""),
          client.session.replies().room()));
      client.awaited.awaitRoom(room.get(), shownOrRefused(client, kick.channel(),
          event -> event instanceof ChatEvent.Kicked kicked
              && kicked.by().equals(client.nick())
              && Names.key(kicked.nick()).equals(Names.key(nick))));
    }
  }

  /** {@code INVITE nick #channel}. */
  static void invite(IrcClient client, IrcCommand.Invite invite) {
    Optional<String> room = IrcNames.room(invite.channel());
    if (room.isEmpty()) {
      client.noSuchChannel(invite.channel());
      return;
    }
    client.session.registry().tell(new Registry.InviteTo(room.get(),
        invite.nick(), client.session.chatAddress(), client.session.replies().room()));
    client.awaited.awaitRoom(room.get(), replied(client, invite.channel(),
        RoomRequest.InviteSent.class, sent -> client.send(client.rooms.inviting(client.nick(),
            sent.nick(), IrcNames.channel(sent.room())))));
  }

  /** {@code TOPIC #channel :text}, which ends with the room's TOPIC or its refusal. */
  static void changeTopic(IrcClient client, String channel, String text) {
    Optional<String> room = IrcNames.room(channel);
    if (room.isEmpty()) {
      client.noSuchChannel(channel);
      return;
    }
    ask(client, room.get(), new RoomRequest.ChangeTopic(text, client.session.replies().room()));
    client.awaited.awaitRoom(room.get(), shownOrRefused(client, channel,
        event -> event instanceof ChatEvent.TopicChanged changed
            && changed.by().equals(client.nick())));
  }

  /**
   * The answer to a request the room answers with one reply: shown by {@code show} when it is
   * a {@code type}, as a refusal otherwise. The room's events do not end it.
   */
  private static <R extends RoomRequest.Reply> AwaitedReplies.RoomAnswer replied(
      IrcClient client, String channel, Class<R> type, Consumer<R> show) {
    return answer -> {
      if (type.isInstance(answer)) {
        show.accept(type.cast(answer));
      } else if (answer instanceof RoomRequest.Reply reply) {
        refused(client, channel, reply, List.of());
      } else {
        return false;
      }
      return true;
    };
  }

  /**
   * The answer to a request the room shows done as an event to its members (a KICK, a TOPIC):
   * that event, which is shown as every event is, or a refusal, shown here.
   */
  private static AwaitedReplies.RoomAnswer shownOrRefused(IrcClient client, String channel,
      Predicate<ChatEvent> done) {
    return answer -> {
      if (answer instanceof ChatEvent event) {
        return done.test(event);
      }
      if (answer instanceof RoomRequest.Reply reply) {
        refused(client, channel, reply, List.of());
      }
      return true;
    };
  }

  /** A room's reply to this session's request: to the request that awaits it. */
  static void replied(IrcClient client, RoomRequest.Reply reply) {
    if (reply instanceof RoomRequest.Shown shown) {
      IrcEventView.shownAsOutsider(client, shown.event());
      return;
    }
    if (!client.awaited.roomAnswered(reply.room(), reply)) {
      client.log.warn("A reply from room {} that no request awaited: {}", reply.room(), reply);
    }
  }

  /** Shows a moderation event of a room: a mode change or a kick. */
  static void show(IrcClient client, ChatEvent event) {
    if (event instanceof ChatEvent.ModesChanged changed) {
      for (ModeChange change : changed.changes()) {
        if (change.mode() == 's') {
          client.channels.secret(changed.room(), change.adding());
        }
      }
      client.sendAll(client.rooms.modesChanged(changed.by(), client.userNameOf(changed.by()),
          IrcNames.channel(changed.room()), changed.changes()));
    } else if (event instanceof ChatEvent.Kicked kicked) {
      client.send(client.rooms.kicked(kicked.by(), client.userNameOf(kicked.by()),
          IrcNames.channel(kicked.room()), kicked.nick(), kicked.reason()));
      if (Names.key(kicked.nick()).equals(Names.key(client.nick()))) {
        client.session.part(kicked.room(), "kicked");
        client.channels.left(kicked.room());
      } else {
        client.channels.memberParted(kicked.room(), kicked.nick());
      }
    } else if (event instanceof ChatEvent.Invited invited) {
      client.send(client.rooms.invited(invited.by(), client.userNameOf(invited.by()),
          client.nick(), IrcNames.channel(invited.room())));
    }
  }

  /** Whether {@code event} is a room's mode change or kick, shown even to a non-member who did it. */
  static boolean isModeration(ChatEvent event) {
    return event instanceof ChatEvent.ModesChanged || event instanceof ChatEvent.Kicked;
  }

  private static void ask(IrcClient client, String room, RoomRequest request) {
    client.session.registry().tell(new Registry.ForRoom(room,
        client.session.chatAddress(), request));
  }

  /** Shows a refusal (or "no such channel"); {@code changes} tell a refused mode's letter. */
  private static void refused(IrcClient client, String channel, RoomRequest.Reply reply,
      List<ModeChange> changes) {
    if (reply instanceof ChatRoom.NoSuchRoom) {
      client.noSuchChannel(channel);
    } else if (reply instanceof RoomRequest.Refused refused) {
      client.send(client.rooms.refused(client.nick(), IrcNames.channel(refused.room()),
          refused.reason(), refused.subject(), modeOf(refused, changes)));
    }
  }

  /** The letter of the list change a refusal is about, or 0. */
  private static char modeOf(RoomRequest.Refused refused, List<ModeChange> changes) {
    if (refused.reason() != RoomRefusal.LIST_FULL && refused.reason() != RoomRefusal.INVALID_MASK) {
      return 0;
    }
    for (ModeChange change : changes) {
      if (ModeChanges.LISTS.indexOf(change.mode()) >= 0
          && (change.argument().equals(refused.subject())
              || ModeChanges.fullMask(change.argument()).equalsIgnoreCase(refused.subject()))) {
        return change.mode();
      }
    }
    return 0;
  }
}
