package lochat.line;

import lochat.chat.RoomInfo;
import lochat.connection.SessionLifecycle;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineRenderer;
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

  private NativeAnswers() {}

  /** After {@code WHO}: who of its members is away. */
  static void away(SessionLifecycle session, Registry.Users users) {
    for (Registry.UserDetails user : users.users()) {
      user.away().ifPresent(away -> session.send(LineRenderer.away(user.nick(), away)));
    }
  }

  static void whois(SessionLifecycle session, Registry.UserResult result) {
    if (result instanceof Registry.UserDetails user) {
      session.send(LineRenderer.whois(user.nick(), user.profile().protocol(), user.rooms(),
          user.profile().realName(), user.operator()));
      user.away().ifPresent(away -> session.send(LineRenderer.away(user.nick(), away)));
    } else {
      session.send(LineRenderer.error(ErrorCode.NO_SUCH_USER,
          "Nobody called " + ((Registry.NoSuchNick) result).nick() + " is online"));
    }
  }

  /** The rooms, each on a line of its own with its topic first when {@code listing}. */
  static void rooms(SessionLifecycle session, Registry.RoomList list, boolean listing) {
    if (listing) {
      for (RoomInfo room : list.rooms()) {
        session.send(LineRenderer.room(room));
      }
    }
    session.send(LineRenderer.rooms(list.rooms()));
  }

  static void privateMessage(SessionLifecycle session, Registry.PrivateResult result) {
    if (result instanceof Registry.PrivateDelivered delivered) {
      session.send(LineRenderer.event(delivered.message()));
      delivered.targetAway().ifPresent(away -> session.send(LineRenderer.server(
          delivered.message().to() + " is away: " + away)));
    } else {
      session.send(LineRenderer.error(ErrorCode.NO_SUCH_USER,
          "Nobody called " + ((Registry.NoSuchRecipient) result).nick() + " is online"));
    }
  }

  static void topic(SessionLifecycle session, ChatRoom.TopicIs answer) {
    session.send(answer.topic().map(topic -> LineRenderer.topic(answer.room(), topic))
        .orElse(LineRenderer.noTopic(answer.room())));
  }

  /** A room's refusal, or that there is no such room. */
  static void refusal(SessionLifecycle session, RoomRequest.Reply reply) {
    session.send(reply instanceof RoomRequest.Refused refused
        ? LineRenderer.refused(refused.reason(), refused.room(), refused.subject())
        : noSuchRoom(((ChatRoom.NoSuchRoom) reply).room()));
  }

  static String noSuchRoom(String room) {
    return LineRenderer.error(ErrorCode.NO_SUCH_ROOM, "There is no room " + room);
  }
}
