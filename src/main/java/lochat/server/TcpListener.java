package lochat.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import lochat.connection.ConnectionFlow;
import lochat.connection.ConnectionSettings;
import lochat.connection.Outbound;
import lochat.connection.SessionEnded;
import lochat.connection.SessionProtocol;
import lochat.connection.SessionSetup;
import lochat.registry.Registry;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * Accepts TCP connections and gives each one a session actor and a connection stream.
 *
 * <p>The listener is protocol-neutral: a {@link SessionProtocol} says which session actor to
 * start and what to say to a connection that gets none, so that each wire protocol is one more
 * listener on the same chat core. It binds with Pekko Streams {@link Tcp}, with a raised backlog
 * so that a burst of connects is queued by the OS rather than refused, and caps the connections
 * it keeps open. It keeps the set of live sessions, for the connection log and for shutdown:
 * {@link Close} stops accepting, asks every session to say goodbye and close, and answers once
 * all have ended; the shared connections kill switch cuts the ones that did not manage in time.
 */
public final class TcpListener<T> extends AbstractBehavior<TcpListener.Command> {

  public sealed interface Command {}

  /** Stop accepting and close every connection gracefully; {@code replyTo} hears when done. */
  public record Close(ActorRef<Done> replyTo) implements Command {}

  /**
   * Answers once every socket this listener accepted is closed, so that the server does not
   * stop, and cut what is still being written, while sockets close.
   */
  public record AwaitSocketsClosed(ActorRef<Done> replyTo) implements Command {}

  private record SocketClosed() implements Command {}

  private record Bound(Tcp.ServerBinding binding) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private record Accepted(Tcp.IncomingConnection connection) implements Command {}

  private record SessionReported(SessionEnded ended) implements Command {}

  private record SessionStopped(ActorRef<?> session) implements Command {}

  /** What became of the bind: the address clients can reach, or why it failed. */
  public sealed interface BindResult {}

  /** @param protocol the name of the protocol served, as {@link SessionProtocol#name} */
  public record Listening(String protocol, InetSocketAddress address) implements BindResult {}

  public record CannotListen(String protocol, String host, int port, Throwable cause)
      implements BindResult {}

  /**
   * @param listen where to listen
   * @param connection the settings every connection of this listener gets
   * @param protocol the wire protocol spoken on this listener's connections
   */
  public static <T> Behavior<Command> create(
      ListenerSettings listen,
      ConnectionSettings connection,
      SessionProtocol<T> protocol,
      ActorRef<Registry.Command> registry,
      SharedKillSwitch connectionsKillSwitch,
      ActorRef<BindResult> bindResult) {
    return Behaviors.setup(context -> new TcpListener<>(
        context, listen, connection, protocol, registry, connectionsKillSwitch, bindResult));
  }

  private record Session(String remote, String nick) {}

  private final ListenerSettings settings;
  private final ConnectionSettings connectionSettings;
  private final SessionProtocol<T> protocol;
  private final ActorRef<Registry.Command> registry;
  private final SharedKillSwitch connectionsKillSwitch;
  private final ActorRef<BindResult> bindResult;
  private final ActorRef<SessionEnded> endedAdapter;
  private final Map<ActorRef<T>, Session> sessions = new HashMap<>();
  private Optional<Tcp.ServerBinding> binding = Optional.empty();
  private ActorRef<Done> closeRequester;
  private final List<ActorRef<Done>> socketWaiters = new ArrayList<>();
  private int openSockets;
  private long accepted;

  private TcpListener(
      ActorContext<Command> context,
      ListenerSettings settings,
      ConnectionSettings connection,
      SessionProtocol<T> protocol,
      ActorRef<Registry.Command> registry,
      SharedKillSwitch connectionsKillSwitch,
      ActorRef<BindResult> bindResult) {
    super(context);
    this.settings = settings;
    this.connectionSettings = connection;
    this.protocol = protocol;
    this.registry = registry;
    this.connectionsKillSwitch = connectionsKillSwitch;
    this.bindResult = bindResult;
    this.endedAdapter = context.messageAdapter(SessionEnded.class, SessionReported::new);
    ActorRef<Command> self = context.getSelf();
    CompletionStage<Tcp.ServerBinding> bound =
        Tcp.get(context.getSystem())
            .bind(settings.host(), settings.port(), settings.backlog(), List.of(), true,
                Optional.empty())
            .toMat(Sink.foreach(incoming -> self.tell(new Accepted(incoming))), Keep.left())
            .run(context.getSystem());
    context.pipeToSelf(bound,
        (ok, failure) -> ok != null ? new Bound(ok) : new BindFailed(failure));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Bound.class, this::onBound)
        .onMessage(BindFailed.class, this::onBindFailed)
        .onMessage(Accepted.class, this::onAccepted)
        .onMessage(SessionReported.class, this::onSessionReported)
        .onMessage(SessionStopped.class, this::onSessionStopped)
        .onMessage(Close.class, this::onClose)
        .onMessage(AwaitSocketsClosed.class, this::onAwaitSocketsClosed)
        .onMessage(SocketClosed.class, this::onSocketClosed)
        .build();
  }

  private Behavior<Command> onBound(Bound bound) {
    binding = Optional.of(bound.binding());
    bindResult.tell(new Listening(protocol.name(), bound.binding().localAddress()));
    return this;
  }

  private Behavior<Command> onBindFailed(BindFailed failed) {
    bindResult.tell(
        new CannotListen(protocol.name(), settings.host(), settings.port(), failed.cause()));
    return Behaviors.stopped();
  }

  private Behavior<Command> onAccepted(Accepted accepted) {
    Tcp.IncomingConnection connection = accepted.connection();
    String remote = format(connection.remoteAddress());
    if (closeRequester != null) {
      refuse(connection, protocol.shuttingDownLine());
      return this;
    }
    if (sessions.size() >= settings.maxConnections()) {
      getContext().getLog().warn("Refused {}: {} connections open, the most allowed",
          remote, sessions.size());
      refuse(connection, protocol.serverFullLine(sessions.size()));
      return this;
    }
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> outgoing =
        Source.<ByteString>queue(connectionSettings.sendBuffer())
            .preMaterialize(getContext().getSystem());
    ActorRef<T> session = getContext().spawn(
        protocol.session(new SessionSetup(
            connectionSettings, registry,
            new Outbound(outgoing.first(), protocol.lineEnding()), remote,
            sessions.size() + 1, endedAdapter)),
        protocol.name() + "-connection-" + (++this.accepted));
    getContext().watchWith(session, new SessionStopped(session));
    sessions.put(session, new Session(remote, null));
    getContext().getLog().info("Client connected from {} ({}, {} online)",
        remote, protocol.name(), sessions.size());

    Flow<ByteString, ByteString, NotUsed> flow = ConnectionFlow.create(
            session,
            protocol.framing(connectionSettings),
            protocol.streamMessages(),
            outgoing.second(),
            connectionSettings,
            getContext().getSystem().scheduler())
        .via(connectionsKillSwitch.flow());
    ActorRef<Command> self = getContext().getSelf();
    openSockets++;
    connection.flow()
        .watchTermination((notUsed, closed) -> closed)
        .joinMat(flow, Keep.left())
        .run(getContext().getSystem())
        .whenComplete((done, failure) -> self.tell(new SocketClosed()));
    return this;
  }

  private Behavior<Command> onSocketClosed(SocketClosed closed) {
    openSockets--;
    return socketsClosedIfDone();
  }

  private Behavior<Command> onAwaitSocketsClosed(AwaitSocketsClosed request) {
    socketWaiters.add(request.replyTo());
    return socketsClosedIfDone();
  }

  private Behavior<Command> socketsClosedIfDone() {
    if (openSockets == 0) {
      socketWaiters.forEach(waiter -> waiter.tell(Done.getInstance()));
      socketWaiters.clear();
    }
    return this;
  }

  /** Says {@code line} to a connection that gets no session, then closes it. */
  private void refuse(Tcp.IncomingConnection connection, String line) {
    connection.handleWith(
        ConnectionFlow.sayAndClose(
            ByteString.fromString(line + protocol.lineEnding(), StandardCharsets.UTF_8),
            connectionSettings.closeTimeout()),
        getContext().getSystem());
  }

  private Behavior<Command> onSessionReported(SessionReported message) {
    SessionEnded ended = message.ended();
    if (sessions.remove(ended.session()) != null) {
      getContext().getLog().info("{} ({}) disconnected: {} ({} online)",
          ended.nick() == null ? "Unregistered client" : ended.nick(), ended.remote(),
          ended.reason(), sessions.size());
    }
    return closedIfDone();
  }

  private Behavior<Command> onSessionStopped(SessionStopped stopped) {
    Session session = sessions.remove(stopped.session());
    if (session != null) {
      getContext().getLog().info("Client {} disconnected: session stopped ({} online)",
          session.remote(), sessions.size());
    }
    return closedIfDone();
  }

  private Behavior<Command> onClose(Close close) {
    closeRequester = close.replyTo();
    binding.ifPresent(Tcp.ServerBinding::unbind);
    getContext().getLog().info("Closing {} connection(s)", sessions.size());
    sessions.keySet().forEach(session -> session.tell(protocol.serverShutdown()));
    return closedIfDone();
  }

  private Behavior<Command> closedIfDone() {
    if (closeRequester != null && sessions.isEmpty()) {
      closeRequester.tell(Done.getInstance());
    }
    return this;
  }

  private static String format(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
