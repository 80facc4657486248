package lochat.room;

import java.util.function.BiConsumer;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MemberDelivery;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What handing one event to one member means, in one place for the two that do it: a room for
 * the members on its own node ({@link RoomMembers}), and a node's {@link RoomRelay} for that
 * node's members of a room that lives on another node. Both must do it alike, or a member's
 * order would depend on where its room runs.
 *
 * <p>Pure functions of their arguments; safe from any thread the caller owns.
 */
final class MemberFanout {

  private MemberFanout() {}

  /** Tells the member's session {@code event}, holding back the posts behind it. */
  static void tell(ActorRef<ChatEvent> member, MemberDelivery delivery, ChatEvent event) {
    delivery.throughSession();
    member.tell(event);
  }

  /**
   * Hands {@code posted} to one member: straight into its connection when it can, through its
   * session when it must; the {@code sender}'s copy as its echo, followed by its receipt.
   * {@code fellBehind} hears if the member now has more unread than it may.
   */
  static void deliver(ActorRef<ChatEvent> member, MemberDelivery delivery, Posted posted,
      ActorRef<ChatEvent> sender, BiConsumer<ActorRef<ChatEvent>, MemberDelivery> fellBehind) {
    boolean own = member.equals(sender);
    MemberDelivery.Outcome outcome = own ? delivery.postOwn(posted) : delivery.post(posted);
    if (outcome == MemberDelivery.Outcome.THROUGH_SESSION) {
      member.tell(posted);
      if (delivery.behind()) {
        fellBehind.accept(member, delivery);
      }
      return;
    }
    if (own) {
      member.tell(new ChatEvent.Receipt(posted));
    }
    if (outcome == MemberDelivery.Outcome.BEHIND) {
      fellBehind.accept(member, delivery);
    }
  }
}
