package lochat.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import lochat.chat.Names;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Writes what rooms tell it to the {@link HistoryStore}, in batches, so that no room ever waits
 * for the disk.
 *
 * <p>Rooms {@link HistoryStore#stamp stamp} their entries themselves and tell them here; the
 * writer keeps what it is told and writes it all in one transaction once {@code syncInterval}
 * has passed since the first of it arrived, or at once when {@value #BATCH_SIZE} entries wait.
 * {@link Flush} writes everything accepted so far and answers (the server asks for it on
 * SIGTERM); stopping the writer writes what is left too. Reads go through the writer too
 * ({@link Read}, {@link Restore}): it writes what is pending first, so a reader sees everything
 * accepted before it asked. It also prunes the store to its {@link Retention} when it starts
 * and every {@link #PRUNE_EVERY}.
 *
 * <p>Its writes block, so it must run on a dispatcher of its own: spawn it with {@link
 * #dispatcher()}, which names {@value #DISPATCHER}, a {@code thread-pool-executor} of one
 * thread defined in {@code application.conf}.
 *
 * <p>When a write fails (disk full, file gone) the failure is logged once, the batch is kept
 * and tried again at the next interval. At most {@value #MAX_PENDING} entries wait; past that
 * the oldest are dropped, and counted in the log. Limits: entries of different rooms are
 * written in the order they arrive here, not in id order, which the store does not need.
 */
public final class HistoryWriter extends AbstractBehavior<HistoryWriter.Command> {

  /** The configuration path of the dispatcher the writer must run on. */
  public static final String DISPATCHER = "lochat-history-dispatcher";

  /** Most entries kept while writes fail. */
  public static final int MAX_PENDING = 100_000;

  /**
   * Entries that are written at once rather than at the interval: a busy server writes in
   * small pieces, so that the writer never takes a core for long while the rooms need it.
   */
  public static final int BATCH_SIZE = 128;

  /** How often old history is pruned. */
  public static final Duration PRUNE_EVERY = Duration.ofHours(1);

  public sealed interface Command {}

  /** Stores {@code entry}, stamped by the store, in the next batch. */
  public record Append(HistoryEntry entry) implements Command {}

  /** Stores a room's state in the next batch, replacing any state of the room before it. */
  public record SaveRoom(RoomState state) implements Command {}

  /** Writes everything accepted so far, then answers. */
  public record Flush(ActorRef<Flushed> replyTo) implements Command {}

  /** {@code unsaved}: entries and room states accepted but not written, as the write failed. */
  public record Flushed(int unsaved) {}

  /**
   * Reads a page of the room's history, after writing what is pending, so that the page holds
   * everything accepted before the request.
   */
  public record Read(String room, HistoryQuery query, ActorRef<Page> replyTo) implements Command {}

  /** The answer to {@link Read}: its entries oldest first, or none if the store failed. */
  public record Page(String room, HistoryQuery query, List<HistoryEntry> entries) {

    public Page {
      entries = List.copyOf(entries);
    }
  }

  /** What a room gets back when it starts: its saved state and its latest entries. */
  public record Restore(String room, int latest, ActorRef<Restored> replyTo) implements Command {}

  /**
   * The answer to {@link Restore}: nothing when the room was never saved; not {@code complete}
   * when the store could not be read, and the room must then not save over what it has.
   */
  public record Restored(Optional<RoomState> state, List<HistoryEntry> latest, boolean complete) {

    public static final Restored NOTHING = new Restored(Optional.empty(), List.of(), true);

    public static final Restored FAILED = new Restored(Optional.empty(), List.of(), false);

    public Restored {
      latest = List.copyOf(latest);
    }
  }

  /** Asks which rooms the store has: each one's newest entry id, and those with a state. */
  public record Summarize(ActorRef<Summary> replyTo) implements Command {}

  /**
   * The answer to {@link Summarize}: the newest id of each room with entries, by room key, and
   * the keys of the rooms with a saved state; nothing when the store could not be read.
   */
  public record Summary(Map<String, Long> newestIds, Set<String> withState) {

    public Summary {
      newestIds = Map.copyOf(newestIds);
      withState = Set.copyOf(withState);
    }
  }

  /** Reads up to {@code limit} of the room's entries after {@code afterId}, and its state. */
  public record ReadAfter(String room, long afterId, int limit, ActorRef<After> replyTo)
      implements Command {}

  /** The answer to {@link ReadAfter}, oldest first; nothing when the store could not be read. */
  public record After(String room, Optional<RoomState> state, List<HistoryEntry> entries) {

    public After {
      entries = List.copyOf(entries);
    }
  }

  private record Sync() implements Command {}

  private record Prune() implements Command {}

  public static Behavior<Command> create(
      HistoryStore store, Duration syncInterval, Retention retention) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new HistoryWriter(context, timers, store, syncInterval, retention)));
  }

  /** Where to spawn the writer: {@code spawn(create(...), "history", dispatcher())}. */
  public static DispatcherSelector dispatcher() {
    return DispatcherSelector.fromConfig(DISPATCHER);
  }

  private final TimerScheduler<Command> timers;
  private final HistoryStore store;
  private final Duration syncInterval;
  private final Retention retention;
  private final ArrayDeque<HistoryEntry> entries = new ArrayDeque<>();
  private final Map<String, RoomState> rooms = new LinkedHashMap<>();
  private boolean failing;
  private long dropped;

  private HistoryWriter(ActorContext<Command> context, TimerScheduler<Command> timers,
      HistoryStore store, Duration syncInterval, Retention retention) {
    super(context);
    this.timers = timers;
    this.store = store;
    this.syncInterval = syncInterval;
    this.retention = retention;
    context.getSelf().tell(new Prune());
    timers.startTimerWithFixedDelay(Prune.class, new Prune(), PRUNE_EVERY);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Append.class, this::onAppend)
        .onMessage(SaveRoom.class, this::onSaveRoom)
        .onMessage(Flush.class, this::onFlush)
        .onMessage(Read.class, this::onRead)
        .onMessage(Restore.class, this::onRestore)
        .onMessage(Summarize.class, this::onSummarize)
        .onMessage(ReadAfter.class, this::onReadAfter)
        .onMessage(Sync.class, this::onSync)
        .onMessage(Prune.class, this::onPrune)
        .onSignal(PostStop.class, this::onPostStop)
        .build();
  }

  private Behavior<Command> onAppend(Append append) {
    entries.addLast(append.entry());
    if (entries.size() > MAX_PENDING) {
      entries.removeFirst();
      dropped++;
    }
    if (entries.size() >= BATCH_SIZE && !failing && writePending()) {
      timers.cancel(Sync.class);
    } else {
      syncLater();
    }
    return this;
  }

  private Behavior<Command> onSaveRoom(SaveRoom save) {
    String key = Names.key(save.state().room());
    rooms.remove(key);
    rooms.put(key, save.state());
    syncLater();
    return this;
  }

  private Behavior<Command> onFlush(Flush flush) {
    timers.cancel(Sync.class);
    if (!writePending()) {
      syncLater();
    }
    flush.replyTo().tell(new Flushed(entries.size() + rooms.size()));
    return this;
  }

  private Behavior<Command> onRead(Read read) {
    writePending();
    List<HistoryEntry> entries = List.of();
    try {
      entries = read.query().run(store, read.room());
    } catch (StoreUnavailable failure) {
      getContext().getLog().warn(failure.getMessage());
    }
    read.replyTo().tell(new Page(read.room(), read.query(), entries));
    return this;
  }

  private Behavior<Command> onRestore(Restore restore) {
    writePending();
    Restored restored = Restored.FAILED;
    try {
      restored = new Restored(store.loadRoom(restore.room()),
          store.latest(restore.room(), restore.latest()), true);
    } catch (StoreUnavailable failure) {
      getContext().getLog().error("Room {} starts without its history and will not save its"
          + " topic or modes until the server restarts: {}", restore.room(), failure.getMessage());
    }
    restore.replyTo().tell(restored);
    return this;
  }

  private Behavior<Command> onSummarize(Summarize summarize) {
    writePending();
    Summary summary = new Summary(Map.of(), Set.of());
    try {
      summary = new Summary(store.newestIds(), store.loadRooms().stream()
          .map(state -> Names.key(state.room())).collect(Collectors.toSet()));
    } catch (StoreUnavailable failure) {
      getContext().getLog().warn(failure.getMessage());
    }
    summarize.replyTo().tell(summary);
    return this;
  }

  private Behavior<Command> onReadAfter(ReadAfter read) {
    writePending();
    After after = new After(read.room(), Optional.empty(), List.of());
    try {
      after = new After(read.room(), store.loadRoom(read.room()),
          store.after(read.room(), read.afterId(), read.limit()));
    } catch (StoreUnavailable failure) {
      getContext().getLog().warn(failure.getMessage());
    }
    read.replyTo().tell(after);
    return this;
  }

  private Behavior<Command> onSync(Sync sync) {
    if (!writePending()) {
      syncLater();
    }
    return this;
  }

  private Behavior<Command> onPrune(Prune prune) {
    try {
      long removed = store.prune(retention);
      if (removed > 0) {
        getContext().getLog().info("Pruned {} old history entries", removed);
      }
    } catch (StoreUnavailable failure) {
      getContext().getLog().warn(failure.getMessage());
    }
    return this;
  }

  private Behavior<Command> onPostStop(PostStop stop) {
    if (!writePending()) {
      getContext().getLog().error("{} history entries and room states were not stored",
          entries.size() + rooms.size());
    }
    return this;
  }

  private void syncLater() {
    if (!timers.isTimerActive(Sync.class)) {
      timers.startSingleTimer(Sync.class, new Sync(), syncInterval);
    }
  }

  /** Writes everything pending in one batch; false when the store refused it, kept for later. */
  private boolean writePending() {
    if (dropped > 0) {
      getContext().getLog().warn("Dropped {} history entries that could not be stored", dropped);
      dropped = 0;
    }
    if (entries.isEmpty() && rooms.isEmpty()) {
      return true;
    }
    try {
      store.write(
          new HistoryStore.Batch(new ArrayList<>(entries), new ArrayList<>(rooms.values())));
    } catch (StoreUnavailable failure) {
      if (!failing) {
        failing = true;
        getContext().getLog().error("{}; keeping {} entries to try again", failure.getMessage(),
            entries.size());
      }
      return false;
    }
    if (failing) {
      failing = false;
      getContext().getLog().info("History store written again");
    }
    entries.clear();
    rooms.clear();
    return true;
  }
}
