package lochat.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import lochat.ConfigChecks;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvents;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.guard.Gatekeeper;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.util.ByteString;

/**
 * What every session actor does the same way, whatever its wire protocol: the user's nickname and
 * rooms, the acknowledgement that paces the client's input, the bounded output, and the way a
 * session ends.
 *
 * <p>A session actor owns one of these and calls it from its handlers; the lifecycle never
 * receives messages itself, so each protocol keeps its own receive tables and states. Its rules:
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
 *   <li>The registry, rooms and gatekeeper answer through message adapters that wrap their
 *       replies in the session's own messages ({@link ReplyMessages}); each is made when first
 *       needed, as an idle session has needed few of them and every adapter costs memory.
 * </ul>
 * Like the actor that owns it, it is not thread-safe: call it from the actor only.
 */
public final class SessionLifecycle<T> {

  /** A room the user is in: its name as the room spells it, and its address. */
  public record Membership(String name, ActorRef<ChatRoom.Command> ref) {}

  /** How a session wraps each reply it asks for in a message of its own; one per session class. */
  public record ReplyMessages<T>(
      Function<Registry.NickResult, T> nickResult,
      Function<ChatRoom.JoinResult, T> joinResult,
      Function<ChatRoom.MembersResult, T> membersResult,
      Function<Registry.RoomList, T> roomList,
      Function<Registry.PrivateResult, T> privateResult,
      Function<ChatRoom.TopicIs, T> topicIs,
      Function<Gatekeeper.PasswordChecked, T> passwordChecked) {}

  private final ActorContext<T> context;
  private final TimerScheduler<T> timers;
  private final SessionSetup setup;
  private final ActorRef<ChatEvent> chatAddress;
  private final T closeTimedOut;
  private final PostBytes postBytes;
  private final ReplyMessages<T> replyMessages;
  private final Map<String, Membership> rooms = new LinkedHashMap<>();
  /** The deliveries given to rooms, by room key: from the join request until the user leaves. */
  private final Map<String, RoomDelivery> deliveries = new LinkedHashMap<>(4);
  private ActorRef<Registry.NickResult> nickReplies;
  private ActorRef<ChatRoom.JoinResult> joinReplies;
  private ActorRef<ChatRoom.MembersResult> membersReplies;
  private ActorRef<Registry.RoomList> roomsReplies;
  private ActorRef<Registry.PrivateResult> privateReplies;
  private ActorRef<ChatRoom.TopicIs> topicReplies;
  private ActorRef<Gatekeeper.PasswordChecked> passwordReplies;
  private String nick;
  private ActorRef<Done> pendingAck;
  private boolean aborted;
  private boolean ended;
  private String closeReason;

  /**
   * @param chatAddress the session's address for chat events, which rooms and the registry know
   * @param closeTimedOut the message the close timer sends to the session
   * @param droppedAsTooSlow the message the session gets when its client has been dropped as too
   *     slow (by its own output or by a room); it should then call {@link #droppedAsTooSlow}
   * @param postBytes how this client is shown posts that rooms queue for it directly
   * @param replyMessages how the session wraps replies; see {@link #nickReplies} and the like
   */
  public SessionLifecycle(
      ActorContext<T> context,
      TimerScheduler<T> timers,
      SessionSetup setup,
      ActorRef<ChatEvent> chatAddress,
      T closeTimedOut,
      T droppedAsTooSlow,
      PostBytes postBytes,
      ReplyMessages<T> replyMessages) {
    this.context = context;
    this.timers = timers;
    this.setup = setup;
    this.chatAddress = chatAddress;
    this.closeTimedOut = closeTimedOut;
    this.postBytes = postBytes;
    this.replyMessages = replyMessages;
    ActorRef<T> self = context.getSelf();
    setup.outbound().whenDroppedAsTooSlow(() -> self.tell(droppedAsTooSlow));
    setup.registry().tell(new Registry.Connected(context.getSelf()));
  }

  public ActorRef<ChatEvent> chatAddress() {
    return chatAddress;
  }

  public ActorRef<Registry.Command> registry() {
    return setup.registry();
  }

  // --- reply addresses ----------------------------------------------------------------------

  /**
   * An adapter made when it is first needed: {@code made} if the session has made it already,
   * else a new one wrapping replies of {@code type}, to be kept where {@code made} came from.
   */
  public <M> ActorRef<M> adapter(ActorRef<M> made, Class<M> type, Function<M, T> wrap) {
    return made != null ? made : context.messageAdapter(type, wrap);
  }

  public ActorRef<Registry.NickResult> nickReplies() {
    return nickReplies =
        adapter(nickReplies, Registry.NickResult.class, replyMessages.nickResult());
  }

  public ActorRef<ChatRoom.JoinResult> joinReplies() {
    return joinReplies =
        adapter(joinReplies, ChatRoom.JoinResult.class, replyMessages.joinResult());
  }

  public ActorRef<ChatRoom.MembersResult> membersReplies() {
    return membersReplies =
        adapter(membersReplies, ChatRoom.MembersResult.class, replyMessages.membersResult());
  }

  public ActorRef<Registry.RoomList> roomsReplies() {
    return roomsReplies =
        adapter(roomsReplies, Registry.RoomList.class, replyMessages.roomList());
  }

  public ActorRef<Registry.PrivateResult> privateReplies() {
    return privateReplies =
        adapter(privateReplies, Registry.PrivateResult.class, replyMessages.privateResult());
  }

  public ActorRef<ChatRoom.TopicIs> topicReplies() {
    return topicReplies =
        adapter(topicReplies, ChatRoom.TopicIs.class, replyMessages.topicIs());
  }

  private ActorRef<Gatekeeper.PasswordChecked> passwordReplies() {
    return passwordReplies =
        adapter(passwordReplies, Gatekeeper.PasswordChecked.class, replyMessages.passwordChecked());
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

  /** The user's nickname, or null before registration. */
  public String nick() {
    return nick;
  }

  public boolean registered() {
    return nick != null;
  }

  /** Asks the registry for {@code wanted} as this session's first nickname. */
  public void register(String wanted, Profile profile) {
    setup.registry().tell(new Registry.Register(wanted, profile, chatAddress, nickReplies()));
  }

  /**
   * Records the nickname the registry accepted: the first one tells the listener the session
   * has registered, a later one tells the user's rooms of the change.
   */
  public void nickAccepted(String accepted) {
    boolean renamed = nick != null;
    nick = accepted;
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
        new Gatekeeper.CheckPassword(remoteHost(), given, passwordReplies()));
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
   * The lines {@code render} makes of {@code posted} in wire form {@code form}, encoded for this
   * connection, rendered once for every session and room that needs the same form.
   */
  public ByteString shared(ChatEvent.Posted posted, Object form,
      Supplier<List<String>> render) {
    Outbound outbound = setup.outbound();
    return posted.renderings().get(form, () -> outbound.encode(render.get()));
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
  public Behavior<T> droppedAsTooSlow() {
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
   * Flushes what is queued, then closes, and acknowledges the line being handled. The session
   * should then wait in a closing state: it stops when the output side has ended, or when the
   * close timer fires because the client did not read its last lines.
   */
  public void close(String reason) {
    closeReason = reason;
    setup.outbound().close();
    timers.startSingleTimer(closeTimedOut, settings().closeTimeout());
    acknowledge(null);
  }

  public Behavior<T> outputEnded() {
    end(closeReason != null ? closeReason : "connection closed");
    return Behaviors.stopped();
  }

  public Behavior<T> closeTimedOut() {
    setup.outbound().abort("did not read its last lines");
    context.getLog().info("Cut {} ({}): it did not read its last lines within {}",
        who(), setup.remote(), ConfigChecks.inWords(settings().closeTimeout()));
    end(closeReason);
    return Behaviors.stopped();
  }

  /** While closing: a client that resets has nothing more to receive. */
  public Behavior<T> inputEndedWhileClosing(Optional<String> failure) {
    if (failure.isPresent()) {
      setup.outbound().abort(ChatRoom.CONNECTION_LOST);
    }
    return Behaviors.same();
  }

  /** While closing: a join answered after the session began closing is undone. */
  public Behavior<T> joinAnsweredWhileClosing(ChatRoom.JoinResult result) {
    if (result instanceof ChatRoom.Joined joined) {
      joined.roomRef().tell(new ChatRoom.Leave(chatAddress, closeReason, true));
    }
    return Behaviors.same();
  }

  /** While closing: lines still arriving are read and ignored. */
  public Behavior<T> receivedWhileClosing(ActorRef<Done> ack) {
    ack.tell(Done.getInstance());
    return Behaviors.same();
  }

  /** The input side failed (a reset): there is nobody left to deliver to. */
  public Behavior<T> connectionLost(String failure) {
    leaveServer(ChatRoom.CONNECTION_LOST);
    setup.outbound().abort(ChatRoom.CONNECTION_LOST);
    end(ChatRoom.CONNECTION_LOST + " (" + failure + ")");
    return Behaviors.stopped();
  }

  public Behavior<T> postStop() {
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
