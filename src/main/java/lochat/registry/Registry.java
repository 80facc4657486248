package lochat.registry;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.PrivateMessage;
import lochat.chat.FormerNick;
import lochat.chat.MemberDelivery;
import lochat.chat.MessageKind;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.chat.RoomInfo;
import lochat.chat.RoomRefusal;
import lochat.cluster.ClusterMessage;
import lochat.cluster.ShardedRooms;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.room.RoomRequest;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The server-wide directory: who is online under which nickname, and which rooms exist.
 *
 * <p>Nicknames are reserved here, case-insensitively, for as long as the session that holds one
 * lives (the registry watches it), whatever protocol the session speaks. With each nickname the
 * registry keeps what other users may look up: the user's {@link Profile}, away message and
 * rooms (WHOIS, WHO, USERHOST on IRC); and, in a bounded {@link NickHistory}, who held the
 * nicknames recently let go of (WHOWAS). Rooms are spawned as children on the first join, within
 * the {@link RoomLimits} (in all, per creator and per creator's address); a room is stopped once
 * its last member has left and no request is on its way to it, its history, topic, modes and
 * lists kept in the {@link RoomArchive} for when it is created again. The default room exists
 * from the start and is never stopped. Private messages are routed here because this is where
 * nicknames resolve to sessions, and kept when {@code lochat.history.private} asks for it.
 * Requests about a room that a non-member may make too reach it from here, with who asks. The
 * user side is {@link Nicknames}, the rooms' {@link RoomDirectory}.
 *
 * <p>With the cluster on ({@link SharedNicknames}), the nicknames of every node are one
 * namespace: a nickname is claimed in the cluster before it is given, and private messages,
 * WHOIS, ISON, USERHOST, WHO of everyone, LUSERS, invitations and the server operators' kills
 * and broadcasts ({@link Tell}) reach or count the users of other nodes ({@link
 * ClusterNicknames}). Node-local still: WHOWAS, the rooms a WHOIS shows, and the LUSERS counts
 * of unregistered connections and of the most users at once.
 *
 * <p>The registry never waits: every request is answered from its own state, forwarded to a
 * room, which answers the requester directly, or asked of the cluster, whose answer comes back
 * to the registry as a message.
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
      String key,
      ActorRef<ChatEvent> member,
      MemberDelivery delivery,
      ActorRef<ChatRoom.JoinResult> replyTo)
      implements Command {

    /** A member without a key or a connection of its own: everything goes through the actor. */
    public JoinRoom(String room, String nick, ActorRef<ChatEvent> member,
        ActorRef<ChatRoom.JoinResult> replyTo) {
      this(room, nick, "", member, MemberDelivery.THROUGH_SESSION, replyTo);
    }
  }

  /** The rooms {@code asker} may see: secret ones only to their members. */
  public record ListRooms(ActorRef<ChatEvent> asker, ActorRef<RoomList> replyTo)
      implements Command {}

  public record ListMembers(
      String room, ActorRef<ChatEvent> asker, ActorRef<ChatRoom.MembersResult> replyTo)
      implements Command {}

  /**
   * Forwards {@code request} from {@code session}'s user to {@code room}, with who asks; a room
   * that does not exist is answered {@link ChatRoom.NoSuchRoom} (a post from outside: a
   * {@link ChatEvent.PostRefused}).
   */
  public record ForRoom(String room, ActorRef<ChatEvent> session, RoomRequest request)
      implements Command {}

  /** Invites the user called {@code nick} into {@code room}, as {@code session}'s user. */
  public record InviteTo(String room, String nick, ActorRef<ChatEvent> session,
      ActorRef<RoomRequest.Reply> replyTo) implements Command {}

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
  public record Whois(String nick, ActorRef<ChatEvent> asker, ActorRef<UserResult> replyTo)
      implements Command {}

  /**
   * From another node's registry, for WHOIS: the details of {@code nick} if it is a user of this
   * node, with the rooms anyone may see, else {@link NoSuchNick}; never asked further.
   */
  public record WhoisHere(String nick, ActorRef<UserResult> replyTo)
      implements Command, ClusterMessage {}

  /** The registries of the cluster's nodes, as the receptionist lists them. */
  record RegistriesListed(Receptionist.Listing listing) implements Command {}

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
  public record ListUsers(
      Optional<String> room, ActorRef<ChatEvent> asker, ActorRef<Users> replyTo)
      implements Command {}

  public record GetOnline(ActorRef<Online> replyTo) implements Command {}

  /** Releases the session's nickname now, rather than when the registry sees it stop. */
  public record Unregister(ActorRef<ChatEvent> session) implements Command {}

  /** Marks the session's user a server operator, or no longer one (WHOIS shows it). */
  public record SetOperator(ActorRef<ChatEvent> session, boolean operator) implements Command {}

  /** Tells {@code event} to every user in {@code audience}; answers how many they were. */
  public record Tell(Audience audience, ChatEvent event,
      Optional<ActorRef<Audience.Reached>> replyTo) implements Command {}

  record SessionStopped(ActorRef<ChatEvent> session) implements Command {}

  record ConnectionClosed(ActorRef<?> connection) implements Command {}

  /** The cluster's answer to the question of id {@code id} ({@link ClusterNicknames}). */
  record Answered(long id, Object result) implements Command {}

  private record RoomOccupancy(ChatRoom.Occupancy occupancy) implements Command {}

  record RoomStopped(String key, ActorRef<ChatRoom.Command> room) implements Command {}

  public sealed interface NickResult {}

  public record NickAccepted(String oldNick, String nick) implements NickResult {}

  public record NickTaken(String nick) implements NickResult {}

  /**
   * {@code nick} could not be given now, though nobody else holds it (the cluster could not
   * decide, or the session's previous change is under way); {@code reason} says why, to the user.
   */
  public record NickUnavailable(String nick, String reason) implements NickResult {}

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

  /** The answer to {@link Whois}; it may come from the node the user is connected to. */
  public sealed interface UserResult extends ClusterMessage {}

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

  /** A registry of this node alone: its nicknames are its own. */
  public static Behavior<Command> create(int historySize, RoomLimits limits,
      String permanentRoom, Clock clock, RoomArchive archive) {
    return create(historySize, limits, permanentRoom, clock, archive, Optional.empty(),
        Optional.empty());
  }

  /**
   * @param permanentRoom the room that is kept even when empty (the default room)
   * @param shared the cluster's namespace of nicknames, when the cluster is on
   * @param sharded the cluster's rooms, when the cluster is on
   */
  public static Behavior<Command> create(int historySize, RoomLimits limits,
      String permanentRoom, Clock clock, RoomArchive archive, Optional<SharedNicknames> shared,
      Optional<ShardedRooms> sharded) {
    return Behaviors.setup(context -> new Registry(context, historySize, limits, permanentRoom,
        clock, archive, shared, sharded));
  }

  private final RoomDirectory rooms;
  private final UserDirectory users = new UserDirectory();
  private final Nicknames nicknames;

  private Registry(ActorContext<Command> context, int historySize, RoomLimits limits,
      String permanentRoom, Clock clock, RoomArchive archive, Optional<SharedNicknames> shared,
      Optional<ShardedRooms> sharded) {
    super(context);
    this.rooms = new RoomDirectory(context, historySize, limits, permanentRoom, clock, archive,
        context.messageAdapter(ChatRoom.Occupancy.class, RoomOccupancy::new), sharded);
    this.nicknames = new Nicknames(context, clock, users, rooms, shared);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Register.class, nicknames::onRegister)
        .onMessage(ChangeNick.class, nicknames::onChangeNick)
        .onMessage(JoinRoom.class, this::onJoinRoom)
        .onMessage(ListRooms.class, this::onListRooms)
        .onMessage(ListMembers.class, this::onListMembers)
        .onMessage(ForRoom.class, this::onForRoom)
        .onMessage(InviteTo.class, this::onInviteTo)
        .onMessage(SendPrivate.class, nicknames::onSendPrivate)
        .onMessage(SetAway.class, nicknames::onSetAway)
        .onMessage(SetInvisible.class, nicknames::onSetInvisible)
        .onMessage(Connected.class, nicknames::onConnected)
        .onMessage(ConnectionClosed.class, nicknames::onConnectionClosed)
        .onMessage(RoomsChanged.class, nicknames::onRoomsChanged)
        .onMessage(Whois.class, nicknames::onWhois)
        .onMessage(WhoisHere.class, nicknames::onWhoisHere)
        .onMessage(RegistriesListed.class, nicknames::onRegistriesListed)
        .onMessage(Whowas.class, nicknames::onWhowas)
        .onMessage(LookUp.class, nicknames::onLookUp)
        .onMessage(ListUsers.class, nicknames::onListUsers)
        .onMessage(GetOnline.class, nicknames::onGetOnline)
        .onMessage(Unregister.class, nicknames::onUnregister)
        .onMessage(SessionStopped.class, nicknames::onSessionStopped)
        .onMessage(RoomOccupancy.class, this::onRoomOccupancy)
        .onMessage(RoomStopped.class, this::onRoomStopped)
        .onMessage(SetOperator.class, nicknames::onSetOperator)
        .onMessage(Tell.class, nicknames::onTell)
        .onMessage(Answered.class, nicknames::onAnswered)
        .build();
  }

  private Behavior<Command> onJoinRoom(JoinRoom join) {
    Optional<String> problem = Names.roomProblem(join.room());
    if (problem.isPresent()) {
      join.replyTo().tell(new ChatRoom.JoinRefused(join.room(), problem.get()));
      return this;
    }
    User user = users.bySession(join.member());
    RoomDirectory.RoomOrRefusal found = rooms.findOrCreate(join.room(),
        user == null ? null : new RoomCreations.Creator(join.member(), user.profile.host()));
    if (found.refusal().isPresent()) {
      join.replyTo().tell(new ChatRoom.JoinRefused(join.room(), found.refusal().get()));
      return this;
    }
    // A member that never registered (a test probe) is taken for a native user.
    Profile profile = user == null
        ? new Profile(join.nick(), "local", join.nick(), Profile.NATIVE) : user.profile;
    rooms.join(found.room().get(), new ChatRoom.Join(join.nick(), profile.user(),
        profile.host(), profile.protocol(), join.member(), join.delivery(), join.key(),
        user != null && user.operator, join.replyTo()));
    return this;
  }

  private Behavior<Command> onListRooms(ListRooms request) {
    request.replyTo().tell(
        new RoomList(rooms.list(rooms.visibleTo(users.bySession(request.asker())))));
    return this;
  }

  private Behavior<Command> onListMembers(ListMembers request) {
    Optional<Room> room = rooms.find(request.room());
    if (room.isEmpty()) {
      request.replyTo().tell(new ChatRoom.NoSuchRoom(request.room()));
    } else {
      User asker = users.bySession(request.asker());
      rooms.forward(room.get()).tell(new ChatRoom.GetMembers(
          request.asker(), asker != null && asker.operator, request.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onForRoom(ForRoom forRoom) {
    Optional<Room> room = rooms.find(forRoom.room());
    User user = users.bySession(forRoom.session());
    if (room.isEmpty() || user == null) {
      RoomRequest.answerNoSuchRoom(forRoom.room(), forRoom.session(), forRoom.request());
    } else {
      rooms.forward(room.get()).tell(
          new ChatRoom.Forwarded(user.requester(), forRoom.session(), forRoom.request()));
    }
    return this;
  }

  private Behavior<Command> onInviteTo(InviteTo invite) {
    User target = users.byNick(invite.nick());
    if (target == null && nicknames.invitesElsewhere(invite)) {
      return this;
    }
    if (target == null) {
      invite.replyTo().tell(
          new RoomRequest.Refused(invite.room(), RoomRefusal.NO_SUCH_NICK, invite.nick()));
      return this;
    }
    return onForRoom(new ForRoom(invite.room(), invite.session(),
        new RoomRequest.Invite(target.nick, target.session(), invite.replyTo())));
  }

  private Behavior<Command> onRoomOccupancy(RoomOccupancy report) {
    rooms.reported(report.occupancy());
    return this;
  }

  private Behavior<Command> onRoomStopped(RoomStopped stopped) {
    rooms.stopped(stopped.key(), stopped.room());
    return this;
  }
}
