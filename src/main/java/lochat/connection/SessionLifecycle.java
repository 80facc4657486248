package lochat.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import lochat.ConfigChecks;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvents;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.guard.Gatekeeper;
import lochat.operators.Operators;
import lochat.protocol.LineEncoding;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.util.ByteString;

/**
 * What every session actor does the same way, whatever its wire protocol: the user's nickname and
 * rooms, the acknowledgement that paces the client's input, the bounded output, and the way a
 * session ends.
 *
 * <p>A session actor owns one of these and calls it from its handlers. Each protocol keeps its
 * own receive tables for the states before closing, starting from {@link #working}; closing is
 * the same for all, and is the lifecycle's own state ({@link #close}). Its rules:
 * <ul>
 *   <li>A received line is acknowledged once the session is done with it ({@link #hold} and
 *       {@link #acknowledge}); until then the connection reads nothing more.
 *   <li>Output goes to the {@link Outbound} queue, which the user's rooms fill too, with other
 *       people's posts, through the {@link RoomDelivery} the session gives each room it joins.
 *       Every room event told to the session must be reported handled once it is shown
 *       ({@link #roomEventHandled}), the join reply included: until then the room's later posts
 *       wait behind it. When the queue overflows the client is not reading: it is dropped as
 *       too slow, and the actor is told to stop.
 *   <li>Closing flushes what is queued and waits for the socket to drain, for at most the close
 *       timeout; a failed input side ends the session at once.
 *   <li>Leaving the server leaves every room and gives the nickname back.
 *   <li>The registry, rooms and gatekeeper answer through {@link ReplyAddresses}, in the
 *       shared {@link SessionCommand} replies.
 * </ul>
 * Like the actor that owns it, it is not thread-safe: call it from the actor only.
 */
public final class SessionLifecycle {

  /** A room the user is in: its name as the room spells it, and its address. */
  public record Membership(String name, ActorRef<ChatRoom.Command> ref) {}

  private final ActorContext<SessionCommand> context;
  private final TimerScheduler<SessionCommand> timers;
  private final SessionSetup setup;
  private final ActorRef<ChatEvent> chatAddress;
  private final PostBytes postBytes;
  private final Map<String, Membership> rooms = new LinkedHashMap<>();
  /** The deliveries given to rooms, by room key: from the join request until the user leaves. */
  private final Map<String, RoomDelivery> deliveries = new LinkedHashMap<>(4);
  private final ReplyAddresses replies;
  private String nick;
  private Instant nickSince = Instant.EPOCH;
  private ActorRef<Done> pendingAck;
  private boolean aborted;
  private boolean ended;
  private String closeReason;

  /**
   * @param postBytes how this client is shown posts that rooms queue for it directly
   */
  public SessionLifecycle(
      ActorContext<SessionCommand> context,
      TimerScheduler<SessionCommand> timers,
      SessionSetup setup,
      PostBytes postBytes) {
    this.context = context;
    this.timers = timers;
    this.setup = setup;
    this.chatAddress = context.messageAdapter(ChatEvent.class, SessionCommand.FromChat::new);
    this.postBytes = postBytes;
    this.replies = new ReplyAddresses(context);
    ActorRef<SessionCommand> self = context.getSelf();
    setup.outbound().whenDroppedAsTooSlow(() -> self.tell(new SessionCommand.DroppedAsTooSlow()));
    setup.registry().tell(new Registry.Connected(self));
    timers.startSingleTimer(SessionCommand.RegistrationTimedOut.class,
        new SessionCommand.RegistrationTimedOut(settings().registrationTimeout()),
        settings().registrationTimeout());
  }

  public ActorRef<ChatEvent> chatAddress() {
    return chatAddress;
  }

  public ActorRef<Registry.Command> registry() {
    return setup.registry();
  }

  public ActorRef<Operators.Command> operators() {
    return setup.operators();
  }

  /** Where the registry, rooms and gatekeeper send this session's replies. */
  public ReplyAddresses replies() {
    return replies;
  }

  public ConnectionSettings settings() {
    return setup.settings();
  }

  /** The client's address, as {@code ip:port}. */
  public String remote() {
    return setup.remote();
  }

  /** The client's IP address, without the port. */
  public String remoteHost() {
    String remote = setup.remote();
    int colon = remote.lastIndexOf(':');
    return colon < 0 ? remote : remote.substring(0, colon);
  }

  // --- nickname -----------------------------------------------------------------------------

  /** When the user took the nickname it has now. */
  public Instant nickSince() {
    return nickSince;
  }

  /** The user's nickname, or null before registration. */
  public String nick() {
    return nick;
  }

  public boolean registered() {
    return nick != null;
  }

  /** Asks the registry for {@code wanted} as this session's first nickname. */
  public void register(String wanted, Profile profile) {
    setup.registry().tell(new Registry.Register(wanted, profile, chatAddress, replies.nick()));
  }

  /**
   * Records the nickname the registry accepted: the first one tells the listener the session
   * has registered, a later one tells the user's rooms of the change.
   */
  public void nickAccepted(String accepted) {
    boolean renamed = nick != null;
    nick = accepted;
    nickSince = setup.clock().instant();
    if (!renamed) {
      timers.cancel(SessionCommand.RegistrationTimedOut.class);
    }
    if (renamed) {
      for (Membership room : rooms.values()) {
        room.ref().tell(new ChatRoom.Rename(chatAddress, nick));
      }
    } else {
      setup.reportTo().tell(new SessionReport.Registered(context.getSelf(), nick));
    }
  }

  // --- password -----------------------------------------------------------------------------

  /** Whether the server asks every client for a password before its nickname. */
  public boolean passwordRequired() {
    return settings().password().isPresent();
  }

  /**
   * Asks whether {@code given} is the server's password. The answer comes late when this
   * client's address has guessed wrong too often, so hold the line until it comes.
   */
  public void checkPassword(String given) {
    setup.gatekeeper().tell(
        new Gatekeeper.CheckPassword(remoteHost(), given, replies.password()));
  }

  /** How logs name this user. */
  public String who() {
    return nick == null ? "unregistered client" : nick;
  }

  // --- rooms --------------------------------------------------------------------------------

  public Optional<Membership> room(String name) {
    return Optional.ofNullable(rooms.get(Names.key(name)));
  }

  /** The rooms the user is in, in the order joined: a copy, safe to keep or to leave rooms from. */
  public List<Membership> rooms() {
    return List.copyOf(rooms.values());
  }

  public int roomCount() {
    return rooms.size();
  }

  public boolean isIn(String room) {
    return rooms.containsKey(Names.key(room));
  }

  /** How {@code room} is to reach this client: give it with the request to join. */
  public RoomDelivery deliveryFor(String room) {
    return deliveries.computeIfAbsent(Names.key(room),
        key -> new RoomDelivery(setup.outbound(), postBytes));
  }

  /** Records the room joined; call {@link #roomEventHandled} once the join is shown. */
  public void joined(ChatRoom.Joined joined) {
    rooms.put(Names.key(joined.room()), new Membership(joined.room(), joined.roomRef()));
    roomsChanged();
  }

  /** A join that was refused: the room will not use the delivery given for it. */
  public void joinRefused(String room) {
    if (!isIn(room)) {
      closeDelivery(room);
    }
  }

  /**
   * The session has shown (or deliberately dropped) an event a room told it, or a join reply:
   * the room's posts behind it may now go straight to the client. Events that came from no room
   * (private messages) are ignored.
   */
  public void roomEventHandled(ChatEvent event) {
    if (ChatEvents.room(event).isPresent()) {
      setup.outbound().handledThroughSession();
    }
  }

  /** The join reply has been shown; see {@link #roomEventHandled}. */
  public void joinShown() {
    setup.outbound().handledThroughSession();
  }

  /** Leaves {@code room}; empty if the user was not in it. */
  public Optional<Membership> part(String room, String reason) {
    Membership membership = rooms.remove(Names.key(room));
    if (membership != null) {
      closeDelivery(room);
      membership.ref().tell(new ChatRoom.Leave(chatAddress, reason, false));
      roomsChanged();
    }
    return Optional.ofNullable(membership);
  }

  private void closeDelivery(String room) {
    RoomDelivery delivery = deliveries.remove(Names.key(room));
    if (delivery != null) {
      delivery.close();
    }
  }

  private void roomsChanged() {
    if (nick != null) {
      setup.registry().tell(new Registry.RoomsChanged(
          chatAddress, rooms.values().stream().map(Membership::name).toList()));
    }
  }

  /** Leaves every room with {@code reason} and gives the nickname back: the user is gone. */
  public void leaveServer(String reason) {
    // The nickname first: whoever sees this user leave a room may take it at once.
    if (nick != null) {
      setup.registry().tell(new Registry.Unregister(chatAddress));
    }
    deliveries.values().forEach(RoomDelivery::close);
    deliveries.clear();
    for (Membership room : rooms.values()) {
      room.ref().tell(new ChatRoom.Leave(chatAddress, reason, true));
    }
    rooms.clear();
  }


  // --- acknowledgement ----------------------------------------------------------------------

  /** Holds the acknowledgement of the line being handled until {@link #acknowledge}. */
  public void hold(ActorRef<Done> ack) {
    pendingAck = ack;
  }

  /** Lets the connection read the next line; returns {@code next} for the caller's convenience. */
  public <B> B acknowledge(B next) {
    if (pendingAck != null) {
      pendingAck.tell(Done.getInstance());
      pendingAck = null;
    }
    return next;
  }

  // --- output -------------------------------------------------------------------------------

  public void send(String line) {
    if (!aborted) {
      offered(setup.outbound().send(line));
    }
  }

  /** Sends the lines one event became; they take one place in the send buffer. */
  public void sendAll(List<String> lines) {
    if (lines.size() == 1) {
      send(lines.get(0));
    } else if (!lines.isEmpty() && !aborted) {
      offered(setup.outbound().send(lines));
    }
  }

  /** Sends lines already encoded for this connection. */
  public void sendEncoded(ByteString lines) {
    if (!aborted) {
      offered(setup.outbound().sendEncoded(lines));
    }
  }

  /**
   * The lines {@code render} makes of {@code event} in wire form {@code form}, in
   * {@code encoding}, encoded once for every session and room that needs the same form. Rooms
   * call this from their own threads, through {@link PostBytes}.
   */
  public static ByteString shared(ChatEvent.RenderedOnce event, Object form,
      LineEncoding encoding, Supplier<List<String>> render) {
    return event.renderings().get(form, () -> encoding.encode(render.get()));
  }

  private void offered(Outbound.Result result) {
    if (result == Outbound.Result.OVERFLOW) {
      aborted = true;
    }
  }

  /**
   * The client was dropped as too slow, by this session's output or by a room: the connection
   * is already cut; leaves every room and ends.
   */
  private Behavior<SessionCommand> droppedAsTooSlow() {
    String reason = setup.outbound().tooSlowReason();
    context.getLog().warn("Disconnecting {} ({}): {}", who(), setup.remote(), reason);
    aborted = true;
    closeReason = reason;
    leaveServer(reason);
    end(reason);
    return Behaviors.stopped();
  }

  // --- ending -------------------------------------------------------------------------------

  /**
   * The cases every session has in the states before closing: the ends of the connection, a
   * client dropped as too slow, the listener's notices, and the actor stopping. A session adds its own to these.
   */
  public static <A> ReceiveTable.Builder<A, SessionCommand> working(
      Class<A> sessionClass, Function<A, SessionLifecycle> lifecycle) {
    return working(ReceiveTable.builder(sessionClass, SessionCommand.class), lifecycle);
  }

  /** The shared cases after {@code first}, whose cases come before them and so override them. */
  public static <A> ReceiveTable.Builder<A, SessionCommand> working(
      ReceiveTable.Builder<A, SessionCommand> first, Function<A, SessionLifecycle> lifecycle) {
    return first
        .on(SessionCommand.InputEnded.class, (s, ended) -> lifecycle.apply(s).inputEnded(ended))
        .on(SessionCommand.OutputEnded.class, (s, ended) -> lifecycle.apply(s).outputEnded())
        .on(SessionCommand.DroppedAsTooSlow.class,
            (s, dropped) -> lifecycle.apply(s).droppedAsTooSlow())
        .on(SessionCommand.Notice.class, (s, notice) -> {
          lifecycle.apply(s).send(notice.line());
          return Behaviors.same();
        })
        .onSignal(PostStop.class, (s, stop) -> lifecycle.apply(s).postStop());
  }

  /** How every session closes: it waits for its output to drain and ignores what comes late. */
  private static final ReceiveTable<SessionLifecycle, SessionCommand> CLOSING =
      ReceiveTable.builder(SessionLifecycle.class, SessionCommand.class)
          .on(SessionCommand.Received.class, SessionLifecycle::onReceivedWhileClosing)
          .on(SessionCommand.JoinReply.class, SessionLifecycle::onJoinReplyWhileClosing)
          .on(SessionCommand.InputEnded.class, SessionLifecycle::onInputEndedWhileClosing)
          .on(SessionCommand.OutputEnded.class, (s, ended) -> s.outputEnded())
          .on(SessionCommand.CloseTimedOut.class, (s, timeout) -> s.onCloseTimedOut())
          .on(SessionCommand.DroppedAsTooSlow.class, (s, dropped) -> Behaviors.stopped())
          .onAnyMessage((s, late) -> Behaviors.same())
          .onSignal(PostStop.class, (s, stop) -> s.postStop())
          .build();

  /** Starts a keep-alive on this session's timers: see {@link KeepAlive}. */
  public KeepAlive keepAlive(Duration interval, Duration timeout) {
    return new KeepAlive(timers, setup.clock(), interval, timeout);
  }

  /**
   * Flushes what is queued, then closes, and acknowledges the line being handled. The session
   * becomes the returned closing state: it stops when the output side has ended, or when the
   * close timer fires because the client did not read its last lines.
   */
  public Behavior<SessionCommand> close(String reason) {
    closeReason = reason;
    setup.outbound().close();
    timers.startSingleTimer(new SessionCommand.CloseTimedOut(), settings().closeTimeout());
    acknowledge(null);
    return CLOSING.behavior(this);
  }

  /**
   * The client stopped sending. After a clean end (a half-close) what is queued for it is still
   * delivered; after a failure there is nobody to deliver to.
   */
  public Behavior<SessionCommand> inputEnded(SessionCommand.InputEnded ended) {
    if (ended.failure().isPresent()) {
      leaveServer(ChatRoom.CONNECTION_LOST);
      setup.outbound().abort(ChatRoom.CONNECTION_LOST);
      end(ChatRoom.CONNECTION_LOST + " (" + ended.failure().get() + ")");
      return Behaviors.stopped();
    }
    leaveServer("connection closed");
    return close("connection closed");
  }

  private Behavior<SessionCommand> outputEnded() {
    end(closeReason != null ? closeReason : "connection closed");
    return Behaviors.stopped();
  }

  private Behavior<SessionCommand> onCloseTimedOut() {
    setup.outbound().abort("did not read its last lines");
    context.getLog().info("Cut {} ({}): it did not read its last lines within {}",
        who(), setup.remote(), ConfigChecks.inWords(settings().closeTimeout()));
    end(closeReason);
    return Behaviors.stopped();
  }

  /** A client that resets while its session closes has nothing more to receive. */
  private Behavior<SessionCommand> onInputEndedWhileClosing(SessionCommand.InputEnded ended) {
    if (ended.failure().isPresent()) {
      setup.outbound().abort(ChatRoom.CONNECTION_LOST);
    }
    return Behaviors.same();
  }

  /** A join answered after the session began closing is undone. */
  private Behavior<SessionCommand> onJoinReplyWhileClosing(SessionCommand.JoinReply reply) {
    if (reply.result() instanceof ChatRoom.Joined joined) {
      joined.roomRef().tell(new ChatRoom.Leave(chatAddress, closeReason, true));
    }
    return Behaviors.same();
  }

  /** Lines still arriving while closing are read and ignored. */
  private Behavior<SessionCommand> onReceivedWhileClosing(SessionCommand.Received received) {
    received.replyTo().tell(Done.getInstance());
    return Behaviors.same();
  }

  private Behavior<SessionCommand> postStop() {
    setup.outbound().abort("session stopped");
    end(closeReason != null ? closeReason : "session stopped");
    return Behaviors.same();
  }

  /** Why the session is closing, or null while it is not. */
  public String closeReason() {
    return closeReason;
  }

  private void end(String reason) {
    if (!ended) {
      ended = true;
      setup.reportTo().tell(
          new SessionReport.Ended(context.getSelf(), setup.remote(), nick, reason));
    }
  }
}
