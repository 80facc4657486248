package lochat.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where rooms keep their history and their state (topic, modes, lists) across restarts.
 *
 * <p>Writing is split in two so that a room never waits: {@link #stamp} gives a new entry its
 * id at once, in memory, so the room can show it (with its IRC {@code msgid}) straight away;
 * the entry is then written later, in batches, by a {@link HistoryWriter} that owns the
 * store's writes. Every other method blocks on the database, and is for whoever may block:
 * the writer, or a reader off the room's thread (paging is rare and small). All methods are
 * safe to call from any thread.
 *
 * <p>Rooms are known case-insensitively ({@link lochat.chat.Names#key}), as everywhere in the
 * chat core. Every query returns entries oldest first, whatever end it counts from. The paging
 * queries map to IRCv3 {@code draft/chathistory}: {@link #latest} and {@link #latestAfter} to
 * LATEST, {@link #before}, {@link #after}, {@link #around}, {@link #between} to their
 * namesakes, with ids as {@code msgid}s and {@link #idAt} to turn a {@code timestamp=} into an
 * id. Bounds are exclusive, as there, except {@link #around}, which includes its entry. A limit
 * of zero or less gives no entries.
 *
 * <p>The store also keeps the server-wide address bans ({@link ServerBan}), written at once.
 *
 * <p>Limits: entries are the posts people read and topic changes; joins, parts, nick changes
 * and IRC client-only tags are not kept. Times are kept to the millisecond.
 */
public interface HistoryStore extends AutoCloseable {

  /** The largest id, for "no upper bound". */
  long NO_BOUND = Long.MAX_VALUE;

  /** Which end of a range {@link #range} counts its limit from. */
  enum End { OLDEST, NEWEST }

  /** Entries and room states written in one transaction: all are stored, or none. */
  record Batch(List<HistoryEntry> entries, List<RoomState> rooms) {

    public Batch {
      entries = List.copyOf(entries);
      rooms = List.copyOf(rooms);
    }

    public boolean isEmpty() {
      return entries.isEmpty() && rooms.isEmpty();
    }
  }

  /**
   * {@code entry} with its id, which is larger than any given before by this store, even
   * before a restart, and than any it has written (entries another node of a cluster stamped
   * included, so that a room that moves here goes on above its ids). Ids are unique within a
   * room. Never blocks; does not store the entry ({@link #write} does).
   */
  HistoryEntry stamp(NewEntry entry);

  /**
   * Stores a batch in one transaction. Writing an entry again replaces it; a room's state
   * replaces the one saved before. Blocks.
   *
   * @throws StoreUnavailable when the database cannot be written (disk full, file gone)
   */
  void write(Batch batch);

  /** Stamps and stores {@code entries} at once, blocking; for tests and tools. */
  default List<HistoryEntry> append(List<NewEntry> entries) {
    List<HistoryEntry> stamped = entries.stream().map(this::stamp).toList();
    write(new Batch(stamped, List.of()));
    return stamped;
  }

  /** Stores one room's state at once, blocking. */
  default void saveRoom(RoomState state) {
    write(new Batch(List.of(), List.of(state)));
  }

  /** The room's saved state, as its name was last written; empty if it never was. Blocks. */
  Optional<RoomState> loadRoom(String room);

  /** Every saved room state, in no particular order. Blocks. */
  List<RoomState> loadRooms();

  /**
   * Up to {@code limit} of the room's entries with {@code afterId < id < beforeId}: the oldest
   * of them or the newest, as {@code end} says, returned oldest first. The one query the
   * others are made of. Blocks.
   */
  List<HistoryEntry> range(String room, long afterId, long beforeId, int limit, End end);

  /**
   * The id of the room's first entry at or after {@code time}, or {@link #NO_BOUND} when there
   * is none: entries before {@code time} are then those {@link #before} it. Blocks.
   */
  long idAt(String room, Instant time);

  /**
   * The id of every room's newest entry, by room key ({@link lochat.chat.Names#key}): what a
   * node that starts compares with another's to pull what it lacks. Blocks.
   */
  Map<String, Long> newestIds();

  /** The room's last {@code limit} entries: what a joiner is shown. */
  default List<HistoryEntry> latest(String room, int limit) {
    return range(room, 0, NO_BOUND, limit, End.NEWEST);
  }

  /** The room's last {@code limit} entries after {@code id}: LATEST with a bound. */
  default List<HistoryEntry> latestAfter(String room, long id, int limit) {
    return range(room, id, NO_BOUND, limit, End.NEWEST);
  }

  /** The {@code limit} entries just before {@code id}, without it. */
  default List<HistoryEntry> before(String room, long id, int limit) {
    return range(room, 0, id, limit, End.NEWEST);
  }

  /** The {@code limit} entries just after {@code id}, without it. */
  default List<HistoryEntry> after(String room, long id, int limit) {
    return range(room, id, NO_BOUND, limit, End.OLDEST);
  }

  /**
   * Up to {@code limit} entries around {@code id}: the entry itself (if the room has it), half
   * of the rest before it and half after, or more on one side when the other has too few.
   */
  default List<HistoryEntry> around(String room, long id, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<HistoryEntry> fromId = range(room, id - 1, NO_BOUND, limit, End.OLDEST);
    List<HistoryEntry> earlier = range(room, 0, id, limit, End.NEWEST);
    int takeEarlier = Math.min(earlier.size(), Math.max(limit / 2, limit - fromId.size()));
    int takeLater = Math.min(fromId.size(), limit - takeEarlier);
    List<HistoryEntry> around = new ArrayList<>(takeEarlier + takeLater);
    around.addAll(earlier.subList(earlier.size() - takeEarlier, earlier.size()));
    around.addAll(fromId.subList(0, takeLater));
    return around;
  }

  /**
   * Up to {@code limit} entries strictly between {@code fromId} and {@code toId}, counted from
   * {@code fromId}: the oldest ones when {@code fromId < toId}, the newest when it is larger.
   */
  default List<HistoryEntry> between(String room, long fromId, long toId, int limit) {
    return fromId <= toId
        ? range(room, fromId, toId, limit, End.OLDEST)
        : range(room, toId, fromId, limit, End.NEWEST);
  }

  /**
   * Deletes the entries that {@code retention} no longer keeps, measuring age with the store's
   * clock; returns how many. Blocks, for as long as the deleting takes.
   */
  long prune(Retention retention);

  /** Stores a server-wide address ban at once, replacing one on the same mask. Blocks. */
  void saveServerBan(ServerBan ban);

  /** Forgets the server-wide ban on {@code mask}; whether there was one. Blocks. */
  boolean removeServerBan(String mask);

  /** Every server-wide ban, oldest first. Blocks. */
  List<ServerBan> loadServerBans();

  /** Releases the database; the store is not usable afterwards. Writes nothing pending. */
  @Override
  void close();
}
