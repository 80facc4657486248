package lochat.chat;

import java.util.Optional;

/** Questions every session asks of the {@link ChatEvent}s it receives, whatever its protocol. */
public final class ChatEvents {

  private ChatEvents() {}

  /**
   * The room {@code event} happened in, for the events a room sends its members; empty for a
   * private message, and for what a room tells one user alone (a receipt, a refusal, an
   * invitation).
   */
  public static Optional<String> room(ChatEvent event) {
    if (event instanceof ChatEvent.Posted posted) {
      return Optional.of(posted.room());
    } else if (event instanceof ChatEvent.MemberJoined joined) {
      return Optional.of(joined.room());
    } else if (event instanceof ChatEvent.MemberLeft left) {
      return Optional.of(left.room());
    } else if (event instanceof ChatEvent.MemberRenamed renamed) {
      return Optional.of(renamed.room());
    } else if (event instanceof ChatEvent.TopicChanged changed) {
      return Optional.of(changed.room());
    } else if (event instanceof ChatEvent.ModesChanged changed) {
      return Optional.of(changed.room());
    } else if (event instanceof ChatEvent.Kicked kicked) {
      return Optional.of(kicked.room());
    }
    return Optional.empty();
  }

  /** Whether {@code event} means something to people, not only to IRC clients (CTCP, TAGMSG). */
  public static boolean isForPeople(ChatEvent event) {
    if (event instanceof ChatEvent.Posted posted) {
      return posted.kind().isForPeople();
    }
    if (event instanceof ChatEvent.PrivateMessage message) {
      return message.kind().isForPeople();
    }
    return true;
  }

  /**
   * Whether {@code event} is a room's answer to a post or topic change that {@code nick} made in
   * the room whose key ({@link Names#key}) is {@code roomKey}.
   */
  public static boolean isEchoOf(ChatEvent event, String nick, String roomKey) {
    if (event instanceof ChatEvent.Receipt receipt) {
      return isEchoOf(receipt.posted(), nick, roomKey);
    }
    if (event instanceof ChatEvent.Posted posted) {
      return posted.nick().equals(nick) && Names.key(posted.room()).equals(roomKey);
    }
    if (event instanceof ChatEvent.TopicChanged changed) {
      return changed.by().equals(nick) && Names.key(changed.room()).equals(roomKey);
    }
    return false;
  }
}
