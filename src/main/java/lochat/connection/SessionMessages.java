package lochat.connection;

import java.util.Optional;
import lochat.protocol.InboundLine;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a {@link ConnectionFlow} talks to the session actor it serves, whatever its protocol: one
 * message per received line (acknowledged by the session to read the next), and one each when
 * the input side and the output side of the connection have ended.
 */
public interface SessionMessages<T> {

  T line(InboundLine line, ActorRef<Done> replyTo);

  /** The client stopped sending: cleanly, or with {@code failure} when the connection broke. */
  T inputEnded(Optional<Throwable> failure);

  /** Everything queued for the client has been written, or the connection is gone. */
  T outputEnded();
}
