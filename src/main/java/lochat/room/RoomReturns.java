package lochat.room;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.chat.Roles;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A room that has moved to another node, as its members come back: who it had before (the
 * rosters their nodes' links report, {@link Comeback#roomWas}) and who is not back yet.
 *
 * <p>Members that were on the room's lost node never come back. Once the links have had time to
 * bring theirs ({@link #SETTLE}: three of their retries), the room tells everyone those left,
 * as it would have had it seen them go ({@link #departed}). One that joins anew meanwhile (a
 * client that reconnected to another node) is shown leaving first, then joining; one whose link
 * was slower than that is shown joining when it is back. Members that come back get the roles
 * they had; the first that joins a room left empty runs it, as in IRC.
 *
 * <p>Limits: a member that renamed, whose rename the room has not seen yet when another user
 * who took its old nickname joins, is taken for a ghost.
 *
 * <p>Bookkeeping for one {@link ChatRoom}, whose messages are {@code C}, from its thread only.
 */
final class RoomReturns<C> {

  /** How long a moved room waits for the members its links bring back. */
  static final Duration SETTLE = Duration.ofSeconds(6);

  /** Why members that did not come back left, as shown to the others. */
  static final String LOST = "lost with its server";

  private final String room;
  private final TimerScheduler<C> timers;
  private final C settled;
  private final Map<String, String> awaited = new LinkedHashMap<>();
  private final Set<String> returned = new HashSet<>();
  private final Set<String> departed = new HashSet<>();

  /** @param settled the message the owner's timer sends it when {@link #SETTLE} is over */
  RoomReturns(String room, TimerScheduler<C> timers, C settled) {
    this.room = room;
    this.timers = timers;
    this.settled = settled;
  }

  /** The roles of a member that joins a room of {@code membersNow} members. */
  static Roles rolesOf(ChatRoom.Join join, int membersNow) {
    return join.returning().map(Comeback::roles)
        .orElse(membersNow == 0 ? Roles.OPERATOR : Roles.NONE);
  }

  /**
   * {@code join} is let in, among {@code members}: what to tell them first, if anything. A member
   * of another session under the joiner's nickname is a ghost, whose nickname was freed before
   * the room saw it go (its node was lost): it is {@code remove}d and shown leaving. Else the
   * departure of one that was awaited and joins anew, or the return of one said to have left.
   */
  Optional<ChatEvent> arriving(ChatRoom.Join join, RoomMembers members,
      Consumer<ActorRef<ChatEvent>> remove) {
    String key = Names.key(join.nick());
    Optional<ActorRef<ChatEvent>> ghost =
        members.byNick(join.nick()).filter(other -> !other.equals(join.member()));
    if (ghost.isPresent()) {
      String nick = members.get(ghost.get()).nick();
      remove.accept(ghost.get());
      return Optional.of(new ChatEvent.MemberLeft(room, nick, ChatRoom.CONNECTION_LOST, true));
    }
    if (join.returning().isEmpty()) {
      String was = awaited.remove(key);
      return Optional.ofNullable(was).map(nick -> new ChatEvent.MemberLeft(room, nick, LOST, true));
    }
    returned.add(key);
    awaited.remove(key);
    Set<String> present = members.nicks().stream().map(Names::key).collect(Collectors.toSet());
    for (String nick : join.returning().get().roomWas()) {
      String was = Names.key(nick);
      if (!present.contains(was) && !returned.contains(was) && !departed.contains(was)) {
        awaited.putIfAbsent(was, nick);
      }
    }
    if (!awaited.isEmpty() && !timers.isTimerActive(settled)) {
      timers.startSingleTimer(settled, settled, SETTLE);
    }
    return departed.remove(key)
        ? Optional.of(new ChatEvent.MemberJoined(room, join.nick(), join.user()))
        : Optional.empty();
  }

  /** The departures of those not back once {@link #SETTLE} is over, to tell every member. */
  List<ChatEvent> departed() {
    List<ChatEvent> left = awaited.values().stream()
        .map(nick -> (ChatEvent) new ChatEvent.MemberLeft(room, nick, LOST, true)).toList();
    departed.addAll(awaited.keySet());
    awaited.clear();
    return left;
  }
}
