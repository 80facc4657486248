package lochat.connection;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a session tells its listener about itself: that it has registered, and, once, that it
 * has ended and why. The listener keeps its connection log and its per-address counts with
 * these.
 */
public sealed interface SessionReport {

  ActorRef<?> session();

  /** The session's user chose its first nickname. */
  record Registered(ActorRef<?> session, String nick) implements SessionReport {}

  /** The session ended; {@code nick} is null if it never registered. */
  record Ended(ActorRef<?> session, String remote, String nick, String reason)
      implements SessionReport {}
}
