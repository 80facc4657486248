package lochat.room;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lochat.chat.ChatEvent;
import lochat.chat.MemberDelivery;
import lochat.chat.Names;
import lochat.cluster.ClusterMessage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One per cluster node: this node's end of every room that lives on another node. A room sends
 * each event once to the relay of every node that has members in it, never once per member;
 * the relay hands it to its node's members as the room would have ({@link MemberFanout}):
 * other people's posts straight into each connection, everything else through the session.
 *
 * <p>Order: everything a room tells a node's members, including who joins and leaves it, comes
 * over the one channel from the room to this relay, so that the members here see the room's
 * one order. A session's delivery is left here ({@link Expect}) before its join goes to the
 * room, so that it is known when the room says the member is in ({@link Added}).
 *
 * <p>Congestion: a member here that falls behind is reported to its room, which waits for it
 * as for its own members; the relay checks such members and drops one that has stopped
 * reading, as a room does. Limits: a room's events are not acknowledged; a relay that dies
 * with its node takes its members with it, whom the room sees leave through death watch.
 */
public final class RoomRelay extends AbstractBehavior<RoomRelay.Command> {

  public sealed interface Command {}

  /** Local: how {@code member} is to be reached in {@code room}, should a remote room take it. */
  public record Expect(String room, ActorRef<ChatEvent> member, MemberDelivery delivery)
      implements Command {}

  /** The room {@code roomRef} has taken {@code member} in: from now on it is reached here. */
  public record Added(String room, ActorRef<ChatRoom.Command> roomRef,
      ActorRef<ChatEvent> member) implements Command, ClusterMessage {}

  /** {@code member} is no longer in {@code room}. */
  public record Removed(String room, ActorRef<ChatEvent> member)
      implements Command, ClusterMessage {}

  /** Tells every member here of {@code room} {@code event}, but {@code except}. */
  public record Broadcast(String room, ChatEvent event, Optional<ActorRef<ChatEvent>> except)
      implements Command, ClusterMessage {}

  /** Delivers a post to every member here of {@code room}; {@code sender}'s copy as its echo. */
  public record Deliver(String room, ChatEvent.Posted posted, ActorRef<ChatEvent> sender)
      implements Command, ClusterMessage {}

  /** Answers {@code member}'s join, in order with the room's events around it. */
  public record AnswerJoin(String room, ActorRef<ChatEvent> member,
      ActorRef<ChatRoom.JoinResult> replyTo, ChatRoom.Joined joined)
      implements Command, ClusterMessage {}

  private record CaughtUp(RoomMember behind) implements Command {}

  private record CheckSlowMembers() implements Command {}

  private record RoomMember(String room, ActorRef<ChatEvent> member) {}

  private record Local(ActorRef<ChatRoom.Command> room, MemberDelivery delivery) {}

  /** How often members that are behind are looked at, as a room does. */
  private static final Duration SLOW_MEMBER_CHECK = Duration.ofMillis(100);

  public static Behavior<Command> create() {
    return Behaviors.setup(context -> Behaviors.withTimers(
        timers -> new RoomRelay(context, timers)));
  }

  private final TimerScheduler<Command> timers;
  private final Map<RoomMember, MemberDelivery> expected = new HashMap<>();
  private final Map<String, Map<ActorRef<ChatEvent>, Local>> rooms = new HashMap<>();
  private final Set<RoomMember> behind = new HashSet<>();
  private final Set<ActorRef<ChatEvent>> watched = new HashSet<>();

  private RoomRelay(ActorContext<Command> context, TimerScheduler<Command> timers) {
    super(context);
    this.timers = timers;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Expect.class, this::onExpect)
        .onMessage(Added.class, this::onAdded)
        .onMessage(Removed.class, this::onRemoved)
        .onMessage(Broadcast.class, this::onBroadcast)
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(AnswerJoin.class, this::onAnswerJoin)
        .onMessage(CaughtUp.class, this::onCaughtUp)
        .onMessage(CheckSlowMembers.class, this::onCheckSlowMembers)
        .onSignal(Terminated.class, this::onMemberStopped)
        .build();
  }

  private Behavior<Command> onExpect(Expect expect) {
    expected.put(new RoomMember(Names.key(expect.room()), expect.member()), expect.delivery());
    if (watched.add(expect.member())) {
      getContext().watch(expect.member());
    }
    return this;
  }

  private Behavior<Command> onAdded(Added added) {
    String room = Names.key(added.room());
    MemberDelivery delivery = expected.remove(new RoomMember(room, added.member()));
    if (delivery == null) {
      getContext().getLog().debug("{} was taken into {} but is not expected here",
          added.member(), added.room());
    } else {
      rooms.computeIfAbsent(room, key -> new LinkedHashMap<>())
          .put(added.member(), new Local(added.roomRef(), delivery));
    }
    return this;
  }

  private Behavior<Command> onRemoved(Removed removed) {
    String room = Names.key(removed.room());
    Map<ActorRef<ChatEvent>, Local> members = rooms.get(room);
    if (members != null) {
      members.remove(removed.member());
      if (members.isEmpty()) {
        rooms.remove(room);
      }
    }
    behind.remove(new RoomMember(room, removed.member()));
    return this;
  }

  private Behavior<Command> onBroadcast(Broadcast broadcast) {
    members(broadcast.room()).forEach((member, local) -> {
      if (broadcast.except().filter(member::equals).isEmpty()) {
        MemberFanout.tell(member, local.delivery(), broadcast.event());
      }
    });
    return this;
  }

  private Behavior<Command> onDeliver(Deliver deliver) {
    String room = Names.key(deliver.room());
    members(room).forEach((member, local) -> MemberFanout.deliver(member, local.delivery(),
        deliver.posted(), deliver.sender(), (ref, delivery) -> fellBehind(room, ref, local)));
    return this;
  }

  private Behavior<Command> onAnswerJoin(AnswerJoin answer) {
    Local local = members(answer.room()).get(answer.member());
    if (local != null) {
      local.delivery().throughSession();
    }
    answer.replyTo().tell(answer.joined());
    return this;
  }

  private Behavior<Command> onCaughtUp(CaughtUp caughtUp) {
    if (behind.remove(caughtUp.behind())) {
      Local local = members(caughtUp.behind().room()).get(caughtUp.behind().member());
      if (local != null) {
        local.room().tell(new ChatRoom.RelayedMemberBehind(caughtUp.behind().member(), false));
      }
    }
    return this;
  }

  private Behavior<Command> onCheckSlowMembers(CheckSlowMembers check) {
    for (RoomMember slow : new ArrayList<>(behind)) {
      Local local = members(slow.room()).get(slow.member());
      String reason = local == null ? null : local.delivery().tooSlow();
      if (local == null || reason != null) {
        behind.remove(slow);
      }
      if (reason != null) {
        // The session ends with its connection; its room sees it go through death watch.
        local.delivery().drop(reason);
      }
    }
    if (behind.isEmpty()) {
      timers.cancel(CheckSlowMembers.class);
    }
    return this;
  }

  private Behavior<Command> onMemberStopped(Terminated stopped) {
    ActorRef<?> member = stopped.getRef();
    watched.remove(member);
    expected.keySet().removeIf(key -> key.member().equals(member));
    behind.removeIf(key -> key.member().equals(member));
    rooms.values().forEach(members -> members.remove(member));
    rooms.values().removeIf(Map::isEmpty);
    return this;
  }

  private void fellBehind(String room, ActorRef<ChatEvent> member, Local local) {
    RoomMember key = new RoomMember(room, member);
    if (behind.add(key)) {
      ActorRef<Command> self = getContext().getSelf();
      local.delivery().whenCaughtUp(() -> self.tell(new CaughtUp(key)));
      local.room().tell(new ChatRoom.RelayedMemberBehind(member, true));
      if (!timers.isTimerActive(CheckSlowMembers.class)) {
        timers.startTimerWithFixedDelay(CheckSlowMembers.class, new CheckSlowMembers(),
            SLOW_MEMBER_CHECK);
      }
    }
  }

  private Map<ActorRef<ChatEvent>, Local> members(String room) {
    return rooms.getOrDefault(Names.key(room), Map.of());
  }
}
