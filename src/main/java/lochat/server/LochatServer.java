package lochat.server;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import lochat.Version;
import lochat.client.ClientCommand;
import lochat.line.NativeProtocol;
import lochat.guard.Gatekeeper;
import lochat.irc.IrcProtocol;
import lochat.registry.Registry;
import lochat.room.RoomArchive;
import lochat.store.HistoryWriter;
import lochat.store.MemoryHistoryStore;
import lochat.store.Retention;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The server's root actor: starts the registry and the listeners (the native protocol's, and
 * IRC's when enabled), all on the one chat core, and ties them to {@link CoordinatedShutdown} so
 * that Ctrl-C or SIGTERM closes every connection politely.
 *
 * <p>The server has started when every listener is listening; if one cannot, it stops.
 * Shutdown runs in two phases: in {@code service-unbind} each listener stops accepting and asks
 * every session to say goodbye and flush; in {@code service-stop} whatever connection is still
 * open after the grace period (a client that does not read) is cut by its listener. If the
 * registry or a listener fails, the server shuts down with {@link #CORE_ACTOR_FAILED} rather
 * than run on without them.
 */
public final class LochatServer extends AbstractBehavior<LochatServer.Command> {

  public sealed interface Command {}

  private record BindReported(TcpListener.BindResult result) implements Command {}

  private record CoreActorStopped(String name) implements Command {}

  /** How the start went: every listener listening, or the first that could not. */
  public sealed interface StartResult {}

  /** @param ircAddress where IRC is served, when it is enabled */
  public record Running(InetSocketAddress address, Optional<InetSocketAddress> ircAddress)
      implements StartResult {}

  public record NotListening(TcpListener.CannotListen failure) implements StartResult {}

  /** The shutdown reason when a core actor failed; the server process then exits with 1. */
  public static final CoordinatedShutdown.Reason CORE_ACTOR_FAILED =
      new CoordinatedShutdown.Reason() {
        @Override
        public String toString() {
          return "CoreActorFailed";
        }
      };

  /** @param started completed once every listener is listening, or one could not */
  public static Behavior<Command> create(
      ServerSettings settings, CompletableFuture<StartResult> started) {
    return Behaviors.setup(context -> new LochatServer(context, settings, started));
  }

  /** How long shutdown waits, after the goodbyes, for sockets to finish closing. */
  private static final Duration SOCKETS_CLOSE_WITHIN = Duration.ofSeconds(1);

  private final ServerSettings settings;
  private final CompletableFuture<StartResult> started;
  private final Map<String, InetSocketAddress> listening = new HashMap<>();
  private final int listeners;

  private LochatServer(
      ActorContext<Command> context,
      ServerSettings settings,
      CompletableFuture<StartResult> started) {
    super(context);
    this.settings = settings;
    this.started = started;
    Clock clock = Clock.systemUTC();
    // Until the store of the settings is wired in: history in memory, behind a real writer.
    MemoryHistoryStore store = MemoryHistoryStore.within(Retention.FOREVER, clock);
    RoomArchive archive = RoomArchive.of(store, context.spawn(
        HistoryWriter.create(store, Duration.ofMillis(200), Retention.FOREVER), "history-writer"));
    ActorRef<Registry.Command> registry = context.spawn(Registry.create(
        settings.historySize(), settings.rooms(), settings.connection().defaultRoom(),
        clock, archive), "registry");
    context.watchWith(registry, new CoreActorStopped("registry"));
    ActorRef<Gatekeeper.Command> gatekeeper = context.spawn(Gatekeeper.create(
        settings.guard(), settings.connection()::passwordMatches, clock),
        "gatekeeper");
    context.watchWith(gatekeeper, new CoreActorStopped("gatekeeper"));
    ActorRef<TcpListener.BindResult> bindResults =
        context.messageAdapter(TcpListener.BindResult.class, BindReported::new);
    List<ActorRef<TcpListener.Command>> spawned = new ArrayList<>();
    spawned.add(context.spawn(
        TcpListener.create(settings.nativeListener(), settings.connection(),
            NativeProtocol.INSTANCE, registry, gatekeeper, archive, clock, bindResults),
        "listener"));
    settings.ircListener().ifPresent(irc -> spawned.add(context.spawn(
        TcpListener.create(irc, settings.connection(),
            new IrcProtocol(settings.irc(), clock.instant()), registry, gatekeeper, archive, clock,
            bindResults),
        "irc-listener")));
    for (ActorRef<TcpListener.Command> listener : spawned) {
      context.watchWith(listener, new CoreActorStopped(listener.path().name()));
    }
    this.listeners = spawned.size();
    registerShutdown(spawned);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(BindReported.class, this::onBindReported)
        .onMessage(CoreActorStopped.class, this::onCoreActorStopped)
        .build();
  }

  private Behavior<Command> onBindReported(BindReported reported) {
    if (reported.result() instanceof TcpListener.CannotListen failure) {
      started.complete(new NotListening(failure));
      return Behaviors.stopped();
    }
    TcpListener.Listening bound = (TcpListener.Listening) reported.result();
    listening.put(bound.protocol(), bound.address());
    if (listening.size() == listeners) {
      InetSocketAddress address = listening.get(NativeProtocol.NAME);
      Optional<InetSocketAddress> irc =
          Optional.ofNullable(listening.get(IrcProtocol.NAME));
      logAddresses(address, irc);
      started.complete(new Running(address, irc));
    }
    return this;
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
      List<ActorRef<TcpListener.Command>> listeners) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(getContext().getSystem());
    AtomicBoolean allClosed = new AtomicBoolean();
    shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "close-connections", () -> {
      CompletableFuture<?>[] closed = listeners.stream()
          .map(listener -> AskPattern.<TcpListener.Command, Done>ask(
              listener, TcpListener.Close::new, settings.shutdownGrace(),
              getContext().getSystem().scheduler()).toCompletableFuture())
          .toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(closed).thenApply(done -> {
        allClosed.set(true);
        return Done.getInstance();
      }).exceptionally(timeout -> Done.getInstance());
    });
    shutdown.addTask(CoordinatedShutdown.PhaseServiceStop(), "cut-connections", () -> {
      // Sockets that said goodbye may still be closing: let them. Cut only when someone is stuck.
      // Stopping the actor system while a socket still writes its last lines would reset it.
      boolean cut = !allClosed.get();
      CompletableFuture<?>[] socketsClosed = listeners.stream()
          .map(listener -> AskPattern.<TcpListener.Command, Done>ask(
              listener, replyTo -> new TcpListener.CloseSockets(cut, replyTo),
              SOCKETS_CLOSE_WITHIN,
              getContext().getSystem().scheduler()).toCompletableFuture())
          .toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(socketsClosed)
          .thenApply(done -> Done.getInstance())
          .exceptionally(timeout -> Done.getInstance());
    });
  }

  private void logAddresses(InetSocketAddress bound, Optional<InetSocketAddress> irc) {
    int port = bound.getPort();
    getContext().getLog().info("Lochat {} ({}) listening on {}:{}",
        Version.CURRENT, settings.connection().serverName(),
        bound.getAddress().isAnyLocalAddress()
            ? settings.host() : bound.getAddress().getHostAddress(),
        port);
    for (String address : NetworkAddresses.forClients(bound.getAddress())) {
      getContext().getLog().info(
          "Clients can connect with: ./lochat client --host {}{}   or: nc {} {}",
          address, port == ClientCommand.DEFAULT_PORT ? "" : " --port " + port, address, port);
    }
    irc.ifPresent(ircBound -> {
      getContext().getLog().info("IRC listening on {}:{}",
          ircBound.getAddress().isAnyLocalAddress()
              ? settings.irc().host() : ircBound.getAddress().getHostAddress(),
          ircBound.getPort());
      for (String address : NetworkAddresses.forClients(ircBound.getAddress())) {
        getContext().getLog().info("IRC clients can connect with: /connect {} {}",
            address, ircBound.getPort());
      }
    });
  }
}
