package lochat.connection;

import java.time.Clock;
import lochat.guard.Gatekeeper;
import lochat.operators.Operators;
import lochat.registry.Registry;
import lochat.room.RoomArchive;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Everything a session actor of any wire protocol is started with.
 *
 * @param gatekeeper checks the server's password, slowing addresses that guess
 * @param outbound the bounded queue in front of the client's socket
 * @param remote the client's address, for logs
 * @param reportTo where the session reports that it registered, and, once, that it has ended
 * @param clock the time, as the registry and the rooms get it (tests may set it)
 * @param operators signs in server operators and keeps the server-wide bans
 * @param archive where rooms keep their history, for sessions that page back in it
 */
public record SessionSetup(
    ConnectionSettings settings,
    ActorRef<Registry.Command> registry,
    ActorRef<Gatekeeper.Command> gatekeeper,
    Outbound outbound,
    String remote,
    ActorRef<SessionReport> reportTo,
    Clock clock,
    ActorRef<Operators.Command> operators,
    RoomArchive archive) {}
