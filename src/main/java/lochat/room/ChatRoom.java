package lochat.room;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MemberDelivery;
import lochat.chat.MessageKind;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.chat.Topic;
import lochat.cluster.ClusterMessage;
import lochat.room.RoomMembers.Member;
import lochat.store.HistoryWriter;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One chat room: its members, its recent history, and the order of everything said in it.
 *
 * <p>The room is the single place that orders a room's traffic: every member, the sender
 * included, receives each post in the order the room accepted it. A joiner learns of its join
 * from the {@link Joined} reply, the others from a {@link ChatEvent.MemberJoined}; only the
 * remaining members receive {@link ChatEvent.MemberLeft}. Members are sessions of any wire
 * protocol, known by their {@link ChatEvent} address; the room watches them, so a session that
 * dies without saying goodbye still leaves.
 *
 * <p>A room is run by its operators: whoever joins it empty becomes one, and operators give and
 * take the operator and voice roles, change its modes, kick and invite. Its rules (modes, ban
 * and exception lists, invitations) are a {@link Moderation}; requests about the room that a
 * non-member may make too (modes, lists, kicks, invitations, the topic, posts from outside)
 * come {@link Forwarded} by the registry with who asks, so that server operators act as room
 * operators. Joiners receive the topic, modes and roles with their {@link Joined} reply.
 *
 * <p>Everything people read (posts and topic changes) is stamped with a history id and written
 * through the {@link RoomArchive}, never waited for; the room's state (topic, modes, lists) is
 * saved whenever it changes. A room that starts reads its saved state and latest history first,
 * keeping every request until they are back.
 *
 * <p>Delivery never waits for anyone. Other people's posts go straight into each member's
 * connection through its {@link MemberDelivery}, rendered once per wire form; everything else
 * (joins, departures, renames, topics) is told to the member's session, and holds back the posts
 * behind it until the session has handled it. The sender's own post is queued as its echo like
 * the others, and its session told only the {@link ChatEvent.Receipt}, which ends its line. When a
 * member has more unread than its connection allows, the room is {@code congested}: it keeps
 * every request until that member has caught up, so that senders who outpace a reader are slowed
 * (they wait for their echo) rather than the reader cut off; a member that has stopped reading
 * is dropped as too slow. The latest {@code historySize} posts are kept in memory too, for
 * joiners.
 */
public final class ChatRoom extends AbstractBehavior<ChatRoom.Command> {

  public sealed interface Command {}

  /**
   * Adds {@code member} as {@code nick}, with user name {@code user} from {@code host}, connected
   * with wire {@code protocol} (which its posts carry), if the room's rules let it in with
   * {@code key} ("" for none); a {@code serverOperator} is always let in. The reply carries the
   * history, the members and the room's state, or why it was refused. The member is reached
   * through {@code delivery} when given (it does not cross nodes), else through {@code link},
   * its node's {@link RoomLink}; a {@code returning} member (back after the room moved) joins
   * without anyone being told, with its roles ({@link RoomReturns}).
   */
  public record Join(String nick, String user, String host, String protocol,
      ActorRef<ChatEvent> member,
      @JsonIgnore MemberDelivery delivery,
      String key,
      boolean serverOperator,
      ActorRef<JoinResult> replyTo,
      Optional<ActorRef<RoomLink.Command>> link,
      Optional<Comeback> returning)
      implements Command, ClusterMessage {

    /** A member of the room's own node. */
    public Join(String nick, String user, String host, String protocol,
        ActorRef<ChatEvent> member, MemberDelivery delivery, String key, boolean serverOperator,
        ActorRef<JoinResult> replyTo) {
      this(nick, user, host, protocol, member, delivery, key, serverOperator, replyTo,
          Optional.empty(), Optional.empty());
    }
  }

  /** {@code leftServer} when the member is leaving the server, not just this room. */
  public record Leave(ActorRef<ChatEvent> member, String reason, boolean leftServer)
      implements Command, ClusterMessage {}

  /** Posts {@code text}; {@code tags} are IRC client-only tags to pass on with it. */
  public record Post(
      ActorRef<ChatEvent> member, String text, MessageKind kind, Map<String, String> tags)
      implements Command, ClusterMessage {

    public Post {
      tags = Map.copyOf(tags);
    }

    public Post(ActorRef<ChatEvent> member, String text, MessageKind kind) {
      this(member, text, kind, Map.of());
    }
  }

  public record Rename(ActorRef<ChatEvent> member, String newNick)
      implements Command, ClusterMessage {}

  /**
   * The members and their roles, for {@code asker}; a secret room answers {@link NoSuchRoom} to
   * a non-member who is not a server operator. Sent by the registry only, which counts the
   * requests it forwards (see {@link Occupancy}).
   */
  public record GetMembers(
      ActorRef<ChatEvent> asker, boolean serverOperator, ActorRef<MembersResult> replyTo)
      implements Command, ClusterMessage {}

  public record GetTopic(ActorRef<TopicIs> replyTo) implements Command, ClusterMessage {}

  public record TopicIs(String room, Optional<Topic> topic) implements ClusterMessage {}

  /**
   * A {@link RoomRequest} from {@code requester}, whose session is {@code session}, member
   * or not; forwarded by the registry, which counts it like a join.
   */
  public record Forwarded(
      Requester requester, ActorRef<ChatEvent> session, RoomRequest request)
      implements Command, ClusterMessage {}

  /** From the relay of a member's node: the member is now behind, or has caught up. */
  public record RelayedMemberBehind(ActorRef<ChatEvent> member, boolean behind)
      implements Command, ClusterMessage {}

  record MemberStopped(ActorRef<ChatEvent> member) implements Command {}

  private record MemberCaughtUp(ActorRef<ChatEvent> member) implements Command {}

  private record CheckSlowMembers() implements Command {}

  private record StateRestored(HistoryWriter.Restored restored) implements Command {}

  private record ReturnsSettled() implements Command {}

  /** The answer to a join, from the room or from the registry that refused to create it. */
  public sealed interface JoinResult extends ClusterMessage {}

  /**
   * @param userNames each member's user name, by nickname
   * @param roles each member's roles, by nickname
   */
  public record Joined(
      String room,
      ActorRef<Command> roomRef,
      List<String> members,
      Map<String, String> userNames,
      Map<String, Roles> roles,
      List<Posted> history,
      Optional<Topic> topic,
      RoomModes modes)
      implements JoinResult {

    public Joined {
      members = List.copyOf(members);
      userNames = Map.copyOf(userNames);
      roles = Map.copyOf(roles);
      history = List.copyOf(history);
    }
  }

  /** Refused by the room's rules ({@code refusal}), or by the registry (then empty). */
  public record JoinRefused(String room, String reason, Optional<RoomRefusal> refusal)
      implements JoinResult {

    public JoinRefused(String room, RoomRefusal refusal) {
      this(room, refusal.text(), Optional.of(refusal));
    }

    /** Refused by the registry: the name, or a limit on rooms. */
    public JoinRefused(String room, String reason) {
      this(room, reason, Optional.empty());
    }
  }

  /** The answer to a member list request. */
  public sealed interface MembersResult extends ClusterMessage {}

  public record Members(String room, List<String> nicks, Map<String, Roles> roles)
      implements MembersResult {

    public Members {
      nicks = List.copyOf(nicks);
      roles = Map.copyOf(roles);
    }
  }

  public record NoSuchRoom(String room) implements MembersResult, RoomRequest.Reply {}

  /**
   * To the room's owner after every join, departure, member list request, forwarded request and
   * change of topic or modes: its members, the {@link Join}, {@link GetMembers} and {@link
   * Forwarded} requests it has handled in all (so that the owner knows whether one it forwarded
   * is on its way), its topic ("" for none) and whether it is secret, for room lists.
   */
  public record Occupancy(
      String room, int members, long requestsHandled, String topic, boolean secret)
      implements ClusterMessage {}

  /** Why a member left, as shown to the others. */
  public static final String CONNECTION_LOST = "connection lost";

  public static Behavior<Command> create(String name, int historySize,
      ActorRef<Occupancy> occupancy, Clock clock, RoomArchive archive) {
    return Behaviors.setup(context -> Behaviors.withStash(STASH_CAPACITY,
        stash -> Behaviors.withTimers(timers -> {
          ChatRoom room = new ChatRoom(
              context, stash, timers, name, historySize, occupancy, clock, archive);
          return archive.keeps() ? room.restoring() : room;
        })));
  }

  /** Requests kept while the room is congested: about one per member, as each waits for its echo. */
  private static final int STASH_CAPACITY = 100_000;

  private final String name;
  private final ActorRef<Occupancy> occupancy;
  private final Clock clock;
  private final StashBuffer<Command> stash;
  private final RoomMembers members;
  private final RoomCongestion<Command> behind;
  private final RoomHistory history;
  private long requestsHandled;
  private final Moderation rules = new Moderation();
  private final RoomRequests requests;
  private final RoomReturns<Command> returns;

  private ChatRoom(ActorContext<Command> context, StashBuffer<Command> stash,
      TimerScheduler<Command> timers, String name, int historySize,
      ActorRef<Occupancy> occupancy, Clock clock, RoomArchive archive) {
    super(context);
    this.stash = stash;
    this.behind = new RoomCongestion<>(name, context.getLog(), timers, new CheckSlowMembers());
    this.name = name;
    this.history = new RoomHistory(name, historySize, archive);
    this.occupancy = occupancy;
    this.clock = clock;
    this.members = new RoomMembers(context.getSelf());
    this.requests = new RoomRequests(name, clock.instant(), clock, members, history, rules,
        archive, this::remove, this::reportOccupancy);
    this.returns = new RoomReturns<>(name, timers, new ReturnsSettled());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, this::onJoin)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Post.class, this::onPost)
        .onMessage(Rename.class, this::onRename)
        .onMessage(GetMembers.class, this::onGetMembers)
        .onMessage(GetTopic.class, this::onGetTopic)
        .onMessage(Forwarded.class, this::onForwarded)
        .onMessage(MemberStopped.class, this::onMemberStopped)
        .onMessage(MemberCaughtUp.class, this::onMemberCaughtUp)
        .onMessage(RelayedMemberBehind.class, this::onRelayedMemberBehind)
        .onMessage(CheckSlowMembers.class, this::onCheckSlowMembers)
        .onMessage(ReturnsSettled.class, this::onReturnsSettled)
        .build();
  }

  /** Waiting for the saved state and history; every request waits, in order. */
  private Behavior<Command> restoring() {
    history.ask(getContext().messageAdapter(HistoryWriter.Restored.class, StateRestored::new));
    return Behaviors.receive(Command.class)
        .onMessage(StateRestored.class, this::onStateRestored)
        .onAnyMessage(this::onWhileCongested)
        .build();
  }

  /**
   * A member is behind: every request waits, in order, until it has caught up or has been
   * dropped as too slow. Only the departure of a member the room waits for is handled at once.
   */
  private Behavior<Command> congested() {
    return Behaviors.receive(Command.class)
        .onMessage(Leave.class, leave -> behind.waitsFor(leave.member())
            ? onLeave(leave) : onWhileCongested(leave))
        .onMessage(MemberStopped.class, stopped -> behind.waitsFor(stopped.member())
            ? onMemberStopped(stopped) : onWhileCongested(stopped))
        .onMessage(MemberCaughtUp.class, this::onMemberCaughtUp)
        .onMessage(RelayedMemberBehind.class, this::onRelayedMemberBehind)
        .onMessage(CheckSlowMembers.class, this::onCheckSlowMembers)
        .onAnyMessage(this::onWhileCongested)
        .build();
  }

  private Behavior<Command> onStateRestored(StateRestored restored) {
    restored.restored().state().ifPresent(rules::restore);
    if (!restored.restored().complete()) {
      rules.keepUnsaved();
    }
    history.restore(restored.restored().latest());
    reportOccupancy();
    return stash.isEmpty() ? this : stash.unstashAll(this);
  }

  private Behavior<Command> onJoin(Join join) {
    requestsHandled++;
    boolean isNew = !members.contains(join.member());
    if (isNew) {
      String mask = join.nick() + "!" + join.user() + "@" + join.host();
      Optional<RoomRefusal> refusal = rules.joinRefusal(
          mask, join.member(), join.key(), members.size(), join.serverOperator());
      if (refusal.isPresent()) {
        join.replyTo().tell(new JoinRefused(name, refusal.get()));
        reportOccupancy();
        return this;
      }
      returns.arriving(join, members, this::remove).ifPresent(members::broadcast);
      members.put(join.member(), new Member(join.nick(), join.user(), join.host(), join.protocol(),
          RelayedDelivery.reach(join), RoomReturns.rolesOf(join, members.size())));
      getContext().watchWith(join.member(), new MemberStopped(join.member()));
    }
    // The owner hears first, so a room list the joiner asks for next already counts it.
    reportOccupancy();
    // The others are told first: once the joiner has its answer, anyone it tells has heard.
    if (isNew && join.returning().isEmpty()) {
      members.broadcastExcept(join.member(), new MemberJoined(name, join.nick(), join.user()));
    }
    // The joiner's session shows the join before any post that follows it.
    members.answerJoin(join.member(), join.replyTo(), new Joined(name, getContext().getSelf(),
        members.nicks(), members.userNames(), members.roles(), history.latest(), rules.topic(),
        rules.modes()));
    return this;
  }

  private Behavior<Command> onLeave(Leave leave) {
    Member member = members.get(leave.member());
    if (member != null) {
      remove(leave.member());
      members.broadcast(new MemberLeft(name, member.nick(), leave.reason(), leave.leftServer()));
    }
    return caughtUpIfNoneBehind();
  }

  private Behavior<Command> onPost(Post post) {
    Member sender = members.get(post.member());
    if (sender == null || !rules.maySpeak(sender.mask(), Optional.of(sender.roles()))) {
      // Its line waits for an answer: one kicked as it posted is told it is not in the room.
      post.member().tell(new ChatEvent.PostRefused(name,
          sender == null ? RoomRefusal.NOT_ON_ROOM : RoomRefusal.CANNOT_SEND));
      return this;
    }
    members.deliver(history.post(sender.nick(), sender.user(), sender.protocol(), post.text(),
        post.kind(), post.tags(), clock.instant()), post.member(), this::fellBehind);
    return behind.waiting() ? congested() : this;
  }

  private Behavior<Command> onRename(Rename rename) {
    Member member = members.get(rename.member());
    if (member != null && !member.nick().equals(rename.newNick())) {
      members.put(rename.member(), member.renamed(rename.newNick()));
      members.broadcast(new MemberRenamed(name, member.nick(), rename.newNick()));
    }
    return this;
  }

  private Behavior<Command> onGetMembers(GetMembers request) {
    requestsHandled++;
    if (rules.isSecret() && !members.contains(request.asker()) && !request.serverOperator()) {
      request.replyTo().tell(new NoSuchRoom(name));
    } else {
      request.replyTo().tell(new Members(name, members.nicks(), members.roles()));
    }
    reportOccupancy();
    return this;
  }

  private Behavior<Command> onGetTopic(GetTopic request) {
    request.replyTo().tell(new TopicIs(name, rules.topic()));
    return this;
  }

  private Behavior<Command> onForwarded(Forwarded forwarded) {
    requestsHandled++;
    requests.handle(forwarded, this::onOutsidePost);
    reportOccupancy();
    return behind.waiting() ? congested() : this;
  }

  private void onOutsidePost(Forwarded forwarded, RoomRequest.OutsidePost post) {
    Requester from = forwarded.requester();
    if (members.contains(forwarded.session())) {
      onPost(new Post(forwarded.session(), post.text(), post.kind(), post.tags()));
      return;
    }
    if (!from.serverOperator() && !rules.maySpeak(from.mask(), Optional.empty())) {
      forwarded.session().tell(new ChatEvent.PostRefused(name, RoomRefusal.CANNOT_SEND));
      return;
    }
    Posted posted = history.post(from.nick(), from.user(), from.protocol(), post.text(),
        post.kind(), post.tags(), clock.instant());
    members.deliver(posted, forwarded.session(), this::fellBehind);
    forwarded.session().tell(new ChatEvent.Receipt(posted));
  }

  private Behavior<Command> onMemberStopped(MemberStopped stopped) {
    Member member = members.get(stopped.member());
    if (member != null) {
      remove(stopped.member());
      members.broadcast(new MemberLeft(name, member.nick(), CONNECTION_LOST, true));
    }
    return caughtUpIfNoneBehind();
  }

  private Behavior<Command> onReturnsSettled(ReturnsSettled settled) {
    returns.departed().forEach(members::broadcast);
    return this;
  }

  private Behavior<Command> onMemberCaughtUp(MemberCaughtUp caughtUp) {
    behind.forget(caughtUp.member());
    return caughtUpIfNoneBehind();
  }

  private Behavior<Command> onRelayedMemberBehind(RelayedMemberBehind report) {
    Member member = members.get(report.member());
    if (member != null && member.delivery() instanceof RelayedDelivery relayed) {
      relayed.reported(report.behind());
      if (report.behind()) {
        fellBehind(report.member(), relayed);
        return congested();
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onCheckSlowMembers(CheckSlowMembers check) {
    for (ActorRef<ChatEvent> ref : behind.members()) {
      Member member = members.get(ref);
      String reason = member == null ? null : member.delivery().tooSlow();
      if (reason != null) {
        member.delivery().drop(reason);
        remove(ref);
        members.broadcast(new MemberLeft(name, member.nick(), reason, true));
      }
    }
    return caughtUpIfNoneBehind();
  }

  private Behavior<Command> onWhileCongested(Command request) {
    if (!stash.isFull()) {
      stash.stash(request);
      return Behaviors.same();
    }
    getContext().getLog().warn("Room {} holds {} requests while a member catches up; taking"
        + " more at once", name, stash.size());
    Behavior<Command> next;
    try {
      next = receive(getContext(), request);
    } catch (Exception handlerFailed) {
      throw new IllegalStateException(handlerFailed);
    }
    return next == this ? Behaviors.same() : next;
  }

  private void fellBehind(ActorRef<ChatEvent> ref, MemberDelivery delivery) {
    ActorRef<Command> self = getContext().getSelf();
    behind.fellBehind(ref, members.get(ref).nick(), delivery,
        () -> self.tell(new MemberCaughtUp(ref)));
  }

  /** Back to taking requests, the kept ones first, once no member is behind. */
  private Behavior<Command> caughtUpIfNoneBehind() {
    if (!behind.settled()) {
      return Behaviors.same();
    }
    return stash.isEmpty() ? this : stash.unstashAll(this);
  }

  private void remove(ActorRef<ChatEvent> member) {
    members.remove(member);
    behind.forget(member);
    getContext().unwatch(member);
    reportOccupancy();
  }

  private void reportOccupancy() {
    occupancy.tell(new Occupancy(name, members.size(), requestsHandled,
        rules.topic().map(Topic::text).orElse(""), rules.isSecret()));
  }
}
