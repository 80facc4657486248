package lochat.server;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import lochat.Version;
import lochat.connection.ConnectionActor;
import lochat.registry.Registry;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.SharedKillSwitch;

/**
 * The server's root actor: starts the registry and the listener, and ties them to
 * {@link CoordinatedShutdown} so that Ctrl-C or SIGTERM closes every connection politely.
 *
 * <p>Shutdown runs in two phases: in {@code service-unbind} the listener stops accepting and asks
 * every session to say goodbye and flush; in {@code service-stop} whatever connection is still
 * open after the grace period (a client that does not read) is cut by a kill switch. If the
 * registry or the listener fails, the server shuts down with {@link #CORE_ACTOR_FAILED} rather
 * than run on without them.
 */
public final class LochatServer extends AbstractBehavior<LochatServer.Command> {

  public sealed interface Command {}

  private record BindReported(TcpListener.BindResult result) implements Command {}

  private record CoreActorStopped(String name) implements Command {}

  /** The shutdown reason when a core actor failed; the server process then exits with 1. */
  public static final CoordinatedShutdown.Reason CORE_ACTOR_FAILED =
      new CoordinatedShutdown.Reason() {
        @Override
        public String toString() {
          return "CoreActorFailed";
        }
      };

  /** @param started completed with the bind result, for whoever started the server */
  public static Behavior<Command> create(
      ServerSettings settings, CompletableFuture<TcpListener.BindResult> started) {
    return Behaviors.setup(context -> new LochatServer(context, settings, started));
  }

  private final ServerSettings settings;
  private final CompletableFuture<TcpListener.BindResult> started;

  private LochatServer(
      ActorContext<Command> context,
      ServerSettings settings,
      CompletableFuture<TcpListener.BindResult> started) {
    super(context);
    this.settings = settings;
    this.started = started;
    ActorRef<Registry.Command> registry = context.spawn(Registry.create(
        settings.historySize(), settings.maxRooms(), settings.connection().defaultRoom()),
        "registry");
    SharedKillSwitch connections = KillSwitches.shared("connections");
    ActorRef<TcpListener.Command> listener = context.spawn(
        TcpListener.create(settings, ConnectionActor.PROTOCOL, registry, connections,
            context.messageAdapter(TcpListener.BindResult.class, BindReported::new)),
        "listener");
    context.watchWith(registry, new CoreActorStopped("registry"));
    context.watchWith(listener, new CoreActorStopped("listener"));
    registerShutdown(listener, connections);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(BindReported.class, this::onBindReported)
        .onMessage(CoreActorStopped.class, this::onCoreActorStopped)
        .build();
  }

  private Behavior<Command> onBindReported(BindReported reported) {
    if (reported.result() instanceof TcpListener.Listening listening) {
      logAddresses(listening.address());
      started.complete(listening);
      return this;
    }
    started.complete(reported.result());
    return Behaviors.stopped();
  }

  private Behavior<Command> onCoreActorStopped(CoreActorStopped stopped) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(getContext().getSystem());
    if (started.isDone() && shutdown.getShutdownReason().isEmpty()) {
      getContext().getLog().error("The {} stopped after a failure (see above); shutting down",
          stopped.name());
      shutdown.run(CORE_ACTOR_FAILED);
    }
    return this;
  }

  private void registerShutdown(
      ActorRef<TcpListener.Command> listener, SharedKillSwitch connections) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(getContext().getSystem());
    AtomicBoolean allClosed = new AtomicBoolean();
    shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "close-connections", () -> {
      CompletionStage<Done> closed = AskPattern.ask(
          listener, TcpListener.Close::new, settings.shutdownGrace(),
          getContext().getSystem().scheduler());
      return closed.thenApply(done -> {
        allClosed.set(true);
        return done;
      }).exceptionally(timeout -> Done.getInstance());
    });
    shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "cut-connections", () -> {
      // Sockets that said goodbye may still be closing: let them. Cut only when someone is stuck.
      if (allClosed.get()) {
        connections.shutdown();
      } else {
        connections.abort(new IllegalStateException("server shut down"));
      }
      return CompletableFuture.completedFuture(Done.getInstance());
    });
  }

  private void logAddresses(InetSocketAddress bound) {
    int port = bound.getPort();
    getContext().getLog().info("Lochat {} ({}) listening on {}:{}",
        Version.CURRENT, settings.connection().serverName(),
        bound.getAddress().isAnyLocalAddress()
            ? settings.host() : bound.getAddress().getHostAddress(),
        port);
    for (String address : NetworkAddresses.forClients(bound.getAddress())) {
      getContext().getLog().info(
          "Clients can connect with: ./lochat client --host {}{}   or: nc {} {}",
          address, port == 4444 ? "" : " --port " + port, address, port);
    }
  }
}
