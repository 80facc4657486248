package lochat.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import lochat.chat.Names;
import lochat.chat.Topic;
import org.sqlite.SQLiteConfig;

/**
 * The {@link HistoryStore} in one SQLite file, {@value #FILE_NAME}, under the data directory:
 * nothing to install, and history, topics, modes and lists survive restarts.
 *
 * <p>The file is opened once, by one connection, in WAL mode with {@code synchronous=NORMAL}
 * (a crash of the process loses nothing written; a power cut may lose the last transactions)
 * and in exclusive locking mode, its lock taken at open and held until {@link #close}: a second
 * server on the same directory fails at start instead of sharing the file. Opening creates the
 * directory and the schema as needed ({@link SqliteSchema}); any failure to open is a {@link
 * StoreUnavailable} saying why in words. Calls are serialised on the one connection.
 *
 * <p>Ids start above every id stored and above the open time in microseconds, so that ids
 * handed out but lost in a crash (never written) are not handed out again, unless more than a
 * thousand entries a millisecond were stamped on average, or the clock went back.
 */
public final class SqliteHistoryStore implements HistoryStore {

  public static final String FILE_NAME = "lochat.db";

  private static final int BUSY_TIMEOUT_MILLIS = 500;
  private static final String COLUMNS = "id, room, at, nick, user_name, protocol, kind, text";

  private final Path file;
  private final Connection connection;
  private final Clock clock;
  private final AtomicLong lastId;
  private final PreparedStatement insertEntry;
  private final PreparedStatement saveRoom;
  private final PreparedStatement clearLists;
  private final PreparedStatement insertListEntry;
  private final PreparedStatement saveLastId;
  private final PreparedStatement oldestInRange;
  private final PreparedStatement newestInRange;
  private final PreparedStatement firstAtOrAfter;
  private final PreparedStatement loadRoom;
  private final PreparedStatement loadLists;
  private final PreparedStatement pruneByAge;
  private final PreparedStatement pruneByCount;
  private final PreparedStatement saveServerBan;
  private final PreparedStatement removeServerBan;
  private final PreparedStatement loadServerBans;
  private boolean closed;

  private SqliteHistoryStore(Path file, Connection connection, Clock clock) throws SQLException {
    this.file = file;
    this.connection = connection;
    this.clock = clock;
    insertEntry = connection.prepareStatement("INSERT OR REPLACE INTO entries"
        + " (id, room_key, room, at, nick, user_name, protocol, kind, text)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    saveRoom = connection.prepareStatement("INSERT OR REPLACE INTO rooms"
        + " (room_key, room, topic, topic_by, topic_at, modes) VALUES (?, ?, ?, ?, ?, ?)");
    clearLists = connection.prepareStatement("DELETE FROM room_lists WHERE room_key = ?");
    insertListEntry = connection.prepareStatement("INSERT OR REPLACE INTO room_lists"
        + " (room_key, mode, mask, set_by, set_at) VALUES (?, ?, ?, ?, ?)");
    saveLastId = connection.prepareStatement(
        "UPDATE meta SET value = MAX(value, ?) WHERE key = 'last_id'");
    oldestInRange = connection.prepareStatement("SELECT " + COLUMNS + " FROM entries"
        + " WHERE room_key = ? AND id > ? AND id < ? ORDER BY id ASC LIMIT ?");
    newestInRange = connection.prepareStatement("SELECT " + COLUMNS + " FROM entries"
        + " WHERE room_key = ? AND id > ? AND id < ? ORDER BY id DESC LIMIT ?");
    firstAtOrAfter = connection.prepareStatement("SELECT id FROM entries"
        + " WHERE room_key = ? AND at >= ? ORDER BY at, id LIMIT 1");
    loadRoom = connection.prepareStatement(
        "SELECT room, topic, topic_by, topic_at, modes FROM rooms WHERE room_key = ?");
    loadLists = connection.prepareStatement("SELECT mode, mask, set_by, set_at"
        + " FROM room_lists WHERE room_key = ? ORDER BY rowid");
    pruneByAge = connection.prepareStatement("DELETE FROM entries WHERE at < ?");
    pruneByCount = connection.prepareStatement("DELETE FROM entries WHERE (room_key, id) IN"
        + " (SELECT room_key, id FROM (SELECT room_key, id, ROW_NUMBER() OVER"
        + " (PARTITION BY room_key ORDER BY id DESC) AS newer FROM entries) WHERE newer > ?)");
    saveServerBan = connection.prepareStatement("INSERT OR REPLACE INTO server_bans"
        + " (mask, reason, set_by, set_at) VALUES (?, ?, ?, ?)");
    removeServerBan = connection.prepareStatement("DELETE FROM server_bans WHERE mask = ?");
    loadServerBans = connection.prepareStatement(
        "SELECT mask, reason, set_by, set_at FROM server_bans ORDER BY set_at, rowid");
    lastId = new AtomicLong(Math.max(largestIdUsed(), clock.millis() * 1000));
  }

  /**
   * Opens {@code dataDir/lochat.db}, creating the directory, the file and the schema as needed.
   *
   * @throws StoreUnavailable when the directory cannot be made or written, the file is not a
   *     Lochat database (or a newer one), or another server has it open
   */
  public static SqliteHistoryStore open(Path dataDir, Clock clock) {
    Path file = dataDir.resolve(FILE_NAME);
    String cannotOpen = "Cannot open the history store " + file;
    prepareDirectory(dataDir, cannotOpen);
    Connection connection;
    try {
      SQLiteConfig config = new SQLiteConfig();
      config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
      connection = config.createConnection("jdbc:sqlite:" + file);
    } catch (SQLException failure) {
      throw new StoreUnavailable(cannotOpen + ": " + SqliteProblems.reason(failure), failure);
    } catch (LinkageError failure) {
      throw new StoreUnavailable(cannotOpen + ": SQLite cannot be loaded on this machine ("
          + failure.getMessage() + ")", failure);
    }
    try {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA locking_mode = EXCLUSIVE");
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute("PRAGMA synchronous = NORMAL");
      }
      SqliteSchema.migrate(connection, cannotOpen);
      connection.setAutoCommit(false);
      return new SqliteHistoryStore(file, connection, clock);
    } catch (SQLException failure) {
      closeQuietly(connection, failure);
      throw new StoreUnavailable(cannotOpen + ": " + SqliteProblems.reason(failure), failure);
    } catch (RuntimeException failure) {
      closeQuietly(connection, failure);
      throw failure;
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  @Override
  public HistoryEntry stamp(NewEntry entry) {
    return entry.withId(lastId.incrementAndGet());
  }

  @Override
  public synchronized void write(Batch batch) {
    checkOpen();
    if (batch.isEmpty()) {
      return;
    }
    try {
      long largest = 0;
      for (HistoryEntry entry : batch.entries()) {
        bindEntry(entry);
        insertEntry.addBatch();
        largest = Math.max(largest, entry.id());
      }
      insertEntry.executeBatch();
      for (RoomState state : batch.rooms()) {
        saveState(state);
      }
      saveLastId.setLong(1, largest);
      saveLastId.executeUpdate();
      connection.commit();
      lastId.accumulateAndGet(largest, Math::max);
    } catch (SQLException failure) {
      rollback(failure);
      throw new StoreUnavailable("Cannot write to the history store " + file + ": "
          + SqliteProblems.reason(failure), failure);
    }
  }

  @Override
  public synchronized Optional<RoomState> loadRoom(String room) {
    return read(() -> loadState(Names.key(room)));
  }

  @Override
  public synchronized List<RoomState> loadRooms() {
    return read(() -> {
      List<String> keys = new ArrayList<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT room_key FROM rooms")) {
        while (rows.next()) {
          keys.add(rows.getString(1));
        }
      }
      List<RoomState> states = new ArrayList<>(keys.size());
      for (String key : keys) {
        loadState(key).ifPresent(states::add);
      }
      return states;
    });
  }

  @Override
  public synchronized List<HistoryEntry> range(
      String room, long afterId, long beforeId, int limit, End end) {
    if (limit <= 0 || afterId >= beforeId) {
      return List.of();
    }
    PreparedStatement query = end == End.OLDEST ? oldestInRange : newestInRange;
    return read(() -> {
      query.setString(1, Names.key(room));
      query.setLong(2, afterId);
      query.setLong(3, beforeId);
      query.setInt(4, limit);
      List<HistoryEntry> found = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          found.add(entryOf(rows));
        }
      }
      if (end == End.NEWEST) {
        Collections.reverse(found);
      }
      return found;
    });
  }

  @Override
  public synchronized Map<String, Long> newestIds() {
    return read(() -> {
      Map<String, Long> newest = new HashMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(
              "SELECT room_key, MAX(id) FROM entries GROUP BY room_key")) {
        while (rows.next()) {
          newest.put(rows.getString(1), rows.getLong(2));
        }
      }
      return newest;
    });
  }

  @Override
  public synchronized long idAt(String room, Instant time) {
    return read(() -> {
      firstAtOrAfter.setString(1, Names.key(room));
      firstAtOrAfter.setLong(2, time.toEpochMilli());
      try (ResultSet rows = firstAtOrAfter.executeQuery()) {
        return rows.next() ? rows.getLong(1) : NO_BOUND;
      }
    });
  }

  @Override
  public synchronized long prune(Retention retention) {
    checkOpen();
    try {
      long removed = 0;
      if (!retention.maxAge().isZero()) {
        pruneByAge.setLong(1, clock.instant().minus(retention.maxAge()).toEpochMilli());
        removed += pruneByAge.executeUpdate();
      }
      if (retention.maxPerRoom() > 0) {
        pruneByCount.setInt(1, retention.maxPerRoom());
        removed += pruneByCount.executeUpdate();
      }
      connection.commit();
      return removed;
    } catch (SQLException failure) {
      rollback(failure);
      throw new StoreUnavailable("Cannot prune the history store " + file + ": "
          + SqliteProblems.reason(failure), failure);
    }
  }

  @Override
  public synchronized void saveServerBan(ServerBan ban) {
    change(() -> {
      saveServerBan.setString(1, ban.mask());
      saveServerBan.setString(2, ban.reason());
      saveServerBan.setString(3, ban.setBy());
      saveServerBan.setLong(4, ban.setAt().toEpochMilli());
      return saveServerBan.executeUpdate() > 0;
    });
  }

  @Override
  public synchronized boolean removeServerBan(String mask) {
    return change(() -> {
      removeServerBan.setString(1, mask);
      return removeServerBan.executeUpdate() > 0;
    });
  }

  @Override
  public synchronized List<ServerBan> loadServerBans() {
    return read(() -> {
      List<ServerBan> bans = new ArrayList<>();
      try (ResultSet rows = loadServerBans.executeQuery()) {
        while (rows.next()) {
          bans.add(new ServerBan(rows.getString(1), rows.getString(2), rows.getString(3),
              Instant.ofEpochMilli(rows.getLong(4))));
        }
      }
      return bans;
    });
  }

  /** Runs one change in its own transaction. */
  private boolean change(Read<Boolean> update) {
    checkOpen();
    try {
      boolean changed = update.run();
      connection.commit();
      return changed;
    } catch (SQLException failure) {
      rollback(failure);
      throw new StoreUnavailable("Cannot write to the history store " + file + ": "
          + SqliteProblems.reason(failure), failure);
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        connection.close();
      } catch (SQLException failure) {
        throw new StoreUnavailable("Cannot close the history store " + file + ": "
            + SqliteProblems.reason(failure), failure);
      }
    }
  }

  private static void prepareDirectory(Path dataDir, String cannotOpen) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException failure) {
      throw new StoreUnavailable(cannotOpen + ": cannot create the directory " + dataDir + ": "
          + SqliteProblems.reason(failure), failure);
    }
    if (!Files.isWritable(dataDir)) {
      throw new StoreUnavailable(cannotOpen + ": the directory " + dataDir + " is not writable");
    }
  }

  private long largestIdUsed() throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX((SELECT IFNULL(MAX(id), 0)"
            + " FROM entries), (SELECT value FROM meta WHERE key = 'last_id'))")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void bindEntry(HistoryEntry entry) throws SQLException {
    insertEntry.setLong(1, entry.id());
    insertEntry.setString(2, Names.key(entry.room()));
    insertEntry.setString(3, entry.room());
    insertEntry.setLong(4, entry.at().toEpochMilli());
    insertEntry.setString(5, entry.nick());
    insertEntry.setString(6, entry.user());
    insertEntry.setString(7, entry.protocol());
    insertEntry.setString(8, entry.kind().name());
    insertEntry.setString(9, entry.text());
  }

  private static HistoryEntry entryOf(ResultSet row) throws SQLException {
    return new HistoryEntry(row.getLong(1), row.getString(2),
        Instant.ofEpochMilli(row.getLong(3)), row.getString(4), row.getString(5),
        row.getString(6), EntryKind.valueOf(row.getString(7)), row.getString(8));
  }

  private void saveState(RoomState state) throws SQLException {
    String key = Names.key(state.room());
    saveRoom.setString(1, key);
    saveRoom.setString(2, state.room());
    if (state.topic().isPresent()) {
      Topic topic = state.topic().get();
      saveRoom.setString(3, topic.text());
      saveRoom.setString(4, topic.setBy());
      saveRoom.setLong(5, topic.setAt().toEpochMilli());
    } else {
      saveRoom.setNull(3, Types.VARCHAR);
      saveRoom.setNull(4, Types.VARCHAR);
      saveRoom.setNull(5, Types.INTEGER);
    }
    saveRoom.setString(6, state.modes());
    saveRoom.executeUpdate();
    clearLists.setString(1, key);
    clearLists.executeUpdate();
    for (ListEntry entry : state.lists()) {
      insertListEntry.setString(1, key);
      insertListEntry.setString(2, String.valueOf(entry.mode()));
      insertListEntry.setString(3, entry.mask());
      insertListEntry.setString(4, entry.setBy());
      insertListEntry.setLong(5, entry.setAt().toEpochMilli());
      insertListEntry.addBatch();
    }
    insertListEntry.executeBatch();
  }

  private Optional<RoomState> loadState(String key) throws SQLException {
    loadRoom.setString(1, key);
    String room;
    Optional<Topic> topic;
    String modes;
    try (ResultSet rows = loadRoom.executeQuery()) {
      if (!rows.next()) {
        return Optional.empty();
      }
      room = rows.getString(1);
      String text = rows.getString(2);
      topic = text == null ? Optional.empty() : Optional.of(
          new Topic(text, rows.getString(3), Instant.ofEpochMilli(rows.getLong(4))));
      modes = rows.getString(5);
    }
    loadLists.setString(1, key);
    List<ListEntry> lists = new ArrayList<>();
    try (ResultSet rows = loadLists.executeQuery()) {
      while (rows.next()) {
        lists.add(new ListEntry(rows.getString(1).charAt(0), rows.getString(2),
            rows.getString(3), Instant.ofEpochMilli(rows.getLong(4))));
      }
    }
    return Optional.of(new RoomState(room, topic, modes, lists));
  }

  private interface Read<T> {
    T run() throws SQLException;
  }

  /** Runs a query, ending the read transaction it opened so that no snapshot is held. */
  private <T> T read(Read<T> query) {
    checkOpen();
    try {
      T result = query.run();
      connection.commit();
      return result;
    } catch (SQLException failure) {
      rollback(failure);
      throw new StoreUnavailable("Cannot read the history store " + file + ": "
          + SqliteProblems.reason(failure), failure);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("The history store " + file + " is closed");
    }
  }

  private void rollback(SQLException failure) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailed) {
      failure.addSuppressed(rollbackFailed);
    }
  }

  private static void closeQuietly(Connection connection, Exception failure) {
    try {
      connection.close();
    } catch (SQLException closeFailed) {
      failure.addSuppressed(closeFailed);
    }
  }
}
