package lochat.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import lochat.chat.Profile;
import lochat.discovery.Announcement;
import lochat.discovery.ListenerPorts;
import lochat.discovery.ServerAnnouncer;
import lochat.irc.IrcProtocol;
import lochat.line.NativeProtocol;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;

/**
 * The running server announced on the LAN ({@link ServerAnnouncer}): started once every
 * listener listens, with the ports really bound, on the address the native listener is bound
 * to, and stopped first thing at shutdown, so that browsing clients drop the server before its
 * connections close. Announcing and its goodbye block for a while (jmdns), so both run on
 * Pekko's dispatcher for blocking work, never on an actor's thread. A failure to announce is a
 * warning that says what still works; it never stops the server.
 */
final class LanAnnouncement {

  private LanAnnouncement() {}

  static void start(ServerSettings settings, LochatServer.Running running,
      ActorSystem<?> system, Logger log) {
    Announcement announcement = Announcement.of(settings.connection().serverName(),
        settings.connection().password().isPresent(),
        ports(running, NativeProtocol.NAME), ports(running, IrcProtocol.NAME),
        ports(running, Profile.WEB));
    ServerAnnouncer announcer =
        new ServerAnnouncer(announcement, running.address().getAddress());
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    CompletableFuture<List<String>> started =
        CompletableFuture.supplyAsync(announcer::start, blocking);
    started.thenAccept(warnings -> {
      warnings.forEach(log::warn);
      if (!announcer.announcedOn().isEmpty()) {
        log.info("Announced as '{}' (DNS-SD: _lochat._tcp, _irc._tcp, _http._tcp) on {}",
            settings.connection().serverName(), String.join(", ", announcer.announcedOn()));
      }
    });
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(),
        "stop-announcing", () -> started.handleAsync((warnings, failure) -> {
          announcer.close();
          return Done.getInstance();
        }, blocking));
  }

  private static ListenerPorts ports(LochatServer.Running running, String protocol) {
    return new ListenerPorts(port(running.address(protocol, false)),
        port(running.address(protocol, true)));
  }

  private static OptionalInt port(Optional<InetSocketAddress> address) {
    return address.map(bound -> OptionalInt.of(bound.getPort())).orElse(OptionalInt.empty());
  }
}
