package lochat.chat;

/**
 * How a room hands its events to one member: posts straight into the member's connection when
 * nothing the member's session still has to handle is ahead of them, everything else through
 * the session.
 *
 * <p>Why: a message to the member's session for every post, and from it to the connection, was
 * most of what a delivery cost. A post that needs nothing from the session (one by somebody else)
 * is rendered once per wire form and queued by the room itself. Order is kept: an event that
 * goes through the session (a join, a rename, the member's own echo) holds back the posts behind
 * it, which then go through the session too, until the session has handled it. The member's own
 * post is queued the same way, and the session gets only its receipt.
 *
 * <p>The room calls {@link #throughSession} before every event it tells the session, and the
 * session reports each one handled; implementations must be safe to call from the room's thread
 * while the session runs on another. {@link #THROUGH_SESSION} is for members that have no
 * connection of their own (test probes): every event goes through the actor.
 */
public interface MemberDelivery {

  /** What became of a post offered to {@link #post}. */
  enum Outcome {
    /** In the member's connection, or deliberately not shown to this member. */
    DELIVERED,
    /** Not queued: the room must tell the session, which will queue it in order. */
    THROUGH_SESSION,
    /**
     * Queued, but the member now has more unread than its connection's limit and is still
     * reading: the room should take no more posts until it has caught up ({@link #whenCaughtUp}).
     * A member that is not reading is not waited for; it is dropped once its connection is full.
     */
    BEHIND
  }

  /** Queues {@code posted} for the member, or says that it must go through the session. */
  Outcome post(ChatEvent.Posted posted);

  /**
   * Queues the member's own post as its echo (nothing, where its protocol shows none), or says
   * that it must go through the session. Unless it went through the session, the room then
   * sends the session a {@link ChatEvent.Receipt}.
   */
  Outcome postOwn(ChatEvent.Posted posted);

  /** Whether the member has more unread than its connection allows, and is still reading. */
  boolean behind();

  /** Called before the room tells the session an event; keeps later posts behind it. */
  void throughSession();

  /** Runs {@code then} once the member has read back to half its limit (at once if it has). */
  void whenCaughtUp(Runnable then);

  /**
   * Why the member must be dropped as too slow (it has stopped reading with more than its limit
   * unread, or has not caught up in time), or null while it is keeping up.
   */
  String tooSlow();

  /** Drops the member as too slow: its connection is cut and its session told. */
  void drop(String reason);

  /** For members without a connection: every event goes through the actor. */
  MemberDelivery THROUGH_SESSION = new MemberDelivery() {
    @Override
    public Outcome post(ChatEvent.Posted posted) {
      return Outcome.THROUGH_SESSION;
    }

    @Override
    public Outcome postOwn(ChatEvent.Posted posted) {
      return Outcome.THROUGH_SESSION;
    }

    @Override
    public boolean behind() {
      return false;
    }

    @Override
    public void throughSession() {}

    @Override
    public void whenCaughtUp(Runnable then) {
      then.run();
    }

    @Override
    public String tooSlow() {
      return null;
    }

    @Override
    public void drop(String reason) {}
  };
}
