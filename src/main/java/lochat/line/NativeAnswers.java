package lochat.line;

import lochat.chat.RoomInfo;
import lochat.connection.SessionLifecycle;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.NativeReplies;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomRequest;

/**
 * How a native session shows the registry's and the rooms' answers that end a line as they
 * come: who is away, who someone is, the rooms, a private message's receipt, a topic, a
 * refusal. Part of {@link NativeSession}, kept apart for its size; the session acknowledges
 * the line after each.
 */
final class NativeAnswers {

  private final SessionLifecycle session;
  private final NativeReplies render;

  NativeAnswers(SessionLifecycle session, NativeReplies render) {
    this.session = session;
    this.render = render;
  }

  /** After {@code WHO}: who of its members is away. */
  void away(Registry.Users users) {
    for (Registry.UserDetails user : users.users()) {
      user.away().ifPresent(away -> session.send(render.away(user.nick(), away)));
    }
  }

  void whois(Registry.UserResult result) {
    if (result instanceof Registry.UserDetails user) {
      session.send(render.whois(user.nick(), user.profile().protocol(), user.rooms(),
          user.profile().realName(), user.operator()));
      user.away().ifPresent(away -> session.send(render.away(user.nick(), away)));
    } else {
      session.send(render.error(ErrorCode.NO_SUCH_USER,
          "Nobody called " + ((Registry.NoSuchNick) result).nick() + " is online"));
    }
  }

  /** The rooms, each on a line of its own with its topic first when {@code listing}. */
  void rooms(Registry.RoomList list, boolean listing) {
    if (listing) {
      for (RoomInfo room : list.rooms()) {
        session.send(render.room(room));
      }
    }
    session.send(render.rooms(list.rooms()));
  }

  void privateMessage(Registry.PrivateResult result) {
    if (result instanceof Registry.PrivateDelivered delivered) {
      session.send(render.event(delivered.message()));
      delivered.targetAway().ifPresent(away -> session.send(render.server(
          delivered.message().to() + " is away: " + away)));
    } else {
      session.send(render.error(ErrorCode.NO_SUCH_USER,
          "Nobody called " + ((Registry.NoSuchRecipient) result).nick() + " is online"));
    }
  }

  void topic(ChatRoom.TopicIs answer) {
    session.send(answer.topic().map(topic -> render.topic(answer.room(), topic))
        .orElse(render.noTopic(answer.room())));
  }

  /** A room's refusal, or that there is no such room. */
  void refusal(RoomRequest.Reply reply) {
    session.send(reply instanceof RoomRequest.Refused refused
        ? render.refused(refused.reason(), refused.room(), refused.subject())
        : noSuchRoom(((ChatRoom.NoSuchRoom) reply).room()));
  }

  /**
   * The {@code ERROR} line for a nickname the registry did not give; {@code advice} ends the
   * words for one in use (as "; choose another" at sign-in).
   */
  static String nickRefused(NativeReplies render, Registry.NickResult refused, String advice) {
    return refused instanceof Registry.NickUnavailable unavailable
        ? render.error(ErrorCode.NICK_UNAVAILABLE, unavailable.reason())
        : render.error(ErrorCode.NICK_TAKEN, "Nickname "
            + ((Registry.NickTaken) refused).nick() + " is already in use" + advice);
  }

  String noSuchRoom(String room) {
    return render.error(ErrorCode.NO_SUCH_ROOM, "There is no room " + room);
  }
}
