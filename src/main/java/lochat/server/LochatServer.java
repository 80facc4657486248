package lochat.server;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import lochat.Version;
import lochat.registry.Registry;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;

/**
 * The server's root actor: starts the registry and the listener, and ties them to
 * {@link CoordinatedShutdown} so that Ctrl-C or SIGTERM closes every connection politely.
 *
 * <p>Shutdown runs in two phases: in {@code service-unbind} the listener stops accepting and asks
 * every session to say goodbye and flush; in {@code service-stop} whatever connection is still
 * open after the grace period (a client that does not read) is cut by a kill switch.
 */
public final class LochatServer {

  private LochatServer() {}

  /** @param started completed with the bind result, for whoever started the server */
  public static Behavior<TcpListener.BindResult> create(
      ServerSettings settings, CompletableFuture<TcpListener.BindResult> started) {
    return Behaviors.setup(context -> {
      ActorRef<Registry.Command> registry =
          context.spawn(Registry.create(settings.historySize(), settings.maxRooms()), "registry");
      SharedKillSwitch connections = KillSwitches.shared("connections");
      ActorRef<TcpListener.Command> listener = context.spawn(
          TcpListener.create(settings, registry, connections, context.getSelf()), "listener");
      registerShutdown(context, settings, listener, connections);
      return Behaviors.receive(TcpListener.BindResult.class)
          .onMessage(TcpListener.Listening.class, listening -> {
            logAddresses(context, settings, listening.address());
            started.complete(listening);
            return Behaviors.same();
          })
          .onMessage(TcpListener.CannotListen.class, failed -> {
            started.complete(failed);
            return Behaviors.stopped();
          })
          .build();
    });
  }

  private static void registerShutdown(
      ActorContext<TcpListener.BindResult> context,
      ServerSettings settings,
      ActorRef<TcpListener.Command> listener,
      SharedKillSwitch connections) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(context.getSystem());
    shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "close-connections", () -> {
      CompletionStage<Done> closed = AskPattern.ask(
          listener, TcpListener.Close::new, settings.shutdownGrace(),
          context.getSystem().scheduler());
      return closed.exceptionally(timeout -> Done.getInstance());
    });
    shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "cut-connections", () -> {
      connections.shutdown();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
  }

  private static void logAddresses(
      ActorContext<?> context, ServerSettings settings, InetSocketAddress bound) {
    int port = bound.getPort();
    context.getLog().info("Lochat {} ({}) listening on {}:{}",
        Version.CURRENT, settings.connection().serverName(),
        bound.getAddress().isAnyLocalAddress()
            ? settings.host() : bound.getAddress().getHostAddress(),
        port);
    for (String address : NetworkAddresses.forClients(bound.getAddress())) {
      context.getLog().info("Clients can connect with: ./lochat client --host {}{}   or: nc {} {}",
          address, port == 4444 ? "" : " --port " + port, address, port);
    }
  }
}
