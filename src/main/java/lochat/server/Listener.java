package lochat.server;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import lochat.ConfigChecks;
import lochat.cluster.NodeEndpoints;
import lochat.connection.ConnectionSettings;
import lochat.connection.IncomingConnection;
import lochat.connection.Outbound;
import lochat.connection.SessionCommand;
import lochat.connection.SessionProtocol;
import lochat.connection.SessionReport;
import lochat.connection.SessionSetup;
import lochat.connection.SessionSide;
import lochat.connection.Transport;
import lochat.guard.Gatekeeper;
import lochat.operators.Operators;
import lochat.registry.Registry;
import lochat.room.RoomArchive;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.util.ByteString;

/**
 * Accepts connections and gives each one a session actor and a connection stream.
 *
 * <p>The listener is protocol- and transport-neutral: a {@link SessionProtocol} says which
 * session actor to start and what to say to a connection that gets none, so that each wire
 * protocol is one more listener on the same chat core; a {@link Transport} binds and hands over
 * each connection it accepts (a TCP socket, {@link TcpTransport}, or a browser's WebSocket
 * upgrade, which waits for the listener's answer). It caps the connections it keeps open.
 * Before a connection gets a session the {@link Gatekeeper} must admit its address, which
 * bounds what one machine may hold across all listeners. When the listener is
 * nearly full (three quarters of its connections open) it closes the connections that have not
 * chosen a nickname within the shorter registration timeout under pressure, oldest first, so
 * that idle connections cannot keep real users out for long.
 *
 * <p>It keeps the set of live sessions, for the connection log, the per-address counts and
 * shutdown: {@link Close} stops accepting, asks every session to say goodbye and close, and
 * answers once all have ended; {@link CloseSockets} then cuts the sockets that did not manage in
 * time (through their {@code Outbound}s: no stage per connection for it) and answers when every
 * socket is closed.
 */
public final class Listener extends AbstractBehavior<Listener.Command> {

  public sealed interface Command {}

  /** Stop accepting and close every connection gracefully; {@code replyTo} hears when done. */
  public record Close(ActorRef<Done> replyTo) implements Command {}

  /**
   * Ends what every socket still open sends (after what is queued, or at once with {@code cut})
   * and answers once every socket this listener accepted is closed, so that the server does not
   * stop, and cut what is still being written, while sockets close.
   */
  public record CloseSockets(boolean cut, ActorRef<Done> replyTo) implements Command {}

  /**
   * The cluster's other nodes have changed: every signed-in client is told, and each client
   * signing in from now on, if there are any.
   */
  public record OtherNodes(List<NodeEndpoints> nodes) implements Command {}

  private record SocketClosed(long socket, Optional<Throwable> failure) implements Command {}

  private record Bound(Transport.Binding binding) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private record Accepted(IncomingConnection connection) implements Command {}

  private record AdmissionAnswered(Gatekeeper.Admission admission) implements Command {}

  private record SessionReported(SessionReport report) implements Command {}

  private record SessionStopped(ActorRef<?> session) implements Command {}

  /** What became of the bind: the address clients can reach, or why it failed. */
  public sealed interface BindResult {}

  /**
   * @param protocol the name of the protocol served, as {@link SessionProtocol#name}
   * @param tls whether it is served over TLS
   */
  public record Listening(String protocol, boolean tls, InetSocketAddress address)
      implements BindResult {}

  public record CannotListen(String protocol, boolean tls, String host, int port, Throwable cause)
      implements BindResult {}

  /**
   * @param listen where to listen, and the limits of this listener
   * @param transport how connections arrive: binds {@code listen}'s address
   * @param connection the settings every connection of this listener gets
   * @param protocol the wire protocol spoken on this listener's connections
   */
  public static Behavior<Command> create(
      ListenerSettings listen,
      Transport transport,
      ConnectionSettings connection,
      SessionProtocol protocol,
      ActorRef<Registry.Command> registry,
      ActorRef<Gatekeeper.Command> gatekeeper,
      ActorRef<Operators.Command> operators,
      Clock clock,
      RoomArchive archive,
      ActorRef<BindResult> bindResult) {
    return Behaviors.setup(context -> new Listener(context, listen, transport, connection,
        protocol, registry, gatekeeper, operators, clock, archive, bindResult));
  }

  /** A connection the gatekeeper has not answered for yet. */
  private record Pending(IncomingConnection connection, String remote, String host) {}

  /** A connection with a session, its socket's number, and whether it has a nickname yet. */
  private static final class Session {
    private final String remote;
    private final String host;
    private final long socket;
    private boolean registered;

    private Session(String remote, String host, long socket) {
      this.remote = remote;
      this.host = host;
      this.socket = socket;
    }
  }

  private final ListenerSettings settings;
  private final ConnectionSettings connectionSettings;
  private final SessionProtocol protocol;
  private final ActorRef<Registry.Command> registry;
  private final ActorRef<Gatekeeper.Command> gatekeeper;
  private final ActorRef<Operators.Command> operators;
  private final ActorRef<BindResult> bindResult;
  private final Clock clock;
  private final RoomArchive archive;
  private final ActorRef<SessionReport> reportAdapter;
  private final ActorRef<Gatekeeper.Admission> admissionAdapter;
  private final Map<ActorRef<SessionCommand>, Session> sessions = new HashMap<>();
  /** Sessions without a nickname, oldest first, with when they connected (nanoTime). */
  private final LinkedHashMap<ActorRef<SessionCommand>, Long> unregistered = new LinkedHashMap<>();
  private final Map<Long, Pending> pending = new HashMap<>();
  private long tickets;
  private int refusedWhileFull;
  private Optional<Transport.Binding> binding = Optional.empty();
  private ActorRef<Done> closeRequester;
  private final List<ActorRef<Done>> socketWaiters = new ArrayList<>();
  /** The output of every socket accepted and not closed yet, by the number it was accepted as. */
  private final Map<Long, Outbound> openSockets = new HashMap<>();
  private final DisconnectLines disconnects;
  private long accepted;
  private List<NodeEndpoints> otherNodes = List.of();

  private Listener(
      ActorContext<Command> context,
      ListenerSettings settings,
      Transport transport,
      ConnectionSettings connection,
      SessionProtocol protocol,
      ActorRef<Registry.Command> registry,
      ActorRef<Gatekeeper.Command> gatekeeper,
      ActorRef<Operators.Command> operators,
      Clock clock,
      RoomArchive archive,
      ActorRef<BindResult> bindResult) {
    super(context);
    this.operators = operators;
    this.clock = clock;
    this.archive = archive;
    this.settings = settings;
    this.connectionSettings = connection;
    this.protocol = protocol;
    this.registry = registry;
    this.gatekeeper = gatekeeper;
    this.bindResult = bindResult;
    this.disconnects = new DisconnectLines(settings.tls(), context.getLog());
    this.reportAdapter = context.messageAdapter(SessionReport.class, SessionReported::new);
    this.admissionAdapter =
        context.messageAdapter(Gatekeeper.Admission.class, AdmissionAnswered::new);
    ActorRef<Command> self = context.getSelf();
    CompletionStage<Transport.Binding> bound = transport.bind(
        incoming -> self.tell(new Accepted(incoming)), context.getSystem());
    context.pipeToSelf(bound,
        (ok, failure) -> ok != null ? new Bound(ok) : new BindFailed(failure));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Bound.class, this::onBound)
        .onMessage(BindFailed.class, this::onBindFailed)
        .onMessage(Accepted.class, this::onAccepted)
        .onMessage(AdmissionAnswered.class, this::onAdmissionAnswered)
        .onMessage(SessionReported.class, this::onSessionReported)
        .onMessage(SessionStopped.class, this::onSessionStopped)
        .onMessage(Close.class, this::onClose)
        .onMessage(CloseSockets.class, this::onCloseSockets)
        .onMessage(SocketClosed.class, this::onSocketClosed)
        .onMessage(OtherNodes.class, this::onOtherNodes)
        .build();
  }

  private Behavior<Command> onBound(Bound bound) {
    binding = Optional.of(bound.binding());
    bindResult.tell(new Listening(protocol.name(), settings.tls(), bound.binding().address()));
    return this;
  }

  private Behavior<Command> onBindFailed(BindFailed failed) {
    bindResult.tell(
        new CannotListen(protocol.name(), settings.tls(), settings.host(), settings.port(),
            failed.cause()));
    return Behaviors.stopped();
  }

  private Behavior<Command> onAccepted(Accepted accepted) {
    IncomingConnection connection = accepted.connection();
    if (closeRequester != null) {
      refuse(connection, protocol.shuttingDownLine());
      return this;
    }
    relievePressure();
    int open = sessions.size() + pending.size();
    if (open >= settings.maxConnections()) {
      if (refusedWhileFull++ == 0) {
        getContext().getLog().warn("Full: {} connections open, the most allowed; refusing more",
            open);
      }
      refuse(connection, protocol.serverFullLine(open));
      return this;
    }
    Pending waiting = new Pending(connection, format(connection.remoteAddress()),
        connection.remoteAddress().getAddress().getHostAddress());
    pending.put(++tickets, waiting);
    gatekeeper.tell(new Gatekeeper.Admit(waiting.host(), tickets, admissionAdapter));
    return this;
  }

  private Behavior<Command> onAdmissionAnswered(AdmissionAnswered answered) {
    Pending admitted = pending.remove(answered.admission().ticket());
    if (admitted == null) {
      return this;
    }
    if (answered.admission() instanceof Gatekeeper.Refused refused) {
      refuse(admitted.connection(), protocol.refusedLine(refused.reason()));
    } else if (answered.admission() instanceof Gatekeeper.Banned banned) {
      refuse(admitted.connection(), protocol.bannedLine(banned.reason()));
    } else if (closeRequester != null) {
      gatekeeper.tell(new Gatekeeper.Released(admitted.host(), false));
      refuse(admitted.connection(), protocol.shuttingDownLine());
    } else {
      start(admitted);
    }
    return this;
  }

  /** Gives an admitted connection its session and its stream. */
  private void start(Pending admitted) {
    IncomingConnection connection = admitted.connection();
    String remote = admitted.remote();
    Outbound outbound = new Outbound(connectionSettings, protocol.encoding());
    ActorRef<SessionCommand> session = getContext().spawn(
        protocol.session(new SessionSetup(
            connectionSettings, registry, gatekeeper, outbound, remote, reportAdapter, clock,
            operators, archive)),
        protocol.name() + (settings.tls() ? "-tls" : "") + "-connection-" + (++this.accepted));
    getContext().watchWith(session, new SessionStopped(session));
    long socket = this.accepted;
    sessions.put(session, new Session(remote, admitted.host(), socket));
    unregistered.put(session, System.nanoTime());
    getContext().getLog().info("Client connected from {} ({}{}, {} online)",
        remote, protocol.name(), settings.tls() ? " over TLS" : "", sessions.size());

    ActorRef<Command> self = getContext().getSelf();
    openSockets.put(socket, outbound);
    connection.run(
            new SessionSide(session, protocol.framing(connectionSettings), outbound,
                connectionSettings),
            getContext().getSystem())
        .whenCompleteAsync(
            (done, failure) -> self.tell(new SocketClosed(socket, Optional.ofNullable(failure))),
            getContext().getExecutionContext());
  }

  /**
   * When three quarters of the connections are open, tells the sessions that have gone without
   * a nickname for the registration timeout under pressure to give up, oldest first.
   */
  private void relievePressure() {
    if (unregistered.isEmpty() || sessions.size() < settings.maxConnections() * 3L / 4) {
      return;
    }
    long now = System.nanoTime();
    long limit = settings.registrationTimeoutUnderPressure().toNanos();
    int closed = 0;
    Iterator<Map.Entry<ActorRef<SessionCommand>, Long>> oldest = unregistered.entrySet().iterator();
    while (oldest.hasNext()) {
      Map.Entry<ActorRef<SessionCommand>, Long> next = oldest.next();
      if (now - next.getValue() < limit) {
        break;
      }
      next.getKey().tell(
          new SessionCommand.RegistrationTimedOut(settings.registrationTimeoutUnderPressure()));
      oldest.remove();
      closed++;
    }
    if (closed > 0) {
      getContext().getLog().info("Nearly full ({} of {} connections open): closing {} that chose"
          + " no nickname within {}", sessions.size(), settings.maxConnections(), closed,
          ConfigChecks.inWords(settings.registrationTimeoutUnderPressure()));
    }
  }

  private Behavior<Command> onSocketClosed(SocketClosed closed) {
    openSockets.remove(closed.socket());
    disconnects.socketClosed(closed.socket(), closed.failure(), sessions.size());
    return socketsClosedIfDone();
  }

  private Behavior<Command> onCloseSockets(CloseSockets request) {
    for (Outbound output : openSockets.values()) {
      if (request.cut()) {
        output.abort("server shut down");
      } else {
        output.close();
      }
    }
    socketWaiters.add(request.replyTo());
    return socketsClosedIfDone();
  }

  private Behavior<Command> socketsClosedIfDone() {
    if (openSockets.isEmpty()) {
      socketWaiters.forEach(waiter -> waiter.tell(Done.getInstance()));
      socketWaiters.clear();
    }
    return this;
  }

  /**
   * How long a refused connection is read (and what it sends dropped) after its one line, so
   * that closing does not reset it before it has read that line. Short, as such sockets count
   * against no limit while they linger.
   */
  private static final Duration REFUSAL_LINGER = Duration.ofMillis(500);

  /** Says {@code line} to a connection that gets no session, then closes it. */
  private void refuse(IncomingConnection connection, String line) {
    connection.refuse(protocol.encoding().encode(line),
        REFUSAL_LINGER, getContext().getSystem());
  }

  private Behavior<Command> onSessionReported(SessionReported message) {
    if (message.report() instanceof SessionReport.Registered registered) {
      Session session = sessions.get(registered.session());
      if (session != null && !session.registered) {
        session.registered = true;
        unregistered.remove(registered.session());
        gatekeeper.tell(new Gatekeeper.Registered(session.host));
        if (!otherNodes.isEmpty()) {
          // A session reports with its own address, which takes SessionCommand.
          @SuppressWarnings("unchecked")
          ActorRef<SessionCommand> ref = (ActorRef<SessionCommand>) registered.session();
          protocol.nodesLine(otherNodes)
              .ifPresent(line -> ref.tell(new SessionCommand.Notice(line)));
        }
      }
      return this;
    }
    SessionReport.Ended ended = (SessionReport.Ended) message.report();
    Session session = ended(ended.session());
    if (session != null) {
      disconnects.sessionEnded(session.socket, ended, openSockets.containsKey(session.socket),
          sessions.size());
    }
    return closedIfDone();
  }

  private Behavior<Command> onSessionStopped(SessionStopped stopped) {
    Session session = ended(stopped.session());
    if (session != null) {
      disconnects.sessionStopped(session.socket);
      getContext().getLog().info("Client {} disconnected: session stopped ({} online)",
          session.remote, sessions.size());
    }
    return closedIfDone();
  }

  /** Forgets a session that has ended, giving its place back; null if it was forgotten. */
  private Session ended(ActorRef<?> ref) {
    Session session = sessions.remove(ref);
    if (session != null) {
      unregistered.remove(ref);
      gatekeeper.tell(new Gatekeeper.Released(session.host, session.registered));
      if (refusedWhileFull > 0 && sessions.size() + pending.size() < settings.maxConnections()) {
        getContext().getLog().info("No longer full; {} connection(s) were refused",
            refusedWhileFull);
        refusedWhileFull = 0;
      }
    }
    return session;
  }

  private Behavior<Command> onOtherNodes(OtherNodes others) {
    otherNodes = others.nodes();
    protocol.nodesLine(otherNodes).ifPresent(line -> sessions.forEach((ref, session) -> {
      if (session.registered) {
        ref.tell(new SessionCommand.Notice(line));
      }
    }));
    return this;
  }

  private Behavior<Command> onClose(Close close) {
    closeRequester = close.replyTo();
    binding.ifPresent(Transport.Binding::unbind);
    getContext().getLog().info("Closing {} connection(s)", sessions.size());
    sessions.keySet().forEach(session -> session.tell(new SessionCommand.ServerShutdown()));
    return closedIfDone();
  }

  private Behavior<Command> closedIfDone() {
    if (closeRequester != null && sessions.isEmpty() && pending.isEmpty()) {
      closeRequester.tell(Done.getInstance());
    }
    return this;
  }

  private static String format(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
