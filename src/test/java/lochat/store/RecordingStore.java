package lochat.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A store that tells a test what is done to it: each batch written (its size and the thread
 * that wrote it) and each prune, in queues a test can wait on; and that refuses writes while
 * {@link #refuseWrites} is set.
 */
final class RecordingStore implements HistoryStore {

  record Written(int entries, int rooms, String thread) {}

  final BlockingQueue<Written> writes = new LinkedBlockingQueue<>();
  final BlockingQueue<Long> prunes = new LinkedBlockingQueue<>();
  volatile boolean refuseWrites;
  private final HistoryStore store;

  RecordingStore(HistoryStore store) {
    this.store = store;
  }

  @Override
  public HistoryEntry stamp(NewEntry entry) {
    return store.stamp(entry);
  }

  @Override
  public void write(Batch batch) {
    if (refuseWrites) {
      throw new StoreUnavailable("Cannot write to the history store test.db: the disk is full");
    }
    store.write(batch);
    writes.add(new Written(batch.entries().size(), batch.rooms().size(),
        Thread.currentThread().getName()));
  }

  @Override
  public Optional<RoomState> loadRoom(String room) {
    return store.loadRoom(room);
  }

  @Override
  public List<RoomState> loadRooms() {
    return store.loadRooms();
  }

  @Override
  public List<HistoryEntry> range(String room, long afterId, long beforeId, int limit, End end) {
    return store.range(room, afterId, beforeId, limit, end);
  }

  @Override
  public Map<String, Long> newestIds() {
    return store.newestIds();
  }

  @Override
  public long idAt(String room, Instant time) {
    return store.idAt(room, time);
  }

  @Override
  public long prune(Retention retention) {
    long removed = store.prune(retention);
    prunes.add(removed);
    return removed;
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public void saveServerBan(ServerBan ban) {
    store.saveServerBan(ban);
  }

  @Override
  public boolean removeServerBan(String mask) {
    return store.removeServerBan(mask);
  }

  @Override
  public List<ServerBan> loadServerBans() {
    return store.loadServerBans();
  }
}
