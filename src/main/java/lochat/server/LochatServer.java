package lochat.server;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import lochat.Failures;
import lochat.chat.Profile;
import lochat.cluster.ClusterMembership;
import lochat.cluster.EndpointBoard;
import lochat.cluster.HistoryCopies;
import lochat.cluster.NickDirectory;
import lochat.cluster.ServerBanCopies;
import lochat.cluster.ShardedRooms;
import lochat.connection.SessionProtocol;
import lochat.connection.Transport;
import lochat.guard.Gatekeeper;
import lochat.irc.IrcProtocol;
import lochat.line.NativeProtocol;
import lochat.operators.Operators;
import lochat.operators.ServerBans;
import lochat.protocol.web.WebCodec;
import lochat.registry.Registry;
import lochat.room.RoomArchive;
import lochat.registry.SharedNicknames;
import lochat.store.StoreUnavailable;
import lochat.tls.ServerIdentity;
import lochat.tls.TlsUnavailable;
import lochat.web.TrustedOrigins;
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
 * #CORE_ACTOR_FAILED} rather than run on without them. With the cluster on, it also starts
 * {@link ClusterMembership}, which joins the cluster, and the {@link NickDirectory}, whose one
 * namespace of nicknames the registry then uses; a node the cluster downs shuts down. It
 * publishes where this node's clients reach it ({@link EndpointBoard}) once every listener
 * listens, and passes the other nodes' endpoints on to the listeners, which tell their clients,
 * and to the web listeners' handshakes, which take those nodes' pages' WebSockets.
 */
public final class LochatServer extends AbstractBehavior<LochatServer.Command> {

  public sealed interface Command {}

  private record BindReported(Listener.BindResult result) implements Command {}

  private record CoreActorStopped(String name) implements Command {}

  private record HistoryWriterStopped() implements Command {}

  private record OtherNodes(EndpointBoard.OtherNodes others) implements Command {}

  /** How the start went: every listener listening, or the first that could not. */
  public sealed interface StartResult {}

  /**
   * @param listening every listener, with the address it listens on
   * @param cluster this node's view of the cluster, when the cluster is on
   */
  public record Running(List<Listener.Listening> listening,
      Optional<ActorRef<ClusterMembership.Command>> cluster) implements StartResult {

    /** Where {@code protocol} is served, over TLS or not, if it is. */
    public Optional<InetSocketAddress> address(String protocol, boolean tls) {
      return listening.stream()
          .filter(listener -> listener.protocol().equals(protocol) && listener.tls() == tls)
          .map(Listener.Listening::address)
          .findFirst();
    }

    /** Where the native protocol is served: its plain port, or its TLS port if none. */
    public InetSocketAddress address() {
      return address(NativeProtocol.NAME, false)
          .or(() -> address(NativeProtocol.NAME, true))
          .orElseThrow();
    }

    /** Where IRC is served without TLS, when it is. */
    public Optional<InetSocketAddress> ircAddress() {
      return address(IrcProtocol.NAME, false);
    }

    /** Where browsers are served without TLS, when they are. */
    public Optional<InetSocketAddress> webAddress() {
      return address(Profile.WEB, false);
    }
  }

  /** The server did not start; {@link #reason} says why in one line for people. */
  public sealed interface NotStarted extends StartResult {
    String reason();
  }

  public record NotListening(Listener.CannotListen failure) implements NotStarted {
    @Override
    public String reason() {
      return "Cannot listen" + (failure.protocol().equals(IrcProtocol.NAME) ? " for IRC"
          : failure.protocol().equals(Profile.WEB) ? " for browsers" : "")
          + (failure.tls() ? " over TLS" : "")
          + " on " + failure.host() + ":" + failure.port() + ": "
          + Failures.inSentence(failure.cause());
    }
  }

  /** TLS is on, and the server's certificate could not be loaded or made. */
  public record TlsNotAvailable(TlsUnavailable failure) implements NotStarted {
    @Override
    public String reason() {
      return failure.getMessage();
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
      Optional<ServerIdentity> identity = Optional.empty();
      if (settings.tls().enabled()) {
        try {
          identity = Optional.of(ServerIdentity.load(settings.tls(),
              settings.history().dataDir(), settings.connection().serverName()));
        } catch (TlsUnavailable failure) {
          started.complete(new TlsNotAvailable(failure));
          return Behaviors.stopped();
        }
      }
      HistoryService history;
      try {
        history = HistoryService.start(context, settings.history(), clock);
      } catch (StoreUnavailable failure) {
        started.complete(new HistoryUnavailable(failure));
        return Behaviors.stopped();
      }
      return new LochatServer(context, settings, clock, history, identity, started);
    });
  }

  /** How long shutdown waits, after the goodbyes, for sockets to finish closing. */
  private static final Duration SOCKETS_CLOSE_WITHIN = Duration.ofSeconds(1);

  private final ServerSettings settings;
  private final HistoryService history;
  private final CompletableFuture<StartResult> started;
  private final Optional<ServerIdentity> identity;
  private final List<Listener.Listening> listening = new ArrayList<>();
  private final int listeners;
  private final Optional<ActorRef<ClusterMembership.Command>> clusterMembership;
  private final Optional<ActorRef<EndpointBoard.Command>> endpoints;
  private final TrustedOrigins trustedOrigins = new TrustedOrigins();
  private final List<ActorRef<Listener.Command>> spawned = new ArrayList<>();

  private LochatServer(
      ActorContext<Command> context,
      ServerSettings settings,
      Clock clock,
      HistoryService history,
      Optional<ServerIdentity> identity,
      CompletableFuture<StartResult> started) {
    super(context);
    this.settings = settings;
    this.history = history;
    this.identity = identity;
    this.started = started;
    context.watchWith(history.writer(), new HistoryWriterStopped());
    boolean cluster = settings.cluster().enabled();
    RoomArchive archive = cluster ? history.archive().copyingTo(
        HistoryCopies.start(context.getSystem(), history.writer())) : history.archive();
    Optional<SharedNicknames> sharedNicknames = cluster
        ? Optional.of(SharedNicknames.of(NickDirectory.start(context.getSystem())))
        : Optional.empty();
    Optional<ShardedRooms> sharded = cluster
        ? Optional.of(ShardedRooms.start(context.getSystem(), settings.historySize(), clock,
            archive))
        : Optional.empty();
    ActorRef<Registry.Command> registry = context.spawn(Registry.create(
        settings.historySize(), settings.rooms(), settings.connection().defaultRoom(),
        clock, archive, sharedNicknames, sharded), "registry");
    context.watchWith(registry, new CoreActorStopped("registry"));
    ServerBans bans = ServerBans.of(history.store().loadServerBans());
    ActorRef<Gatekeeper.Command> gatekeeper = context.spawn(Gatekeeper.create(
        settings.guard(), settings.connection()::passwordMatches, bans, clock),
        "gatekeeper");
    context.watchWith(gatekeeper, new CoreActorStopped("gatekeeper"));
    Optional<ActorRef<ServerBanCopies.Command>> banCopies = cluster
        ? Optional.of(ServerBanCopies.start(context.getSystem())) : Optional.empty();
    ActorRef<Operators.Command> operators = context.spawn(Operators.create(settings.operators(),
        settings.guard(), history.store(), bans, gatekeeper, registry, clock,
        banCopies.map(ServerBanCopies::sharing).orElse(Operators.Sharing.NONE)), "operators");
    context.watchWith(operators, new CoreActorStopped("operators"));
    banCopies.ifPresent(copies -> copies.tell(new ServerBanCopies.OperatorsAre(operators)));
    ActorRef<Listener.BindResult> bindResults =
        context.messageAdapter(Listener.BindResult.class, BindReported::new);
    IrcProtocol irc = new IrcProtocol(settings.irc(), clock.instant());
    SessionProtocol web = NativeProtocol.inForm(
        new WebCodec(settings.web().pingInterval(), settings.web().pingTimeout()));
    Map<SessionProtocol, List<ListenerSettings>> protocols = new LinkedHashMap<>();
    protocols.put(NativeProtocol.INSTANCE, settings.nativeListeners());
    protocols.put(irc, settings.ircListeners());
    protocols.put(web, settings.webListeners());
    protocols.forEach((protocol, listens) -> listens.forEach(listen -> spawned.add(context.spawn(
        Listener.create(listen, transport(listen, protocol.name().equals(Profile.WEB)),
            settings.connection(),
            protocol, registry, gatekeeper, operators, clock, archive, bindResults),
        listenerName(protocol, listen.tls())))));
    this.clusterMembership = settings.cluster().enabled()
        ? Optional.of(context.spawn(ClusterMembership.create(settings.cluster()),
            ClusterMembership.NAME))
        : Optional.empty();
    clusterMembership.ifPresent(membership ->
        context.watchWith(membership, new CoreActorStopped("cluster membership")));
    this.endpoints = settings.cluster().enabled()
        ? Optional.of(context.spawn(EndpointBoard.create(), "endpoints"))
        : Optional.empty();
    endpoints.ifPresent(board -> board.tell(new EndpointBoard.Subscribe(
        context.messageAdapter(EndpointBoard.OtherNodes.class, OtherNodes::new))));
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
        .onMessage(OtherNodes.class, this::onOtherNodes)
        .onSignal(PostStop.class, this::onPostStop)
        .build();
  }

  private Behavior<Command> onBindReported(BindReported reported) {
    if (reported.result() instanceof Listener.CannotListen failure) {
      started.complete(new NotListening(failure));
      return Behaviors.stopped();
    }
    listening.add((Listener.Listening) reported.result());
    if (listening.size() == listeners) {
      Running running = new Running(List.copyOf(listening), clusterMembership);
      new StartupLog(settings, getContext().getLog()).listening(running, identity);
      getContext().getLog().info(history.whereKept());
      if (settings.discovery()) {
        LanAnnouncement.start(settings, running, getContext().getSystem(), getContext().getLog());
      }
      history.flushAtShutdown(getContext().getSystem());
      endpoints.ifPresent(board ->
          board.tell(new EndpointBoard.Publish(AdvertisedEndpoints.of(running))));
      started.complete(running);
    }
    return this;
  }

  /** Tells every listener, and the web's WebSocket handshakes, the cluster's other nodes. */
  private Behavior<Command> onOtherNodes(OtherNodes changed) {
    trustedOrigins.set(changed.others().nodes().stream()
        .flatMap(node -> node.pageOrigins().stream()).toList());
    spawned.forEach(listener -> listener.tell(new Listener.OtherNodes(changed.others().nodes())));
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

  /** How {@code listen}'s connections arrive: browsers' or plain sockets, over TLS or not. */
  private Transport transport(ListenerSettings listen, boolean web) {
    Optional<SSLContext> tls = listen.tls()
        ? identity.map(ServerIdentity::context) : Optional.empty();
    return web
        ? new WebTransport(listen.host(), listen.port(), listen.backlog(),
            listen.maxConnections(), settings.web().firstRequestTimeout(), tls,
            settings.connection().closeTimeout(), trustedOrigins)
        : new TcpTransport(listen.host(), listen.port(), listen.backlog(), tls,
            settings.connection().closeTimeout());
  }

  /** listener, tls-listener, irc-listener, irc-tls-listener, web-listener, web-tls-listener. */
  private static String listenerName(SessionProtocol protocol, boolean tls) {
    String kind = protocol.name().equals(NativeProtocol.NAME) ? "" : protocol.name() + "-";
    return kind + (tls ? "tls-" : "") + "listener";
  }
}
