package lochat.registry;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import lochat.chat.FormerNick;
import lochat.chat.Names;

/**
 * The nicknames users have recently let go of, by quitting or by changing to another, with who
 * held them: what IRC's WHOWAS answers from. Kept apart from {@link UserDirectory}, which is about
 * the users online.
 *
 * <p>Pure bookkeeping, owned by the {@link Registry} actor and used from its thread only.
 * Limits: at most {@value #CAPACITY} entries server-wide, the oldest dropped first whichever
 * nickname it is, so one user changing nickname in a loop can push out everyone else's; kept in
 * memory only, lost on restart; a lookup looks at every entry, newest first.
 */
final class NickHistory {

  /** How many former nicknames the server remembers in all. */
  static final int CAPACITY = 1000;

  private final int capacity;
  /** Oldest first. */
  private final ArrayDeque<FormerNick> entries = new ArrayDeque<>();

  NickHistory() {
    this(CAPACITY);
  }

  NickHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** {@code user} quit, or lost its connection, at {@code at}. */
  void quit(User user, Instant at) {
    add(new FormerNick(user.nick, user.profile.user(), user.profile.realName(), at));
  }

  /**
   * {@code user} is about to be renamed {@code newNick} at {@code at}; a change of case only
   * keeps the nickname, so it leaves no entry.
   */
  void renamed(User user, String newNick, Instant at) {
    if (!Names.key(user.nick).equals(Names.key(newNick))) {
      quit(user, at);
    }
  }

  private void add(FormerNick entry) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }

  /**
   * The entries for {@code nick}, compared case-insensitively as nicknames are, newest first:
   * at most {@code max} of them, or all when {@code max} is not positive (as WHOWAS's count).
   */
  List<FormerNick> find(String nick, int max) {
    String key = Names.key(nick);
    List<FormerNick> found = new ArrayList<>();
    Iterator<FormerNick> newestFirst = entries.descendingIterator();
    while (newestFirst.hasNext() && (max <= 0 || found.size() < max)) {
      FormerNick entry = newestFirst.next();
      if (Names.key(entry.nick()).equals(key)) {
        found.add(entry);
      }
    }
    return found;
  }
}
