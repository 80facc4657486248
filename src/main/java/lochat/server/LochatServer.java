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
import lochat.Failures;
import lochat.Version;
import lochat.chat.Profile;
import lochat.client.ClientCommand;
import lochat.connection.Transport;
import lochat.guard.Gatekeeper;
import lochat.irc.IrcProtocol;
import lochat.line.NativeProtocol;
import lochat.operators.Operators;
import lochat.operators.ServerBans;
import lochat.protocol.web.WebCodec;
import lochat.registry.Registry;
import lochat.store.StoreUnavailable;
import lochat.web.WebTransport;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The server's root actor: opens the history store ({@link HistoryService}), starts the registry
 * and the listeners (the native protocol's, and IRC's and the web's when enabled), all on the one
 * chat core, and ties them to {@link CoordinatedShutdown} so that Ctrl-C or SIGTERM closes every
 * connection politely and stores every post accepted.
 *
 * <p>The server has started when every listener is listening; if the store cannot be opened or
 * a listener cannot listen, it stops. Shutdown runs in three phases: in {@code service-unbind}
 * each listener stops accepting and asks every session to say goodbye and flush; in {@code
 * service-stop} whatever connection is still open after the grace period (a client that does not
 * read) is cut by its listener; in {@code before-actor-system-terminate} the history writer
 * writes what it holds. The store is closed when this actor stops, after its children. If the
 * registry, a listener or the history writer fails, the server shuts down with {@link
 * #CORE_ACTOR_FAILED} rather than run on without them.
 */
public final class LochatServer extends AbstractBehavior<LochatServer.Command> {

  public sealed interface Command {}

  private record BindReported(Listener.BindResult result) implements Command {}

  private record CoreActorStopped(String name) implements Command {}

  private record HistoryWriterStopped() implements Command {}

  /** How the start went: every listener listening, or the first that could not. */
  public sealed interface StartResult {}

  /**
   * @param address where the native protocol is served
   * @param ircAddress where IRC is served, when it is enabled
   * @param webAddress where browsers are served, when the web listener is enabled
   */
  public record Running(InetSocketAddress address, Optional<InetSocketAddress> ircAddress,
      Optional<InetSocketAddress> webAddress) implements StartResult {}

  /** The server did not start; {@link #reason} says why in one line for people. */
  public sealed interface NotStarted extends StartResult {
    String reason();
  }

  public record NotListening(Listener.CannotListen failure) implements NotStarted {
    @Override
    public String reason() {
      return "Cannot listen" + (failure.protocol().equals(IrcProtocol.NAME) ? " for IRC"
          : failure.protocol().equals(Profile.WEB) ? " for browsers" : "")
          + " on " + failure.host() + ":" + failure.port() + ": "
          + Failures.inSentence(failure.cause());
    }
  }

  public record HistoryUnavailable(StoreUnavailable failure) implements NotStarted {
    @Override
    public String reason() {
      return failure.getMessage();
    }
  }

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
    return Behaviors.setup(context -> {
      Clock clock = Clock.systemUTC();
      HistoryService history;
      try {
        history = HistoryService.start(context, settings.history(), clock);
      } catch (StoreUnavailable failure) {
        started.complete(new HistoryUnavailable(failure));
        return Behaviors.stopped();
      }
      return new LochatServer(context, settings, clock, history, started);
    });
  }

  /** How long shutdown waits, after the goodbyes, for sockets to finish closing. */
  private static final Duration SOCKETS_CLOSE_WITHIN = Duration.ofSeconds(1);

  private final ServerSettings settings;
  private final HistoryService history;
  private final CompletableFuture<StartResult> started;
  private final Map<String, InetSocketAddress> listening = new HashMap<>();
  private final int listeners;

  private LochatServer(
      ActorContext<Command> context,
      ServerSettings settings,
      Clock clock,
      HistoryService history,
      CompletableFuture<StartResult> started) {
    super(context);
    this.settings = settings;
    this.history = history;
    this.started = started;
    context.watchWith(history.writer(), new HistoryWriterStopped());
    ActorRef<Registry.Command> registry = context.spawn(Registry.create(
        settings.historySize(), settings.rooms(), settings.connection().defaultRoom(),
        clock, history.archive()), "registry");
    context.watchWith(registry, new CoreActorStopped("registry"));
    ServerBans bans = ServerBans.of(history.store().loadServerBans());
    ActorRef<Gatekeeper.Command> gatekeeper = context.spawn(Gatekeeper.create(
        settings.guard(), settings.connection()::passwordMatches, bans, clock),
        "gatekeeper");
    context.watchWith(gatekeeper, new CoreActorStopped("gatekeeper"));
    ActorRef<Operators.Command> operators = context.spawn(Operators.create(settings.operators(),
        settings.guard(), history.store(), bans, gatekeeper, registry, clock), "operators");
    context.watchWith(operators, new CoreActorStopped("operators"));
    ActorRef<Listener.BindResult> bindResults =
        context.messageAdapter(Listener.BindResult.class, BindReported::new);
    List<ActorRef<Listener.Command>> spawned = new ArrayList<>();
    spawned.add(context.spawn(
        Listener.create(settings.nativeListener(), tcp(settings.nativeListener()),
            settings.connection(),
            NativeProtocol.INSTANCE, registry, gatekeeper, operators, clock, history.archive(),
            bindResults),
        "listener"));
    settings.ircListener().ifPresent(irc -> spawned.add(context.spawn(
        Listener.create(irc, tcp(irc), settings.connection(),
            new IrcProtocol(settings.irc(), clock.instant()), registry, gatekeeper, operators,
            clock, history.archive(), bindResults),
        "irc-listener")));
    settings.webListener().ifPresent(web -> spawned.add(context.spawn(
        Listener.create(web,
            new WebTransport(web.host(), web.port(), web.backlog(), web.maxConnections(),
                settings.web().firstRequestTimeout()),
            settings.connection(),
            NativeProtocol.inForm(
                new WebCodec(settings.web().pingInterval(), settings.web().pingTimeout())),
            registry, gatekeeper, operators, clock, history.archive(), bindResults),
        "web-listener")));
    for (ActorRef<Listener.Command> listener : spawned) {
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
        .onMessage(HistoryWriterStopped.class, this::onHistoryWriterStopped)
        .onSignal(PostStop.class, this::onPostStop)
        .build();
  }

  private Behavior<Command> onBindReported(BindReported reported) {
    if (reported.result() instanceof Listener.CannotListen failure) {
      started.complete(new NotListening(failure));
      return Behaviors.stopped();
    }
    Listener.Listening bound = (Listener.Listening) reported.result();
    listening.put(bound.protocol(), bound.address());
    if (listening.size() == listeners) {
      InetSocketAddress address = listening.get(NativeProtocol.NAME);
      Optional<InetSocketAddress> irc =
          Optional.ofNullable(listening.get(IrcProtocol.NAME));
      Optional<InetSocketAddress> web = Optional.ofNullable(listening.get(Profile.WEB));
      logAddresses(address, irc, web);
      history.flushAtShutdown(getContext().getSystem());
      started.complete(new Running(address, irc, web));
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

  private Behavior<Command> onHistoryWriterStopped(HistoryWriterStopped stopped) {
    history.writerStopped();
    return onCoreActorStopped(new CoreActorStopped("history writer"));
  }

  private Behavior<Command> onPostStop(PostStop stop) {
    history.close();
    return this;
  }

  private void registerShutdown(
      List<ActorRef<Listener.Command>> listeners) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(getContext().getSystem());
    AtomicBoolean allClosed = new AtomicBoolean();
    shutdown.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "close-connections", () -> {
      CompletableFuture<?>[] closed = listeners.stream()
          .map(listener -> AskPattern.<Listener.Command, Done>ask(
              listener, Listener.Close::new, settings.shutdownGrace(),
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
          .map(listener -> AskPattern.<Listener.Command, Done>ask(
              listener, replyTo -> new Listener.CloseSockets(cut, replyTo),
              SOCKETS_CLOSE_WITHIN,
              getContext().getSystem().scheduler()).toCompletableFuture())
          .toArray(CompletableFuture[]::new);
      return CompletableFuture.allOf(socketsClosed)
          .thenApply(done -> Done.getInstance())
          .exceptionally(timeout -> Done.getInstance());
    });
  }

  private static Transport tcp(ListenerSettings listen) {
    return new TcpTransport(listen.host(), listen.port(), listen.backlog());
  }

  private void logAddresses(InetSocketAddress bound, Optional<InetSocketAddress> irc,
      Optional<InetSocketAddress> web) {
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
    web.ifPresent(webBound -> {
      for (String address : NetworkAddresses.forClients(webBound.getAddress())) {
        getContext().getLog().info("Open http://{}:{}/ in a browser",
            address.contains(":") ? "[" + address + "]" : address, webBound.getPort());
      }
    });
    getContext().getLog().info(history.whereKept());
  }
}
