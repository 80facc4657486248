package lochat.server;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import lochat.ConfigChecks;
import lochat.room.RoomArchive;
import lochat.store.HistorySettings;
import lochat.store.HistoryStore;
import lochat.store.HistoryWriter;
import lochat.store.SqliteHistoryStore;
import lochat.store.StoreUnavailable;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server's history: the store its {@link HistorySettings} name, opened as the server
 * starts, and the {@link HistoryWriter} in front of it on the writer's own dispatcher, so that
 * {@link LochatServer} only wires them in.
 *
 * <p>At shutdown, in {@code before-actor-system-terminate} (after the listeners' phases, once
 * every connection is closed and no more posts come), the writer is asked to write everything
 * accepted ({@link #flush}); the actor system then stops it, which writes whatever arrived
 * since; and the server's root actor {@link #close}s the store once its children, the writer
 * among them, have stopped. Limits: the store is opened on the thread that starts the server,
 * blocking it for as long as SQLite takes (under a second, even when another server holds the
 * file); a flush that takes longer than {@link #FLUSH_WITHIN} is not waited for.
 */
final class HistoryService {

  /** How long the writer gets to write what is pending at shutdown; the phase allows 6 s. */
  static final Duration FLUSH_WITHIN = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);

  private final HistoryStore store;
  private final ActorRef<HistoryWriter.Command> writer;
  private final RoomArchive archive;
  private final CompletableFuture<Done> writerStopped = new CompletableFuture<>();

  private HistoryService(HistoryStore store, ActorRef<HistoryWriter.Command> writer,
      boolean keepsPrivate) {
    this.store = store;
    this.writer = writer;
    this.archive = RoomArchive.of(store, writer, keepsPrivate);
  }

  /**
   * Opens the store and spawns its writer as a child of {@code context}.
   *
   * @throws StoreUnavailable when the store cannot be opened; its message is the one line to show
   */
  static HistoryService start(ActorContext<?> context, HistorySettings settings, Clock clock) {
    return start(context, settings.open(clock), settings);
  }

  /** Spawns the writer of {@code store}, already open, as a child of {@code context}. */
  static HistoryService start(
      ActorContext<?> context, HistoryStore store, HistorySettings settings) {
    ActorRef<HistoryWriter.Command> writer = context.spawn(
        HistoryWriter.create(store, settings.syncInterval(), settings.retention()),
        "history-writer", HistoryWriter.dispatcher());
    return new HistoryService(store, writer, settings.storePrivate());
  }

  /** How rooms reach the store. */
  RoomArchive archive() {
    return archive;
  }

  /** The store itself, for what is read once at start (the server-wide bans). Blocks. */
  HistoryStore store() {
    return store;
  }

  ActorRef<HistoryWriter.Command> writer() {
    return writer;
  }

  /** Where history is kept, for the log. */
  String whereKept() {
    return store instanceof SqliteHistoryStore sqlite
        ? "History is stored in " + sqlite.file()
        : "History is kept in memory only: it is lost when the server stops";
  }

  /**
   * Has {@link #flush} run in the shutdown phase before the actor system stops: for a server that
   * has started, as one that never listened accepted no posts.
   */
  void flushAtShutdown(ActorSystem<?> system) {
    CoordinatedShutdown.get(system).addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), "flush-history",
        () -> flush(system.scheduler()));
  }

  /**
   * Asks the writer to write everything accepted so far; completes when it has answered, when
   * {@link #FLUSH_WITHIN} has passed, or at once when the writer has stopped (which wrote what
   * it held, or logged what it could not), logging what could not be stored.
   */
  CompletionStage<Done> flush(Scheduler scheduler) {
    if (writerStopped.isDone()) {
      return writerStopped;
    }
    CompletableFuture<Done> flushed = AskPattern.<HistoryWriter.Command, HistoryWriter.Flushed>ask(
            writer, HistoryWriter.Flush::new, FLUSH_WITHIN, scheduler)
        .toCompletableFuture()
        .handle((answer, timeout) -> {
          if (writerStopped.isDone()) {
            return Done.getInstance();
          }
          if (timeout != null) {
            LOG.warn("The history writer did not finish writing within {}; the posts it still"
                + " holds may be lost", ConfigChecks.inWords(FLUSH_WITHIN));
          } else if (answer.unsaved() > 0) {
            LOG.error("{} history entries and room states could not be stored; the writer"
                + " tries once more as it stops", answer.unsaved());
          }
          return Done.getInstance();
        });
    return flushed.applyToEither(writerStopped, done -> done);
  }

  /** Tells the service its writer has stopped, so that a flush does not wait for it. */
  void writerStopped() {
    writerStopped.complete(Done.getInstance());
  }

  /** Closes the store: for the server's root actor once the writer, its child, has stopped. */
  void close() {
    writerStopped();
    try {
      store.close();
    } catch (StoreUnavailable failure) {
      LOG.error(failure.getMessage());
    }
  }
}
