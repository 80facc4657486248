package lochat.line;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.ChatEvents;
import lochat.chat.MessageKind;
import lochat.chat.Names;
import lochat.chat.RoomModes;
import lochat.connection.ConnectionSettings;
import lochat.connection.KeepAlive;
import lochat.connection.PostBytes;
import lochat.connection.ReceiveTable;
import lochat.connection.SessionCommand;
import lochat.connection.SessionCommand.BanReply;
import lochat.connection.SessionCommand.FromChat;
import lochat.connection.SessionCommand.JoinReply;
import lochat.connection.SessionCommand.MembersReply;
import lochat.connection.SessionCommand.NickReply;
import lochat.connection.SessionCommand.OperReply;
import lochat.connection.SessionCommand.PrivateReply;
import lochat.connection.SessionCommand.ReachedReply;
import lochat.connection.SessionCommand.Received;
import lochat.connection.SessionCommand.RegistrationTimedOut;
import lochat.connection.SessionCommand.RoomReply;
import lochat.connection.SessionCommand.RoomsReply;
import lochat.connection.SessionCommand.ServerShutdown;
import lochat.connection.SessionCommand.TopicReply;
import lochat.connection.SessionCommand.UserReply;
import lochat.connection.SessionCommand.UsersReply;
import lochat.connection.SessionLifecycle;
import lochat.connection.SessionSetup;
import lochat.protocol.InboundLine;
import lochat.protocol.TextSanitizer;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineCommand;
import lochat.protocol.line.NativeCodec;
import lochat.protocol.line.NativeReplies;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.room.RoomRequest;
import lochat.store.HistoryWriter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.util.ByteString;

/**
 * One user's session over the native line protocol, once registered: the commands of
 * {@link LineCommand}, answered through its {@link NativeReplies}, and the chat core's events,
 * in one wire form ({@link NativeCodec}): the native protocol's lines, or the browser's JSON.
 *
 * <p>Lines arrive one at a time; each is acknowledged when the session is done with it. A line
 * that needs an answer from the registry or a room (a post included: its answer is the room's
 * echo) holds the acknowledgement until the answer came, so a client's lines take effect, and are
 * answered, in the order it sent them, whichever actor handles them.
 *
 * <p>States: welcoming and registering ({@link NativeRegistration}), chatting (this class), and
 * the closing state every session shares. What every protocol's session does alike is in its
 * {@link SessionLifecycle}.
 */
public final class NativeSession {

  /** @param codec the wire form: the native protocol's lines, or the browser's JSON */
  public static Behavior<SessionCommand> create(SessionSetup setup, NativeCodec codec) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
      Function<Posted, ByteString> post = posted -> renderedOnce(codec, posted);
      SessionLifecycle session = new SessionLifecycle(context, timers, setup,
          PostBytes.of(post, post));
      return new NativeRegistration(context, session, setup.archive(), codec).start();
    }));
  }

  /** The session of a user who has just registered: it waits for its first room. */
  static Behavior<SessionCommand> chatting(ActorContext<SessionCommand> context,
      SessionLifecycle session, RoomArchive archive, NativeCodec codec) {
    return new NativeSession(context, session, archive, codec).chatting();
  }

  /** The session of a user who has just registered on a server without a default room. */
  static Behavior<SessionCommand> chattingInNoRoom(ActorContext<SessionCommand> context,
      SessionLifecycle session, RoomArchive archive, NativeCodec codec) {
    NativeSession chatting = new NativeSession(context, session, archive, codec);
    chatting.greet();
    return session.acknowledge(chatting.chatting());
  }

  /** A page of a room's history, from its archive. */
  private record HistoryPage(HistoryWriter.Page page) implements SessionCommand.Own {}

  private static final String HELP_HINT = "Type /help for commands, /quit to leave.";

  private final ActorContext<SessionCommand> context;
  private final ConnectionSettings settings;
  private final SessionLifecycle session;
  private final NativeCodec codec;
  private final NativeReplies render;
  private final NativeAnswers answers;
  private final NativeOperators operators;
  /** Asks a quiet client whether it is still there ({@code ping}), in forms that do; or null. */
  private final KeepAlive keepAlive;
  private final String ping;
  private boolean greeted;
  private String currentRoom;
  private String awaitingEchoFrom;
  /** The line that waits for its echo is a post, which a room that kicked the user drops. */
  private boolean awaitingPost;
  /** The line being handled is {@code /list}, which shows topics, not {@code /rooms}. */
  private boolean listing;
  private final NativeRoomAsks asks;
  private ActorRef<HistoryWriter.Page> pages;

  private NativeSession(ActorContext<SessionCommand> context, SessionLifecycle session,
      RoomArchive archive, NativeCodec codec) {
    this.context = context;
    this.settings = session.settings();
    this.session = session;
    this.codec = codec;
    this.render = codec.replies();
    this.answers = new NativeAnswers(session, render);
    this.operators = new NativeOperators(session, render);
    this.asks = new NativeRoomAsks(session, archive, render, answers);
    this.keepAlive = codec.pinging()
        .map(p -> session.keepAlive(p.interval(), p.timeout())).orElse(null);
    this.ping = codec.pinging().map(p -> p.question().apply(settings.serverName())).orElse("");
  }

  private static final ReceiveTable<NativeSession, SessionCommand> CHATTING =
      SessionLifecycle.working(NativeSession.class, s -> s.session)
          .on(Received.class, NativeSession::onReceived)
          .on(ServerShutdown.class, (s, shutdown) -> NativeLines.shutdown(s.session, s.render))
          .on(FromChat.class, NativeSession::onFromChat)
          .on(NickReply.class, NativeSession::onNickReply)
          .on(JoinReply.class, NativeSession::onJoinReply)
          .on(MembersReply.class, NativeSession::onMembersReply)
          .on(UsersReply.class,
              (s, reply) -> s.answered(() -> s.answers.away(reply.users())))
          .on(RoomsReply.class, (s, reply) -> s.answered(
              () -> s.answers.rooms(reply.list(), s.listing)))
          .on(PrivateReply.class, (s, reply) -> s.answered(
              () -> s.answers.privateMessage(reply.result())))
          .on(TopicReply.class,
              (s, reply) -> s.answered(() -> s.answers.topic(reply.topic())))
          .on(UserReply.class,
              (s, reply) -> s.answered(() -> s.answers.whois(reply.result())))
          .on(RoomReply.class, NativeSession::onRoomReply)
          .on(HistoryPage.class, (s, page) -> s.answered(() -> s.asks.showPage(page.page())))
          .on(OperReply.class, (s, reply) -> s.answered(() -> s.operators.operAnswered(
              reply.result())))
          .on(BanReply.class, (s, reply) -> s.answered(() -> s.operators.banAnswered(
              reply.result())))
          .on(ReachedReply.class, (s, reply) -> s.answered(() -> s.operators.reachedAnswered(
              reply.reached())))
          .on(KeepAlive.Check.class,
              (s, check) -> NativeLines.keepAliveCheck(s.session, s.keepAlive, s.ping))
          .on(RegistrationTimedOut.class, (s, late) -> Behaviors.same())
          .build();

  /** Made once: a chatting session returns to this state after every line. */
  private Behavior<SessionCommand> chattingBehavior;

  private Behavior<SessionCommand> chatting() {
    if (chattingBehavior == null) {
      chattingBehavior = CHATTING.behavior(this);
    }
    return chattingBehavior;
  }

  // --- chatting -----------------------------------------------------------------------------

  private Behavior<SessionCommand> onReceived(Received received) {
    session.hold(received.replyTo());
    if (keepAlive != null) {
      keepAlive.heard();
    }
    Optional<String> text = NativeLines.text(session, render, received.line());
    LineCommand command = text.map(codec::parse).orElse(new LineCommand.Blank());
    if (command instanceof LineCommand.Say say) {
      return post(say.text(), MessageKind.TEXT);
    } else if (command instanceof LineCommand.Me me) {
      return post(me.action(), MessageKind.ACTION);
    } else if (command instanceof LineCommand.Nick n) {
      return ask(() -> session.registry().tell(
          new Registry.ChangeNick(n.nick(), session.chatAddress(), session.replies().nick())));
    } else if (command instanceof LineCommand.Join join) {
      return join(join.room(), join.key());
    } else if (command instanceof LineCommand.Part part) {
      part(part.room().orElse(currentRoomName()));
    } else if (command instanceof LineCommand.Rooms || command instanceof LineCommand.ListRooms) {
      listing = command instanceof LineCommand.ListRooms;
      return ask(() -> session.registry().tell(new Registry.ListRooms(session.chatAddress(),
        session.replies().rooms())));
    } else if (command instanceof LineCommand.Who who) {
      return inRoom(who.room(), "/who ROOM", room -> session.registry().tell(
          new Registry.ListMembers(room, session.chatAddress(), session.replies().members())));
    } else if (command instanceof LineCommand.Whois whois) {
      return ask(() -> session.registry().tell(
          new Registry.Whois(whois.nick(), session.chatAddress(), session.replies().user())));
    } else if (command instanceof LineCommand.Away away) {
      away(away.message());
    } else if (command instanceof LineCommand.Msg msg) {
      return ask(() -> session.registry().tell(new Registry.SendPrivate(session.chatAddress(),
          msg.nick(), msg.text(), msg.action() ? MessageKind.ACTION : MessageKind.TEXT,
          session.replies().privateMessage())));
    } else if (command instanceof LineCommand.ShowTopic) {
      return inCurrentRoom(room ->
          room.ref().tell(new ChatRoom.GetTopic(session.replies().topic())));
    } else if (command instanceof LineCommand.SetTopic topic) {
      return inCurrentRoom(room -> {
        session.registry().tell(new Registry.ForRoom(room.name(), session.chatAddress(),
            new RoomRequest.ChangeTopic(topic.text(), session.replies().room())));
        awaitingEchoFrom = currentRoom;
        awaitingPost = false;
      });
    } else if (command instanceof LineCommand.Mode mode) {
      return inRoom(mode.room(), "/mode ROOM", room -> asks.mode(room, mode));
    } else if (command instanceof LineCommand.Kick kick) {
      return inCurrentRoom(room -> asks.kick(room.name(), kick));
    } else if (command instanceof LineCommand.Invite invite) {
      return inRoom(invite.room(), "/invite NICK ROOM", room -> asks.invite(room, invite));
    } else if (command instanceof LineCommand.History history) {
      return inCurrentRoom(room -> asks.history(room.name(), history, pages()));
    } else if (command instanceof LineCommand.Pass) {
      send(render.error(ErrorCode.ALREADY_REGISTERED, "You are already signed in"));
    } else if (command instanceof LineCommand.Help) {
      render.help().forEach(this::send);
    } else if (command instanceof LineCommand.Ping ping) {
      send(render.pong(ping.token()));
    } else if (command instanceof LineCommand.Quit quit) {
      return NativeLines.quit(session, render, quit.reason());
    } else if (command instanceof LineCommand.Invalid invalid) {
      send(render.error(invalid.code(), invalid.message()));
    } else if (NativeOperators.handles(command) && operators.handle(command)) {
      return awaitingReply();
    }
    return session.acknowledge(chatting());
  }

  /** Handles the answer the line waits for, which ends it. */
  private Behavior<SessionCommand> answered(Runnable handle) {
    handle.run();
    return session.acknowledge(chatting());
  }

  /** Posts to the current room; the next line is read once the room has echoed this one. */
  private Behavior<SessionCommand> post(String text, MessageKind kind) {
    return inCurrentRoom(room -> {
      room.ref().tell(new ChatRoom.Post(session.chatAddress(), text, kind));
      awaitingEchoFrom = currentRoom;
      awaitingPost = true;
    });
  }

  /**
   * Sends a request about {@code room}, or the current room when it is empty, and waits for
   * its answer; without either, says how to name one: {@code usage}.
   */
  private Behavior<SessionCommand> inRoom(
      Optional<String> room, String usage, Consumer<String> request) {
    Optional<String> target = room.or(() -> Optional.ofNullable(currentRoomName()));
    if (target.isEmpty()) {
      send(render.error(ErrorCode.NOT_IN_ROOM, "You are not in a room; try " + usage));
      return session.acknowledge(chatting());
    }
    return ask(() -> request.accept(target.get()));
  }

  /** Sends a request to the current room and waits for its answer, or says there is none. */
  private Behavior<SessionCommand> inCurrentRoom(Consumer<SessionLifecycle.Membership> request) {
    Optional<SessionLifecycle.Membership> room =
        currentRoom == null ? Optional.empty() : session.room(currentRoom);
    if (room.isEmpty()) {
      send(render.error(ErrorCode.NOT_IN_ROOM,
          "You are not in a room; /join ROOM first (/rooms lists them)"));
      return session.acknowledge(chatting());
    }
    request.accept(room.get());
    return awaitingReply();
  }

  private Behavior<SessionCommand> join(String room, String key) {
    Optional<SessionLifecycle.Membership> membership = session.room(room);
    if (membership.isPresent()) {
      currentRoom = Names.key(room);
      send(render.ok("current", membership.get().name()));
      return session.acknowledge(chatting());
    }
    if (session.roomCount() >= settings.maxRoomsPerUser()) {
      send(render.error(ErrorCode.ROOM_REFUSED, "You are in " + session.roomCount()
          + " rooms, the most one user may be in; /part one first"));
      return session.acknowledge(chatting());
    }
    return ask(() -> session.registry().tell(new Registry.JoinRoom(room, session.nick(), key,
        session.chatAddress(), session.deliveryFor(room), session.replies().join())));
  }

  private void part(String room) {
    Optional<SessionLifecycle.Membership> left =
        room == null ? Optional.empty() : session.part(room, "part");
    if (left.isEmpty()) {
      send(render.error(ErrorCode.NOT_IN_ROOM,
          room == null ? "You are not in a room" : "You are not in " + room));
      return;
    }
    send(render.event(
        new ChatEvent.MemberLeft(left.get().name(), session.nick(), "part", false)));
    leftRoom(room);
  }

  /** After leaving {@code room}: another room becomes current, if it was, or none. */
  private void leftRoom(String room) {
    if (Names.key(room).equals(currentRoom)) {
      List<SessionLifecycle.Membership> rooms = session.rooms();
      currentRoom = rooms.isEmpty() ? null : Names.key(rooms.get(rooms.size() - 1).name());
      send(currentRoom != null ? render.ok("current", currentRoomName())
          : render.server("You are not in any room now; /join ROOM to enter one"));
    }
  }

  private void away(Optional<String> message) {
    session.registry().tell(new Registry.SetAway(session.chatAddress(), message));
    send(render.ok("away", message.map(text -> "You are away: " + text)
        .orElse("You are back")));
  }

  private Behavior<SessionCommand> onNickReply(NickReply reply) {
    if (reply.result() instanceof Registry.NickAccepted accepted) {
      session.nickAccepted(accepted.nick());
      send(render.ok("nick", accepted.nick()));
      context.getLog().info("{} ({}) is now {}", accepted.oldNick(), session.remote(),
          accepted.nick());
    } else {
      send(NativeAnswers.nickRefused(render, reply.result(), ""));
    }
    return session.acknowledge(chatting());
  }

  // --- render and events -------------------------------------------------------------------

  private Behavior<SessionCommand> onJoinReply(JoinReply reply) {
    if (reply.result() instanceof ChatRoom.Joined joined) {
      session.joined(joined);
      currentRoom = Names.key(joined.room());
      for (Posted posted : joined.history()) {
        send(render.history(posted));
      }
      send(render.joined(joined.room(), session.nick()));
      send(render.who(joined.room(), joined.members(), joined.roles()));
      joined.topic().ifPresent(topic -> send(render.topic(joined.room(), topic)));
      if (!joined.modes().equals(RoomModes.NEW_ROOM)) {
        send(render.modes(joined.room(), joined.modes(), true));
      }
      session.joinShown();
    } else {
      ChatRoom.JoinRefused refused = (ChatRoom.JoinRefused) reply.result();
      session.joinRefused(refused.room());
      send(refused.refusal()
          .map(why -> render.refused(why, refused.room(), ""))
          .orElseGet(() -> render.error(ErrorCode.ROOM_REFUSED,
              "Cannot join " + refused.room() + ": " + refused.reason())));
    }
    greet();
    return session.acknowledge(chatting());
  }

  /** The greeting after registration, once: it says which room the user is in, if any. */
  private void greet() {
    if (!greeted) {
      greeted = true;
      send(render.server("Hello " + session.nick() + "! "
          + (currentRoom == null ? "You are in no room; /join ROOM to enter one (/list shows"
              + " them). " : "You are in " + currentRoomName() + ". ")
          + HELP_HINT));
    }
  }

  /** The members of a room; who of them is away comes next, from the registry. */
  private Behavior<SessionCommand> onMembersReply(MembersReply reply) {
    if (reply.result() instanceof ChatRoom.Members members) {
      send(render.who(members.room(), members.nicks(), members.roles()));
      session.registry().tell(new Registry.LookUp(members.nicks(), session.replies().users()));
      return awaitingReply();
    }
    send(answers.noSuchRoom(((ChatRoom.NoSuchRoom) reply.result()).room()));
    return session.acknowledge(chatting());
  }

  /** A room's answer to a line that asked it something other than a post. */
  private Behavior<SessionCommand> onRoomReply(RoomReply reply) {
    if (asks.waiting()) {
      return asks.answered(reply.reply()) ? session.acknowledge(chatting()) : Behaviors.same();
    }
    if (awaitingEchoFrom != null) {
      // The topic was not set: the refusal ends the line instead of the echo.
      awaitingEchoFrom = null;
      return answered(() -> answers.refusal(reply.reply()));
    }
    return Behaviors.same();
  }

  private ActorRef<HistoryWriter.Page> pages() {
    if (pages == null) {
      pages = context.messageAdapter(HistoryWriter.Page.class, HistoryPage::new);
    }
    return pages;
  }

  /**
   * A post as a client of {@code codec}'s form is shown it, rendered once for all of them (the
   * form's protocol names the rendering); rooms call this too.
   */
  private static ByteString renderedOnce(NativeCodec codec, ChatEvent.RenderedOnce event) {
    return SessionLifecycle.shared(event, codec.protocol(), codec.encoding(),
        () -> List.of(codec.replies().event(event)));
  }

  private Behavior<SessionCommand> onFromChat(FromChat message) {
    if (message.event() instanceof ChatEvent.Removed removed) {
      send(render.error(removed.banned() ? ErrorCode.BANNED : ErrorCode.KILLED,
          removed.reason()));
      session.leaveServer(removed.reason());
      return session.close(removed.banned() ? "banned" : "killed");
    }
    try {
      return show(message.event());
    } finally {
      session.roomEventHandled(message.event());
    }
  }

  private Behavior<SessionCommand> show(ChatEvent event) {
    if (!(event instanceof ChatEvent.Receipt)) {
      if (ChatEvents.room(event).filter(room -> !session.isIn(room)).isPresent()
          || !ChatEvents.isForPeople(event)) {
        return Behaviors.same();
      }
      if (event instanceof ChatEvent.RenderedOnce once) {
        session.sendEncoded(renderedOnce(codec, once));
      } else {
        send(render.event(event));
      }
      asks.shown(event);
    }
    if (event instanceof ChatEvent.Kicked kicked && kicked.nick().equals(session.nick())) {
      return kicked(kicked.room());
    }
    // The line that waits for this event, the user's own post or topic, is done.
    if (awaitingEchoFrom != null && (ChatEvents.isEchoOf(event, session.nick(), awaitingEchoFrom)
        || event instanceof ChatEvent.PostRefused refused
            && Names.key(refused.room()).equals(awaitingEchoFrom))) {
      awaitingEchoFrom = null;
      return session.acknowledge(Behaviors.same());
    }
    return Behaviors.same();
  }

  /**
   * The user was kicked out of {@code room}: it is left as after {@code /part}. A post of the
   * user's that the room had not taken yet never will be: its line ends here.
   */
  private Behavior<SessionCommand> kicked(String room) {
    session.part(room, "kicked");
    leftRoom(room);
    if (awaitingEchoFrom != null && awaitingPost && awaitingEchoFrom.equals(Names.key(room))) {
      awaitingEchoFrom = null;
      send(render.error(ErrorCode.NOT_IN_ROOM,
          "You are not in " + room + " any more; your line was not posted"));
      return session.acknowledge(Behaviors.same());
    }
    return Behaviors.same();
  }

  // --- helpers ------------------------------------------------------------------------------

  private void send(String line) {
    session.send(line);
  }

  /** Makes a request whose answer the current line waits for. */
  private Behavior<SessionCommand> ask(Runnable request) {
    request.run();
    return awaitingReply();
  }

  /** Keeps the current line unacknowledged until the reply it waits for has arrived. */
  private Behavior<SessionCommand> awaitingReply() {
    return Behaviors.same();
  }

  private String currentRoomName() {
    return currentRoom == null ? null : session.room(currentRoom).map(m -> m.name()).orElse(null);
  }
}
