package lochat.connection;

import lochat.chat.ChatEvent;
import lochat.chat.MemberDelivery;

/**
 * One membership's way into its connection: what a room holds to queue other people's posts
 * straight into the member's {@link Outbound}, rendered by the member's protocol.
 *
 * <p>The session makes one for each room it joins and {@link #close closes} it when it leaves, so
 * that nothing the room sends after the user has seen it leave reaches the client. Thread-safe:
 * its state is guarded by the outbound's lock.
 */
public final class RoomDelivery implements MemberDelivery {

  private final Outbound outbound;
  private final PostBytes render;
  /** Guarded by the outbound's lock. */
  boolean open = true;

  /** @param render the bytes of a post for this member, in its wire form */
  public RoomDelivery(Outbound outbound, PostBytes render) {
    this.outbound = outbound;
    this.render = render;
  }

  @Override
  public Outcome post(ChatEvent.Posted posted) {
    return outbound.deliver(this, render.others(posted));
  }

  @Override
  public Outcome postOwn(ChatEvent.Posted posted) {
    return outbound.deliver(this, render.own(posted));
  }

  @Override
  public boolean behind() {
    return outbound.behind();
  }

  @Override
  public void throughSession() {
    outbound.expectThroughSession();
  }

  @Override
  public void whenCaughtUp(Runnable then) {
    outbound.whenCaughtUp(then);
  }

  @Override
  public String tooSlow() {
    return outbound.tooSlow();
  }

  @Override
  public void drop(String reason) {
    outbound.drop(reason);
  }

  /** The member has left the room: the room's posts no longer reach it. */
  public void close() {
    outbound.closeDelivery(this);
  }
}
