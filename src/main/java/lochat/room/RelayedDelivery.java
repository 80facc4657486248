package lochat.room;

import lochat.chat.ChatEvent;
import lochat.chat.MemberDelivery;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a room of the cluster reaches a member: through the member's node's {@link RoomLink},
 * which holds the member's real {@link MemberDelivery}. The room does not hand events to this
 * one by one ({@link RoomMembers} sends each event once per link); it keeps here what the link
 * last reported of the member's reading, so that the room's congestion rules apply to every
 * member alike.
 *
 * <p>Limits: the link's reports may arrive a network hop late, so such a member is waited for
 * from a little after it fell behind; a member that stops reading is dropped by its own node.
 * Owned by one room; used from its thread only.
 */
final class RelayedDelivery implements MemberDelivery {

  private final ActorRef<RoomLink.Command> link;
  private boolean behind;
  private Runnable onCaughtUp;

  RelayedDelivery(ActorRef<RoomLink.Command> link) {
    this.link = link;
  }

  /** How a room reaches the member that asks to join: directly if it can, else by its link. */
  static MemberDelivery reach(ChatRoom.Join join) {
    return join.delivery() != null ? join.delivery()
        : join.link().<MemberDelivery>map(RelayedDelivery::new)
            .orElse(MemberDelivery.THROUGH_SESSION);
  }

  ActorRef<RoomLink.Command> link() {
    return link;
  }

  /** The relay's latest report: whether the member has more unread than it may. */
  void reported(boolean nowBehind) {
    behind = nowBehind;
    if (!nowBehind && onCaughtUp != null) {
      Runnable then = onCaughtUp;
      onCaughtUp = null;
      then.run();
    }
  }

  @Override
  public Outcome post(ChatEvent.Posted posted) {
    throw new IllegalStateException("Posts reach a relayed member through its relay");
  }

  @Override
  public Outcome postOwn(ChatEvent.Posted posted) {
    throw new IllegalStateException("Posts reach a relayed member through its relay");
  }

  @Override
  public boolean behind() {
    return behind;
  }

  @Override
  public void throughSession() {}

  @Override
  public void whenCaughtUp(Runnable then) {
    if (behind) {
      onCaughtUp = then;
    } else {
      then.run();
    }
  }

  @Override
  public String tooSlow() {
    return null;
  }

  @Override
  public void drop(String reason) {}
}
