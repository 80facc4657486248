package lochat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import lochat.chat.Topic;
import lochat.store.HistoryWriter.Append;
import lochat.store.HistoryWriter.Flush;
import lochat.store.HistoryWriter.Flushed;
import lochat.store.HistoryWriter.SaveRoom;
import lochat.testing.TestClock;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.PostStop;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer on its own dispatcher, over a real SQLite store in a temporary directory. */
class HistoryWriterTest {

  private static final Instant START = Instant.parse("2024-05-01T12:00:00Z");
  private static final Duration AN_HOUR = Duration.ofHours(1);
  private static final long WAIT_SECONDS = 5;

  private static ActorTestKit testKit;

  @TempDir
  Path temp;

  private final TestClock clock = new TestClock(START);
  private RecordingStore store;

  @BeforeAll
  static void startTestKit() {
    // The server's application.conf defines the writer's dispatcher.
    testKit = ActorTestKit.create(ConfigFactory.load());
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void openStore() {
    store = new RecordingStore(SqliteHistoryStore.open(temp, clock));
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private ActorRef<HistoryWriter.Command> writer(Duration syncInterval, Retention retention)
      throws InterruptedException {
    ActorRef<HistoryWriter.Command> writer = testKit.spawn(
        HistoryWriter.create(store, syncInterval, retention), HistoryWriter.dispatcher());
    assertNotNull(store.prunes.poll(WAIT_SECONDS, TimeUnit.SECONDS), "prunes when it starts");
    return writer;
  }

  private HistoryEntry stamped(String room, String text) {
    return store.stamp(new NewEntry(room, clock.instant(), "ann", "ann", "native",
        EntryKind.TEXT, text));
  }

  private Flushed flush(ActorRef<HistoryWriter.Command> writer) {
    TestProbe<Flushed> probe = testKit.createTestProbe();
    writer.tell(new Flush(probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(WAIT_SECONDS));
  }

  @Test
  void aFullBatchIsWrittenAtOnceWithoutWaitingForTheInterval() throws InterruptedException {
    ActorRef<HistoryWriter.Command> writer = writer(AN_HOUR, Retention.FOREVER);
    for (int i = 0; i < 2 * HistoryWriter.BATCH_SIZE + 1; i++) {
      writer.tell(new Append(stamped("lobby", "post " + i)));
    }
    assertEquals(new Flushed(0), flush(writer));
    assertEquals(List.of(HistoryWriter.BATCH_SIZE, HistoryWriter.BATCH_SIZE, 1),
        store.writes.stream().map(RecordingStore.Written::entries).toList(),
        "a busy writer writes in small pieces, the rest at the flush");
  }

  @Test
  void flushWritesEverythingAcceptedInOneBatch() throws InterruptedException {
    ActorRef<HistoryWriter.Command> writer = writer(AN_HOUR, Retention.FOREVER);
    List<HistoryEntry> sent = new ArrayList<>();
    for (int i = 0; i < HistoryWriter.BATCH_SIZE - 1; i++) {
      HistoryEntry entry = stamped(i % 2 == 0 ? "lobby" : "dev", "post " + i);
      sent.add(entry);
      writer.tell(new Append(entry));
    }
    RoomState state = new RoomState("lobby",
        Optional.of(new Topic("Plans", "ann", START)), "nt", List.of());
    writer.tell(new SaveRoom(RoomState.empty("lobby")));
    writer.tell(new SaveRoom(state));

    assertEquals(new Flushed(0), flush(writer));

    RecordingStore.Written batch = store.writes.poll();
    assertEquals(HistoryWriter.BATCH_SIZE - 1, batch.entries());
    assertEquals(1, batch.rooms(), "a room's later state replaces its earlier one");
    assertNull(store.writes.poll(), "one batch");
    assertEquals(sent.stream().filter(e -> e.room().equals("lobby")).toList(),
        store.latest("lobby", 1000));
    assertEquals(Optional.of(state), store.loadRoom("lobby"));
  }

  @Test
  void whatIsFlushedIsThereAfterARestart() throws InterruptedException {
    ActorRef<HistoryWriter.Command> writer = writer(AN_HOUR, Retention.FOREVER);
    HistoryEntry entry = stamped("lobby", "kept");
    writer.tell(new Append(entry));
    flush(writer);
    store.close();

    store = new RecordingStore(SqliteHistoryStore.open(temp, clock));

    assertEquals(List.of(entry), store.latest("lobby", 10));
  }

  @Test
  void entriesAreWrittenOnTheirOwnAfterTheSyncInterval() throws InterruptedException {
    ActorRef<HistoryWriter.Command> writer = writer(Duration.ofMillis(50), Retention.FOREVER);
    HistoryEntry first = stamped("lobby", "one");
    HistoryEntry second = stamped("lobby", "two");
    writer.tell(new Append(first));
    writer.tell(new Append(second));

    RecordingStore.Written batch = store.writes.poll(WAIT_SECONDS, TimeUnit.SECONDS);

    assertNotNull(batch, "written without a flush");
    assertTrue(batch.thread().contains(HistoryWriter.DISPATCHER), batch.thread());
    int written = batch.entries();
    if (written < 2) {
      written += store.writes.poll(WAIT_SECONDS, TimeUnit.SECONDS).entries();
    }
    assertEquals(2, written);
    assertEquals(List.of(first, second), store.latest("lobby", 10));
  }

  @Test
  void aFailedWriteIsKeptAndTriedAgain() throws InterruptedException {
    ActorRef<HistoryWriter.Command> writer = writer(AN_HOUR, Retention.FOREVER);
    HistoryEntry entry = stamped("lobby", "while the disk is full");
    store.refuseWrites = true;
    writer.tell(new Append(entry));

    assertEquals(new Flushed(1), flush(writer));

    store.refuseWrites = false;
    assertEquals(new Flushed(0), flush(writer));
    assertEquals(List.of(entry), store.latest("lobby", 10));
  }

  @Test
  void stoppingTheWriterWritesWhatIsLeft() throws InterruptedException {
    // Run synchronously: a stop sent to a running actor could overtake the append in its mailbox.
    BehaviorTestKit<HistoryWriter.Command> writer =
        BehaviorTestKit.create(HistoryWriter.create(store, AN_HOUR, Retention.FOREVER));
    HistoryEntry entry = stamped("lobby", "last words");
    writer.run(new Append(entry));
    assertEquals(List.of(), store.latest("lobby", 10));

    writer.signal(PostStop.instance());

    assertEquals(List.of(entry), store.latest("lobby", 10));
  }

  @Test
  void oldHistoryIsPrunedWhenTheWriterStarts() throws InterruptedException {
    store.append(List.of(new NewEntry("lobby", START, "ann", "ann", "native", EntryKind.TEXT,
        "old")));
    clock.advance(Duration.ofDays(3));

    writer(AN_HOUR, new Retention(Duration.ofDays(1), 0));

    assertEquals(List.of(), store.latest("lobby", 10));
  }
}
