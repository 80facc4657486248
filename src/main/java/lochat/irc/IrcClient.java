package lochat.irc;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.connection.ConnectionSettings;
import lochat.connection.PostBytes;
import lochat.connection.SessionCommand;
import lochat.connection.SessionLifecycle;
import lochat.connection.SessionSetup;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.IrcCommandParser;
import lochat.protocol.irc.IrcEvents;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcReplies;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.protocol.irc.RoomReplies;
import lochat.protocol.irc.TargetList;
import lochat.registry.Audience;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.store.HistoryQuery;
import lochat.store.HistoryWriter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;

/**
 * One IRC client as its command handlers see it: the shared {@link SessionLifecycle}, what this
 * client has negotiated (capabilities, user modes), what it knows of its channels, what the line
 * being handled waits for, and how to say things to it, the numeric replies by name.
 *
 * <p>The handlers ({@link CapNegotiation}, {@link Messaging}, {@link Channels},
 * {@link RoomModeration}, {@link ChatHistory}, {@link UserQueries}, {@link ServerQueries}) are
 * stateless and keep their state here, so that
 * an idle connection pays for one object, not one per group. Not thread-safe, except
 * {@link #postBytes} and {@link #ownPostBytes}, which rooms call from their own threads and
 * which read only volatile fields.
 */
final class IrcClient {

  final SessionLifecycle session;
  final Logger log;
  final IrcSettings irc;
  final Clock clock;
  /** When the server started, to the second: its creation, for RPL_CREATED. */
  final Instant started;
  final IrcReplies replies;
  final IrcEvents events;
  final RoomReplies rooms;
  final ChannelView channels = new ChannelView();
  final AwaitedReplies awaited = new AwaitedReplies();
  final Set<Character> userModes = new TreeSet<>();

  /** The user name, known once USER has come. */
  String userName;
  Set<String> caps = new LinkedHashSet<>();
  /** CAP negotiation has begun before registration and not yet ended. */
  boolean capNegotiating;
  /** The client asked for CAP version 302, which implies cap-notify. */
  boolean capVersion302;
  /** The welcome's LUSERS is awaited, which the MOTD follows. */
  boolean welcoming;
  /** The line being handled is a NOTICE, which never gets error replies (RFC 2812 3.3.2). */
  boolean handlingNotice;
  /** A server operator (OPER), which the registry knows too. */
  boolean operator;
  /** What to do with the answer the line being handled awaits from a {@code Registry.Tell}. */
  Consumer<Audience.Reached> onReached = reached -> { };
  /** Channels of one JOIN still to join, in the order given. */
  Deque<Channels.PendingJoin> joining;
  private long batches;
  private final ActorContext<SessionCommand> context;
  final RoomArchive archive;
  private ActorRef<HistoryWriter.Page> historyPages;
  /** How posts look to this client, from {@link #caps}; read by rooms, from other threads. */
  private volatile PostForm postForm = PostForm.PLAIN;
  /** Whether this client is shown its own posts (echo-message); read by rooms too. */
  private volatile boolean echoMessage;

  IrcClient(ActorContext<SessionCommand> context, TimerScheduler<SessionCommand> timers,
      SessionSetup setup, IrcSettings irc, Instant started) {
    this.session = new SessionLifecycle(
        context, timers, setup, PostBytes.of(this::postBytes, this::ownPostBytes));
    this.log = context.getLog();
    this.irc = irc;
    this.clock = setup.clock();
    this.started = started.truncatedTo(ChronoUnit.SECONDS);
    this.replies = new IrcReplies(session.settings().serverName(), this::userNameOf);
    this.events = new IrcEvents(replies);
    this.rooms = new RoomReplies(replies);
    this.context = context;
    this.archive = setup.archive();
  }

  String nick() {
    return session.nick();
  }

  ConnectionSettings settings() {
    return session.settings();
  }

  // --- capabilities -------------------------------------------------------------------------

  boolean capEnabled(String cap) {
    return caps.contains(cap);
  }

  void capsChanged() {
    postForm = PostForm.of(capEnabled(Capabilities.SERVER_TIME),
        capEnabled(Capabilities.MESSAGE_TAGS));
    echoMessage = capEnabled(Capabilities.ECHO_MESSAGE);
  }

  /** Whether this client takes messages of {@code kind}: TAGMSG only with message-tags. */
  boolean shows(MessageKind kind) {
    return kind != MessageKind.TAGS_ONLY || capEnabled(Capabilities.MESSAGE_TAGS);
  }

  /**
   * A post as this client is shown it, empty when it is not (TAGMSG without message-tags).
   * Rooms call this from their own threads: it reads only what is volatile.
   */
  ByteString postBytes(ChatEvent.Posted posted) {
    PostForm form = postForm;
    if (posted.kind() == MessageKind.TAGS_ONLY && !form.tags) {
      return ByteString.emptyByteString();
    }
    return SessionLifecycle.shared(posted, form, IrcProtocol.ENCODING,
        () -> rendered(events.posted(posted, form.serverTime, form.tags)));
  }

  /** The client's own post, which it is shown only with echo-message. */
  ByteString ownPostBytes(ChatEvent.Posted posted) {
    return echoMessage ? postBytes(posted) : ByteString.emptyByteString();
  }

  String nextBatchId() {
    return "h" + (++batches);
  }

  /** The user name shown in {@code nick}'s mask: known for this user and its channels' members. */
  String userNameOf(String nick) {
    if (nick.equals(nick())) {
      return userName;
    }
    return channels.userName(nick).orElse(nick);
  }

  // --- asking -------------------------------------------------------------------------------

  void askMembers(String room, Consumer<ChatRoom.MembersResult> then) {
    session.registry().tell(new Registry.ListMembers(room, session.chatAddress(),
        session.replies().members()));
    awaited.awaitMembers(room, then);
  }

  void askUsers(Registry.Command request, Consumer<Registry.Users> then) {
    session.registry().tell(request);
    awaited.awaitUsers(then);
  }

  void askRooms(Consumer<Registry.RoomList> then) {
    session.registry().tell(new Registry.ListRooms(session.chatAddress(),
        session.replies().rooms()));
    awaited.awaitRooms(then);
  }

  /** Asks the history for a page of {@code room}; the page arrives as a {@link HistoryPage}. */
  void askHistory(String room, HistoryQuery query) {
    if (historyPages == null) {
      historyPages = context.messageAdapter(HistoryWriter.Page.class, HistoryPage::new);
    }
    archive.read(room, query, historyPages);
    awaited.request();
  }

  /** A page of a room's history that this client asked for with CHATHISTORY. */
  record HistoryPage(HistoryWriter.Page page) implements SessionCommand.Own {}

  void askOnline() {
    session.registry().tell(new Registry.GetOnline(session.replies().online()));
    awaited.request();
  }

  /**
   * Runs {@code then} with the room {@code channel} names when the user is in it; otherwise
   * answers ERR_NOSUCHCHANNEL when there is no such channel and ERR_NOTONCHANNEL when there is.
   */
  void asMember(String channel, Consumer<SessionLifecycle.Membership> then) {
    Optional<String> room = IrcNames.room(channel);
    if (room.isEmpty()) {
      noSuchChannel(channel);
      return;
    }
    Optional<SessionLifecycle.Membership> membership = session.room(room.get());
    if (membership.isPresent()) {
      then.accept(membership.get());
      return;
    }
    askMembers(room.get(), result -> {
      if (result instanceof ChatRoom.Members) {
        notOnChannel(channel);
      } else {
        noSuchChannel(channel);
      }
    });
  }

  // --- saying -------------------------------------------------------------------------------

  void send(IrcMessage message) {
    session.send(message.render());
  }

  void sendAll(List<IrcMessage> messages) {
    session.sendAll(rendered(messages));
  }

  static List<String> rendered(List<IrcMessage> messages) {
    return messages.stream().map(IrcMessage::render).toList();
  }

  IrcMessage numeric(String numeric, String... params) {
    return replies.numeric(nick() == null ? IrcReplies.UNREGISTERED : nick(), numeric, params);
  }

  /** A nickname the registry did not give: in use (433), or not to be had now (437). */
  void nickRefused(Registry.NickResult refused) {
    if (refused instanceof Registry.NickUnavailable unavailable) {
      send(numeric(Numerics.ERR_UNAVAILRESOURCE, unavailable.nick(), unavailable.reason()));
    } else {
      send(numeric(Numerics.ERR_NICKNAMEINUSE, ((Registry.NickTaken) refused).nick(),
          "Nickname is already in use"));
    }
  }

  void noSuchNick(String target) {
    send(numeric(Numerics.ERR_NOSUCHNICK, IrcText.clean(target), "No such nick/channel"));
  }

  void noSuchChannel(String channel) {
    send(numeric(Numerics.ERR_NOSUCHCHANNEL, IrcText.clean(channel), "No such channel"));
  }

  void notOnChannel(String channel) {
    send(numeric(Numerics.ERR_NOTONCHANNEL, channel, "You're not on that channel"));
  }

  /**
   * Distinct comma-separated targets, at most {@link IrcCommandParser#MAX_TARGETS}; each one
   * more is answered with ERR_TOOMANYTARGETS when {@code answer}.
   */
  List<String> targets(String list, boolean answer) {
    TargetList parsed = TargetList.parse(list, IrcCommandParser.MAX_TARGETS);
    if (answer) {
      for (String target : parsed.excess()) {
        send(numeric(Numerics.ERR_TOOMANYTARGETS, IrcText.clean(target), "Too many targets; at most "
            + IrcCommandParser.MAX_TARGETS + " in one command"));
      }
    }
    return parsed.targets();
  }

  /** Says {@code ERROR :Closing Link: HOST (why)}. */
  void closingLink(String why) {
    send(replies.error("Closing Link: " + session.remoteHost() + " (" + why + ")"));
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
}
