package lochat.room;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lochat.chat.ChatEvent;
import lochat.chat.MemberDelivery;
import lochat.cluster.ClusterMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * One room as one cluster node sees it: the only way between the room, wherever it runs, and
 * this node's members of it. The room sends each event here once for all of them, and the link
 * hands it to each as the room would ({@link MemberFanout}); the members' requests go to the
 * room through here too (their {@link ChatRoom.Joined} names the link, not the room).
 *
 * <p>Why one link per room and node: everything between a room and a node then goes over one
 * ordered channel each way, so the node's members see the room's one order, and when the room
 * restarts on another node (its node left or was lost, or its shard moved) the link can take
 * its members into the new room before anything they say next: it joins them again, without
 * telling anyone ({@link ChatRoom.Join#returning}), then sends again the posts the old room
 * had not answered, so a post is lost only if it never reached any room.
 *
 * <p>The link also keeps who is in the room and their roles ({@link RoomRoster}), so that its
 * members come back with their roles and the new room can tell who did not come back.
 *
 * <p>Congestion: a member here that falls behind is reported to the room, which waits for it as
 * for any member; the link checks such members and drops one that has stopped reading. Limits: a
 * post the old room took but had not answered is said twice. Links live as long as the node: one
 * small actor per room its users have been in.
 */
public final class RoomLink extends AbstractBehavior<RoomLink.Command> {

  public sealed interface Command {}

  /** Local: a member of this node asks to join; {@code join} holds its real delivery. */
  record Enter(ChatRoom.Join join) implements Command {}

  /** The room {@code roomRef} has taken {@code member} in. */
  public record Added(ActorRef<ChatRoom.Command> roomRef, ActorRef<ChatEvent> member)
      implements Command, ClusterMessage {}

  /** {@code member} is no longer in the room. */
  public record Removed(ActorRef<ChatEvent> member) implements Command, ClusterMessage {}

  /** Tells every member here {@code event}, but {@code except}. */
  public record Broadcast(ChatEvent event, Optional<ActorRef<ChatEvent>> except)
      implements Command, ClusterMessage {}

  /** Delivers a post to every member here; {@code sender}'s copy as its echo. */
  public record Deliver(ChatEvent.Posted posted, ActorRef<ChatEvent> sender)
      implements Command, ClusterMessage {}

  /** Answers {@code member}'s join, in order with the room's events around it. */
  public record AnswerJoin(ActorRef<ChatEvent> member, ActorRef<ChatRoom.JoinResult> replyTo,
      ChatRoom.Joined joined) implements Command, ClusterMessage {}

  private record FromMember(ChatRoom.Command request) implements Command {}

  private record CaughtUp(ActorRef<ChatEvent> member) implements Command {}

  private record CheckSlowMembers() implements Command {}

  private record RejoinAgain() implements Command {}

  private record RoomStopped(ActorRef<ChatRoom.Command> room) implements Command {}

  private record MemberStopped(ActorRef<ChatEvent> member) implements Command {}

  private record Reachability(ClusterEvent.ReachabilityEvent event) implements Command {}

  /** A member of this node: how it asked to join, and its posts the room has not answered. */
  private static final class Member {
    /** How it joined, under its nickname now. */
    ChatRoom.Join join;
    final Deque<ChatRoom.Post> unanswered = new ArrayDeque<>();
    /** Coming back to the room's new incarnation, unknown to the room until it is added. */
    boolean returning;
    /** Its join has not been answered yet; a second answer (to a join sent again) is not. */
    boolean awaitingAnswer = true;
    /** The history id of the latest post it was given. */
    long lastSeen;

    Member(ChatRoom.Join join) {
      this.join = join;
    }

    MemberDelivery delivery() {
      return join.delivery();
    }
  }

  /** How long members coming back wait for the room before their joins are sent again. */
  private static final Duration REJOIN_RETRY = Duration.ofSeconds(2);

  /** Requests kept while the room cannot be reached; more are refused, and logged. */
  private static final int HELD_CAPACITY = 10_000;

  /** @param room the room, found wherever it runs (its sharded entity) */
  static Behavior<Command> create(String name, RecipientRef<ChatRoom.Command> room) {
    return Behaviors.setup(context -> Behaviors.withTimers(
        timers -> new RoomLink(context, timers, name, room)));
  }

  private final TimerScheduler<Command> timers;
  private final String name;
  private final RecipientRef<ChatRoom.Command> room;
  private final ActorRef<ChatRoom.Command> forMembers;
  private final Map<ActorRef<ChatEvent>, Member> entering = new LinkedHashMap<>();
  private final Map<ActorRef<ChatEvent>, Member> members = new LinkedHashMap<>();
  private final RoomCongestion<Command> behind;
  private final Set<ActorRef<ChatEvent>> watched = new HashSet<>();
  private final RoomRoster roster = new RoomRoster();
  private ActorRef<ChatRoom.Command> current;
  /** Requests kept while the room cannot be reached or its members come back to it. */
  private final Deque<ChatRoom.Command> held = new ArrayDeque<>();
  private boolean unreachable;

  private RoomLink(ActorContext<Command> context, TimerScheduler<Command> timers, String name,
      RecipientRef<ChatRoom.Command> room) {
    super(context);
    this.timers = timers;
    this.name = name;
    this.room = room;
    this.forMembers = context.messageAdapter(ChatRoom.Command.class, FromMember::new);
    this.behind = new RoomCongestion<>(name, context.getLog(), timers, new CheckSlowMembers());
    Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.ReachabilityEvent.class, Reachability::new),
        ClusterEvent.ReachabilityEvent.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Enter.class, this::onEnter)
        .onMessage(Added.class, this::onAdded)
        .onMessage(Removed.class, this::onRemoved)
        .onMessage(Broadcast.class, this::onBroadcast)
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(AnswerJoin.class, this::onAnswerJoin)
        .onMessage(FromMember.class, this::onFromMember)
        .onMessage(CaughtUp.class, this::onCaughtUp)
        .onMessage(CheckSlowMembers.class, this::onCheckSlowMembers)
        .onMessage(RoomStopped.class, this::onRoomStopped)
        .onMessage(RejoinAgain.class, this::onRejoinAgain)
        .onMessage(MemberStopped.class, this::onMemberStopped)
        .onMessage(Reachability.class, this::onReachability)
        .build();
  }

  private Behavior<Command> onEnter(Enter enter) {
    ActorRef<ChatEvent> member = enter.join().member();
    entering.put(member, new Member(enter.join()));
    if (watched.add(member)) {
      getContext().watchWith(member, new MemberStopped(member));
    }
    room.tell(throughHere(enter.join(), false));
    return this;
  }

  private Behavior<Command> onAdded(Added added) {
    Member member = entering.remove(added.member());
    if (!added.roomRef().equals(current)) {
      current = added.roomRef();
      getContext().watchWith(current, new RoomStopped(current));
    }
    if (member != null) {
      members.put(added.member(), member);
      if (member.returning) {
        member.unanswered.forEach(room::tell);
        releaseHeldOnceBack();
      }
    }
    return this;
  }

  private Behavior<Command> onRemoved(Removed removed) {
    members.remove(removed.member());
    behind.forget(removed.member());
    return this;
  }

  private Behavior<Command> onBroadcast(Broadcast broadcast) {
    roster.apply(broadcast.event());
    members.forEach((ref, member) -> {
      if (broadcast.except().filter(ref::equals).isEmpty()) {
        MemberFanout.tell(ref, member.delivery(), broadcast.event());
      }
    });
    return this;
  }

  private Behavior<Command> onDeliver(Deliver deliver) {
    Member sender = members.get(deliver.sender());
    if (sender != null) {
      answered(sender, deliver.posted());
    }
    members.forEach((ref, member) -> {
      member.lastSeen = Math.max(member.lastSeen, deliver.posted().id());
      MemberFanout.deliver(ref, member.delivery(), deliver.posted(), deliver.sender(),
          (slow, delivery) -> fellBehind(slow, member));
    });
    return this;
  }

  private Behavior<Command> onAnswerJoin(AnswerJoin answer) {
    Member member = members.get(answer.member());
    if (member == null || !member.awaitingAnswer) {
      return this;
    }
    member.awaitingAnswer = false;
    ChatRoom.Joined joined = answer.joined();
    if (member.returning) {
      member.returning = false;
      catchUp(answer.member(), member, joined);
      return this;
    }
    roster.reset(joined);
    joined.history().forEach(posted -> member.lastSeen = Math.max(member.lastSeen, posted.id()));
    member.delivery().throughSession();
    answer.replyTo().tell(new ChatRoom.Joined(joined.room(), forMembers, joined.members(),
        joined.userNames(), joined.roles(), joined.history(), joined.topic(), joined.modes()));
    return this;
  }

  private Behavior<Command> onFromMember(FromMember from) {
    if (!holding()) {
      forward(from.request());
    } else if (held.size() < HELD_CAPACITY) {
      held.add(from.request());
    } else {
      getContext().getLog().warn("Room {} is unreachable and {} requests wait for it; one more"
          + " is refused", name, held.size());
    }
    return this;
  }

  private void forward(ChatRoom.Command request) {
    if (request instanceof ChatRoom.Post post) {
      Member member = members.getOrDefault(post.member(), entering.get(post.member()));
      if (member != null) {
        member.unanswered.add(post);
      }
    } else if (request instanceof ChatRoom.Rename rename && members.containsKey(rename.member())) {
      Member member = members.get(rename.member());
      ChatRoom.Join join = member.join;
      member.join = new ChatRoom.Join(rename.newNick(), join.user(), join.host(),
          join.protocol(), join.member(), join.delivery(), join.key(), join.serverOperator(),
          join.replyTo(), join.link(), join.returning());
    } else if (request instanceof ChatRoom.Leave leave) {
      members.remove(leave.member());
      entering.remove(leave.member());
      behind.forget(leave.member());
    }
    // Straight to the room as this link knows it: a request sent as the room moves must not
    // reach its next incarnation before its members are back (posts lost so are sent again).
    (current != null ? current : room).tell(request);
  }

  private Behavior<Command> onReachability(Reachability reachability) {
    boolean roomsNode = current != null
        && reachability.event().member().address().equals(current.path().address());
    if (roomsNode && reachability.event() instanceof ClusterEvent.UnreachableMember) {
      getContext().getLog().info("Room {} cannot be reached; what its members here say waits",
          name);
      unreachable = true;
    } else if (roomsNode && reachability.event() instanceof ClusterEvent.ReachableMember) {
      unreachable = false;
      releaseHeldOnceBack();
    }
    return this;
  }

  /** Whether what members say must wait: the room is unreachable, or they are coming back. */
  private boolean holding() {
    return unreachable || entering.values().stream().anyMatch(member -> member.returning);
  }

  private void releaseHeldOnceBack() {
    if (!holding()) {
      timers.cancel(RejoinAgain.class);
      while (!held.isEmpty()) {
        forward(held.poll());
      }
    }
  }

  private Behavior<Command> onCaughtUp(CaughtUp caughtUp) {
    if (behind.forget(caughtUp.member()) && current != null) {
      current.tell(new ChatRoom.RelayedMemberBehind(caughtUp.member(), false));
    }
    return this;
  }

  private Behavior<Command> onCheckSlowMembers(CheckSlowMembers check) {
    for (ActorRef<ChatEvent> ref : behind.members()) {
      Member member = members.get(ref);
      String reason = member == null ? null : member.delivery().tooSlow();
      if (member == null || reason != null) {
        behind.forget(ref);
      }
      if (reason != null) {
        // The session ends with its connection; the room sees it go through death watch.
        member.delivery().drop(reason);
      }
    }
    behind.settled();
    return this;
  }

  private Behavior<Command> onRoomStopped(RoomStopped stopped) {
    if (!stopped.room().equals(current)) {
      return this;
    }
    current = null;
    unreachable = false;
    behind.clear();
    getContext().getLog().info("Room {} moved to another node; its {} members here join it"
        + " again", name, members.size());
    for (Map.Entry<ActorRef<ChatEvent>, Member> entry : members.entrySet()) {
      Member member = entry.getValue();
      member.returning = true;
      member.awaitingAnswer = true;
      entering.put(entry.getKey(), member);
      room.tell(throughHere(member.join, true));
    }
    members.clear();
    if (holding()) {
      timers.startTimerWithFixedDelay(RejoinAgain.class, new RejoinAgain(), REJOIN_RETRY);
    }
    return this;
  }

  /**
   * Members coming back have not been taken in yet: their joins may have gone to the lost node
   * before the cluster knew it was lost, so they are sent again (a room takes a member once).
   */
  private Behavior<Command> onRejoinAgain(RejoinAgain again) {
    entering.values().stream().filter(member -> member.returning)
        .forEach(member -> room.tell(throughHere(member.join, true)));
    releaseHeldOnceBack();
    return this;
  }

  private Behavior<Command> onMemberStopped(MemberStopped stopped) {
    watched.remove(stopped.member());
    entering.remove(stopped.member());
    members.remove(stopped.member());
    behind.forget(stopped.member());
    releaseHeldOnceBack();
    return this;
  }

  /** The join as the room gets it: the member reached through this link. */
  private ChatRoom.Join throughHere(ChatRoom.Join join, boolean returning) {
    return new ChatRoom.Join(join.nick(), join.user(), join.host(), join.protocol(),
        join.member(), null, join.key(), join.serverOperator(), join.replyTo(),
        Optional.of(getContext().getSelf()),
        returning ? Optional.of(roster.comeback(join.nick())) : Optional.empty());
  }

  /**
   * Gives a member back in the room's new incarnation the posts it missed while it was away:
   * those the room's history has beyond the latest it was given (kept by every node's store).
   */
  private void catchUp(ActorRef<ChatEvent> ref, Member member, ChatRoom.Joined joined) {
    for (ChatEvent.Posted posted : joined.history()) {
      if (posted.id() > member.lastSeen) {
        member.lastSeen = posted.id();
        MemberFanout.deliver(ref, member.delivery(), posted, null,
            (slow, delivery) -> fellBehind(slow, member));
      }
    }
  }

  /** The room has answered {@code posted}, and every post of the member's before it. */
  private static void answered(Member member, ChatEvent.Posted posted) {
    while (!member.unanswered.isEmpty()) {
      ChatRoom.Post post = member.unanswered.poll();
      if (post.text().equals(posted.text())) {
        return;
      }
    }
  }

  private void fellBehind(ActorRef<ChatEvent> ref, Member member) {
    ActorRef<Command> self = getContext().getSelf();
    if (current != null && behind.fellBehind(ref, member.join.nick(), member.delivery(),
        () -> self.tell(new CaughtUp(ref)))) {
      current.tell(new ChatRoom.RelayedMemberBehind(ref, true));
    }
  }

}
