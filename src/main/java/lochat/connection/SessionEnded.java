package lochat.connection;

import org.apache.pekko.actor.typed.ActorRef;

/** A session's last word to its listener, for the connection log; {@code nick} may be null. */
public record SessionEnded(ActorRef<?> session, String remote, String nick, String reason) {}
