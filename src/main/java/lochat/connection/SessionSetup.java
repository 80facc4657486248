package lochat.connection;

import java.time.Clock;
import lochat.guard.Gatekeeper;
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
 * @param archive the rooms' history, which sessions read pages of
 */
public record SessionSetup(
    ConnectionSettings settings,
    ActorRef<Registry.Command> registry,
    ActorRef<Gatekeeper.Command> gatekeeper,
    Outbound outbound,
    String remote,
    ActorRef<SessionReport> reportTo,
    Clock clock,
    RoomArchive archive) {

  /** A session whose history reads find nothing ({@link RoomArchive#discarding}). */
  public SessionSetup(ConnectionSettings settings, ActorRef<Registry.Command> registry,
      ActorRef<Gatekeeper.Command> gatekeeper, Outbound outbound, String remote,
      ActorRef<SessionReport> reportTo, Clock clock) {
    this(settings, registry, gatekeeper, outbound, remote, reportTo, clock,
        RoomArchive.discarding());
  }
}
