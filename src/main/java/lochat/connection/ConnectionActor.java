package lochat.connection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import lochat.ConfigChecks;
import lochat.Failures;
import lochat.Version;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.protocol.InboundLine;
import lochat.protocol.TextSanitizer;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineCommand;
import lochat.protocol.line.LineCommandParser;
import lochat.protocol.line.LineRenderer;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One user's session over the native line protocol: registration, nickname, rooms and commands.
 *
 * <p>Lines arrive from the {@link ConnectionFlow} one at a time; each is acknowledged when the
 * session is done with it. A line that needs an answer from the registry or a room (a post
 * included: its answer is the room's echo) holds the acknowledgement until the answer came, so a
 * client's lines take effect, and are answered, in the order it sent them, whichever actor
 * handles them. Everything the session says goes through its bounded
 * {@link Outbound} queue; when that overflows, the client is not reading and is disconnected,
 * so that nobody waits for it.
 *
 * <p>The session has three states: {@code registering} (waiting for a valid nickname, for at
 * most the registration timeout), {@code chatting}, and {@code closing} (saying goodbye while the
 * socket drains, for at most the close timeout).
 */
public final class ConnectionActor {

  public sealed interface Command {}

  /** A line from the client; {@code replyTo} is acknowledged once the line has been handled. */
  public record Received(InboundLine line, ActorRef<Done> replyTo) implements Command {}

  /** The client's input ended: cleanly, or with {@code failure} when the connection broke. */
  public record InputEnded(Optional<String> failure) implements Command {}

  /** Everything queued for the client has been written, or the connection is gone. */
  public record OutputEnded() implements Command {}

  /** The server is going down: say so, flush and close. */
  public record ServerShutdown() implements Command {}

  private record FromChat(ChatEvent event) implements Command {}

  private record NickReply(Registry.NickResult result) implements Command {}

  private record JoinReply(ChatRoom.JoinResult result) implements Command {}

  private record MembersReply(ChatRoom.MembersResult result) implements Command {}

  private record RoomsReply(Registry.RoomList list) implements Command {}

  private record PrivateReply(Registry.PrivateResult result) implements Command {}

  private record TopicReply(ChatRoom.TopicIs topic) implements Command {}

  private record SendBufferOverflowed() implements Command {}

  private record RegistrationTimedOut() implements Command {}

  private record CloseTimedOut() implements Command {}

  /** How the connection stream addresses this session. */
  private static final SessionMessages<Command> STREAM_MESSAGES = new SessionMessages<>() {
    @Override
    public Command line(InboundLine line, ActorRef<Done> replyTo) {
      return new Received(line, replyTo);
    }

    @Override
    public Command inputEnded(Optional<Throwable> failure) {
      return new InputEnded(failure.map(Failures::describe));
    }

    @Override
    public Command outputEnded() {
      return new OutputEnded();
    }
  };

  /** The native line protocol, for a {@code TcpListener}. */
  public static final SessionProtocol<Command> PROTOCOL = new SessionProtocol<>() {
    @Override
    public String name() {
      return "native";
    }

    @Override
    public Behavior<Command> session(SessionSetup setup) {
      return create(setup);
    }

    @Override
    public SessionMessages<Command> streamMessages() {
      return STREAM_MESSAGES;
    }

    @Override
    public Command serverShutdown() {
      return new ServerShutdown();
    }

    @Override
    public String serverFullLine(int open) {
      return LineRenderer.error(ErrorCode.SERVER_FULL, "The server has " + open
          + " connections, the most it takes; try again later");
    }

    @Override
    public String shuttingDownLine() {
      return SHUTDOWN_LINE;
    }
  };

  public static Behavior<Command> create(SessionSetup setup) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new ConnectionActor(context, timers, setup).start()));
  }

  private static final String SHUTDOWN_LINE =
      LineRenderer.server("The server is shutting down. Goodbye!");
  private static final String HELP_HINT = "Type /help for commands, /quit to leave.";

  private record Membership(String name, ActorRef<ChatRoom.Command> ref) {}

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final SessionSetup setup;
  private final ConnectionSettings settings;
  private final Outbound outbound;
  private final ActorRef<ChatEvent> chatAddress;
  private final ActorRef<Registry.NickResult> nickReplies;
  private final ActorRef<ChatRoom.JoinResult> joinReplies;
  private final ActorRef<ChatRoom.MembersResult> membersReplies;
  private final ActorRef<Registry.RoomList> roomsReplies;
  private final ActorRef<Registry.PrivateResult> privateReplies;
  private final ActorRef<ChatRoom.TopicIs> topicReplies;

  private final Map<String, Membership> rooms = new LinkedHashMap<>();
  private String nick;
  private String currentRoom;
  private ActorRef<Done> pendingAck;
  private String awaitingEchoFrom;
  private boolean greeted;
  private boolean aborted;
  private boolean ended;
  private String closeReason;

  private ConnectionActor(
      ActorContext<Command> context, TimerScheduler<Command> timers, SessionSetup setup) {
    this.context = context;
    this.timers = timers;
    this.setup = setup;
    this.settings = setup.settings();
    this.outbound = setup.outbound();
    this.chatAddress = context.messageAdapter(ChatEvent.class, FromChat::new);
    this.nickReplies = context.messageAdapter(Registry.NickResult.class, NickReply::new);
    this.joinReplies = context.messageAdapter(ChatRoom.JoinResult.class, JoinReply::new);
    this.membersReplies = context.messageAdapter(ChatRoom.MembersResult.class, MembersReply::new);
    this.roomsReplies = context.messageAdapter(Registry.RoomList.class, RoomsReply::new);
    this.privateReplies = context.messageAdapter(Registry.PrivateResult.class, PrivateReply::new);
    this.topicReplies = context.messageAdapter(ChatRoom.TopicIs.class, TopicReply::new);
  }

  private Behavior<Command> start() {
    send(LineRenderer.server("Welcome to " + TextSanitizer.clean(settings.serverName())
        + " (Lochat " + Version.CURRENT + "). " + onlineText(setup.online()) + "."));
    for (String line : settings.motd().split("\\R")) {
      if (!line.isBlank()) {
        send(LineRenderer.server(TextSanitizer.clean(line)));
      }
    }
    promptForNick();
    timers.startSingleTimer(new RegistrationTimedOut(), settings.registrationTimeout());
    return registering();
  }

  // --- states -------------------------------------------------------------------------------

  // Each state's receive table is built once and reused.
  private Behavior<Command> registering;
  private Behavior<Command> chatting;
  private Behavior<Command> closing;

  private Behavior<Command> registering() {
    if (registering == null) {
      registering = common()
          .onMessage(Received.class, this::onReceivedWhileRegistering)
          .onMessage(NickReply.class, this::onNickReplyWhileRegistering)
          .onMessage(RegistrationTimedOut.class, this::onRegistrationTimedOut)
          .build();
    }
    return registering;
  }

  private Behavior<Command> chatting() {
    if (chatting == null) {
      chatting = common()
          .onMessage(Received.class, this::onReceived)
          .onMessage(NickReply.class, this::onNickReply)
          .build();
    }
    return chatting;
  }

  private Behavior<Command> closing() {
    if (closing == null) {
      closing = Behaviors.receive(Command.class)
          .onMessage(Received.class, this::onReceivedWhileClosing)
          .onMessage(JoinReply.class, this::onJoinReplyWhileClosing)
          .onMessage(InputEnded.class, this::onInputEndedWhileClosing)
          .onMessage(OutputEnded.class, this::onOutputEnded)
          .onMessage(CloseTimedOut.class, this::onCloseTimedOut)
          .onMessage(SendBufferOverflowed.class, this::onSendBufferOverflowed)
          .onSignal(PostStop.class, this::onPostStop)
          .build();
    }
    return closing;
  }

  private BehaviorBuilder<Command> common() {
    return Behaviors.receive(Command.class)
        .onMessage(InputEnded.class, this::onInputEnded)
        .onMessage(ServerShutdown.class, this::onServerShutdown)
        .onMessage(FromChat.class, this::onFromChat)
        .onMessage(JoinReply.class, this::onJoinReply)
        .onMessage(MembersReply.class, this::onMembersReply)
        .onMessage(RoomsReply.class, this::onRoomsReply)
        .onMessage(PrivateReply.class, this::onPrivateReply)
        .onMessage(TopicReply.class, this::onTopicReply)
        .onMessage(SendBufferOverflowed.class, this::onSendBufferOverflowed)
        .onMessage(OutputEnded.class, this::onOutputEnded)
        .onSignal(PostStop.class, this::onPostStop);
  }

  // --- registering --------------------------------------------------------------------------

  private Behavior<Command> onReceivedWhileRegistering(Received received) {
    pendingAck = received.replyTo();
    if (received.line() instanceof InboundLine.TooLong tooLong) {
      lineTooLong(tooLong);
      promptForNick();
      return acknowledge(registering());
    }
    String text = TextSanitizer.clean(((InboundLine.Text) received.line()).text());
    LineCommand command = LineCommandParser.parseRegistration(text);
    if (command instanceof LineCommand.Nick n) {
      setup.registry().tell(new Registry.Register(n.nick(), chatAddress, nickReplies));
      return awaitingReply();
    } else if (command instanceof LineCommand.Quit quit) {
      return quit(quit.reason());
    } else if (command instanceof LineCommand.Help) {
      help();
      promptForNick();
    } else if (command instanceof LineCommand.Invalid invalid) {
      send(LineRenderer.error(invalid.code(), invalid.message()));
      promptForNick();
    } else if (!(command instanceof LineCommand.Blank)) {
      send(LineRenderer.error(ErrorCode.NOT_REGISTERED,
          "Choose a nickname first; commands work once you have one"));
      promptForNick();
    } else {
      promptForNick();
    }
    return acknowledge(registering());
  }

  private Behavior<Command> onNickReplyWhileRegistering(NickReply reply) {
    if (reply.result() instanceof Registry.NickAccepted accepted) {
      timers.cancel(RegistrationTimedOut.class);
      nick = accepted.nick();
      context.getLog().info("{} registered as {}", setup.remote(), nick);
      send(LineRenderer.ok("nick", nick));
      setup.registry().tell(
          new Registry.JoinRoom(settings.defaultRoom(), nick, chatAddress, joinReplies));
      return chatting();
    }
    Registry.NickTaken taken = (Registry.NickTaken) reply.result();
    send(LineRenderer.error(ErrorCode.NICK_TAKEN,
        "Nickname " + taken.nick() + " is already in use; choose another"));
    promptForNick();
    return acknowledge(registering());
  }

  private Behavior<Command> onRegistrationTimedOut(RegistrationTimedOut timeout) {
    send(LineRenderer.error(ErrorCode.REGISTRATION_TIMEOUT, "No nickname chosen within "
        + ConfigChecks.inWords(settings.registrationTimeout()) + "; goodbye"));
    return close("no nickname chosen");
  }

  // --- chatting -----------------------------------------------------------------------------

  private Behavior<Command> onReceived(Received received) {
    pendingAck = received.replyTo();
    if (received.line() instanceof InboundLine.TooLong tooLong) {
      lineTooLong(tooLong);
      return acknowledge(chatting());
    }
    String text = TextSanitizer.clean(((InboundLine.Text) received.line()).text());
    LineCommand command = LineCommandParser.parse(text);
    if (command instanceof LineCommand.Say say) {
      return post(say.text(), false);
    } else if (command instanceof LineCommand.Me me) {
      return post(me.action(), true);
    } else if (command instanceof LineCommand.Nick n) {
      setup.registry().tell(new Registry.ChangeNick(n.nick(), chatAddress, nickReplies));
      return awaitingReply();
    } else if (command instanceof LineCommand.Join join) {
      return join(join.room());
    } else if (command instanceof LineCommand.Part part) {
      part(part.room().orElse(currentRoom));
    } else if (command instanceof LineCommand.Rooms) {
      setup.registry().tell(new Registry.ListRooms(roomsReplies));
      return awaitingReply();
    } else if (command instanceof LineCommand.Who who) {
      return who(who.room());
    } else if (command instanceof LineCommand.Msg msg) {
      setup.registry().tell(
          new Registry.SendPrivate(
              chatAddress, msg.nick(), msg.text(), msg.action(), privateReplies));
      return awaitingReply();
    } else if (command instanceof LineCommand.ShowTopic) {
      return inCurrentRoom(room -> room.ref().tell(new ChatRoom.GetTopic(topicReplies)));
    } else if (command instanceof LineCommand.SetTopic topic) {
      return inCurrentRoom(room -> {
        room.ref().tell(new ChatRoom.SetTopic(chatAddress, topic.text()));
        awaitingEchoFrom = currentRoom;
      });
    } else if (command instanceof LineCommand.Help) {
      help();
    } else if (command instanceof LineCommand.Quit quit) {
      return quit(quit.reason());
    } else if (command instanceof LineCommand.Invalid invalid) {
      send(LineRenderer.error(invalid.code(), invalid.message()));
    }
    return acknowledge(chatting());
  }

  /** Posts to the current room; the next line is read once the room has echoed this one. */
  private Behavior<Command> post(String text, boolean action) {
    return inCurrentRoom(room -> {
      room.ref().tell(new ChatRoom.Post(chatAddress, text, action));
      awaitingEchoFrom = currentRoom;
    });
  }

  /** Sends a request to the current room and waits for its answer, or says there is none. */
  private Behavior<Command> inCurrentRoom(Consumer<Membership> request) {
    Membership room = currentRoom == null ? null : rooms.get(currentRoom);
    if (room == null) {
      send(LineRenderer.error(ErrorCode.NOT_IN_ROOM,
          "You are not in a room; /join ROOM first (/rooms lists them)"));
      return acknowledge(chatting());
    }
    request.accept(room);
    return awaitingReply();
  }

  private Behavior<Command> join(String room) {
    Membership membership = rooms.get(Names.key(room));
    if (membership != null) {
      currentRoom = Names.key(room);
      send(LineRenderer.ok("current", membership.name()));
      return acknowledge(chatting());
    }
    if (rooms.size() >= settings.maxRoomsPerUser()) {
      send(LineRenderer.error(ErrorCode.ROOM_REFUSED, "You are in " + rooms.size()
          + " rooms, the most one user may be in; /part one first"));
      return acknowledge(chatting());
    }
    setup.registry().tell(new Registry.JoinRoom(room, nick, chatAddress, joinReplies));
    return awaitingReply();
  }

  private void part(String room) {
    Membership membership = room == null ? null : rooms.remove(Names.key(room));
    if (membership == null) {
      send(LineRenderer.error(ErrorCode.NOT_IN_ROOM,
          room == null ? "You are not in a room" : "You are not in " + room));
      return;
    }
    membership.ref().tell(new ChatRoom.Leave(chatAddress, "part"));
    send(LineRenderer.event(new ChatEvent.MemberLeft(membership.name(), nick, "part")));
    if (Names.key(room).equals(currentRoom)) {
      currentRoom = rooms.isEmpty() ? null : lastJoinedRoom();
      if (currentRoom != null) {
        send(LineRenderer.ok("current", rooms.get(currentRoom).name()));
      } else {
        send(LineRenderer.server("You are not in any room now; /join ROOM to enter one"));
      }
    }
  }

  /** Member lists always go through the registry, which counts what it forwards to rooms. */
  private Behavior<Command> who(Optional<String> room) {
    Optional<String> target =
        room.or(() -> Optional.ofNullable(currentRoom).map(key -> rooms.get(key).name()));
    if (target.isEmpty()) {
      send(LineRenderer.error(ErrorCode.NOT_IN_ROOM, "You are not in a room; try /who ROOM"));
      return acknowledge(chatting());
    }
    setup.registry().tell(new Registry.ListMembers(target.get(), membersReplies));
    return awaitingReply();
  }

  private Behavior<Command> onNickReply(NickReply reply) {
    if (reply.result() instanceof Registry.NickAccepted accepted) {
      nick = accepted.nick();
      for (Membership room : rooms.values()) {
        room.ref().tell(new ChatRoom.Rename(chatAddress, nick));
      }
      send(LineRenderer.ok("nick", nick));
      context.getLog().info("{} ({}) is now {}", accepted.oldNick(), setup.remote(), nick);
    } else {
      send(LineRenderer.error(ErrorCode.NICK_TAKEN,
          "Nickname " + ((Registry.NickTaken) reply.result()).nick() + " is already in use"));
    }
    return acknowledge(chatting());
  }

  // --- replies and events, in every state but closing ----------------------------------------

  private Behavior<Command> onJoinReply(JoinReply reply) {
    if (reply.result() instanceof ChatRoom.Joined joined) {
      String key = Names.key(joined.room());
      rooms.put(key, new Membership(joined.room(), joined.roomRef()));
      currentRoom = key;
      for (Posted posted : joined.history()) {
        send(LineRenderer.history(posted));
      }
      send(LineRenderer.joined(joined.room(), nick));
      send(LineRenderer.who(joined.room(), joined.members()));
      joined.topic().ifPresent(topic -> send(LineRenderer.topic(joined.room(), topic)));
    } else {
      ChatRoom.JoinRefused refused = (ChatRoom.JoinRefused) reply.result();
      send(LineRenderer.error(ErrorCode.ROOM_REFUSED,
          "Cannot join " + refused.room() + ": " + refused.reason()));
    }
    if (!greeted) {
      greeted = true;
      send(LineRenderer.server("Hello " + nick + "! "
          + (currentRoom == null ? "" : "You are in " + rooms.get(currentRoom).name() + ". ")
          + HELP_HINT));
    }
    return acknowledge(chatting());
  }

  private Behavior<Command> onMembersReply(MembersReply reply) {
    if (reply.result() instanceof ChatRoom.Members members) {
      send(LineRenderer.who(members.room(), members.nicks()));
    } else {
      send(LineRenderer.error(ErrorCode.NO_SUCH_ROOM,
          "There is no room " + ((ChatRoom.NoSuchRoom) reply.result()).room()));
    }
    return acknowledge(chatting());
  }

  private Behavior<Command> onRoomsReply(RoomsReply reply) {
    send(LineRenderer.rooms(reply.list().rooms()));
    return acknowledge(chatting());
  }

  private Behavior<Command> onPrivateReply(PrivateReply reply) {
    if (reply.result() instanceof Registry.PrivateDelivered delivered) {
      send(LineRenderer.event(delivered.message()));
    } else {
      send(LineRenderer.error(ErrorCode.NO_SUCH_USER,
          "Nobody called " + ((Registry.NoSuchNick) reply.result()).nick() + " is online"));
    }
    return acknowledge(chatting());
  }

  private Behavior<Command> onTopicReply(TopicReply reply) {
    ChatRoom.TopicIs answer = reply.topic();
    send(answer.topic().map(topic -> LineRenderer.topic(answer.room(), topic))
        .orElse(LineRenderer.noTopic(answer.room())));
    return acknowledge(chatting());
  }

  private Behavior<Command> onFromChat(FromChat message) {
    if (fromRoomLeft(message.event())) {
      return Behaviors.same();
    }
    send(LineRenderer.event(message.event()));
    if (awaitingEchoFrom != null && isEchoOfOwnRequest(message.event())) {
      awaitingEchoFrom = null;
      return acknowledge(Behaviors.same());
    }
    return Behaviors.same();
  }

  /** Whether {@code event} is the room's answer to this user's post or topic change. */
  private boolean isEchoOfOwnRequest(ChatEvent event) {
    if (event instanceof Posted posted) {
      return posted.nick().equals(nick) && Names.key(posted.room()).equals(awaitingEchoFrom);
    }
    if (event instanceof ChatEvent.TopicChanged changed) {
      return changed.by().equals(nick) && Names.key(changed.room()).equals(awaitingEchoFrom);
    }
    return false;
  }

  /** Whether {@code event} comes from a room this user has left since the room sent it. */
  private boolean fromRoomLeft(ChatEvent event) {
    String room;
    if (event instanceof Posted posted) {
      room = posted.room();
    } else if (event instanceof ChatEvent.MemberJoined joined) {
      room = joined.room();
    } else if (event instanceof ChatEvent.MemberLeft left) {
      room = left.room();
    } else if (event instanceof ChatEvent.MemberRenamed renamed) {
      room = renamed.room();
    } else if (event instanceof ChatEvent.TopicChanged changed) {
      room = changed.room();
    } else {
      return false;
    }
    return !rooms.containsKey(Names.key(room));
  }

  // --- leaving ------------------------------------------------------------------------------

  private Behavior<Command> quit(Optional<String> reason) {
    leaveServer(reason.map(r -> "quit: " + r).orElse("quit"));
    send(LineRenderer.ok("quit", "Bye" + (nick == null ? "" : " " + nick)));
    return close("quit");
  }

  private Behavior<Command> onServerShutdown(ServerShutdown shutdown) {
    send(SHUTDOWN_LINE);
    leaveServer("server shutdown");
    return close("server shutdown");
  }

  /**
   * Flushes what is queued, then closes. The session stops when the output side has ended, or
   * cuts the connection if the client has not read its last lines within the close timeout.
   */
  private Behavior<Command> close(String reason) {
    closeReason = reason;
    outbound.close();
    timers.startSingleTimer(new CloseTimedOut(), settings.closeTimeout());
    return acknowledge(closing());
  }

  private Behavior<Command> onOutputEnded(OutputEnded ended) {
    end(closeReason != null ? closeReason : "connection closed");
    return Behaviors.stopped();
  }

  private Behavior<Command> onCloseTimedOut(CloseTimedOut timeout) {
    outbound.abort("did not read its last lines");
    context.getLog().info("Cut {} ({}): it did not read its last lines within {}",
        nick == null ? "unregistered client" : nick, setup.remote(),
        ConfigChecks.inWords(settings.closeTimeout()));
    end(closeReason);
    return Behaviors.stopped();
  }

  /** A client that resets while its last lines drain has nothing more to receive. */
  private Behavior<Command> onInputEndedWhileClosing(InputEnded inputEnded) {
    if (inputEnded.failure().isPresent()) {
      outbound.abort(ChatRoom.CONNECTION_LOST);
    }
    return Behaviors.same();
  }

  /** A join that was answered after the session began closing: leave that room again. */
  private Behavior<Command> onJoinReplyWhileClosing(JoinReply reply) {
    if (reply.result() instanceof ChatRoom.Joined joined) {
      joined.roomRef().tell(new ChatRoom.Leave(chatAddress, closeReason));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onReceivedWhileClosing(Received received) {
    received.replyTo().tell(Done.getInstance());
    return Behaviors.same();
  }

  /**
   * The client stopped sending. After a clean end (a half-close) what is queued for it is still
   * delivered; after a failure there is nobody to deliver to.
   */
  private Behavior<Command> onInputEnded(InputEnded inputEnded) {
    if (inputEnded.failure().isEmpty()) {
      leaveServer("connection closed");
      return close("connection closed");
    }
    leaveServer(ChatRoom.CONNECTION_LOST);
    outbound.abort(ChatRoom.CONNECTION_LOST);
    end(ChatRoom.CONNECTION_LOST + " (" + inputEnded.failure().get() + ")");
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop(PostStop stop) {
    outbound.abort("session stopped");
    end(closeReason != null ? closeReason : "session stopped");
    return Behaviors.same();
  }

  /** Leaves every room with {@code reason} and gives the nickname back: the user is gone. */
  private void leaveServer(String reason) {
    for (Membership room : rooms.values()) {
      room.ref().tell(new ChatRoom.Leave(chatAddress, reason));
    }
    rooms.clear();
    currentRoom = null;
    if (nick != null) {
      setup.registry().tell(new Registry.Unregister(chatAddress));
    }
  }

  private void end(String reason) {
    if (!ended) {
      ended = true;
      setup.endedTo().tell(new SessionEnded(context.getSelf(), setup.remote(), nick, reason));
    }
  }

  // --- output -------------------------------------------------------------------------------

  private void send(String line) {
    if (!aborted && outbound.send(line) == Outbound.Result.OVERFLOW) {
      tooSlow();
    }
  }

  /** Drops the client at once: it left {@code send-buffer} lines unread. */
  private void tooSlow() {
    String reason = "too slow: did not read " + settings.sendBuffer() + " queued lines";
    context.getLog().warn("Disconnecting {} ({}): {}",
        nick == null ? "unregistered client" : nick, setup.remote(), reason);
    aborted = true;
    closeReason = reason;
    leaveServer(reason);
    outbound.abort(reason);
    end(reason);
    context.getSelf().tell(new SendBufferOverflowed());
  }

  private Behavior<Command> onSendBufferOverflowed(SendBufferOverflowed overflowed) {
    return Behaviors.stopped();
  }

  private void promptForNick() {
    send(LineRenderer.prompt("Choose a nickname (1-" + Names.MAX_LENGTH
        + " letters, digits, _ - .):"));
  }

  private void lineTooLong(InboundLine.TooLong tooLong) {
    send(LineRenderer.error(ErrorCode.LINE_TOO_LONG,
        "Line longer than " + tooLong.limit() + " bytes; it was discarded"));
  }

  private void help() {
    for (String line : HELP) {
      send(LineRenderer.server(line));
    }
  }

  private static final List<String> HELP = List.of(
      "Commands:",
      "  TEXT               post TEXT to your current room (//TEXT posts a line starting with /)",
      "  /me ACTION         post an action, shown as '* nick ACTION'",
      "  /msg NICK TEXT     send a private message (/msg NICK /me ACTION for an action)",
      "  /join ROOM         enter ROOM (created if needed); it becomes your current room",
      "  /part [ROOM]       leave ROOM (default: your current room)",
      "  /rooms             list rooms and how many are in each",
      "  /who [ROOM]        list who is in ROOM (default: your current room)",
      "  /topic [TEXT]      show your current room's topic, or set it (/topic - clears it)",
      "  /nick NEW          change your nickname",
      "  /help              show this help",
      "  /quit [REASON]     leave the server");

  // --- acknowledgement ----------------------------------------------------------------------

  /** Keeps the current line unacknowledged until the reply it waits for has arrived. */
  private Behavior<Command> awaitingReply() {
    return Behaviors.same();
  }

  private Behavior<Command> acknowledge(Behavior<Command> next) {
    if (pendingAck != null) {
      pendingAck.tell(Done.getInstance());
      pendingAck = null;
    }
    return next;
  }

  private static String onlineText(int online) {
    return online == 1 ? "1 client online" : online + " clients online";
  }

  private String lastJoinedRoom() {
    String last = null;
    for (String key : rooms.keySet()) {
      last = key;
    }
    return last;
  }
}
