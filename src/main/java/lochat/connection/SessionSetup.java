package lochat.connection;

import lochat.registry.Registry;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Everything a session actor of any wire protocol is started with.
 *
 * @param outbound the bounded queue in front of the client's socket
 * @param remote the client's address, for logs
 * @param online connections open on the listener, this one included, for the welcome
 * @param endedTo where the session reports, once, that it has ended and why
 */
public record SessionSetup(
    ConnectionSettings settings,
    ActorRef<Registry.Command> registry,
    Outbound outbound,
    String remote,
    int online,
    ActorRef<SessionEnded> endedTo) {}
