package lochat.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.PrivateMessage;
import lochat.chat.FormerNick;
import lochat.chat.MemberDelivery;
import lochat.chat.MessageKind;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.chat.RoomInfo;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The server-wide directory: who is online under which nickname, and which rooms exist.
 *
 * <p>Nicknames are reserved here, case-insensitively, for as long as the session that holds one
 * lives (the registry watches it), whatever protocol the session speaks. With each nickname the
 * registry keeps what other users may look up: the user's {@link Profile}, away message and
 * rooms (WHOIS, WHO, USERHOST on IRC); and, in a bounded {@link NickHistory}, who held the
 * nicknames recently let go of (WHOWAS). Rooms are spawned as children on the first join, within
 * the {@link RoomLimits} (in all, per creator and per creator's address); a room is stopped, and
 * its history dropped, once its last member has left and no request is on its way to it. The
 * default room exists from the start and is never stopped. Private messages are routed here
 * because this is where nicknames resolve to sessions.
 *
 * <p>The registry never waits: every request is answered from its own state or forwarded to a
 * room, which answers the requester directly.
 */
public final class Registry extends AbstractBehavior<Registry.Command> {

  public sealed interface Command {}

  /** Reserves {@code nick} for {@code session}, its first nickname, with who the user is. */
  public record Register(
      String nick, Profile profile, ActorRef<ChatEvent> session, ActorRef<NickResult> replyTo)
      implements Command {}

  /** Moves {@code session} from its current nickname to {@code newNick}. */
  public record ChangeNick(
      String newNick, ActorRef<ChatEvent> session, ActorRef<NickResult> replyTo)
      implements Command {}

  /**
   * Joins {@code room}, creating it when needed; the room answers with a join result, the
   * registry with a refusal. The room reaches the member through {@code delivery}.
   */
  public record JoinRoom(
      String room,
      String nick,
      ActorRef<ChatEvent> member,
      MemberDelivery delivery,
      ActorRef<ChatRoom.JoinResult> replyTo)
      implements Command {

    /** A member without a connection of its own: everything goes through the actor. */
    public JoinRoom(String room, String nick, ActorRef<ChatEvent> member,
        ActorRef<ChatRoom.JoinResult> replyTo) {
      this(room, nick, member, MemberDelivery.THROUGH_SESSION, replyTo);
    }
  }

  public record ListRooms(ActorRef<RoomList> replyTo) implements Command {}

  public record ListMembers(String room, ActorRef<ChatRoom.MembersResult> replyTo)
      implements Command {}

  /** A private message; {@code tags} are IRC client-only tags to pass on with it. */
  public record SendPrivate(
      ActorRef<ChatEvent> sender, String to, String text, MessageKind kind,
      Map<String, String> tags, ActorRef<PrivateResult> replyTo)
      implements Command {

    public SendPrivate {
      tags = Map.copyOf(tags);
    }

    public SendPrivate(ActorRef<ChatEvent> sender, String to, String text, MessageKind kind,
        ActorRef<PrivateResult> replyTo) {
      this(sender, to, text, kind, Map.of(), replyTo);
    }
  }

  /** Marks the session's user away with a message, or back when {@code message} is empty. */
  public record SetAway(ActorRef<ChatEvent> session, Optional<String> message)
      implements Command {}

  /** A client connected; until it registers it counts as an unknown connection (LUSERS). */
  public record Connected(ActorRef<?> connection) implements Command {}

  /** Marks the session's user invisible (IRC user mode +i), for the LUSERS counts. */
  public record SetInvisible(ActorRef<ChatEvent> session, boolean invisible) implements Command {}

  /** The rooms the session's user is now in, in the order joined, for WHOIS and WHO. */
  public record RoomsChanged(ActorRef<ChatEvent> session, List<String> rooms)
      implements Command {

    public RoomsChanged {
      rooms = List.copyOf(rooms);
    }
  }

  /** Everything known about the user called {@code nick}. */
  public record Whois(String nick, ActorRef<UserResult> replyTo) implements Command {}

  /** The users online among {@code nicks}, each once, in the order asked (USERHOST, ISON). */
  public record LookUp(List<String> nicks, ActorRef<Users> replyTo) implements Command {

    public LookUp {
      nicks = List.copyOf(nicks);
    }
  }

  /**
   * Who held {@code nick} before, newest first: at most {@code max} entries, or every one kept
   * when {@code max} is not positive (WHOWAS's count).
   */
  public record Whowas(String nick, int max, ActorRef<WasResult> replyTo) implements Command {}

  /** Every user online, or those in {@code room}, for WHO. */
  public record ListUsers(Optional<String> room, ActorRef<Users> replyTo) implements Command {}

  public record GetOnline(ActorRef<Online> replyTo) implements Command {}

  /** Releases the session's nickname now, rather than when the registry sees it stop. */
  public record Unregister(ActorRef<ChatEvent> session) implements Command {}

  /** Marks the session's user a server operator, or no longer one (WHOIS shows it). */
  public record SetOperator(ActorRef<ChatEvent> session, boolean operator) implements Command {}

  /** Tells {@code event} to every user in {@code audience}; answers how many they were. */
  public record Tell(Audience audience, ChatEvent event,
      Optional<ActorRef<Audience.Reached>> replyTo) implements Command {}

  private record SessionStopped(ActorRef<ChatEvent> session) implements Command {}

  private record ConnectionClosed(ActorRef<?> connection) implements Command {}

  private record RoomOccupancy(ChatRoom.Occupancy occupancy) implements Command {}

  private record RoomStopped(String key, ActorRef<ChatRoom.Command> room) implements Command {}

  public sealed interface NickResult {}

  public record NickAccepted(String oldNick, String nick) implements NickResult {}

  public record NickTaken(String nick) implements NickResult {}

  public record RoomList(List<RoomInfo> rooms) {

    public RoomList {
      rooms = List.copyOf(rooms);
    }
  }

  public sealed interface PrivateResult {}

  /** Delivered; {@code targetAway} is the recipient's away message, if it is away. */
  public record PrivateDelivered(PrivateMessage message, Optional<String> targetAway)
      implements PrivateResult {}

  /** Nobody called {@code nick} is online to receive a private message. */
  public record NoSuchRecipient(String nick) implements PrivateResult {}

  /**
   * Nobody called {@code nick} is online. A separate type from {@link NoSuchRecipient}: a
   * session's message adapters tell replies apart by their class.
   */
  public record NoSuchNick(String nick) implements UserResult {}

  /** A user as others may see it; {@code operator} when it is a server operator. */
  public record UserDetails(String nick, Profile profile, Optional<String> away,
      List<String> rooms, Instant signedOn, boolean operator) implements UserResult {

    public UserDetails {
      rooms = List.copyOf(rooms);
    }
  }

  public sealed interface UserResult {}

  public record Users(List<UserDetails> users) {

    public Users {
      users = List.copyOf(users);
    }
  }

  /** The answer to {@link Whowas}: the {@code nick} asked about, and its entries if any. */
  public record WasResult(String nick, List<FormerNick> entries) {

    public WasResult {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Users online now ({@code invisible} of them with IRC user mode +i), connections that have
   * not registered ({@code unknown}), the most users there have been at once, and rooms.
   */
  public record Online(int users, int invisible, int unknown, int maxUsers, int rooms) {}

  /** @param permanentRoom the room that is kept even when empty (the default room) */
  public static Behavior<Command> create(int historySize, RoomLimits limits,
      String permanentRoom, Clock clock, RoomArchive archive) {
    return Behaviors.setup(
        context -> new Registry(context, historySize, limits, permanentRoom, clock, archive));
  }

  private final int historySize;
  private final RoomCreations creations;
  private final String permanentRoomKey;
  private final Clock clock;
  private final RoomArchive archive;
  private final ActorRef<ChatRoom.Occupancy> occupancyAdapter;
  private final UserDirectory users = new UserDirectory();
  private final NickHistory formerNicks = new NickHistory();
  private final Map<String, Room> rooms = new TreeMap<>();
  private long roomsCreated;
  private final Set<ActorRef<?>> connections = new HashSet<>();

  private Registry(ActorContext<Command> context, int historySize, RoomLimits limits,
      String permanentRoom, Clock clock, RoomArchive archive) {
    super(context);
    this.archive = archive;
    this.historySize = historySize;
    this.creations = new RoomCreations(limits);
    this.permanentRoomKey = Names.key(permanentRoom);
    this.clock = clock;
    this.occupancyAdapter = context.messageAdapter(ChatRoom.Occupancy.class, RoomOccupancy::new);
    // The default room exists from the start, so that room lists always show where to go.
    rooms.put(permanentRoomKey, spawnRoom(permanentRoom, null));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Register.class, this::onRegister)
        .onMessage(ChangeNick.class, this::onChangeNick)
        .onMessage(JoinRoom.class, this::onJoinRoom)
        .onMessage(ListRooms.class, this::onListRooms)
        .onMessage(ListMembers.class, this::onListMembers)
        .onMessage(SendPrivate.class, this::onSendPrivate)
        .onMessage(SetAway.class, this::onSetAway)
        .onMessage(SetInvisible.class, this::onSetInvisible)
        .onMessage(Connected.class, this::onConnected)
        .onMessage(ConnectionClosed.class, this::onConnectionClosed)
        .onMessage(RoomsChanged.class, this::onRoomsChanged)
        .onMessage(Whois.class, this::onWhois)
        .onMessage(Whowas.class, this::onWhowas)
        .onMessage(LookUp.class, this::onLookUp)
        .onMessage(ListUsers.class, this::onListUsers)
        .onMessage(GetOnline.class, this::onGetOnline)
        .onMessage(Unregister.class, this::onUnregister)
        .onMessage(SessionStopped.class, this::onSessionStopped)
        .onMessage(RoomOccupancy.class, this::onRoomOccupancy)
        .onMessage(RoomStopped.class, this::onRoomStopped)
        .onMessage(SetOperator.class, this::onSetOperator)
        .onMessage(Tell.class, this::onTell)
        .build();
  }

  private Behavior<Command> onRegister(Register register) {
    if (users.bySession(register.session()) != null) {
      return onChangeNick(new ChangeNick(register.nick(), register.session(), register.replyTo()));
    }
    if (users.isTaken(register.nick(), register.session())) {
      register.replyTo().tell(new NickTaken(register.nick()));
    } else {
      User user = new User(
          register.nick(), register.profile(), register.session(), clock.instant());
      users.add(user);
      getContext().watchWith(register.session(), new SessionStopped(register.session()));
      register.replyTo().tell(new NickAccepted(null, register.nick()));
    }
    return this;
  }

  private Behavior<Command> onChangeNick(ChangeNick change) {
    User user = users.bySession(change.session());
    if (user == null || users.isTaken(change.newNick(), change.session())) {
      change.replyTo().tell(new NickTaken(change.newNick()));
    } else {
      String oldNick = user.nick;
      formerNicks.renamed(user, change.newNick(), clock.instant());
      users.rename(user, change.newNick());
      change.replyTo().tell(new NickAccepted(oldNick, change.newNick()));
    }
    return this;
  }

  private Behavior<Command> onJoinRoom(JoinRoom join) {
    Optional<String> problem = Names.roomProblem(join.room());
    if (problem.isPresent()) {
      join.replyTo().tell(new ChatRoom.JoinRefused(join.room(), problem.get()));
      return this;
    }
    String key = Names.key(join.room());
    Room room = rooms.get(key);
    User user = users.bySession(join.member());
    if (room == null) {
      RoomCreations.Creator creator =
          user == null ? null : new RoomCreations.Creator(join.member(), user.profile.host());
      Optional<String> refusal = creations.refusal(creator, rooms.size());
      if (refusal.isPresent()) {
        join.replyTo().tell(new ChatRoom.JoinRefused(join.room(), refusal.get()));
        return this;
      }
      room = spawnRoom(join.room(), creator);
    }
    rooms.put(key, room.forwardedOneMore());
    // A member that never registered (a test probe) is taken for a native user.
    room.ref().tell(new ChatRoom.Join(join.nick(),
        user == null ? join.nick() : user.profile.user(),
        user == null ? Profile.NATIVE : user.profile.protocol(),
        join.member(), join.delivery(), join.replyTo()));
    return this;
  }

  private Room spawnRoom(String name, RoomCreations.Creator creator) {
    String key = Names.key(name);
    ActorRef<ChatRoom.Command> ref = getContext().spawn(
        ChatRoom.create(name, historySize, occupancyAdapter, clock),
        "room-" + key + "-" + (++roomsCreated));
    getContext().watchWith(ref, new RoomStopped(key, ref));
    creations.created(creator);
    return new Room(name, ref, 0, 0, "", creator);
  }

  /** Forgets a room that is gone, so that it no longer counts against its creator. */
  private void removeRoom(String key, Room room) {
    rooms.remove(key);
    creations.removed(room.creator());
  }

  private Behavior<Command> onListRooms(ListRooms request) {
    List<RoomInfo> list = new ArrayList<>();
    for (Room room : rooms.values()) {
      list.add(new RoomInfo(room.name(), room.members(), room.topic()));
    }
    list.sort(Comparator.comparing(RoomInfo::name, String.CASE_INSENSITIVE_ORDER));
    request.replyTo().tell(new RoomList(list));
    return this;
  }

  private Behavior<Command> onListMembers(ListMembers request) {
    String key = Names.key(request.room());
    Room room = rooms.get(key);
    if (room == null) {
      request.replyTo().tell(new ChatRoom.NoSuchRoom(request.room()));
    } else {
      rooms.put(key, room.forwardedOneMore());
      room.ref().tell(new ChatRoom.GetMembers(request.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onSendPrivate(SendPrivate send) {
    User from = users.bySession(send.sender());
    User target = users.byNick(send.to());
    if (from == null || target == null) {
      send.replyTo().tell(new NoSuchRecipient(send.to()));
      return this;
    }
    PrivateMessage message = new PrivateMessage(from.nick, from.profile.user(),
        from.profile.protocol(), target.nick, send.text(), send.kind(), send.tags(),
        clock.instant());
    if (target != from) {
      target.session().tell(message);
    }
    send.replyTo().tell(new PrivateDelivered(message, target.away));
    return this;
  }

  private Behavior<Command> onSetAway(SetAway away) {
    User user = users.bySession(away.session());
    if (user != null) {
      user.away = away.message();
    }
    return this;
  }

  private Behavior<Command> onConnected(Connected connected) {
    if (connections.add(connected.connection())) {
      getContext().watchWith(connected.connection(), new ConnectionClosed(connected.connection()));
    }
    return this;
  }

  private Behavior<Command> onConnectionClosed(ConnectionClosed closed) {
    connections.remove(closed.connection());
    return this;
  }

  private Behavior<Command> onSetInvisible(SetInvisible change) {
    User user = users.bySession(change.session());
    if (user != null) {
      users.setInvisible(user, change.invisible());
    }
    return this;
  }

  private Behavior<Command> onRoomsChanged(RoomsChanged changed) {
    User user = users.bySession(changed.session());
    if (user != null) {
      user.rooms = changed.rooms();
    }
    return this;
  }

  private Behavior<Command> onWhois(Whois whois) {
    User user = users.byNick(whois.nick());
    whois.replyTo().tell(user == null ? new NoSuchNick(whois.nick()) : user.details());
    return this;
  }

  private Behavior<Command> onWhowas(Whowas whowas) {
    whowas.replyTo().tell(
        new WasResult(whowas.nick(), formerNicks.find(whowas.nick(), whowas.max())));
    return this;
  }

  private Behavior<Command> onLookUp(LookUp lookUp) {
    lookUp.replyTo().tell(new Users(users.lookUp(lookUp.nicks())));
    return this;
  }

  private Behavior<Command> onListUsers(ListUsers request) {
    request.replyTo().tell(new Users(users.list(request.room().map(Names::key))));
    return this;
  }

  private Behavior<Command> onGetOnline(GetOnline request) {
    int unknown = Math.max(0, connections.size() - users.count());
    request.replyTo().tell(
        new Online(users.count(), users.invisible(), unknown, users.most(), rooms.size()));
    return this;
  }

  private Behavior<Command> onUnregister(Unregister unregister) {
    release(unregister.session());
    getContext().unwatch(unregister.session());
    return this;
  }

  private Behavior<Command> onSessionStopped(SessionStopped stopped) {
    release(stopped.session());
    return this;
  }

  private void release(ActorRef<ChatEvent> session) {
    User user = users.remove(session);
    if (user != null) {
      formerNicks.quit(user, clock.instant());
    }
  }

  private Behavior<Command> onRoomOccupancy(RoomOccupancy report) {
    ChatRoom.Occupancy occupancy = report.occupancy();
    String key = Names.key(occupancy.room());
    Room room = rooms.get(key);
    if (room == null) {
      return this;
    }
    boolean idle = occupancy.members() == 0 && occupancy.requestsHandled() == room.forwarded();
    if (idle && !key.equals(permanentRoomKey)) {
      removeRoom(key, room);
      getContext().stop(room.ref());
    } else {
      rooms.put(key, room.reported(occupancy));
    }
    return this;
  }

  private Behavior<Command> onRoomStopped(RoomStopped stopped) {
    Room room = rooms.get(stopped.key());
    if (room != null && room.ref().equals(stopped.room())) {
      getContext().getLog().warn("Room {} stopped unexpectedly", room.name());
      removeRoom(stopped.key(), room);
    }
    return this;
  }

  private Behavior<Command> onSetOperator(SetOperator set) {
    users.setOperator(set.session(), set.operator());
    return this;
  }

  private Behavior<Command> onTell(Tell tell) {
    Audience.Reached reached = users.tell(tell.audience(), tell.event());
    tell.replyTo().ifPresent(replyTo -> replyTo.tell(reached));
    return this;
  }
}
