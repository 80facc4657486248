package lochat.connection;

import java.util.function.Supplier;
import lochat.protocol.LineFramer;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a listener gives a connection it has admitted, for the transport to join to the socket
 * ({@link ConnectionFlow}): the session actor its lines go to, how its bytes are cut into lines,
 * its queue of bytes for the client, and its settings.
 *
 * <p>A transport whose stream must run before the listener has decided (the web's, which reads
 * the first request to know that the socket is a chat connection at all) gets it late, through
 * {@link ConnectionFlow#awaiting}, so that the same stages serve the socket from its first byte.
 */
public record SessionSide(
    ActorRef<SessionCommand> session,
    Supplier<LineFramer> framing,
    Outbound outbound,
    ConnectionSettings settings) {}
