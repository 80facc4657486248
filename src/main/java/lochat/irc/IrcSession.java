package lochat.irc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import lochat.ConfigChecks;
import lochat.Version;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvents;
import lochat.chat.MessageKind;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.chat.RoomInfo;
import lochat.chat.Topic;
import lochat.connection.ConnectionSettings;
import lochat.connection.PostBytes;
import lochat.connection.ReceiveTable;
import lochat.connection.SessionLifecycle;
import lochat.connection.SessionSetup;
import lochat.guard.Gatekeeper;
import lochat.guard.PasswordFailures;
import lochat.protocol.InboundLine;
import lochat.protocol.TextSanitizer;
import lochat.protocol.WildcardMask;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.ClientTags;
import lochat.protocol.irc.IrcCase;
import lochat.protocol.irc.IrcEvents;
import lochat.protocol.irc.IrcLimits;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcParse;
import lochat.protocol.irc.IrcReplies;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.protocol.irc.TargetList;
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
 * One IRC client's session: the IRC listener's counterpart of the native
 * {@link lochat.connection.ConnectionActor}, on the same chat core, so that IRC users and native
 * users share nicknames, rooms (channel {@code #name} is room {@code name}) and messages.
 *
 * <p>It speaks RFC 1459/2812 with the IRCv3 capabilities in {@link Capabilities}: registration
 * with {@code PASS}, {@code NICK}, {@code USER} and {@code CAP} negotiation, then the commands
 * IRC clients use (the full list is in {@code docs/protocol.md}). Lines are handled one at a
 * time and in order: a line that needs an answer from the registry or a room, or the room's
 * echo of a message, is acknowledged only when that answer has come, so replies keep request
 * order. Quits and nickname changes, which the core reports once per room, reach the client
 * once ({@link ChannelView}). A quiet client is pinged, and dropped if it does not answer.
 *
 * <p>States: {@code registering} (until {@code NICK}, {@code USER} and, if begun, {@code CAP END};
 * at most the registration timeout), {@code registered}, and {@code closing}. What every
 * protocol's session does alike (acknowledgement, bounded output, leaving, closing) is in its
 * {@link SessionLifecycle}.
 *
 * <p>Limits: there are no channel operators, channel modes other than {@code +n}, or bans; CTCP
 * requests other than {@code ACTION}, and client-only tags, pass between IRC clients only;
 * every user's host is the server's name.
 */
public final class IrcSession {

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
   * The connection did not register within {@code after}: the registration timeout, or a
   * shorter one the listener applies when it is nearly full.
   */
  public record RegistrationTimedOut(Duration after) implements Command {}

  private record FromChat(ChatEvent event) implements Command {}

  private record NickReply(Registry.NickResult result) implements Command {}

  private record JoinReply(ChatRoom.JoinResult result) implements Command {}

  private record MembersReply(ChatRoom.MembersResult result) implements Command {}

  private record RoomsReply(Registry.RoomList list) implements Command {}

  private record PrivateReply(Registry.PrivateResult result) implements Command {}

  private record TopicReply(ChatRoom.TopicIs topic) implements Command {}

  private record UserReply(Registry.UserResult result) implements Command {}

  private record UsersReply(Registry.Users users) implements Command {}

  private record OnlineReply(Registry.Online online) implements Command {}

  private record SendBufferOverflowed() implements Command {}

  private record PasswordReply(Gatekeeper.PasswordChecked checked) implements Command {}

  private record CloseTimedOut() implements Command {}

  private record PingCheck() implements Command {}

  private static final String VERSION = "lochat-" + Version.CURRENT;
  private static final String SERVER_INFO = "Lochat, a chat server for the LAN";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEEE MMMM d uuuu -- HH:mm:ss xxx", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);
  /** Most nicknames one USERHOST answers for (RFC 2812 4.8); the rest are ignored. */
  private static final int MAX_USERHOST_NICKS = 5;
  /** Most targets one PRIVMSG, NOTICE, JOIN, PART, NAMES or WHOIS may name. */
  private static final int MAX_TARGETS = 4;
  private static final SessionLifecycle.ReplyMessages<Command> REPLY_MESSAGES =
      new SessionLifecycle.ReplyMessages<>(NickReply::new, JoinReply::new, MembersReply::new,
          RoomsReply::new, PrivateReply::new, TopicReply::new, PasswordReply::new);

  /** @param started when the server started, shown as its creation (RPL_CREATED) */
  public static Behavior<Command> create(SessionSetup setup, IrcSettings irc, Instant started) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new IrcSession(context, timers, setup, irc, started).start()));
  }

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ConnectionSettings settings;
  private final IrcSettings irc;
  private final Clock clock;
  /** When the server started, to the second. */
  private final Instant started;
  private final SessionLifecycle<Command> session;
  private final IrcReplies replies;
  private final IrcEvents events;
  private final ChannelView channels = new ChannelView();
  private final ActorRef<ChatEvent> chatAddress;
  private ActorRef<Registry.UserResult> userReplies;
  private ActorRef<Registry.Users> usersReplies;
  private ActorRef<Registry.Online> onlineReplies;

  // Registration.
  private String wantedNick;
  private String userName;
  private String realName;
  private Optional<String> password = Optional.empty();
  private boolean passwordAccepted;
  private boolean capNegotiating;
  private boolean capVersion302;
  private boolean registering;
  private Set<String> caps = new LinkedHashSet<>();
  /** How posts look to this client, from {@link #caps}; read by rooms, from other threads. */
  private volatile PostForm postForm = PostForm.PLAIN;
  /** Whether this client is shown its own posts (echo-message); read by rooms too. */
  private volatile boolean echoMessage;

  // The line being handled: what it still waits for.
  private int repliesDue;
  private final Set<String> echoesDue = new HashSet<>();
  /** By room key: a room's answer and the registry's "no such room" may overtake each other. */
  private final Map<String, Consumer<ChatRoom.MembersResult>> onMembers = new HashMap<>();
  private final Deque<Consumer<Registry.Users>> onUsers = new ArrayDeque<>(1);
  private final Deque<Consumer<Registry.RoomList>> onRooms = new ArrayDeque<>(1);
  private boolean welcoming;
  /** The line being handled is a NOTICE, which never gets error replies (RFC 2812 3.3.2). */
  private boolean handlingNotice;

  // Registered.
  private final Set<Character> userModes = new TreeSet<>();
  /** When the client last sent a line, and when the unanswered PING went: clock millis. */
  private long lastHeard;
  private long pingSentAt;
  private boolean awaitingPong;
  private long batches;

  private IrcSession(ActorContext<Command> context, TimerScheduler<Command> timers,
      SessionSetup setup, IrcSettings irc, Instant started) {
    this.context = context;
    this.timers = timers;
    this.settings = setup.settings();
    this.irc = irc;
    this.clock = setup.clock();
    this.started = started.truncatedTo(ChronoUnit.SECONDS);
    this.lastHeard = clock.millis();
    this.chatAddress = context.messageAdapter(ChatEvent.class, FromChat::new);
    this.session = new SessionLifecycle<>(context, timers, setup, chatAddress,
        new CloseTimedOut(), new SendBufferOverflowed(), PostBytes.of(this::postBytes,
            posted -> echoMessage ? postBytes(posted) : ByteString.emptyByteString()),
        REPLY_MESSAGES);
    this.replies = new IrcReplies(settings.serverName(), this::userNameOf);
    this.events = new IrcEvents(replies);
  }

  private ActorRef<Registry.UserResult> userReplies() {
    return userReplies = session.adapter(userReplies, Registry.UserResult.class, UserReply::new);
  }

  private ActorRef<Registry.Users> usersReplies() {
    return usersReplies = session.adapter(usersReplies, Registry.Users.class, UsersReply::new);
  }

  private ActorRef<Registry.Online> onlineReplies() {
    return onlineReplies =
        session.adapter(onlineReplies, Registry.Online.class, OnlineReply::new);
  }

  private Behavior<Command> start() {
    timers.startSingleTimer(
        RegistrationTimedOut.class, new RegistrationTimedOut(settings.registrationTimeout()),
        settings.registrationTimeout());
    return registering();
  }

  // --- states -------------------------------------------------------------------------------

  private static final ReceiveTable.Builder<IrcSession, Command> COMMON =
      ReceiveTable.builder(IrcSession.class, Command.class)
          .on(InputEnded.class, IrcSession::onInputEnded)
          .on(ServerShutdown.class, IrcSession::onServerShutdown)
          .on(FromChat.class, IrcSession::onFromChat)
          .on(JoinReply.class, IrcSession::onJoinReply)
          .on(MembersReply.class, IrcSession::onMembersReply)
          .on(RoomsReply.class, IrcSession::onRoomsReply)
          .on(PrivateReply.class, IrcSession::onPrivateReply)
          .on(TopicReply.class, IrcSession::onTopicReply)
          .on(UserReply.class, IrcSession::onUserReply)
          .on(UsersReply.class, IrcSession::onUsersReply)
          .on(OnlineReply.class, IrcSession::onOnlineReply)
          .on(SendBufferOverflowed.class, (s, overflowed) -> s.session.droppedAsTooSlow())
          .on(OutputEnded.class, (s, ended) -> s.session.outputEnded())
          .onSignal(PostStop.class, (s, stop) -> s.session.postStop());

  private static final ReceiveTable<IrcSession, Command> REGISTERING = COMMON
      .on(Received.class, IrcSession::onReceivedWhileRegistering)
      .on(NickReply.class, IrcSession::onNickReplyWhileRegistering)
      .on(PasswordReply.class, IrcSession::onPasswordReply)
      .on(RegistrationTimedOut.class, IrcSession::onRegistrationTimedOut)
      .build();

  private static final ReceiveTable<IrcSession, Command> REGISTERED = COMMON
      .on(Received.class, IrcSession::onReceived)
      .on(NickReply.class, IrcSession::onNickReply)
      .on(PingCheck.class, IrcSession::onPingCheck)
      .build();

  private static final ReceiveTable<IrcSession, Command> CLOSING =
      ReceiveTable.builder(IrcSession.class, Command.class)
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

  /** Made once: a registered session returns to this state after every line. */
  private Behavior<Command> registeredBehavior;

  private Behavior<Command> registered() {
    if (registeredBehavior == null) {
      registeredBehavior = REGISTERED.behavior(this);
    }
    return registeredBehavior;
  }

  private Behavior<Command> closing() {
    return CLOSING.behavior(this);
  }

  // --- receiving lines ----------------------------------------------------------------------

  /** The line as a message, or empty when it was answered (too long) or is to be ignored. */
  private Optional<IrcMessage> parse(Received received) {
    session.hold(received.replyTo());
    if (received.line() instanceof InboundLine.TooLong) {
      send(numeric(Numerics.ERR_INPUTTOOLONG, "Input line was too long"));
      return Optional.empty();
    }
    // NUL may not appear in IRC; dropping it keeps the rest of the line, as for other controls.
    String line = ((InboundLine.Text) received.line()).text().replace("\0", "");
    if (IrcLimits.tooLong(line).isPresent() || IrcLimits.clientTagDataTooLong(line)) {
      send(numeric(Numerics.ERR_INPUTTOOLONG, "Input line was too long"));
      return Optional.empty();
    }
    IrcParse parsed = IrcMessage.parse(line);
    if (parsed instanceof IrcParse.Ok ok) {
      return Optional.of(ok.message());
    }
    String word = line.strip().split(" ", 2)[0];
    if (!word.isEmpty()) {
      send(numeric(Numerics.ERR_UNKNOWNCOMMAND, clean(word), "Unknown command"));
    }
    return Optional.empty();
  }

  private Behavior<Command> onReceivedWhileRegistering(Received received) {
    Optional<IrcMessage> parsed = parse(received);
    if (parsed.isEmpty()) {
      return done(registering());
    }
    IrcMessage message = parsed.get();
    List<String> params = message.params();
    switch (message.command()) {
      case "PASS" -> {
        if (params.isEmpty()) {
          needMoreParams("PASS");
        } else {
          password = Optional.of(params.get(0));
        }
      }
      case "NICK" -> {
        Optional<String> nick = validNick(params);
        if (nick.isPresent()) {
          wantedNick = nick.get();
          return tryRegister();
        }
      }
      case "USER" -> {
        if (params.size() < 4 || params.get(0).isEmpty() || params.get(3).isEmpty()) {
          needMoreParams("USER");
        } else {
          userName = IrcNames.userName(params.get(0)).orElse(wantedNick == null
              ? "user" : wantedNick);
          realName = clean(params.get(3));
          return tryRegister();
        }
      }
      case "CAP" -> {
        return cap(params);
      }
      case "PING" -> ping(params);
      case "PONG" -> { }
      case "QUIT" -> {
        return quit(params);
      }
      default -> {
        if (KNOWN_COMMANDS.contains(message.command())) {
          send(numeric(Numerics.ERR_NOTREGISTERED, "You have not registered"));
        } else {
          send(numeric(Numerics.ERR_UNKNOWNCOMMAND, message.command(), "Unknown command"));
        }
      }
    }
    return done(registering());
  }

  private Behavior<Command> onReceived(Received received) {
    lastHeard = clock.millis();
    awaitingPong = false;
    Optional<IrcMessage> parsed = parse(received);
    if (parsed.isEmpty()) {
      return done(registered());
    }
    IrcMessage message = parsed.get();
    List<String> params = message.params();
    switch (message.command()) {
      case "PRIVMSG" -> message(message, MessageKind.TEXT);
      case "NOTICE" -> message(message, MessageKind.NOTICE);
      case "TAGMSG" -> message(message, MessageKind.TAGS_ONLY);
      case "JOIN" -> join(params);
      case "PART" -> part(params);
      case "NICK" -> nick(params);
      case "TOPIC" -> topic(params);
      case "NAMES" -> names(params);
      case "WHO" -> who(params);
      case "WHOIS" -> whois(params);
      case "WHOWAS" -> whowas(params);
      case "LIST" -> list(params);
      case "MODE" -> mode(params);
      case "AWAY" -> away(params);
      case "USERHOST" -> userhost(params);
      case "ISON" -> ison(params);
      case "LUSERS" -> askOnline();
      case "MOTD" -> ifThisServer(params, () -> sendAll(replies.motd(nick(), settings.motd())));
      case "VERSION" -> ifThisServer(params, this::version);
      case "TIME" -> ifThisServer(params, () -> send(numeric(Numerics.RPL_TIME,
          replies.serverName(), TIME.format(clock.instant()))));
      case "ADMIN" -> ifThisServer(params, this::admin);
      case "INFO" -> ifThisServer(params, this::info);
      case "STATS" -> send(numeric(Numerics.RPL_ENDOFSTATS,
          params.isEmpty() ? "*" : params.get(0), "End of STATS report"));
      case "KICK", "INVITE" -> operatorOnly(message.command(), params);
      case "OPER" -> {
        if (params.size() < 2) {
          needMoreParams("OPER");
        } else {
          send(numeric(Numerics.ERR_NOOPERHOST, "No O-lines for your host"));
        }
      }
      case "KILL", "WALLOPS" -> send(numeric(Numerics.ERR_NOPRIVILEGES,
          "Permission Denied- You're not an IRC operator"));
      case "SUMMON" -> send(numeric(Numerics.ERR_SUMMONDISABLED, "SUMMON has been disabled"));
      case "USERS" -> send(numeric(Numerics.ERR_USERSDISABLED, "USERS has been disabled"));
      case "PING" -> ping(params);
      case "PONG" -> { }
      case "CAP" -> {
        return cap(params);
      }
      case "PASS", "USER" ->
          send(numeric(Numerics.ERR_ALREADYREGISTRED, "You may not reregister"));
      case "QUIT" -> {
        return quit(params);
      }
      default -> send(numeric(Numerics.ERR_UNKNOWNCOMMAND, message.command(), "Unknown command"));
    }
    return done(registered());
  }

  /** Commands this server knows, which need registration first. */
  private static final Set<String> KNOWN_COMMANDS = Set.of(
      "PRIVMSG", "NOTICE", "JOIN", "PART", "TOPIC", "NAMES", "WHO", "WHOIS", "WHOWAS", "LIST",
      "MODE", "AWAY", "USERHOST", "ISON", "LUSERS", "MOTD", "VERSION", "TIME", "TAGMSG", "ADMIN",
      "INFO", "STATS", "KICK", "INVITE", "OPER", "KILL", "WALLOPS", "SUMMON", "USERS");

  // --- registration -------------------------------------------------------------------------

  private Optional<String> validNick(List<String> params) {
    if (params.isEmpty() || params.get(0).isEmpty()) {
      send(numeric(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given"));
      return Optional.empty();
    }
    String nick = params.get(0);
    Optional<String> problem = IrcNames.nickProblem(nick);
    if (problem.isPresent()) {
      send(numeric(Numerics.ERR_ERRONEUSNICKNAME, clean(nick),
          "Erroneous nickname: " + problem.get()));
      return Optional.empty();
    }
    return Optional.of(nick);
  }

  /** Registers once NICK and USER have come and CAP negotiation, if begun, has ended. */
  private Behavior<Command> tryRegister() {
    if (wantedNick == null || userName == null || capNegotiating || registering) {
      return done(registering());
    }
    if (session.passwordRequired() && !passwordAccepted) {
      session.checkPassword(password.orElse(""));
      repliesDue++;
      return Behaviors.same();
    }
    registering = true;
    session.register(wantedNick, new Profile(userName, session.remoteHost(), realName,
        IrcProtocol.NAME));
    repliesDue++;
    return Behaviors.same();
  }

  private Behavior<Command> onNickReplyWhileRegistering(NickReply reply) {
    registering = false;
    repliesDue--;
    if (reply.result() instanceof Registry.NickTaken taken) {
      send(numeric(Numerics.ERR_NICKNAMEINUSE, taken.nick(), "Nickname is already in use"));
      wantedNick = null;
      return done(registering());
    }
    Registry.NickAccepted accepted = (Registry.NickAccepted) reply.result();
    timers.cancel(RegistrationTimedOut.class);
    session.nickAccepted(accepted.nick());
    context.getLog().info("{} registered as {} (IRC)", session.remote(), accepted.nick());
    sendAll(replies.welcome(nick(), irc.network(), VERSION, started));
    sendAll(replies.isupport(nick(), isupport()));
    welcoming = true;
    askOnline();
    timers.startSingleTimer(new PingCheck(), irc.pingInterval());
    return done(registered());
  }

  private List<String> isupport() {
    return List.of(
        "AWAYLEN=" + IrcLimits.MAX_CONTENT_BYTES,
        IrcCase.ISUPPORT_TOKEN,
        "CHANLIMIT=#:" + settings.maxRoomsPerUser(),
        "CHANMODES=beI,,,n",
        "CHANNELLEN=" + (Names.MAX_LENGTH + 1),
        "CHANTYPES=#",
        "MAXTARGETS=" + MAX_TARGETS,
        "MODES=1",
        "NETWORK=" + irc.network(),
        "NICKLEN=" + Names.MAX_LENGTH,
        "PREFIX=(ov)@+",
        "TARGMAX=JOIN:" + MAX_TARGETS + ",PART:" + MAX_TARGETS + ",PRIVMSG:" + MAX_TARGETS
            + ",NOTICE:" + MAX_TARGETS + ",NAMES:" + MAX_TARGETS + ",WHOIS:" + MAX_TARGETS
            + ",USERHOST:5",
        "USERLEN=" + IrcNames.MAX_USER_NAME,
        "UTF8ONLY");
  }

  private Behavior<Command> onPasswordReply(PasswordReply reply) {
    repliesDue--;
    if (reply.checked().outcome() == PasswordFailures.Outcome.NOT_CHECKED) {
      return closeWithError("Too many wrong passwords from your address; try again later",
          "too many password guesses");
    }
    if (!reply.checked().accepted()) {
      send(numeric(Numerics.ERR_PASSWDMISMATCH, "Password incorrect"));
      return closeWithError("Bad password", "wrong password");
    }
    passwordAccepted = true;
    return tryRegister();
  }

  private Behavior<Command> onRegistrationTimedOut(RegistrationTimedOut timeout) {
    return closeWithError("Registration timed out", "no nickname chosen within "
        + ConfigChecks.inWords(timeout.after()));
  }

  // --- capabilities -------------------------------------------------------------------------

  private Behavior<Command> cap(List<String> params) {
    if (params.isEmpty()) {
      needMoreParams("CAP");
      return done(current());
    }
    String subcommand = params.get(0).toUpperCase(Locale.ROOT);
    String me = nick() == null ? IrcReplies.UNREGISTERED : nick();
    switch (subcommand) {
      case "LS" -> {
        capNegotiating = !session.registered();
        if (params.size() > 1 && params.get(1).matches("[0-9]{1,9}")
            && Integer.parseInt(params.get(1)) >= 302) {
          // Implied by version 302, and then it may not be disabled.
          capVersion302 = true;
          caps.add(Capabilities.CAP_NOTIFY);
          capsChanged();
        }
        send(replies.command("CAP", me, "LS", String.join(" ", Capabilities.SUPPORTED)));
      }
      case "LIST" -> send(replies.command("CAP", me, "LIST", String.join(" ", caps)));
      case "REQ" -> {
        capNegotiating = !session.registered();
        String request = params.size() > 1 ? params.get(1) : "";
        Set<String> enabled = Capabilities.apply(caps, request);
        if (enabled == null || capVersion302 && !enabled.contains(Capabilities.CAP_NOTIFY)) {
          send(replies.command("CAP", me, "NAK", request.trim()));
        } else {
          caps = enabled;
          capsChanged();
          send(replies.command("CAP", me, "ACK", request.trim()));
        }
      }
      case "END" -> {
        if (!session.registered() && capNegotiating) {
          capNegotiating = false;
          return tryRegister();
        }
      }
      default -> send(numeric(Numerics.ERR_INVALIDCAPCMD, clean(params.get(0)),
          "Invalid CAP command"));
    }
    return done(current());
  }

  private boolean capEnabled(String cap) {
    return caps.contains(cap);
  }

  // --- messages -----------------------------------------------------------------------------

  /**
   * PRIVMSG, NOTICE and TAGMSG ({@code kind} TEXT, NOTICE or TAGS_ONLY). A CTCP ACTION becomes
   * an action; other CTCP requests and replies pass between IRC clients only. Client-only tags
   * ({@code +name}) go with the message, to clients that have message-tags.
   */
  private void message(IrcMessage message, MessageKind kind) {
    List<String> params = message.params();
    boolean notice = kind == MessageKind.NOTICE;
    handlingNotice = notice;
    if (params.isEmpty() || TargetList.isEmpty(params.get(0))) {
      if (!notice) {
        send(numeric(Numerics.ERR_NORECIPIENT,
            "No recipient given (" + message.command() + ")"));
      }
      return;
    }
    String text = "";
    if (kind != MessageKind.TAGS_ONLY) {
      text = params.size() > 1 ? IrcText.stripFormatting(params.get(1)) : "";
      if (IrcText.isCtcp(text)) {
        Optional<String> action = IrcText.action(text);
        if (action.isPresent() && !notice) {
          kind = MessageKind.ACTION;
          text = action.get();
        } else {
          kind = notice ? MessageKind.CTCP_REPLY : MessageKind.CTCP;
          text = IrcText.ctcpBody(text);
        }
      }
      text = TextSanitizer.clean(text);
      if (text.isEmpty()) {
        if (!notice) {
          send(numeric(Numerics.ERR_NOTEXTTOSEND, "No text to send"));
        }
        return;
      }
    }
    Map<String, String> tags = ClientTags.forwarded(message.tags());
    for (String target : targets(params.get(0), !notice)) {
      if (IrcNames.isChannel(target)) {
        Optional<SessionLifecycle.Membership> room =
            IrcNames.room(target).flatMap(session::room);
        if (room.isEmpty()) {
          if (!notice) {
            cannotSendTo(target);
          }
        } else if (echoesDue.add(Names.key(room.get().name()))) {
          room.get().ref().tell(new ChatRoom.Post(chatAddress, text, kind, tags));
          repliesDue++;
        }
      } else {
        session.registry().tell(new Registry.SendPrivate(
            chatAddress, target, text, kind, tags, session.privateReplies()));
        repliesDue++;
      }
    }
  }

  /** Channels are +n: 404 for a channel the user is not in, 401 for one that does not exist. */
  private void cannotSendTo(String channel) {
    Optional<String> room = IrcNames.room(channel);
    if (room.isEmpty()) {
      send(numeric(Numerics.ERR_NOSUCHNICK, clean(channel), "No such nick/channel"));
      return;
    }
    askMembers(room.get(), result -> send(result instanceof ChatRoom.Members
        ? numeric(Numerics.ERR_CANNOTSENDTOCHAN, channel, "Cannot send to channel")
        : numeric(Numerics.ERR_NOSUCHNICK, channel, "No such nick/channel")));
  }

  private Behavior<Command> onPrivateReply(PrivateReply reply) {
    if (reply.result() instanceof Registry.PrivateDelivered delivered) {
      ChatEvent.PrivateMessage message = delivered.message();
      boolean toSelf = Names.key(message.to()).equals(Names.key(nick()));
      if ((capEnabled(Capabilities.ECHO_MESSAGE) || toSelf) && shows(message.kind())) {
        sendAll(events.privateMessage(message, capEnabled(Capabilities.SERVER_TIME),
            capEnabled(Capabilities.MESSAGE_TAGS)));
      }
      boolean byPerson = message.kind() == MessageKind.TEXT
          || message.kind() == MessageKind.ACTION;
      if (byPerson && delivered.targetAway().isPresent()) {
        send(numeric(Numerics.RPL_AWAY, message.to(), delivered.targetAway().get()));
      }
    } else if (reply.result() instanceof Registry.NoSuchRecipient missing && !handlingNotice) {
      send(numeric(Numerics.ERR_NOSUCHNICK, clean(missing.nick()), "No such nick/channel"));
    }
    return replyArrived();
  }

  // --- channels -----------------------------------------------------------------------------

  private void join(List<String> params) {
    if (params.isEmpty() || TargetList.isEmpty(params.get(0))) {
      needMoreParams("JOIN");
      return;
    }
    if (params.get(0).equals("0")) {
      for (SessionLifecycle.Membership room : session.rooms()) {
        leave(room.name(), "part");
      }
      return;
    }
    for (String channel : targets(params.get(0), true)) {
      Optional<String> room = IrcNames.room(channel);
      if (room.isEmpty()) {
        send(numeric(Numerics.ERR_NOSUCHCHANNEL, clean(channel), "No such channel"));
      } else if (session.isIn(room.get())) {
        continue;
      } else if (session.roomCount() + repliesDue >= settings.maxRoomsPerUser()) {
        send(numeric(Numerics.ERR_TOOMANYCHANNELS, channel, "You have joined too many channels"));
      } else {
        session.registry().tell(
            new Registry.JoinRoom(room.get(), nick(), chatAddress,
                session.deliveryFor(room.get()), session.joinReplies()));
        repliesDue++;
      }
    }
  }

  private Behavior<Command> onJoinReply(JoinReply reply) {
    if (reply.result() instanceof ChatRoom.Joined joined) {
      session.joined(joined);
      channels.joined(joined.room(), joined.members(), joined.userNames());
      String channel = IrcNames.channel(joined.room());
      send(events.joined(joined.room(), nick()));
      // RFC 2812 sends the topic only when there is one (RPL_NOTOPIC answers TOPIC alone).
      joined.topic().ifPresent(topic -> sendTopic(joined.room(), topic));
      sendAll(replies.names(nick(), channel, joined.members()));
      history(joined.room(), joined.history());
      session.joinShown();
    } else {
      ChatRoom.JoinRefused refused = (ChatRoom.JoinRefused) reply.result();
      session.joinRefused(refused.room());
      send(numeric(Numerics.ERR_NOSUCHCHANNEL, IrcNames.channel(refused.room()),
          "Cannot join: " + refused.reason()));
    }
    return replyArrived();
  }

  /** Replays a room's history: as a chathistory batch if the client can take one. */
  private void history(String room, List<ChatEvent.Posted> history) {
    if (history.isEmpty()) {
      return;
    }
    if (capEnabled(Capabilities.BATCH) && capEnabled(Capabilities.SERVER_TIME)) {
      String batchId = "h" + (++batches);
      send(events.batchStart(batchId, room));
      for (ChatEvent.Posted posted : history) {
        sendAll(events.historyInBatch(posted, batchId));
      }
      send(events.batchEnd(batchId));
    } else {
      for (ChatEvent.Posted posted : history) {
        sendAll(events.historyAsNotice(posted));
      }
    }
  }

  private void part(List<String> params) {
    if (params.isEmpty() || TargetList.isEmpty(params.get(0))) {
      needMoreParams("PART");
      return;
    }
    String reason = params.size() > 1 && !clean(params.get(1)).isBlank()
        ? "part: " + clean(params.get(1)) : "part";
    for (String channel : targets(params.get(0), true)) {
      Optional<String> room = IrcNames.room(channel);
      if (room.isEmpty()) {
        send(numeric(Numerics.ERR_NOSUCHCHANNEL, clean(channel), "No such channel"));
      } else if (!session.isIn(room.get())) {
        send(numeric(Numerics.ERR_NOTONCHANNEL, channel, "You're not on that channel"));
      } else {
        leave(room.get(), reason);
      }
    }
  }

  private void leave(String room, String reason) {
    session.part(room, reason).ifPresent(left -> {
      channels.left(left.name());
      send(events.parted(left.name(), nick(), reason));
    });
  }

  private void topic(List<String> params) {
    if (params.isEmpty()) {
      needMoreParams("TOPIC");
      return;
    }
    Optional<SessionLifecycle.Membership> room = memberOf(params.get(0));
    if (room.isEmpty()) {
      return;
    }
    if (params.size() == 1) {
      room.get().ref().tell(new ChatRoom.GetTopic(session.topicReplies()));
      repliesDue++;
    } else {
      room.get().ref().tell(new ChatRoom.SetTopic(chatAddress, clean(params.get(1)).strip()));
      echoesDue.add(Names.key(room.get().name()));
      repliesDue++;
    }
  }

  /** The room {@code channel} names if the user is in it; otherwise says why not. */
  private Optional<SessionLifecycle.Membership> memberOf(String channel) {
    Optional<String> room = IrcNames.room(channel);
    if (room.isEmpty()) {
      send(numeric(Numerics.ERR_NOSUCHCHANNEL, clean(channel), "No such channel"));
      return Optional.empty();
    }
    Optional<SessionLifecycle.Membership> membership = session.room(room.get());
    if (membership.isEmpty()) {
      send(numeric(Numerics.ERR_NOTONCHANNEL, channel, "You're not on that channel"));
    }
    return membership;
  }

  private Behavior<Command> onTopicReply(TopicReply reply) {
    ChatRoom.TopicIs answer = reply.topic();
    if (answer.topic().isPresent()) {
      sendTopic(answer.room(), answer.topic().get());
    } else {
      send(numeric(Numerics.RPL_NOTOPIC, IrcNames.channel(answer.room()), "No topic is set"));
    }
    return replyArrived();
  }

  private void sendTopic(String room, Topic topic) {
    String channel = IrcNames.channel(room);
    send(numeric(Numerics.RPL_TOPIC, channel, topic.text()));
    send(numeric(Numerics.RPL_TOPICWHOTIME, channel, replies.mask(topic.setBy()),
        String.valueOf(topic.setAt().getEpochSecond())));
  }

  private void names(List<String> params) {
    if (params.isEmpty() || params.get(0).isEmpty()) {
      // Every channel, as RFC 2812 asks; channels are never secret here.
      askRooms(list -> {
        for (RoomInfo room : list.rooms()) {
          askMembers(room.name(), this::sendNames);
        }
        if (list.rooms().isEmpty()) {
          send(numeric(Numerics.RPL_ENDOFNAMES, "*", "End of /NAMES list."));
        }
      });
      return;
    }
    if (TargetList.isEmpty(params.get(0))) {
      send(numeric(Numerics.RPL_ENDOFNAMES, "*", "End of /NAMES list."));
    }
    for (String channel : targets(params.get(0), true)) {
      Optional<String> room = IrcNames.room(channel);
      if (room.isEmpty()) {
        send(numeric(Numerics.RPL_ENDOFNAMES, clean(channel), "End of /NAMES list."));
      } else {
        String asked = channel;
        askMembers(room.get(), result -> {
          if (result instanceof ChatRoom.NoSuchRoom) {
            send(numeric(Numerics.RPL_ENDOFNAMES, asked, "End of /NAMES list."));
          } else {
            sendNames(result);
          }
        });
      }
    }
  }

  private void sendNames(ChatRoom.MembersResult result) {
    if (result instanceof ChatRoom.Members members) {
      sendAll(replies.names(nick(), IrcNames.channel(members.room()), members.nicks()));
    }
  }

  private void askMembers(String room, Consumer<ChatRoom.MembersResult> then) {
    session.registry().tell(new Registry.ListMembers(room, session.membersReplies()));
    onMembers.put(Names.key(room), then);
    repliesDue++;
  }

  private Behavior<Command> onMembersReply(MembersReply reply) {
    ChatRoom.MembersResult result = reply.result();
    String room = result instanceof ChatRoom.Members members
        ? members.room() : ((ChatRoom.NoSuchRoom) result).room();
    Consumer<ChatRoom.MembersResult> then = onMembers.remove(Names.key(room));
    if (then != null) {
      then.accept(reply.result());
    }
    return replyArrived();
  }

  /** {@code LIST} or {@code LIST #a,#b}; other filters (ELIST) are not supported. */
  private void list(List<String> params) {
    Optional<Set<String>> only = Optional.empty();
    if (!params.isEmpty() && !params.get(0).isEmpty()) {
      Set<String> wanted = new HashSet<>();
      for (String channel : params.get(0).split(",")) {
        IrcNames.room(channel).ifPresent(room -> wanted.add(Names.key(room)));
      }
      only = Optional.of(wanted);
    }
    Optional<Set<String>> filter = only;
    askRooms(list -> {
      List<IrcMessage> lines = new ArrayList<>();
      lines.add(numeric(Numerics.RPL_LISTSTART, "Channel", "Users  Name"));
      for (RoomInfo room : list.rooms()) {
        if (filter.map(wanted -> wanted.contains(Names.key(room.name()))).orElse(true)) {
          lines.add(numeric(Numerics.RPL_LIST, IrcNames.channel(room.name()),
              String.valueOf(room.members()), room.topic()));
        }
      }
      lines.add(numeric(Numerics.RPL_LISTEND, "End of /LIST"));
      sendAll(lines);
    });
  }

  private void askRooms(Consumer<Registry.RoomList> then) {
    session.registry().tell(new Registry.ListRooms(session.roomsReplies()));
    onRooms.addLast(then);
    repliesDue++;
  }

  private Behavior<Command> onRoomsReply(RoomsReply reply) {
    Consumer<Registry.RoomList> then = onRooms.pollFirst();
    if (then != null) {
      then.accept(reply.list());
    }
    return replyArrived();
  }

  // --- users --------------------------------------------------------------------------------

  private void nick(List<String> params) {
    Optional<String> wanted = validNick(params);
    if (wanted.isEmpty() || wanted.get().equals(nick())) {
      return;
    }
    session.registry().tell(
        new Registry.ChangeNick(wanted.get(), chatAddress, session.nickReplies()));
    repliesDue++;
  }

  private Behavior<Command> onNickReply(NickReply reply) {
    if (reply.result() instanceof Registry.NickAccepted accepted) {
      String oldNick = nick();
      session.nickAccepted(accepted.nick());
      channels.renamedEverywhere(oldNick, accepted.nick());
      send(events.renamed(oldNick, userName, accepted.nick()));
      context.getLog().info("{} ({}) is now {}", oldNick, session.remote(), accepted.nick());
    } else {
      send(numeric(Numerics.ERR_NICKNAMEINUSE, ((Registry.NickTaken) reply.result()).nick(),
          "Nickname is already in use"));
    }
    return replyArrived();
  }

  private void who(List<String> params) {
    String mask = params.isEmpty() || params.get(0).isEmpty() ? "*" : params.get(0);
    Optional<String> room = IrcNames.room(mask);
    if (room.isPresent()) {
      askUsers(new Registry.ListUsers(room, usersReplies()), users -> {
        List<IrcMessage> lines = new ArrayList<>();
        for (Registry.UserDetails user : users.users()) {
          // The channel as the room spells it, whatever case the mask was given in.
          String channel = user.rooms().stream().filter(r -> Names.key(r).equals(Names.key(
              room.get()))).findFirst().map(IrcNames::channel).orElse(mask);
          lines.add(whoReply(channel, user));
        }
        lines.add(numeric(Numerics.RPL_ENDOFWHO, mask, "End of WHO list"));
        sendAll(lines);
      });
    } else if (IrcNames.isChannel(mask)) {
      send(numeric(Numerics.RPL_ENDOFWHO, clean(mask), "End of WHO list"));
    } else {
      Optional<WildcardMask> glob = WildcardMask.of(mask.equals("0") ? "*" : mask);
      if (glob.isEmpty()) {
        send(numeric(Numerics.ERR_TOOMANYMATCHES, "WHO",
            "Mask longer than " + WildcardMask.MAX_LENGTH + " characters"));
        send(numeric(Numerics.RPL_ENDOFWHO, clean(mask), "End of WHO list"));
        return;
      }
      askUsers(new Registry.ListUsers(Optional.empty(), usersReplies()), users -> {
        List<IrcMessage> lines = new ArrayList<>();
        for (Registry.UserDetails user : users.users()) {
          // RFC 2812 3.6.1: nickname, user name, host, server and real name.
          if (Stream.of(user.nick(), user.profile().user(), replies.serverName(),
              user.profile().realName()).anyMatch(glob.get()::matches)) {
            lines.add(whoReply(
                user.rooms().isEmpty() ? "*" : IrcNames.channel(user.rooms().get(0)), user));
          }
        }
        lines.add(numeric(Numerics.RPL_ENDOFWHO, clean(mask), "End of WHO list"));
        sendAll(lines);
      });
    }
  }

  private IrcMessage whoReply(String channel, Registry.UserDetails user) {
    return numeric(Numerics.RPL_WHOREPLY, channel, user.profile().user(), replies.serverName(),
        replies.serverName(), user.nick(), user.away().isPresent() ? "G" : "H",
        "0 " + user.profile().realName());
  }

  private void whois(List<String> params) {
    if (params.isEmpty() || TargetList.isEmpty(params.get(params.size() - 1))) {
      send(numeric(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given"));
      return;
    }
    for (String target : targets(params.get(params.size() - 1), true)) {
      session.registry().tell(new Registry.Whois(target, userReplies()));
      repliesDue++;
    }
  }

  /** Lochat keeps no record of nicknames no longer in use. */
  private void whowas(List<String> params) {
    if (params.isEmpty() || params.get(0).isEmpty()) {
      send(numeric(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given"));
      return;
    }
    String nick = clean(params.get(0));
    send(numeric(Numerics.ERR_WASNOSUCHNICK, nick, "There was no such nickname"));
    send(numeric(Numerics.RPL_ENDOFWHOWAS, nick, "End of WHOWAS"));
  }

  private Behavior<Command> onUserReply(UserReply reply) {
    if (reply.result() instanceof Registry.UserDetails user) {
      send(numeric(Numerics.RPL_WHOISUSER, user.nick(), user.profile().user(),
          replies.serverName(), "*",
          user.profile().realName()));
      sendAll(replies.packed(nick(), Numerics.RPL_WHOISCHANNELS, List.of(user.nick()),
          user.rooms().stream().map(IrcNames::channel).toList()));
      send(numeric(Numerics.RPL_WHOISSERVER, user.nick(), replies.serverName(), SERVER_INFO));
      user.away().ifPresent(away -> send(numeric(Numerics.RPL_AWAY, user.nick(), away)));
      send(numeric(Numerics.RPL_ENDOFWHOIS, user.nick(), "End of /WHOIS list."));
    } else {
      String missing = clean(((Registry.NoSuchNick) reply.result()).nick());
      send(numeric(Numerics.ERR_NOSUCHNICK, missing, "No such nick/channel"));
      send(numeric(Numerics.RPL_ENDOFWHOIS, missing, "End of /WHOIS list."));
    }
    return replyArrived();
  }

  private void away(List<String> params) {
    Optional<String> message = params.isEmpty() ? Optional.empty()
        : Optional.of(clean(params.get(0)).strip()).filter(text -> !text.isEmpty());
    session.registry().tell(new Registry.SetAway(chatAddress, message));
    if (message.isPresent()) {
      send(numeric(Numerics.RPL_NOWAWAY, "You have been marked as being away"));
    } else {
      send(numeric(Numerics.RPL_UNAWAY, "You are no longer marked as being away"));
    }
  }

  private void userhost(List<String> params) {
    if (params.isEmpty()) {
      needMoreParams("USERHOST");
      return;
    }
    List<String> nicks = params.size() > MAX_USERHOST_NICKS
        ? params.subList(0, MAX_USERHOST_NICKS) : params;
    askUsers(new Registry.LookUp(nicks, usersReplies()), users -> {
      List<String> found = new ArrayList<>();
      for (Registry.UserDetails user : users.users()) {
        found.add(user.nick() + "=" + (user.away().isPresent() ? "-" : "+")
            + user.profile().user() + "@" + replies.serverName());
      }
      send(numeric(Numerics.RPL_USERHOST, String.join(" ", found)));
    });
  }

  private void ison(List<String> params) {
    if (params.isEmpty()) {
      needMoreParams("ISON");
      return;
    }
    List<String> nicks = new ArrayList<>();
    for (String param : params) {
      for (String nick : param.trim().split(" +")) {
        if (!nick.isEmpty()) {
          nicks.add(nick);
        }
      }
    }
    askUsers(new Registry.LookUp(nicks, usersReplies()), users -> {
      List<IrcMessage> lines = replies.packed(nick(), Numerics.RPL_ISON, List.of(),
          users.users().stream().map(Registry.UserDetails::nick).toList());
      sendAll(lines.isEmpty() ? List.of(numeric(Numerics.RPL_ISON, "")) : lines);
    });
  }

  private void askUsers(Registry.Command request, Consumer<Registry.Users> then) {
    session.registry().tell(request);
    onUsers.addLast(then);
    repliesDue++;
  }

  private Behavior<Command> onUsersReply(UsersReply reply) {
    Consumer<Registry.Users> then = onUsers.pollFirst();
    if (then != null) {
      then.accept(reply.users());
    }
    return replyArrived();
  }

  // --- modes --------------------------------------------------------------------------------

  private void mode(List<String> params) {
    if (params.isEmpty() || params.get(0).isEmpty()) {
      needMoreParams("MODE");
      return;
    }
    String target = params.get(0);
    String modes = params.size() > 1 ? params.get(1) : "";
    if (IrcNames.isChannel(target)) {
      channelMode(target, modes);
    } else if (IrcCase.foldCase(target).equals(IrcCase.foldCase(nick()))) {
      userMode(modes);
    } else {
      askUsers(new Registry.LookUp(List.of(target), usersReplies()), users -> send(
          users.users().isEmpty()
              ? numeric(Numerics.ERR_NOSUCHNICK, clean(target), "No such nick/channel")
              : numeric(Numerics.ERR_USERSDONTMATCH, "Cant change mode for other users")));
    }
  }

  /**
   * Channel modes can be asked for, and the lists clients ask for on joining are always empty;
   * nobody may change a mode, as there are no channel operators.
   */
  private void channelMode(String channel, String modes) {
    Optional<String> room = IrcNames.room(channel);
    if (room.isEmpty()) {
      send(numeric(Numerics.ERR_NOSUCHCHANNEL, clean(channel), "No such channel"));
      return;
    }
    askMembers(room.get(), result -> {
      if (result instanceof ChatRoom.Members members) {
        channelModeOf(IrcNames.channel(members.room()), modes);
      } else {
        send(numeric(Numerics.ERR_NOSUCHCHANNEL, IrcNames.channel(room.get()), "No such channel"));
      }
    });
  }

  private void channelModeOf(String channel, String modes) {
    String flags = modes.startsWith("+") ? modes.substring(1) : modes;
    if (flags.isEmpty()) {
      send(numeric(Numerics.RPL_CHANNELMODEIS, channel, "+n"));
    } else if (flags.equals("b")) {
      send(numeric(Numerics.RPL_ENDOFBANLIST, channel, "End of channel ban list"));
    } else if (flags.equals("e")) {
      send(numeric(Numerics.RPL_ENDOFEXCEPTLIST, channel, "End of channel exception list"));
    } else if (flags.equals("I")) {
      send(numeric(Numerics.RPL_ENDOFINVITELIST, channel, "End of channel invite list"));
    } else {
      for (char c : modes.toCharArray()) {
        if (c != '+' && c != '-' && KNOWN_CHANNEL_MODES.indexOf(c) < 0) {
          send(numeric(Numerics.ERR_UNKNOWNMODE, String.valueOf(c),
              "is unknown mode char to me for " + channel));
          return;
        }
      }
      send(numeric(Numerics.ERR_CHANOPRIVSNEEDED, channel, "You're not channel operator"));
    }
  }

  /** The channel modes of CHANMODES and PREFIX in RPL_ISUPPORT. */
  private static final String KNOWN_CHANNEL_MODES = IrcReplies.CHANNEL_MODES + "ov";

  /** +i and +w may be set and cleared; +o is ignored, as RFC 2812 asks; others are unknown. */
  private void userMode(String modes) {
    if (modes.isEmpty()) {
      send(numeric(Numerics.RPL_UMODEIS, "+" + modeString()));
      return;
    }
    StringBuilder applied = new StringBuilder();
    boolean adding = true;
    char lastSign = 0;
    boolean unknown = false;
    for (char c : modes.toCharArray()) {
      if (c == '+' || c == '-') {
        adding = c == '+';
      } else if (c == 'o' || c == 'O') {
        continue;
      } else if (IrcReplies.USER_MODES.indexOf(c) < 0) {
        unknown = true;
      } else if (adding ? userModes.add(c) : userModes.remove(c)) {
        char sign = adding ? '+' : '-';
        if (sign != lastSign) {
          applied.append(sign);
          lastSign = sign;
        }
        applied.append(c);
      }
    }
    if (applied.length() > 0) {
      session.registry().tell(new Registry.SetInvisible(chatAddress, userModes.contains('i')));
      send(replies.fromUser(nick(), "MODE", nick(), applied.toString()));
    }
    if (unknown) {
      send(numeric(Numerics.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag"));
    }
  }

  private String modeString() {
    StringBuilder modes = new StringBuilder();
    userModes.forEach(modes::append);
    return modes.toString();
  }

  // --- server queries -----------------------------------------------------------------------

  private void askOnline() {
    session.registry().tell(new Registry.GetOnline(onlineReplies()));
    repliesDue++;
  }

  private Behavior<Command> onOnlineReply(OnlineReply reply) {
    Registry.Online online = reply.online();
    sendAll(replies.lusers(
        nick(), online.users(), online.invisible(), online.unknown(), online.maxUsers(),
        online.rooms()));
    if (welcoming) {
      welcoming = false;
      sendAll(replies.motd(nick(), settings.motd()));
    }
    return replyArrived();
  }

  private void version() {
    send(numeric(Numerics.RPL_VERSION, VERSION, replies.serverName(), SERVER_INFO));
    sendAll(replies.isupport(nick(), isupport()));
  }

  /** Runs {@code answer} if the command names no server, or this one; else ERR_NOSUCHSERVER. */
  private void ifThisServer(List<String> params, Runnable answer) {
    if (params.isEmpty() || params.get(0).equalsIgnoreCase(replies.serverName())) {
      answer.run();
    } else {
      send(numeric(Numerics.ERR_NOSUCHSERVER, clean(params.get(0)), "No such server"));
    }
  }

  private void admin() {
    send(numeric(Numerics.RPL_ADMINME, replies.serverName(), "Administrative info"));
    send(numeric(Numerics.RPL_ADMINLOC1, "A Lochat server on the local network"));
    send(numeric(Numerics.RPL_ADMINLOC2, "Run by whoever started it"));
    send(numeric(Numerics.RPL_ADMINEMAIL, "No e-mail address is kept"));
  }

  private void info() {
    send(numeric(Numerics.RPL_INFO, SERVER_INFO + ", version " + Version.CURRENT));
    send(numeric(Numerics.RPL_INFO, "Built on Apache Pekko; see docs/protocol.md"));
    send(numeric(Numerics.RPL_ENDOFINFO, "End of /INFO list"));
  }

  /**
   * KICK and INVITE need a channel operator, which Lochat does not have: the checks every user
   * gets are made, then ERR_CHANOPRIVSNEEDED.
   */
  private void operatorOnly(String command, List<String> params) {
    String channel = command.equals("KICK") ? params.isEmpty() ? "" : params.get(0)
        : params.size() < 2 ? "" : params.get(1);
    if (params.size() < 2) {
      needMoreParams(command);
    } else if (memberOf(channel).isPresent()) {
      send(numeric(Numerics.ERR_CHANOPRIVSNEEDED, channel, "You're not channel operator"));
    }
  }

  private void ping(List<String> params) {
    if (params.isEmpty() || params.get(0).isEmpty()) {
      send(numeric(Numerics.ERR_NOORIGIN, "No origin specified"));
    } else {
      send(replies.command("PONG", replies.serverName(), params.get(0)));
    }
  }

  private Behavior<Command> onPingCheck(PingCheck check) {
    long now = clock.millis();
    if (awaitingPong) {
      Duration waited = Duration.ofMillis(now - pingSentAt);
      if (waited.compareTo(irc.pingTimeout()) >= 0) {
        String reason = "Ping timeout: " + ConfigChecks.inWords(irc.pingTimeout());
        session.leaveServer(reason.toLowerCase(Locale.ROOT));
        return closeWithError(reason, "ping timeout");
      }
      timers.startSingleTimer(new PingCheck(), irc.pingTimeout().minus(waited));
      return Behaviors.same();
    }
    Duration quiet = Duration.ofMillis(now - lastHeard);
    if (quiet.compareTo(irc.pingInterval()) >= 0) {
      send(replies.command("PING", replies.serverName()));
      awaitingPong = true;
      pingSentAt = now;
      timers.startSingleTimer(new PingCheck(), irc.pingTimeout());
    } else {
      timers.startSingleTimer(new PingCheck(), irc.pingInterval().minus(quiet));
    }
    return Behaviors.same();
  }

  // --- events from the chat core ------------------------------------------------------------

  private Behavior<Command> onFromChat(FromChat message) {
    try {
      return show(message.event());
    } finally {
      session.roomEventHandled(message.event());
    }
  }

  private Behavior<Command> show(ChatEvent event) {
    if (event instanceof ChatEvent.Receipt receipt) {
      return echoesDue.remove(Names.key(receipt.posted().room()))
          ? replyArrived() : Behaviors.same();
    }
    Optional<String> room = ChatEvents.room(event);
    if (room.isPresent() && !session.isIn(room.get())) {
      return Behaviors.same();
    }
    boolean echo = room.isPresent() && echoesDue.contains(Names.key(room.get()))
        && ChatEvents.isEchoOf(event, nick(), Names.key(room.get()));
    render(event);
    if (echo) {
      echoesDue.remove(Names.key(room.get()));
      return replyArrived();
    }
    return Behaviors.same();
  }

  private void render(ChatEvent event) {
    boolean serverTime = capEnabled(Capabilities.SERVER_TIME);
    boolean tags = capEnabled(Capabilities.MESSAGE_TAGS);
    if (event instanceof ChatEvent.Posted posted) {
      boolean own = posted.nick().equals(nick());
      if (!own || capEnabled(Capabilities.ECHO_MESSAGE)) {
        ByteString bytes = postBytes(posted);
        if (!bytes.isEmpty()) {
          session.sendEncoded(bytes);
        }
      }
    } else if (event instanceof ChatEvent.MemberJoined joined) {
      channels.memberJoined(joined.room(), joined.nick(), joined.user());
      send(events.joined(joined.room(), joined.nick(), joined.user()));
    } else if (event instanceof ChatEvent.MemberLeft left) {
      String user = userNameOf(left.nick());
      if (left.leftServer() ? channels.memberQuit(left.room(), left.nick())
          : channels.memberParted(left.room(), left.nick())) {
        send(left.leftServer() ? events.quit(left.nick(), user, left.reason())
            : events.parted(left.room(), left.nick(), user, left.reason()));
      }
    } else if (event instanceof ChatEvent.MemberRenamed renamed) {
      String user = userNameOf(renamed.oldNick());
      if (channels.renamed(renamed.room(), renamed.oldNick(), renamed.newNick())) {
        send(events.renamed(renamed.oldNick(), user, renamed.newNick()));
      }
    } else if (event instanceof ChatEvent.TopicChanged changed) {
      send(events.topicChanged(changed));
    } else if (event instanceof ChatEvent.PrivateMessage privateMessage
        && shows(privateMessage.kind())) {
      sendAll(events.privateMessage(privateMessage, serverTime, tags));
    }
  }

  /** Whether this client takes messages of {@code kind}: TAGMSG only with message-tags. */
  private boolean shows(MessageKind kind) {
    return kind != MessageKind.TAGS_ONLY || capEnabled(Capabilities.MESSAGE_TAGS);
  }

  /** The user name shown in {@code nick}'s mask: known for this user and its channels' members. */
  private String userNameOf(String nick) {
    if (nick.equals(nick())) {
      return userName;
    }
    return channels.userName(nick).orElse(nick);
  }

  // --- leaving ------------------------------------------------------------------------------

  private Behavior<Command> quit(List<String> params) {
    String reason = params.isEmpty() || clean(params.get(0)).isBlank()
        ? "quit" : "quit: " + clean(params.get(0)).strip();
    session.leaveServer(reason);
    return closeWithError(reason.equals("quit") ? "Quit" : "Quit: " + reason.substring(6),
        "quit");
  }

  private Behavior<Command> onServerShutdown(ServerShutdown shutdown) {
    session.leaveServer("server shutdown");
    return closeWithError("Server shutting down", "server shutdown");
  }

  /** Says {@code ERROR :Closing Link: HOST (why)}, then flushes and closes. */
  private Behavior<Command> closeWithError(String why, String logReason) {
    send(replies.error("Closing Link: " + session.remoteHost() + " (" + why + ")"));
    session.close(logReason);
    return closing();
  }

  private Behavior<Command> onInputEnded(InputEnded inputEnded) {
    if (inputEnded.failure().isPresent()) {
      return session.connectionLost(inputEnded.failure().get());
    }
    session.leaveServer("connection closed");
    session.close("connection closed");
    return closing();
  }

  // --- helpers ------------------------------------------------------------------------------

  private String nick() {
    return session.nick();
  }

  private Behavior<Command> current() {
    return session.registered() ? registered() : registering();
  }

  private IrcMessage numeric(String numeric, String... params) {
    return replies.numeric(nick() == null ? IrcReplies.UNREGISTERED : nick(), numeric, params);
  }

  private void needMoreParams(String command) {
    send(numeric(Numerics.ERR_NEEDMOREPARAMS, command, "Not enough parameters"));
  }

  private void send(IrcMessage message) {
    session.send(message.render());
  }

  private void sendAll(List<IrcMessage> messages) {
    session.sendAll(rendered(messages));
  }

  private static List<String> rendered(List<IrcMessage> messages) {
    return messages.stream().map(IrcMessage::render).toList();
  }

  /**
   * A post as this client is shown it, empty when it is not (TAGMSG without message-tags).
   * Rooms call this from their own threads: it reads only {@link #postForm}.
   */
  private ByteString postBytes(ChatEvent.Posted posted) {
    PostForm form = postForm;
    if (posted.kind() == MessageKind.TAGS_ONLY && !form.tags) {
      return ByteString.emptyByteString();
    }
    return session.shared(posted, form,
        () -> rendered(events.posted(posted, form.serverTime, form.tags)));
  }

  private void capsChanged() {
    postForm = PostForm.of(capEnabled(Capabilities.SERVER_TIME),
        capEnabled(Capabilities.MESSAGE_TAGS));
    echoMessage = capEnabled(Capabilities.ECHO_MESSAGE);
  }

  /** How a post looks on IRC: it depends only on these capabilities. */
  private enum PostForm {
    PLAIN(false, false), SERVER_TIME(true, false), TAGS(false, true),
    SERVER_TIME_AND_TAGS(true, true);

    private static final PostForm[] ALL = values();

    private final boolean serverTime;
    private final boolean tags;

    PostForm(boolean serverTime, boolean tags) {
      this.serverTime = serverTime;
      this.tags = tags;
    }

    static PostForm of(boolean serverTime, boolean tags) {
      return ALL[(serverTime ? 1 : 0) + (tags ? 2 : 0)];
    }
  }

  /**
   * Distinct comma-separated targets, at most {@link #MAX_TARGETS}; each one more is answered
   * with ERR_TOOMANYTARGETS when {@code answer}.
   */
  private List<String> targets(String list, boolean answer) {
    TargetList parsed = TargetList.parse(list, MAX_TARGETS);
    if (answer) {
      for (String target : parsed.excess()) {
        send(numeric(Numerics.ERR_TOOMANYTARGETS, clean(target),
            "Too many targets; at most " + MAX_TARGETS + " in one command"));
      }
    }
    return parsed.targets();
  }

  /** Text from the client made safe to show anyone: no formatting or control characters. */
  private static String clean(String text) {
    return IrcText.clean(text);
  }

  /**
   * One awaited reply (or echo) has come; the line is done when none is left. One that nobody
   * awaited is a counting error in this class, which would acknowledge a later line too early:
   * it stops the session rather than go unnoticed.
   */
  private Behavior<Command> replyArrived() {
    if (repliesDue == 0) {
      throw new IllegalStateException("A reply arrived that no request of this session awaited");
    }
    repliesDue--;
    return done(Behaviors.same());
  }

  /** Acknowledges the line unless it still waits for replies. */
  private Behavior<Command> done(Behavior<Command> next) {
    if (repliesDue == 0 && echoesDue.isEmpty()) {
      return session.acknowledge(next);
    }
    return next;
  }
}
