package lochat.testing;

import lochat.chat.ChatEvent;
import lochat.chat.MemberDelivery;
import lochat.chat.Profile;
import lochat.room.ChatRoom;
import org.apache.pekko.actor.typed.ActorRef;

/** Joins for tests of a room alone, without a connection or a node of their own. */
public final class TestJoins {

  private TestJoins() {}

  /** A native member named {@code nick}, reached through its session. */
  public static ChatRoom.Join of(String nick, ActorRef<ChatEvent> member,
      ActorRef<ChatRoom.JoinResult> replyTo) {
    return new ChatRoom.Join(nick, nick, "local", Profile.NATIVE, member,
        MemberDelivery.THROUGH_SESSION, "", false, replyTo);
  }
}
