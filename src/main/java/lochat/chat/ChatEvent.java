package lochat.chat;

import java.time.Instant;
import java.util.Optional;

/**
 * What the chat core tells a user's session: posts, membership changes and private messages.
 *
 * <p>Events are protocol-neutral facts. Each wire protocol renders them in its own way, so the
 * same room can be served to native line clients today and to IRC or WebSocket clients later.
 * All text in an event has already been sanitised by the session that accepted it.
 */
public sealed interface ChatEvent {

  /** A post to a room. */
  record Posted(String room, String nick, String text, MessageKind kind, Instant at)
      implements ChatEvent {}

  record MemberJoined(String room, String nick) implements ChatEvent {}

  /**
   * {@code nick} left {@code room}; {@code leftServer} when it left the server altogether (quit,
   * lost its connection), so that a protocol that reports a quit once per user, like IRC, can.
   */
  record MemberLeft(String room, String nick, String reason, boolean leftServer)
      implements ChatEvent {}

  record MemberRenamed(String room, String oldNick, String newNick) implements ChatEvent {}

  /** The room's topic was set, or cleared when {@code topic} is empty; {@code by} did it. */
  record TopicChanged(String room, String by, Optional<Topic> topic)
      implements ChatEvent {}

  /** A private message; both the target and the sender (as its receipt) receive it. */
  record PrivateMessage(String from, String to, String text, MessageKind kind, Instant at)
      implements ChatEvent {}
}
