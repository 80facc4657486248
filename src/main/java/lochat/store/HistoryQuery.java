package lochat.store;

import java.time.Instant;
import java.util.List;

/**
 * One page of a room's history to read, as IRCv3 {@code draft/chathistory} and the native
 * {@code /history} ask for it: its subcommand, the references that bound it, and how many.
 *
 * <p>A reference is a message id or a time ({@code msgid=} and {@code timestamp=} in
 * CHATHISTORY); {@link Ref#NONE} is LATEST's {@code *}. A time reference means the first entry
 * at or after that time, so a page before a time holds what was said before it. {@link #run}
 * answers oldest first, at most {@code limit} entries, as every {@link HistoryStore} query does.
 */
public sealed interface HistoryQuery {

  /** A point in a room's history. */
  sealed interface Ref {
    Ref NONE = new None();
  }

  record ById(long id) implements Ref {}

  record ByTime(Instant at) implements Ref {}

  record None() implements Ref {}

  /** The newest entries, after {@code after} when it is not {@link Ref#NONE}. */
  record Latest(Ref after, int limit) implements HistoryQuery {}

  record Before(Ref ref, int limit) implements HistoryQuery {}

  record After(Ref ref, int limit) implements HistoryQuery {}

  record Around(Ref ref, int limit) implements HistoryQuery {}

  record Between(Ref from, Ref to, int limit) implements HistoryQuery {}

  int limit();

  /** Runs the query against {@code store}, blocking; entries oldest first. */
  default List<HistoryEntry> run(HistoryStore store, String room) {
    if (this instanceof Latest latest) {
      return latest.after() instanceof None
          ? store.latest(room, latest.limit())
          : store.latestAfter(room, startOf(store, room, latest.after()), latest.limit());
    } else if (this instanceof Before before) {
      return store.before(room, idAtOrAfter(store, room, before.ref()), before.limit());
    } else if (this instanceof After after) {
      return store.after(room, startOf(store, room, after.ref()), after.limit());
    } else if (this instanceof Around around) {
      return store.around(room, idAtOrAfter(store, room, around.ref()), around.limit());
    }
    Between between = (Between) this;
    return store.between(room, idAtOrAfter(store, room, between.from()),
        idAtOrAfter(store, room, between.to()), between.limit());
  }

  /** The exclusive lower bound of what follows {@code ref}: a time's own entries included. */
  private static long startOf(HistoryStore store, String room, Ref ref) {
    long id = idAtOrAfter(store, room, ref);
    return ref instanceof ByTime && id != HistoryStore.NO_BOUND ? id - 1 : id;
  }

  private static long idAtOrAfter(HistoryStore store, String room, Ref ref) {
    if (ref instanceof ById byId) {
      return byId.id();
    } else if (ref instanceof ByTime byTime) {
      return store.idAt(room, byTime.at());
    }
    return HistoryStore.NO_BOUND;
  }
}
