package lochat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lochat.room.RoomArchive;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.HistorySettings;
import lochat.store.HistoryStore;
import lochat.store.MemoryHistoryStore;
import lochat.store.NewEntry;
import lochat.store.Retention;
import lochat.store.SqliteHistoryStore;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's history at shutdown: the flush writes what the writer holds, and once the server
 * has stopped the store is closed and a flush does not wait. The writer syncs only once an hour
 * here, so nothing but the shutdown path writes.
 */
class HistoryServiceTest {

  private static final HistorySettings HOURLY = new HistorySettings(Path.of("unused"),
      HistorySettings.Kind.SQLITE, Duration.ofHours(1), Retention.FOREVER, false);
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());

  @TempDir
  Path temp;

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  /** The service started and closed by an actor, as {@link LochatServer} does. */
  private static Behavior<Void> server(HistoryStore store, CompletableFuture<HistoryService> out) {
    return Behaviors.setup(context -> {
      HistoryService service = HistoryService.start(context, store, HOURLY);
      out.complete(service);
      return Behaviors.receive(Void.class)
          .onSignal(PostStop.class, stop -> {
            service.close();
            return Behaviors.same();
          })
          .build();
    });
  }

  private static void post(RoomArchive archive, String text) {
    archive.append(archive.stamp(new NewEntry("lobby", Instant.now(), "ann", "ann", "native",
        EntryKind.TEXT, text)));
  }

  private static List<String> texts(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::text).toList();
  }

  @Test
  void aFlushWritesEveryPostAcceptedWithoutWaitingForTheSyncInterval() throws Exception {
    MemoryHistoryStore store = MemoryHistoryStore.within(Retention.FOREVER, Clock.systemUTC());
    CompletableFuture<HistoryService> started = new CompletableFuture<>();
    testKit.spawn(server(store, started));
    HistoryService service = started.get(5, TimeUnit.SECONDS);
    post(service.archive(), "one");
    post(service.archive(), "two");
    assertEquals(List.of(), store.latest("lobby", 10));

    service.flush(testKit.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertEquals(List.of("one", "two"), texts(store.latest("lobby", 10)));
  }

  @Test
  void aStoppedServerHasWrittenWhatItHeldAndReleasedTheFile() throws Exception {
    Clock clock = Clock.systemUTC();
    CompletableFuture<HistoryService> started = new CompletableFuture<>();
    ActorRef<Void> server =
        testKit.spawn(server(SqliteHistoryStore.open(temp, clock), started));
    HistoryService service = started.get(5, TimeUnit.SECONDS);
    post(service.archive(), "kept");
    // As at shutdown: flushed, then stopped. Stopping alone would race the post still in the
    // writer's mailbox, as a stop overtakes messages (HistoryWriterTest covers writing at stop).
    service.flush(testKit.scheduler()).toCompletableFuture().get(10, TimeUnit.SECONDS);

    testKit.stop(server, Duration.ofSeconds(10));

    assertTrue(service.flush(testKit.scheduler()).toCompletableFuture().isDone(),
        "a flush after the stop does not wait for the stopped writer");
    try (HistoryStore reopened = SqliteHistoryStore.open(temp, clock)) {
      assertEquals(List.of("kept"), texts(reopened.latest("lobby", 10)));
    }
  }
}
