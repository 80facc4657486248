package lochat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import lochat.chat.Topic;
import lochat.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteHistoryStoreTest extends HistoryStoreContract {

  @TempDir
  Path temp;

  Path dataDir() {
    return temp.resolve("lochat-data");
  }

  @Override
  HistoryStore open(TestClock clock) {
    return SqliteHistoryStore.open(dataDir(), clock);
  }

  @Test
  void theDirectoryAndTheFileAreMadeWhenMissing() {
    assertTrue(Files.isRegularFile(dataDir().resolve("lochat.db")));
  }

  @Test
  void historyAndRoomStatesSurviveARestart() {
    List<HistoryEntry> before = posts("lobby", 3);
    RoomState state = new RoomState("lobby",
        Optional.of(new Topic("Plans", "ann", START)), "nt",
        List.of(new ListEntry('b', "troll!*@*", "ann", START)));
    store.saveRoom(state);
    store.close();

    store = open(clock);

    assertEquals(before, store.latest("lobby", 10));
    assertEquals(Optional.of(state), store.loadRoom("lobby"));
    HistoryEntry next = store.append(List.of(post("lobby", "bob", "after"))).get(0);
    assertTrue(next.id() > before.get(2).id(), "ids go on growing after a restart");
  }

  @Test
  void serverBansSurviveARestart() {
    ServerBan ban = new ServerBan("10.0.0.*", "spam", "ann", START);
    store.saveServerBan(ban);
    store.close();

    store = open(clock);

    assertEquals(List.of(ban), store.loadServerBans());
  }

  @Test
  void aVersionOneDatabaseGainsTheServerBansTable() throws SQLException {
    store.close();
    try (Connection connection = DriverManager.getConnection(
            "jdbc:sqlite:" + dataDir().resolve(SqliteHistoryStore.FILE_NAME));
        Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE server_bans");
      statement.execute("UPDATE schema_version SET version = 1");
    }

    store = open(clock);

    store.saveServerBan(new ServerBan("10.0.0.*", "spam", "ann", START));
    assertEquals(1, store.loadServerBans().size());
  }

  @Test
  void aVersionTwoDatabaseKeepsItsEntriesWithIdsUniqueWithinARoom() throws SQLException {
    List<HistoryEntry> before = posts("lobby", 2);
    store.close();
    try (Connection connection = DriverManager.getConnection(
            "jdbc:sqlite:" + dataDir().resolve(SqliteHistoryStore.FILE_NAME));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE old_entries (id INTEGER PRIMARY KEY, room_key TEXT NOT NULL,"
          + " room TEXT NOT NULL, at INTEGER NOT NULL, nick TEXT NOT NULL, user_name TEXT NOT NULL,"
          + " protocol TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL)");
      statement.execute("INSERT INTO old_entries SELECT id, room_key, room, at, nick, user_name,"
          + " protocol, kind, text FROM entries");
      statement.execute("DROP TABLE entries");
      statement.execute("ALTER TABLE old_entries RENAME TO entries");
      statement.execute("UPDATE schema_version SET version = 2");
    }

    store = open(clock);

    assertEquals(before, store.latest("lobby", 10));
    HistoryEntry sameId = post("games", "bob", "same id").withId(before.get(0).id());
    store.write(new HistoryStore.Batch(List.of(sameId), List.of()));
    assertEquals(before, store.latest("lobby", 10));
    assertEquals(List.of(sameId), store.latest("games", 10));
  }

  @Test
  void idsStampedButNeverWrittenAreNotGivenAgainAfterARestart() {
    HistoryEntry lost = store.stamp(post("lobby", "ann", "lost in a crash"));
    store.close();
    clock.advance(Duration.ofMillis(1));

    store = open(clock);

    assertTrue(store.stamp(post("lobby", "ann", "next")).id() > lost.id());
  }

  @Test
  void aSecondServerOnTheSameDirectoryIsToldItIsInUse() {
    StoreUnavailable refused =
        assertThrows(StoreUnavailable.class, () -> SqliteHistoryStore.open(dataDir(), clock));

    assertEquals("Cannot open the history store " + dataDir().resolve("lochat.db")
        + ": it is in use by another Lochat server", refused.getMessage());
  }

  @Test
  void theStoreCanBeOpenedAgainOnceTheFirstHasClosed() {
    posts("lobby", 1);
    store.close();

    store = SqliteHistoryStore.open(dataDir(), clock);

    assertEquals(texts(1), texts(store.latest("lobby", 5)));
  }

  @Test
  void aFileThatIsNotADatabaseIsRefusedInOneLine() throws IOException {
    store.close();
    Path other = temp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("lochat.db"), "My notes, not a database.\n".repeat(50));

    StoreUnavailable refused =
        assertThrows(StoreUnavailable.class, () -> SqliteHistoryStore.open(other, clock));

    assertEquals("Cannot open the history store " + other.resolve("lochat.db")
        + ": it is damaged, or not a Lochat history database", refused.getMessage());
    store = open(clock);
  }

  @Test
  void aDatabaseFromANewerLochatIsRefused() throws SQLException {
    store.close();
    try (Connection raw = DriverManager.getConnection(
            "jdbc:sqlite:" + dataDir().resolve("lochat.db"));
        Statement statement = raw.createStatement()) {
      statement.execute("UPDATE schema_version SET version = 99");
    }

    StoreUnavailable refused =
        assertThrows(StoreUnavailable.class, () -> SqliteHistoryStore.open(dataDir(), clock));

    assertEquals("Cannot open the history store " + dataDir().resolve("lochat.db")
        + ": it was written by a newer Lochat (schema 99; this one knows up to "
        + SqliteSchema.VERSION + ")",
        refused.getMessage());
    store = new MemoryHistoryStore(clock, 1, 1);
  }

  @Test
  void aDirectoryThatCannotBeMadeIsRefusedInOneLine() throws IOException {
    Path file = temp.resolve("a-file");
    Files.writeString(file, "not a directory");
    Path dataDir = file.resolve("lochat-data");

    StoreUnavailable refused =
        assertThrows(StoreUnavailable.class, () -> SqliteHistoryStore.open(dataDir, clock));

    assertTrue(refused.getMessage().startsWith("Cannot open the history store "
        + dataDir.resolve("lochat.db") + ": cannot create the directory " + dataDir + ": "),
        refused.getMessage());
    assertFalse(refused.getMessage().contains("\n"));
  }

  @Test
  void aDirectoryThatIsNotWritableIsRefusedInOneLine() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")),
        "root may write anywhere, so nothing is refused");
    Path readOnly = temp.resolve("read-only");
    Files.createDirectories(readOnly);
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));

    StoreUnavailable refused =
        assertThrows(StoreUnavailable.class, () -> SqliteHistoryStore.open(readOnly, clock));

    assertEquals("Cannot open the history store " + readOnly.resolve("lochat.db")
        + ": the directory " + readOnly + " is not writable", refused.getMessage());
  }

  @Test
  void aClosedStoreSaysSo() {
    store.close();

    assertThrows(IllegalStateException.class, () -> store.latest("lobby", 1));
    store.close();
    store = new MemoryHistoryStore(clock, 1, 1);
  }
}
