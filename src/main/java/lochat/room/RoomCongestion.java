package lochat.room;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lochat.chat.ChatEvent;
import lochat.chat.MemberDelivery;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;

/**
 * The members a {@link ChatRoom} is waiting for: those with more unread than their connection
 * allows, who are still reading. While there is one, the room keeps every request; it checks
 * them for having stopped reading, on a timer, until none is left.
 *
 * <p>Bookkeeping only: the room decides what to keep and whom to drop. Owned by one room; used
 * from its thread only.
 */
final class RoomCongestion {

  /** How often a congested room looks for members that have stopped reading. */
  private static final Duration SLOW_MEMBER_CHECK = Duration.ofMillis(100);

  private final String room;
  private final Logger log;
  private final TimerScheduler<ChatRoom.Command> timers;
  private final ChatRoom.Command check;
  private final Set<ActorRef<ChatEvent>> behind = new HashSet<>();
  private long since;

  /** @param check the message the room's timer sends it to look at the members it waits for */
  RoomCongestion(String room, Logger log, TimerScheduler<ChatRoom.Command> timers,
      ChatRoom.Command check) {
    this.room = room;
    this.log = log;
    this.timers = timers;
    this.check = check;
  }

  boolean waiting() {
    return !behind.isEmpty();
  }

  boolean waitsFor(ActorRef<ChatEvent> member) {
    return behind.contains(member);
  }

  /** The members waited for, as they are now. */
  List<ActorRef<ChatEvent>> members() {
    return List.copyOf(behind);
  }

  /**
   * {@code member}, called {@code nick}, has fallen behind; {@code caughtUp} is told once it has
   * read back to half its limit.
   */
  void fellBehind(ActorRef<ChatEvent> member, String nick, MemberDelivery delivery,
      Runnable caughtUp) {
    if (behind.isEmpty()) {
      since = System.nanoTime();
      log.debug("Room {} waits for {} to catch up", room, nick);
    }
    if (behind.add(member)) {
      delivery.whenCaughtUp(caughtUp);
      if (!timers.isTimerActive(check.getClass())) {
        timers.startTimerWithFixedDelay(check.getClass(), check, SLOW_MEMBER_CHECK);
      }
    }
  }

  /** {@code member} has caught up, or is gone. */
  void forget(ActorRef<ChatEvent> member) {
    behind.remove(member);
  }

  /** Whether no member is waited for any more; the check stops once none is. */
  boolean settled() {
    if (!behind.isEmpty()) {
      return false;
    }
    timers.cancel(check.getClass());
    if (since != 0) {
      log.debug("Room {} goes on after {} ms", room, (System.nanoTime() - since) / 1_000_000);
      since = 0;
    }
    return true;
  }
}
