package lochat.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The history database's tables, and the migrations that make them, applied in order at open
 * inside one exclusive transaction. Version {@code n} is {@code MIGRATIONS.get(n - 1)}; the
 * database records the version it has in {@code schema_version}. A migration, once released,
 * is never changed: a change of schema is a new migration at the end.
 */
final class SqliteSchema {

  private static final List<List<String>> MIGRATIONS = List.of(
      List.of(
          """
          CREATE TABLE IF NOT EXISTS entries (
            id INTEGER PRIMARY KEY,
            room_key TEXT NOT NULL,
            room TEXT NOT NULL,
            at INTEGER NOT NULL,
            nick TEXT NOT NULL,
            user_name TEXT NOT NULL,
            protocol TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL)""",
          "CREATE INDEX IF NOT EXISTS entries_by_room ON entries (room_key, id)",
          "CREATE INDEX IF NOT EXISTS entries_by_room_time ON entries (room_key, at)",
          "CREATE INDEX IF NOT EXISTS entries_by_time ON entries (at)",
          """
          CREATE TABLE IF NOT EXISTS rooms (
            room_key TEXT PRIMARY KEY,
            room TEXT NOT NULL,
            topic TEXT,
            topic_by TEXT,
            topic_at INTEGER,
            modes TEXT NOT NULL)""",
          """
          CREATE TABLE IF NOT EXISTS room_lists (
            room_key TEXT NOT NULL,
            mode TEXT NOT NULL,
            mask TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at INTEGER NOT NULL,
            PRIMARY KEY (room_key, mode, mask))""",
          "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
          "INSERT OR IGNORE INTO meta (key, value) VALUES ('last_id', 0)"),
      List.of(
          """
          CREATE TABLE IF NOT EXISTS server_bans (
            mask TEXT PRIMARY KEY,
            reason TEXT NOT NULL,
            set_by TEXT NOT NULL,
            set_at INTEGER NOT NULL)"""),
      // Ids are unique within a room, not across rooms: the nodes of a cluster stamp ids each
      // with its own counter, and keep each other's rooms' entries under their ids.
      List.of(
          """
          CREATE TABLE entries_by_room_id (
            id INTEGER NOT NULL,
            room_key TEXT NOT NULL,
            room TEXT NOT NULL,
            at INTEGER NOT NULL,
            nick TEXT NOT NULL,
            user_name TEXT NOT NULL,
            protocol TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (room_key, id)) WITHOUT ROWID""",
          "INSERT INTO entries_by_room_id SELECT id, room_key, room, at, nick, user_name,"
              + " protocol, kind, text FROM entries",
          "DROP TABLE entries",
          "ALTER TABLE entries_by_room_id RENAME TO entries",
          "CREATE INDEX entries_by_room_time ON entries (room_key, at)",
          "CREATE INDEX entries_by_time ON entries (at)"));

  /** The version this code writes. */
  static final int VERSION = MIGRATIONS.size();

  private SqliteSchema() {}

  /**
   * Brings the database to {@link #VERSION}, taking its lock for good (the connection is in
   * exclusive locking mode).
   *
   * @throws StoreUnavailable when the database was made by a newer Lochat
   */
  static void migrate(Connection connection, String cannotOpen) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");
      try {
        statement.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        int version = version(statement);
        if (version > VERSION) {
          throw new StoreUnavailable(cannotOpen + ": it was written by a newer Lochat (schema "
              + version + "; this one knows up to " + VERSION + ")");
        }
        for (int next = version + 1; next <= VERSION; next++) {
          for (String sql : MIGRATIONS.get(next - 1)) {
            statement.execute(sql);
          }
        }
        statement.execute("DELETE FROM schema_version");
        statement.execute("INSERT INTO schema_version (version) VALUES (" + VERSION + ")");
        statement.execute("COMMIT");
      } catch (SQLException | RuntimeException failure) {
        try {
          statement.execute("ROLLBACK");
        } catch (SQLException rollbackFailed) {
          failure.addSuppressed(rollbackFailed);
        }
        throw failure;
      }
    }
  }

  private static int version(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }
}
