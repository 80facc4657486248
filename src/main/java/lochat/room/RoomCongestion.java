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
 * The members a room is waiting for: those with more unread than their connection allows, who
 * are still reading. While there is one, a {@link ChatRoom} keeps every request; it, or the
 * {@link RoomLink} of a node whose members fell behind, checks them for having stopped reading,
 * on a timer, until none is left.
 *
 * <p>Bookkeeping only: its owner decides what to keep and whom to drop. Owned by one actor,
 * whose messages are {@code C}; used from its thread only.
 */
final class RoomCongestion<C> {

  /** How often a congested room looks for members that have stopped reading. */
  private static final Duration SLOW_MEMBER_CHECK = Duration.ofMillis(100);

  private final String room;
  private final Logger log;
  private final TimerScheduler<C> timers;
  private final C check;
  private final Set<ActorRef<ChatEvent>> behind = new HashSet<>();
  private long since;

  /** @param check the message the owner's timer sends it to look at the members it waits for */
  RoomCongestion(String room, Logger log, TimerScheduler<C> timers, C check) {
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
   * read back to half its limit. False if it was already waited for.
   */
  boolean fellBehind(ActorRef<ChatEvent> member, String nick, MemberDelivery delivery,
      Runnable caughtUp) {
    if (behind.isEmpty()) {
      since = System.nanoTime();
      log.debug("Room {} waits for {} to catch up", room, nick);
    }
    if (!behind.add(member)) {
      return false;
    }
    delivery.whenCaughtUp(caughtUp);
    if (!timers.isTimerActive(check.getClass())) {
      timers.startTimerWithFixedDelay(check.getClass(), check, SLOW_MEMBER_CHECK);
    }
    return true;
  }

  /** {@code member} has caught up, or is gone; false if it was not waited for. */
  boolean forget(ActorRef<ChatEvent> member) {
    return behind.remove(member);
  }

  /** Nobody is waited for any more (the room they fell behind in is gone). */
  void clear() {
    behind.clear();
    settled();
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
