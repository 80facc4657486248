package lochat.store;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import lochat.chat.Names;

/**
 * The {@link HistoryStore} contract in memory, for {@code lochat.history.store = memory}: no
 * file, nothing survives a restart, and nothing ever blocks for long.
 *
 * <p>Bounded: each room keeps at most {@code maxPerRoom} entries and the store at most
 * {@code maxEntries} in all; past either, the oldest go first, as if pruned. Room states are
 * kept without bound, as they are one per room and the registry bounds the rooms; server bans
 * too, as only operators set them. Thread-safe by one lock.
 *
 * <p>Ids start above the time the store was made in microseconds, as {@link
 * SqliteHistoryStore}'s do, so that a new store on a node of a cluster gives ids above those
 * the other nodes' rooms gave before it (fewer than a thousand entries a millisecond).
 */
public final class MemoryHistoryStore implements HistoryStore {

  /** Most entries one room keeps when no smaller retention is asked for. */
  public static final int DEFAULT_MAX_PER_ROOM = 10_000;

  /** Most entries kept in all. */
  public static final int DEFAULT_MAX_ENTRIES = 1_000_000;

  private final Clock clock;
  private final int maxPerRoom;
  private final int maxEntries;
  private final AtomicLong lastId;
  private final Map<String, NavigableMap<Long, HistoryEntry>> rooms = new HashMap<>();
  /** Every entry, by id then room, so that the oldest in all can be found. */
  private final NavigableSet<Stored> byId = new TreeSet<>(
      Comparator.comparingLong(Stored::id).thenComparing(Stored::room));
  private final Map<String, RoomState> states = new HashMap<>();
  private final Map<String, ServerBan> serverBans = new LinkedHashMap<>();

  public MemoryHistoryStore(Clock clock, int maxPerRoom, int maxEntries) {
    if (maxPerRoom < 1 || maxEntries < 1) {
      throw new IllegalArgumentException("A memory store must keep at least one entry");
    }
    this.clock = clock;
    this.maxPerRoom = maxPerRoom;
    this.maxEntries = maxEntries;
    this.lastId = new AtomicLong(clock.millis() * 1000);
  }

  /** A store that keeps no more than {@code retention} does, within the default bounds. */
  public static MemoryHistoryStore within(Retention retention, Clock clock) {
    int perRoom = retention.maxPerRoom() == 0
        ? DEFAULT_MAX_PER_ROOM : Math.min(retention.maxPerRoom(), DEFAULT_MAX_PER_ROOM);
    return new MemoryHistoryStore(clock, perRoom, DEFAULT_MAX_ENTRIES);
  }

  @Override
  public HistoryEntry stamp(NewEntry entry) {
    return entry.withId(lastId.incrementAndGet());
  }

  @Override
  public synchronized void write(Batch batch) {
    for (HistoryEntry entry : batch.entries()) {
      String key = Names.key(entry.room());
      NavigableMap<Long, HistoryEntry> room = rooms.computeIfAbsent(key, k -> new TreeMap<>());
      room.put(entry.id(), entry);
      byId.add(new Stored(entry.id(), key));
      lastId.accumulateAndGet(entry.id(), Math::max);
      if (room.size() > maxPerRoom) {
        byId.remove(new Stored(room.pollFirstEntry().getKey(), key));
      }
      if (byId.size() > maxEntries) {
        Stored oldest = byId.pollFirst();
        removeFromRoom(oldest.room(), oldest.id());
      }
    }
    for (RoomState state : batch.rooms()) {
      states.put(Names.key(state.room()), state);
    }
  }

  @Override
  public synchronized Optional<RoomState> loadRoom(String room) {
    return Optional.ofNullable(states.get(Names.key(room)));
  }

  @Override
  public synchronized List<RoomState> loadRooms() {
    return List.copyOf(states.values());
  }

  @Override
  public synchronized List<HistoryEntry> range(
      String room, long afterId, long beforeId, int limit, End end) {
    NavigableMap<Long, HistoryEntry> entries = rooms.get(Names.key(room));
    if (entries == null || limit <= 0 || afterId >= beforeId) {
      return List.of();
    }
    NavigableMap<Long, HistoryEntry> between = entries.subMap(afterId, false, beforeId, false);
    List<HistoryEntry> found = new ArrayList<>(Math.min(limit, between.size()));
    for (HistoryEntry entry
        : end == End.OLDEST ? between.values() : between.descendingMap().values()) {
      if (found.size() == limit) {
        break;
      }
      found.add(entry);
    }
    if (end == End.NEWEST) {
      Collections.reverse(found);
    }
    return found;
  }

  @Override
  public synchronized Map<String, Long> newestIds() {
    Map<String, Long> newest = new HashMap<>();
    rooms.forEach((key, entries) -> newest.put(key, entries.lastKey()));
    return newest;
  }

  @Override
  public synchronized long idAt(String room, Instant time) {
    HistoryEntry first = null;
    NavigableMap<Long, HistoryEntry> entries =
        rooms.getOrDefault(Names.key(room), Collections.emptyNavigableMap());
    for (HistoryEntry entry : entries.values()) {
      if (!entry.at().isBefore(time) && (first == null || entry.at().isBefore(first.at()))) {
        first = entry;
      }
    }
    return first == null ? NO_BOUND : first.id();
  }

  @Override
  public synchronized long prune(Retention retention) {
    long before = byId.size();
    Instant oldestKept = retention.maxAge().isZero()
        ? Instant.MIN : clock.instant().minus(retention.maxAge());
    for (Map.Entry<String, NavigableMap<Long, HistoryEntry>> room : rooms.entrySet()) {
      NavigableMap<Long, HistoryEntry> entries = room.getValue();
      entries.values().removeIf(entry -> entry.at().isBefore(oldestKept)
          && byId.remove(new Stored(entry.id(), room.getKey())));
      while (retention.maxPerRoom() > 0 && entries.size() > retention.maxPerRoom()) {
        byId.remove(new Stored(entries.pollFirstEntry().getKey(), room.getKey()));
      }
    }
    rooms.values().removeIf(NavigableMap::isEmpty);
    return before - byId.size();
  }

  @Override
  public synchronized void saveServerBan(ServerBan ban) {
    serverBans.remove(ban.mask());
    serverBans.put(ban.mask(), ban);
  }

  @Override
  public synchronized boolean removeServerBan(String mask) {
    return serverBans.remove(mask) != null;
  }

  @Override
  public synchronized List<ServerBan> loadServerBans() {
    return List.copyOf(serverBans.values());
  }

  @Override
  public void close() {}

  private record Stored(long id, String room) {}

  private void removeFromRoom(String key, long id) {
    NavigableMap<Long, HistoryEntry> room = rooms.get(key);
    room.remove(id);
    if (room.isEmpty()) {
      rooms.remove(key);
    }
  }
}
