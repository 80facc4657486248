package lochat.room;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MemberDelivery;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.chat.Topic;
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
 * included, receives each post in the order the room accepted it, and the sender's session is
 * told when its post is accepted (a {@link ChatEvent.Receipt}, or the post itself when it went
 * through the session). A joiner learns of its own join from the {@link Joined} reply, the others from a
 * {@link ChatEvent.MemberJoined} event; a leaver already knows it left, so only the remaining
 * members receive {@link ChatEvent.MemberLeft}. Members are sessions of any wire protocol, known
 * by their {@link ChatEvent} address; the room watches them, so a session that dies without
 * saying goodbye still leaves.
 *
 * <p>A room has an optional topic that any member may set or clear; joiners receive it with
 * their {@link Joined} reply.
 *
 * <p>Delivery never waits for anyone. Other people's posts go straight into each member's
 * connection through its {@link MemberDelivery}, rendered once per wire form; everything else
 * (joins, departures, renames, topics) is told to the member's session, and holds back the posts
 * behind it until the session has handled it. The sender's own post is queued as its echo like
 * the others, and its session told only the {@link ChatEvent.Receipt}, which ends its line. When a
 * member has more unread than its connection allows, the room is {@code congested}: it keeps
 * every request until that member has caught up, so that senders who outpace a reader are slowed
 * (they wait for their echo) rather than the reader cut off; a member that has stopped reading
 * is dropped as too slow. History is kept in memory only, bounded by {@code historySize}; it is
 * lost on restart.
 */
public final class ChatRoom extends AbstractBehavior<ChatRoom.Command> {

  public sealed interface Command {}

  /**
   * Adds {@code member} as {@code nick} with user name {@code user}, connected with wire
   * {@code protocol} (which its posts carry); the reply carries the history and the member list.
   */
  public record Join(
      String nick,
      String user,
      String protocol,
      ActorRef<ChatEvent> member,
      MemberDelivery delivery,
      ActorRef<JoinResult> replyTo)
      implements Command {

    /** A native member (its user name is its nickname) without a connection of its own. */
    public Join(String nick, ActorRef<ChatEvent> member, ActorRef<JoinResult> replyTo) {
      this(nick, nick, Profile.NATIVE, member, MemberDelivery.THROUGH_SESSION, replyTo);
    }
  }

  /** {@code leftServer} when the member is leaving the server, not just this room. */
  public record Leave(ActorRef<ChatEvent> member, String reason, boolean leftServer)
      implements Command {}

  /** Posts {@code text}; {@code tags} are IRC client-only tags to pass on with it. */
  public record Post(
      ActorRef<ChatEvent> member, String text, MessageKind kind, Map<String, String> tags)
      implements Command {

    public Post {
      tags = Map.copyOf(tags);
    }

    public Post(ActorRef<ChatEvent> member, String text, MessageKind kind) {
      this(member, text, kind, Map.of());
    }
  }

  public record Rename(ActorRef<ChatEvent> member, String newNick) implements Command {}

  /** Sent by the registry only, which counts the requests it forwards (see {@link Occupancy}). */
  public record GetMembers(ActorRef<MembersResult> replyTo) implements Command {}

  /** Sets the topic, or clears it when {@code text} is empty; members only. */
  public record SetTopic(ActorRef<ChatEvent> member, String text) implements Command {}

  public record GetTopic(ActorRef<TopicIs> replyTo) implements Command {}

  public record TopicIs(String room, Optional<Topic> topic) {}

  record MemberStopped(ActorRef<ChatEvent> member) implements Command {}

  private record MemberCaughtUp(ActorRef<ChatEvent> member) implements Command {}

  private record CheckSlowMembers() implements Command {}

  /** The answer to a join, from the room or from the registry that refused to create it. */
  public sealed interface JoinResult {}

  /** @param userNames each member's user name, by nickname */
  public record Joined(
      String room,
      ActorRef<Command> roomRef,
      List<String> members,
      Map<String, String> userNames,
      List<Posted> history,
      Optional<Topic> topic)
      implements JoinResult {

    public Joined {
      members = List.copyOf(members);
      userNames = Map.copyOf(userNames);
      history = List.copyOf(history);
    }

    /** Members whose user names are their nicknames. */
    public Joined(String room, ActorRef<Command> roomRef, List<String> members,
        List<Posted> history, Optional<Topic> topic) {
      this(room, roomRef, members, userNamesOf(members), history, topic);
    }

    private static Map<String, String> userNamesOf(List<String> nicks) {
      Map<String, String> users = new LinkedHashMap<>();
      nicks.forEach(nick -> users.put(nick, nick));
      return users;
    }
  }

  public record JoinRefused(String room, String reason) implements JoinResult {}

  /** The answer to a member list request. */
  public sealed interface MembersResult {}

  public record Members(String room, List<String> nicks) implements MembersResult {

    public Members {
      nicks = List.copyOf(nicks);
    }
  }

  public record NoSuchRoom(String room) implements MembersResult {}

  /**
   * Sent to the room's owner after every join, departure, member list request and topic change:
   * how many members the room has, how many {@link Join} and {@link GetMembers} requests it has
   * handled in all (so that the owner can tell whether a request it forwarded is on its way),
   * and its topic ("" for none), for room lists.
   */
  public record Occupancy(String room, int members, long requestsHandled, String topic) {}

  /** Why a member left, as shown to the others. */
  public static final String CONNECTION_LOST = "connection lost";

  public static Behavior<Command> create(
      String name, int historySize, ActorRef<Occupancy> occupancy, Clock clock) {
    return Behaviors.setup(context -> Behaviors.withStash(STASH_CAPACITY,
        stash -> Behaviors.withTimers(timers ->
            new ChatRoom(context, stash, timers, name, historySize, occupancy, clock))));
  }

  /** Requests kept while the room is congested: about one per member, as each waits for its echo. */
  private static final int STASH_CAPACITY = 100_000;

  /** How often a congested room looks for members that have stopped reading. */
  private static final Duration SLOW_MEMBER_CHECK = Duration.ofMillis(100);

  /** A member: what it is called, the protocol it speaks, and how it is reached. */
  private record Member(String nick, String user, String protocol, MemberDelivery delivery) {}

  private final String name;
  private final int historySize;
  private final ActorRef<Occupancy> occupancy;
  private final Clock clock;
  private final StashBuffer<Command> stash;
  private final TimerScheduler<Command> timers;
  private final Map<ActorRef<ChatEvent>, Member> members = new LinkedHashMap<>();
  /** Members with more unread than their connection allows; the room waits while any is. */
  private final Set<ActorRef<ChatEvent>> behind = new HashSet<>();
  private long congestedSince;
  private final ArrayDeque<Posted> history = new ArrayDeque<>();
  private long requestsHandled;
  private Optional<Topic> topic = Optional.empty();

  private ChatRoom(
      ActorContext<Command> context,
      StashBuffer<Command> stash,
      TimerScheduler<Command> timers,
      String name,
      int historySize,
      ActorRef<Occupancy> occupancy,
      Clock clock) {
    super(context);
    this.stash = stash;
    this.timers = timers;
    this.name = name;
    this.historySize = historySize;
    this.occupancy = occupancy;
    this.clock = clock;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, this::onJoin)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Post.class, this::onPost)
        .onMessage(Rename.class, this::onRename)
        .onMessage(GetMembers.class, this::onGetMembers)
        .onMessage(SetTopic.class, this::onSetTopic)
        .onMessage(GetTopic.class, this::onGetTopic)
        .onMessage(MemberStopped.class, this::onMemberStopped)
        .onMessage(MemberCaughtUp.class, this::onMemberCaughtUp)
        .onMessage(CheckSlowMembers.class, this::onCheckSlowMembers)
        .build();
  }

  /**
   * A member is behind: every request waits, in order, until it has caught up or has been
   * dropped as too slow. Only the departure of a member the room waits for is handled at once.
   */
  private Behavior<Command> congested() {
    return Behaviors.receive(Command.class)
        .onMessage(Leave.class, leave -> behind.contains(leave.member())
            ? onLeave(leave) : onWhileCongested(leave))
        .onMessage(MemberStopped.class, stopped -> behind.contains(stopped.member())
            ? onMemberStopped(stopped) : onWhileCongested(stopped))
        .onMessage(MemberCaughtUp.class, this::onMemberCaughtUp)
        .onMessage(CheckSlowMembers.class, this::onCheckSlowMembers)
        .onAnyMessage(this::onWhileCongested)
        .build();
  }

  private Behavior<Command> onJoin(Join join) {
    requestsHandled++;
    boolean isNew = !members.containsKey(join.member());
    if (isNew) {
      members.put(join.member(),
          new Member(join.nick(), join.user(), join.protocol(), join.delivery()));
      getContext().watchWith(join.member(), new MemberStopped(join.member()));
    }
    // The owner hears first, so a room list the joiner asks for next already counts it.
    reportOccupancy();
    // The others are told first: once the joiner has its answer, anyone it tells has heard.
    if (isNew) {
      broadcastExcept(join.member(), new MemberJoined(name, join.nick(), join.user()));
    }
    // The joiner's session shows the join before any post that follows it.
    members.get(join.member()).delivery().throughSession();
    join.replyTo().tell(new Joined(
        name, getContext().getSelf(), nicks(), userNamesByNick(), List.copyOf(history), topic));
    return this;
  }

  private Behavior<Command> onLeave(Leave leave) {
    Member member = members.get(leave.member());
    if (member != null) {
      remove(leave.member());
      broadcast(new MemberLeft(name, member.nick(), leave.reason(), leave.leftServer()));
    }
    return caughtUpIfNoneBehind();
  }

  private Behavior<Command> onPost(Post post) {
    Member sender = members.get(post.member());
    if (sender == null) {
      return this;
    }
    Posted posted = new Posted(name, sender.nick(), sender.user(), sender.protocol(),
        post.text(), post.kind(), post.tags(), clock.instant());
    if (post.kind().isForPeople()) {
      remember(posted);
    }
    for (Map.Entry<ActorRef<ChatEvent>, Member> entry : members.entrySet()) {
      ActorRef<ChatEvent> ref = entry.getKey();
      MemberDelivery delivery = entry.getValue().delivery();
      boolean own = ref.equals(post.member());
      MemberDelivery.Outcome outcome = own ? delivery.postOwn(posted) : delivery.post(posted);
      if (outcome == MemberDelivery.Outcome.THROUGH_SESSION) {
        ref.tell(posted);
        if (delivery.behind()) {
          fellBehind(ref, delivery);
        }
      } else {
        if (own) {
          ref.tell(new ChatEvent.Receipt(posted));
        }
        if (outcome == MemberDelivery.Outcome.BEHIND) {
          fellBehind(ref, delivery);
        }
      }
    }
    return behind.isEmpty() ? this : congested();
  }

  private Behavior<Command> onRename(Rename rename) {
    Member member = members.get(rename.member());
    if (member != null && !member.nick().equals(rename.newNick())) {
      members.put(rename.member(),
          new Member(rename.newNick(), member.user(), member.protocol(), member.delivery()));
      broadcast(new MemberRenamed(name, member.nick(), rename.newNick()));
    }
    return this;
  }

  private Behavior<Command> onGetMembers(GetMembers request) {
    requestsHandled++;
    request.replyTo().tell(new Members(name, nicks()));
    reportOccupancy();
    return this;
  }

  private Behavior<Command> onSetTopic(SetTopic set) {
    Member member = members.get(set.member());
    if (member != null) {
      topic = set.text().isEmpty()
          ? Optional.empty()
          : Optional.of(new Topic(set.text(), member.nick(), clock.instant()));
      broadcast(new ChatEvent.TopicChanged(name, member.nick(), topic));
      reportOccupancy();
    }
    return this;
  }

  private Behavior<Command> onGetTopic(GetTopic request) {
    request.replyTo().tell(new TopicIs(name, topic));
    return this;
  }

  private Behavior<Command> onMemberStopped(MemberStopped stopped) {
    Member member = members.get(stopped.member());
    if (member != null) {
      remove(stopped.member());
      broadcast(new MemberLeft(name, member.nick(), CONNECTION_LOST, true));
    }
    return caughtUpIfNoneBehind();
  }

  private Behavior<Command> onMemberCaughtUp(MemberCaughtUp caughtUp) {
    behind.remove(caughtUp.member());
    return caughtUpIfNoneBehind();
  }

  private Behavior<Command> onCheckSlowMembers(CheckSlowMembers check) {
    for (ActorRef<ChatEvent> ref : new ArrayList<>(behind)) {
      Member member = members.get(ref);
      String reason = member == null ? null : member.delivery().tooSlow();
      if (reason != null) {
        member.delivery().drop(reason);
        remove(ref);
        broadcast(new MemberLeft(name, member.nick(), reason, true));
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
    if (behind.isEmpty()) {
      congestedSince = System.nanoTime();
      getContext().getLog().debug("Room {} waits for {} to catch up", name,
          members.get(ref).nick());
    }
    if (behind.add(ref)) {
      ActorRef<Command> self = getContext().getSelf();
      delivery.whenCaughtUp(() -> self.tell(new MemberCaughtUp(ref)));
      if (!timers.isTimerActive(CheckSlowMembers.class)) {
        timers.startTimerWithFixedDelay(CheckSlowMembers.class, new CheckSlowMembers(),
            SLOW_MEMBER_CHECK);
      }
    }
  }

  /** Back to taking requests, the kept ones first, once no member is behind. */
  private Behavior<Command> caughtUpIfNoneBehind() {
    if (!behind.isEmpty()) {
      return Behaviors.same();
    }
    timers.cancel(CheckSlowMembers.class);
    if (congestedSince != 0) {
      getContext().getLog().debug("Room {} goes on after {} ms", name,
          (System.nanoTime() - congestedSince) / 1_000_000);
      congestedSince = 0;
    }
    return stash.isEmpty() ? this : stash.unstashAll(this);
  }

  private void remove(ActorRef<ChatEvent> member) {
    members.remove(member);
    behind.remove(member);
    getContext().unwatch(member);
    reportOccupancy();
  }

  private void remember(Posted posted) {
    if (historySize <= 0) {
      return;
    }
    if (history.size() == historySize) {
      history.removeFirst();
    }
    history.addLast(posted);
  }

  /** Tells every member's session {@code event}, which holds back the posts behind it. */
  private void broadcast(ChatEvent event) {
    broadcastExcept(null, event);
  }

  private void broadcastExcept(ActorRef<ChatEvent> excluded, ChatEvent event) {
    for (Map.Entry<ActorRef<ChatEvent>, Member> member : members.entrySet()) {
      if (!member.getKey().equals(excluded)) {
        member.getValue().delivery().throughSession();
        member.getKey().tell(event);
      }
    }
  }

  private List<String> nicks() {
    return members.values().stream().map(Member::nick).toList();
  }

  private Map<String, String> userNamesByNick() {
    Map<String, String> byNick = new LinkedHashMap<>();
    members.values().forEach(member -> byNick.put(member.nick(), member.user()));
    return byNick;
  }

  private void reportOccupancy() {
    occupancy.tell(new Occupancy(
        name, members.size(), requestsHandled, topic.map(Topic::text).orElse("")));
  }
}
