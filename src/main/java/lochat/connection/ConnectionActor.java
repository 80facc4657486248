package lochat.connection;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import lochat.ConfigChecks;
import lochat.Version;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvents;
import lochat.chat.MessageKind;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.guard.Gatekeeper;
import lochat.guard.PasswordFailures;
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
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.util.ByteString;

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
 * <p>The session has three states: {@code registering} (waiting for the server's password when
 * it has one, then a valid nickname, for at most the registration timeout), {@code chatting}, and
 * {@code closing} (saying goodbye while the socket drains, for at most the close timeout). What
 * every protocol's session does alike is in its {@link SessionLifecycle}.
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

  /**
   * The connection did not choose a nickname within {@code after}: the registration timeout, or
   * a shorter one the listener applies when it is nearly full.
   */
  public record RegistrationTimedOut(Duration after) implements Command {}

  private record FromChat(ChatEvent event) implements Command {}

  private record NickReply(Registry.NickResult result) implements Command {}

  private record JoinReply(ChatRoom.JoinResult result) implements Command {}

  private record MembersReply(ChatRoom.MembersResult result) implements Command {}

  private record RoomsReply(Registry.RoomList list) implements Command {}

  private record PrivateReply(Registry.PrivateResult result) implements Command {}

  private record TopicReply(ChatRoom.TopicIs topic) implements Command {}

  private record PasswordReply(Gatekeeper.PasswordChecked checked) implements Command {}

  private record SendBufferOverflowed() implements Command {}

  private record CloseTimedOut() implements Command {}

  public static Behavior<Command> create(SessionSetup setup) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new ConnectionActor(context, timers, setup).start()));
  }

  private static final SessionLifecycle.ReplyMessages<Command> REPLY_MESSAGES =
      new SessionLifecycle.ReplyMessages<>(NickReply::new, JoinReply::new, MembersReply::new,
          RoomsReply::new, PrivateReply::new, TopicReply::new, PasswordReply::new);

  private static final String HELP_HINT = "Type /help for commands, /quit to leave.";
  /** Why a password was not even checked: its address has guesses waiting. */
  private static final String TOO_MANY_GUESSES =
      "Too many wrong passwords from your address; try again later";

  /** The key of a post's shared native rendering: one form for every native member. */
  private static final String NATIVE_FORM = "native";

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final SessionSetup setup;
  private final ConnectionSettings settings;
  private final SessionLifecycle<Command> session;
  private final ActorRef<ChatEvent> chatAddress;

  private String currentRoom;
  private String awaitingEchoFrom;
  private boolean passwordGiven;
  private boolean greeted;

  private ConnectionActor(
      ActorContext<Command> context, TimerScheduler<Command> timers, SessionSetup setup) {
    this.context = context;
    this.timers = timers;
    this.setup = setup;
    this.settings = setup.settings();
    this.chatAddress = context.messageAdapter(ChatEvent.class, FromChat::new);
    this.session = new SessionLifecycle<>(context, timers, setup, chatAddress,
        new CloseTimedOut(), new SendBufferOverflowed(),
        PostBytes.of(this::postBytes, this::postBytes), REPLY_MESSAGES);
    this.passwordGiven = settings.password().isEmpty();
  }

  private Behavior<Command> start() {
    // Who is online is for those who may come in: not shown before the password.
    send(LineRenderer.server("Welcome to " + TextSanitizer.clean(settings.serverName())
        + " (Lochat " + Version.CURRENT + ")."
        + (session.passwordRequired() ? "" : " " + onlineText(setup.online()) + ".")));
    for (String line : settings.motd().split("\\R")) {
      if (!line.isBlank()) {
        send(LineRenderer.server(TextSanitizer.clean(line)));
      }
    }
    promptForRegistration();
    timers.startSingleTimer(RegistrationTimedOut.class,
        new RegistrationTimedOut(settings.registrationTimeout()), settings.registrationTimeout());
    return registering();
  }

  // --- states -------------------------------------------------------------------------------

  private static final ReceiveTable.Builder<ConnectionActor, Command> COMMON =
      ReceiveTable.builder(ConnectionActor.class, Command.class)
          .on(InputEnded.class, ConnectionActor::onInputEnded)
          .on(ServerShutdown.class, ConnectionActor::onServerShutdown)
          .on(FromChat.class, ConnectionActor::onFromChat)
          .on(JoinReply.class, ConnectionActor::onJoinReply)
          .on(MembersReply.class, ConnectionActor::onMembersReply)
          .on(RoomsReply.class, ConnectionActor::onRoomsReply)
          .on(PrivateReply.class, ConnectionActor::onPrivateReply)
          .on(TopicReply.class, ConnectionActor::onTopicReply)
          .on(SendBufferOverflowed.class, (s, overflowed) -> s.session.droppedAsTooSlow())
          .on(OutputEnded.class, (s, ended) -> s.session.outputEnded())
          .onSignal(PostStop.class, (s, stop) -> s.session.postStop());

  private static final ReceiveTable<ConnectionActor, Command> REGISTERING = COMMON
      .on(Received.class, ConnectionActor::onReceivedWhileRegistering)
      .on(NickReply.class, ConnectionActor::onNickReplyWhileRegistering)
      .on(PasswordReply.class, ConnectionActor::onPasswordReply)
      .on(RegistrationTimedOut.class, ConnectionActor::onRegistrationTimedOut)
      .build();

  private static final ReceiveTable<ConnectionActor, Command> CHATTING = COMMON
      .on(Received.class, ConnectionActor::onReceived)
      .on(NickReply.class, ConnectionActor::onNickReply)
      .build();

  private static final ReceiveTable<ConnectionActor, Command> CLOSING =
      ReceiveTable.builder(ConnectionActor.class, Command.class)
          .on(Received.class, (s, received) -> s.session.receivedWhileClosing(received.replyTo()))
          .on(JoinReply.class, (s, reply) -> s.session.joinAnsweredWhileClosing(reply.result()))
          .on(InputEnded.class, (s, ended) -> s.session.inputEndedWhileClosing(ended.failure()))
          .on(OutputEnded.class, (s, ended) -> s.session.outputEnded())
          .on(CloseTimedOut.class, (s, timeout) -> s.session.closeTimedOut())
          .on(SendBufferOverflowed.class, (s, overflowed) -> Behaviors.stopped())
          .onAnyMessage((s, late) -> Behaviors.same())
          .onSignal(PostStop.class, (s, stop) -> s.session.postStop())
          .build();

  private Behavior<Command> registering() {
    return REGISTERING.behavior(this);
  }

  /** Made once: a chatting session returns to this state after every line. */
  private Behavior<Command> chattingBehavior;

  private Behavior<Command> chatting() {
    if (chattingBehavior == null) {
      chattingBehavior = CHATTING.behavior(this);
    }
    return chattingBehavior;
  }

  private Behavior<Command> closing() {
    return CLOSING.behavior(this);
  }

  // --- registering --------------------------------------------------------------------------

  private Behavior<Command> onReceivedWhileRegistering(Received received) {
    session.hold(received.replyTo());
    if (received.line() instanceof InboundLine.TooLong tooLong) {
      lineTooLong(tooLong);
      promptForRegistration();
      return session.acknowledge(registering());
    }
    String text = TextSanitizer.clean(((InboundLine.Text) received.line()).text());
    LineCommand command = passwordGiven
        ? LineCommandParser.parseRegistration(text)
        : LineCommandParser.parsePassword(text);
    if (command instanceof LineCommand.Pass pass) {
      return password(pass.password());
    } else if (command instanceof LineCommand.Nick n && !passwordGiven) {
      send(LineRenderer.error(ErrorCode.PASSWORD_REQUIRED,
          "This server needs a password before a nickname: /pass PASSWORD"));
    } else if (command instanceof LineCommand.Nick n) {
      session.register(n.nick(), new Profile(n.nick(), session.remoteHost(), n.nick(),
          NativeProtocol.NAME));
      return awaitingReply();
    } else if (command instanceof LineCommand.Quit quit) {
      return quit(quit.reason());
    } else if (command instanceof LineCommand.Help) {
      help();
    } else if (command instanceof LineCommand.Invalid invalid) {
      send(LineRenderer.error(invalid.code(), invalid.message()));
    } else if (!(command instanceof LineCommand.Blank)) {
      send(LineRenderer.error(ErrorCode.NOT_REGISTERED,
          "Choose a nickname first; commands work once you have one"));
    }
    promptForRegistration();
    return session.acknowledge(registering());
  }

  private Behavior<Command> password(String given) {
    if (settings.password().isEmpty()) {
      send(LineRenderer.ok("pass", "This server needs no password"));
    } else if (passwordGiven) {
      send(LineRenderer.ok("pass", "Password already accepted"));
    } else {
      session.checkPassword(given);
      return awaitingReply();
    }
    promptForRegistration();
    return session.acknowledge(registering());
  }

  private Behavior<Command> onPasswordReply(PasswordReply reply) {
    if (reply.checked().outcome() == PasswordFailures.Outcome.NOT_CHECKED) {
      send(LineRenderer.error(ErrorCode.TOO_MANY_GUESSES, TOO_MANY_GUESSES + "; goodbye"));
      return close("too many password guesses");
    }
    if (!reply.checked().accepted()) {
      send(LineRenderer.error(ErrorCode.PASSWORD_WRONG, "Wrong password; goodbye"));
      return close("wrong password");
    }
    passwordGiven = true;
    send(LineRenderer.ok("pass", "Password accepted"));
    promptForRegistration();
    return session.acknowledge(registering());
  }

  private Behavior<Command> onNickReplyWhileRegistering(NickReply reply) {
    if (reply.result() instanceof Registry.NickAccepted accepted) {
      timers.cancel(RegistrationTimedOut.class);
      session.nickAccepted(accepted.nick());
      context.getLog().info("{} registered as {}", setup.remote(), accepted.nick());
      send(LineRenderer.ok("nick", accepted.nick()));
      session.registry().tell(
          new Registry.JoinRoom(settings.defaultRoom(), accepted.nick(), chatAddress,
              session.deliveryFor(settings.defaultRoom()), session.joinReplies()));
      return chatting();
    }
    Registry.NickTaken taken = (Registry.NickTaken) reply.result();
    send(LineRenderer.error(ErrorCode.NICK_TAKEN,
        "Nickname " + taken.nick() + " is already in use; choose another"));
    promptForRegistration();
    return session.acknowledge(registering());
  }

  private Behavior<Command> onRegistrationTimedOut(RegistrationTimedOut timeout) {
    send(LineRenderer.error(ErrorCode.REGISTRATION_TIMEOUT, "No nickname chosen within "
        + ConfigChecks.inWords(timeout.after()) + "; goodbye"));
    return close("no nickname chosen");
  }

  // --- chatting -----------------------------------------------------------------------------

  private Behavior<Command> onReceived(Received received) {
    session.hold(received.replyTo());
    if (received.line() instanceof InboundLine.TooLong tooLong) {
      lineTooLong(tooLong);
      return session.acknowledge(chatting());
    }
    String text = TextSanitizer.clean(((InboundLine.Text) received.line()).text());
    LineCommand command = LineCommandParser.parse(text);
    if (command instanceof LineCommand.Say say) {
      return post(say.text(), MessageKind.TEXT);
    } else if (command instanceof LineCommand.Me me) {
      return post(me.action(), MessageKind.ACTION);
    } else if (command instanceof LineCommand.Nick n) {
      session.registry().tell(
          new Registry.ChangeNick(n.nick(), chatAddress, session.nickReplies()));
      return awaitingReply();
    } else if (command instanceof LineCommand.Join join) {
      return join(join.room());
    } else if (command instanceof LineCommand.Part part) {
      part(part.room().orElse(currentRoomName()));
    } else if (command instanceof LineCommand.Rooms) {
      session.registry().tell(new Registry.ListRooms(session.roomsReplies()));
      return awaitingReply();
    } else if (command instanceof LineCommand.Who who) {
      return who(who.room());
    } else if (command instanceof LineCommand.Msg msg) {
      session.registry().tell(new Registry.SendPrivate(chatAddress, msg.nick(), msg.text(),
          msg.action() ? MessageKind.ACTION : MessageKind.TEXT, session.privateReplies()));
      return awaitingReply();
    } else if (command instanceof LineCommand.ShowTopic) {
      return inCurrentRoom(room -> room.ref().tell(new ChatRoom.GetTopic(session.topicReplies())));
    } else if (command instanceof LineCommand.SetTopic topic) {
      return inCurrentRoom(room -> {
        room.ref().tell(new ChatRoom.SetTopic(chatAddress, topic.text()));
        awaitingEchoFrom = currentRoom;
      });
    } else if (command instanceof LineCommand.Pass) {
      send(LineRenderer.error(ErrorCode.ALREADY_REGISTERED, "You are already signed in"));
    } else if (command instanceof LineCommand.Help) {
      help();
    } else if (command instanceof LineCommand.Quit quit) {
      return quit(quit.reason());
    } else if (command instanceof LineCommand.Invalid invalid) {
      send(LineRenderer.error(invalid.code(), invalid.message()));
    }
    return session.acknowledge(chatting());
  }

  /** Posts to the current room; the next line is read once the room has echoed this one. */
  private Behavior<Command> post(String text, MessageKind kind) {
    return inCurrentRoom(room -> {
      room.ref().tell(new ChatRoom.Post(chatAddress, text, kind));
      awaitingEchoFrom = currentRoom;
    });
  }

  /** Sends a request to the current room and waits for its answer, or says there is none. */
  private Behavior<Command> inCurrentRoom(Consumer<SessionLifecycle.Membership> request) {
    Optional<SessionLifecycle.Membership> room =
        currentRoom == null ? Optional.empty() : session.room(currentRoom);
    if (room.isEmpty()) {
      send(LineRenderer.error(ErrorCode.NOT_IN_ROOM,
          "You are not in a room; /join ROOM first (/rooms lists them)"));
      return session.acknowledge(chatting());
    }
    request.accept(room.get());
    return awaitingReply();
  }

  private Behavior<Command> join(String room) {
    Optional<SessionLifecycle.Membership> membership = session.room(room);
    if (membership.isPresent()) {
      currentRoom = Names.key(room);
      send(LineRenderer.ok("current", membership.get().name()));
      return session.acknowledge(chatting());
    }
    if (session.roomCount() >= settings.maxRoomsPerUser()) {
      send(LineRenderer.error(ErrorCode.ROOM_REFUSED, "You are in " + session.roomCount()
          + " rooms, the most one user may be in; /part one first"));
      return session.acknowledge(chatting());
    }
    session.registry().tell(new Registry.JoinRoom(room, session.nick(), chatAddress,
        session.deliveryFor(room), session.joinReplies()));
    return awaitingReply();
  }

  private void part(String room) {
    Optional<SessionLifecycle.Membership> left =
        room == null ? Optional.empty() : session.part(room, "part");
    if (left.isEmpty()) {
      send(LineRenderer.error(ErrorCode.NOT_IN_ROOM,
          room == null ? "You are not in a room" : "You are not in " + room));
      return;
    }
    send(LineRenderer.event(
        new ChatEvent.MemberLeft(left.get().name(), session.nick(), "part", false)));
    if (Names.key(room).equals(currentRoom)) {
      currentRoom = lastJoinedRoom();
      if (currentRoom != null) {
        send(LineRenderer.ok("current", currentRoomName()));
      } else {
        send(LineRenderer.server("You are not in any room now; /join ROOM to enter one"));
      }
    }
  }

  /** Member lists always go through the registry, which counts what it forwards to rooms. */
  private Behavior<Command> who(Optional<String> room) {
    Optional<String> target = room.or(() -> Optional.ofNullable(currentRoomName()));
    if (target.isEmpty()) {
      send(LineRenderer.error(ErrorCode.NOT_IN_ROOM, "You are not in a room; try /who ROOM"));
      return session.acknowledge(chatting());
    }
    session.registry().tell(new Registry.ListMembers(target.get(), session.membersReplies()));
    return awaitingReply();
  }

  private Behavior<Command> onNickReply(NickReply reply) {
    if (reply.result() instanceof Registry.NickAccepted accepted) {
      session.nickAccepted(accepted.nick());
      send(LineRenderer.ok("nick", accepted.nick()));
      context.getLog().info("{} ({}) is now {}", accepted.oldNick(), setup.remote(),
          accepted.nick());
    } else {
      send(LineRenderer.error(ErrorCode.NICK_TAKEN,
          "Nickname " + ((Registry.NickTaken) reply.result()).nick() + " is already in use"));
    }
    return session.acknowledge(chatting());
  }

  // --- replies and events, in every state but closing ----------------------------------------

  private Behavior<Command> onJoinReply(JoinReply reply) {
    if (reply.result() instanceof ChatRoom.Joined joined) {
      session.joined(joined);
      currentRoom = Names.key(joined.room());
      for (Posted posted : joined.history()) {
        send(LineRenderer.history(posted));
      }
      send(LineRenderer.joined(joined.room(), session.nick()));
      send(LineRenderer.who(joined.room(), joined.members()));
      joined.topic().ifPresent(topic -> send(LineRenderer.topic(joined.room(), topic)));
      session.joinShown();
    } else {
      ChatRoom.JoinRefused refused = (ChatRoom.JoinRefused) reply.result();
      session.joinRefused(refused.room());
      send(LineRenderer.error(ErrorCode.ROOM_REFUSED,
          "Cannot join " + refused.room() + ": " + refused.reason()));
    }
    if (!greeted) {
      greeted = true;
      send(LineRenderer.server("Hello " + session.nick() + "! "
          + (currentRoom == null ? "" : "You are in " + currentRoomName() + ". ")
          + HELP_HINT));
    }
    return session.acknowledge(chatting());
  }

  private Behavior<Command> onMembersReply(MembersReply reply) {
    if (reply.result() instanceof ChatRoom.Members members) {
      send(LineRenderer.who(members.room(), members.nicks()));
    } else {
      send(LineRenderer.error(ErrorCode.NO_SUCH_ROOM,
          "There is no room " + ((ChatRoom.NoSuchRoom) reply.result()).room()));
    }
    return session.acknowledge(chatting());
  }

  private Behavior<Command> onRoomsReply(RoomsReply reply) {
    send(LineRenderer.rooms(reply.list().rooms()));
    return session.acknowledge(chatting());
  }

  private Behavior<Command> onPrivateReply(PrivateReply reply) {
    if (reply.result() instanceof Registry.PrivateDelivered delivered) {
      send(LineRenderer.event(delivered.message()));
      delivered.targetAway().ifPresent(away -> send(LineRenderer.server(
          delivered.message().to() + " is away: " + away)));
    } else {
      send(LineRenderer.error(ErrorCode.NO_SUCH_USER,
          "Nobody called " + ((Registry.NoSuchRecipient) reply.result()).nick() + " is online"));
    }
    return session.acknowledge(chatting());
  }

  private Behavior<Command> onTopicReply(TopicReply reply) {
    ChatRoom.TopicIs answer = reply.topic();
    send(answer.topic().map(topic -> LineRenderer.topic(answer.room(), topic))
        .orElse(LineRenderer.noTopic(answer.room())));
    return session.acknowledge(chatting());
  }

  /** A post as this client is shown it; rooms call this from their own threads. */
  private ByteString postBytes(Posted posted) {
    return session.shared(posted, NATIVE_FORM, () -> List.of(LineRenderer.event(posted)));
  }

  private Behavior<Command> onFromChat(FromChat message) {
    try {
      return show(message.event());
    } finally {
      session.roomEventHandled(message.event());
    }
  }

  private Behavior<Command> show(ChatEvent event) {
    if (event instanceof ChatEvent.Receipt) {
      return echoArrived(event);
    }
    if (ChatEvents.room(event).filter(room -> !session.isIn(room)).isPresent()
        || !ChatEvents.isForPeople(event)) {
      return Behaviors.same();
    }
    if (event instanceof Posted posted) {
      session.sendEncoded(postBytes(posted));
    } else {
      send(LineRenderer.event(event));
    }
    return echoArrived(event);
  }

  /** The line that waits for {@code event}, the user's own post or topic, is done. */
  private Behavior<Command> echoArrived(ChatEvent event) {
    if (awaitingEchoFrom != null
        && ChatEvents.isEchoOf(event, session.nick(), awaitingEchoFrom)) {
      awaitingEchoFrom = null;
      return session.acknowledge(Behaviors.same());
    }
    return Behaviors.same();
  }

  // --- leaving ------------------------------------------------------------------------------

  private Behavior<Command> quit(Optional<String> reason) {
    session.leaveServer(reason.map(r -> "quit: " + r).orElse("quit"));
    send(LineRenderer.ok("quit", "Bye" + (session.nick() == null ? "" : " " + session.nick())));
    return close("quit");
  }

  private Behavior<Command> onServerShutdown(ServerShutdown shutdown) {
    send(NativeProtocol.SHUTDOWN_LINE);
    session.leaveServer("server shutdown");
    return close("server shutdown");
  }

  private Behavior<Command> close(String reason) {
    currentRoom = null;
    session.close(reason);
    return closing();
  }

  /**
   * The client stopped sending. After a clean end (a half-close) what is queued for it is still
   * delivered; after a failure there is nobody to deliver to.
   */
  private Behavior<Command> onInputEnded(InputEnded inputEnded) {
    if (inputEnded.failure().isPresent()) {
      return session.connectionLost(inputEnded.failure().get());
    }
    session.leaveServer("connection closed");
    return close("connection closed");
  }

  // --- output -------------------------------------------------------------------------------

  private void send(String line) {
    session.send(line);
  }

  private void promptForRegistration() {
    if (!passwordGiven) {
      send(LineRenderer.prompt("This server needs a password (/pass PASSWORD):"));
    } else {
      send(LineRenderer.prompt("Choose a nickname (1-" + Names.MAX_LENGTH
          + " letters, digits, _ - . and the other characters IRC allows):"));
    }
  }

  private void lineTooLong(InboundLine.TooLong tooLong) {
    send(LineRenderer.error(ErrorCode.LINE_TOO_LONG,
        "Line longer than " + tooLong.limit() + " bytes; it was discarded"));
  }

  private void help() {
    LineRenderer.help().forEach(this::send);
  }

  /** Keeps the current line unacknowledged until the reply it waits for has arrived. */
  private Behavior<Command> awaitingReply() {
    return Behaviors.same();
  }

  private static String onlineText(int online) {
    return online == 1 ? "1 client online" : online + " clients online";
  }

  private String currentRoomName() {
    return currentRoom == null ? null : session.room(currentRoom).map(m -> m.name()).orElse(null);
  }

  private String lastJoinedRoom() {
    String last = null;
    for (SessionLifecycle.Membership room : session.rooms()) {
      last = Names.key(room.name());
    }
    return last;
  }
}
