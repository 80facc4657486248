package lochat.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lochat.chat.Names;
import lochat.store.HistoryEntry;
import lochat.store.HistoryWriter;
import lochat.store.RoomState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;

/**
 * What a node that starts pulls from another node of the cluster: the history entries and room
 * states it missed while it was down, or all of them when its store is new, so that a rolling
 * restart of every node, one at a time, loses no history, even with the memory store.
 *
 * <p>Once this node is up, if other nodes are, it first tells each to copy here from now on
 * ({@link Hello}: the receptionist would list this node to them only some gossip rounds later, and
 * what they wrote meanwhile would reach it by neither way). Then it asks the oldest of them (up
 * the longest, so through the others' restarts) for its rooms: each one's newest entry id, and
 * which have a saved state. It compares them with its own store, then pulls room after room, page
 * after page of {@value #PAGE} entries (under Artery's frame size even with the longest lines),
 * the entries above its own newest in that room and the room's state, and has its {@link
 * HistoryWriter} write them, without copying them on. A state copied here from the room's node
 * after the pull began is newer than the pulled one, which is then not written. A node that does
 * not answer within {@link #PEER_SILENCE} is given up for the next oldest.
 *
 * <p>A room that starts on this node while it pulls asks here for its state and latest entries
 * ({@link Restore}). It waits until its own room has been pulled (which is done next), so that
 * it shows its history whole and goes on above its ids, but no longer than {@link
 * #RESTORES_WAIT} in all; then it starts with what this node has.
 *
 * <p>Limits: only a node that starts pulls, from one node. So entries a running node missed
 * (copies lost while it was unreachable) are not pulled, nor entries below this node's newest
 * in a room (the last copies of a node that crashed, which reached some nodes only), nor what
 * the other node has pruned.
 */
public final class HistorySync {

  static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "lochat-history-sync");

  /** Entries per page: 40 lines of the longest (4 KiB) fit in Artery's 256 KiB frame. */
  static final int PAGE = 40;

  /** Rooms per {@link Rooms} message. */
  static final int ROOMS_PER_MESSAGE = 500;

  /** How long a node may take to answer before the next one is asked. */
  static final Duration PEER_SILENCE = Duration.ofSeconds(10);

  /** Longest a room that starts here waits for its history to be pulled. */
  static final Duration RESTORES_WAIT = Duration.ofSeconds(10);

  private static final Duration OWN_STORE_WAIT = Duration.ofSeconds(30);

  public sealed interface Command {}

  /** Local: a room that starts here asks for its state and latest entries. */
  public record Restore(HistoryWriter.Restore restore) implements Command {}

  /** Local: a room's state was copied here from its node, newer than any pulled before. */
  record StateCopied(String room) implements Command {}

  /**
   * From a node that starts, before it pulls: copy to {@code copies} from now on (without
   * waiting for the receptionist to list them), then answer {@link Welcome}.
   */
  public record Hello(ActorRef<HistoryCopies.Command> copies, ActorRef<Welcome> replyTo)
      implements Command, ClusterMessage {}

  /** The answer to {@link Hello}: {@code from} copies to the node that said it. */
  public record Welcome(ActorRef<Command> from) implements Command, ClusterMessage {}

  /** From a node that starts: which rooms this node has, answered in {@link Rooms}. */
  public record AskRooms(long round, ActorRef<Rooms> replyTo) implements Command, ClusterMessage {}

  /** Some of the rooms a node has; {@code last} on the last message of the answer. */
  public record Rooms(long round, List<RoomTip> rooms, boolean last)
      implements Command, ClusterMessage {

    public Rooms {
      rooms = rooms == null ? List.of() : List.copyOf(rooms);
    }
  }

  /** A room a node has: its newest entry id (0 with none), and whether it has a state. */
  public record RoomTip(String room, long newestId, boolean hasState) {}

  /** From a node that starts: a room's state and its entries after {@code afterId}. */
  public record AskRoom(long round, String room, long afterId, ActorRef<RoomPart> replyTo)
      implements Command, ClusterMessage {}

  /** The answer to {@link AskRoom}; {@code more} when a full page came and more may follow. */
  public record RoomPart(long round, String room, Optional<RoomState> state,
      List<HistoryEntry> entries, boolean more) implements Command, ClusterMessage {

    public RoomPart {
      entries = entries == null ? List.of() : List.copyOf(entries);
    }
  }

  private record Up(SelfUp up) implements Command {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  private record OwnRooms(HistoryWriter.Summary summary) implements Command {}

  private record Summarized(HistoryWriter.Summary summary, AskRooms ask) implements Command {}

  private record ReadForPeer(HistoryWriter.After after, AskRoom ask) implements Command {}

  private record PeerSilent() implements Command {}

  private record StopHolding() implements Command {}

  static Behavior<Command> create(ActorRef<HistoryWriter.Command> writer,
      ActorRef<HistoryCopies.Command> copies) {
    return Behaviors.setup(context -> Behaviors.withTimers(
        timers -> new HistorySync(context, timers, writer, copies).waitingToBeUp()));
  }

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final ActorRef<HistoryWriter.Command> writer;
  private final ActorRef<HistoryCopies.Command> copies;
  private final Set<ActorRef<Command>> unwelcomed = new HashSet<>();
  private final Map<String, List<HistoryWriter.Restore>> held = new LinkedHashMap<>();
  private final Set<String> statesCopied = new HashSet<>();
  private final LinkedHashMap<String, Long> pending = new LinkedHashMap<>();
  private final List<RoomTip> theirs = new ArrayList<>();
  private List<ActorRef<Command>> others = List.of();
  private List<ActorRef<Command>> candidates = List.of();
  private ActorRef<Command> peer;
  private long round;
  private String inFlight;
  private HistoryWriter.Summary ours;
  private boolean theirsComplete;
  private boolean restoresWait = true;
  private long pulledEntries;
  private int pulledRooms;

  private HistorySync(ActorContext<Command> context, TimerScheduler<Command> timers,
      ActorRef<HistoryWriter.Command> writer, ActorRef<HistoryCopies.Command> copies) {
    this.context = context;
    this.timers = timers;
    this.writer = writer;
    this.copies = copies;
    ClusterPeers.join(context, KEY, Listed::new, Up::new);
  }

  /** Before this node is up: rooms cannot start here yet, and no node to pull from is known. */
  private Behavior<Command> waitingToBeUp() {
    return common()
        .onMessage(Listed.class, this::onListed)
        .onMessage(Up.class, this::onUp)
        .onMessage(Restore.class, this::onRestoreWhilePulling)
        .build();
  }

  /** Up, with other nodes up, whose sync actors are not listed yet. */
  private Behavior<Command> waitingForPeers() {
    return common()
        .onMessage(Listed.class, listed -> {
          onListed(listed);
          return others.isEmpty() ? Behaviors.same() : greeting();
        })
        .onMessage(PeerSilent.class, silent -> synced("no other node's history answered"))
        .onMessage(Restore.class, this::onRestoreWhilePulling)
        .build();
  }

  /** Saying {@link Hello} to every other node, so that all copy here before this node pulls. */
  private Behavior<Command> greeting() {
    unwelcomed.addAll(others);
    others.forEach(other -> other.tell(new Hello(copies, context.getSelf().narrow())));
    awaitPeer();
    return common()
        .onMessage(Listed.class, this::onListed)
        .onMessage(Welcome.class, welcome -> {
          unwelcomed.remove(welcome.from());
          return unwelcomed.isEmpty() ? startPulling(oldestFirst(others)) : Behaviors.same();
        })
        .onMessage(PeerSilent.class, silent -> startPulling(oldestFirst(others)))
        .onMessage(Restore.class, this::onRestoreWhilePulling)
        .build();
  }

  /** Pulling from {@link #peer}. */
  private Behavior<Command> pulling() {
    return common()
        .onMessage(Listed.class, this::onListed)
        .onMessage(OwnRooms.class, this::onOwnRooms)
        .onMessage(Rooms.class, this::onRooms)
        .onMessage(RoomPart.class, this::onRoomPart)
        .onMessage(PeerSilent.class, this::onPeerSilent)
        .onMessage(Restore.class, this::onRestoreWhilePulling)
        .onMessage(Welcome.class, late -> Behaviors.same())
        .build();
  }

  /** Done: rooms that start here read what this node has. */
  private Behavior<Command> pulled() {
    return common()
        .onMessage(Listed.class, this::onListed)
        .onMessage(Restore.class, restore -> {
          writer.tell(restore.restore());
          return Behaviors.same();
        })
        .onMessage(Welcome.class, late -> Behaviors.same())
        .build();
  }

  private BehaviorBuilder<Command> common() {
    return Behaviors.receive(Command.class)
        .onMessage(StateCopied.class, this::onStateCopied)
        .onMessage(Hello.class, this::onHello)
        .onMessage(AskRooms.class, this::onAskRooms)
        .onMessage(Summarized.class, this::onSummarized)
        .onMessage(AskRoom.class, this::onAskRoom)
        .onMessage(ReadForPeer.class, this::onReadForPeer)
        .onMessage(StopHolding.class, this::onStopHolding);
  }

  private Behavior<Command> onUp(Up up) {
    Member self = Cluster.get(context.getSystem()).selfMember();
    boolean othersUp = false;
    for (Member member : up.up().currentClusterState().getMembers()) {
      othersUp |= !member.equals(self)
          && (member.status() == MemberStatus.up() || member.status() == MemberStatus.weaklyUp());
    }
    if (!othersUp) {
      return synced("");
    }
    if (!others.isEmpty()) {
      return greeting();
    }
    timers.startSingleTimer(PeerSilent.class, new PeerSilent(), PEER_SILENCE);
    return waitingForPeers();
  }

  private Behavior<Command> onListed(Listed listed) {
    others = List.copyOf(ClusterPeers.others(context, KEY, listed.listing()));
    return Behaviors.same();
  }

  private Behavior<Command> startPulling(List<ActorRef<Command>> oldestFirst) {
    candidates = new ArrayList<>(oldestFirst);
    return pullFromNext();
  }

  private Behavior<Command> pullFromNext() {
    if (candidates.isEmpty()) {
      return synced("no other node's history answered");
    }
    peer = candidates.remove(0);
    round++;
    inFlight = null;
    theirs.clear();
    theirsComplete = false;
    ours = null;
    pending.clear();
    statesCopied.clear();
    peer.tell(new AskRooms(round, context.getSelf().narrow()));
    context.ask(HistoryWriter.Summary.class, writer, OWN_STORE_WAIT, HistoryWriter.Summarize::new,
        (summary, failure) -> new OwnRooms(summary != null
            ? summary : new HistoryWriter.Summary(Map.of(), Set.of())));
    awaitPeer();
    return pulling();
  }

  private Behavior<Command> onOwnRooms(OwnRooms own) {
    ours = own.summary();
    return planned();
  }

  private Behavior<Command> onRooms(Rooms rooms) {
    if (rooms.round() != round) {
      return Behaviors.same();
    }
    theirs.addAll(rooms.rooms());
    theirsComplete = rooms.last();
    awaitPeer();
    return planned();
  }

  /** Once both summaries are in: which rooms to pull, those that wait for it first. */
  private Behavior<Command> planned() {
    if (ours == null || !theirsComplete) {
      return Behaviors.same();
    }
    for (RoomTip tip : theirs) {
      String key = Names.key(tip.room());
      long newest = ours.newestIds().getOrDefault(key, 0L);
      if (tip.newestId() > newest || tip.hasState()) {
        pending.put(key, newest);
      }
    }
    new ArrayList<>(held.keySet()).forEach(this::pullNext);
    return askNextRoom();
  }

  private Behavior<Command> askNextRoom() {
    if (pending.isEmpty()) {
      return synced(pulledEntries + " entries of " + pulledRooms + " rooms from "
          + peer.path().address());
    }
    inFlight = pending.keySet().iterator().next();
    ask(pending.remove(inFlight));
    return Behaviors.same();
  }

  private void ask(long afterId) {
    peer.tell(new AskRoom(round, inFlight, afterId, context.getSelf().narrow()));
    awaitPeer();
  }

  private Behavior<Command> onRoomPart(RoomPart part) {
    String key = Names.key(part.room());
    if (part.round() != round || !key.equals(inFlight)) {
      return Behaviors.same();
    }
    if (part.state().isPresent() && !statesCopied.contains(key)) {
      writer.tell(new HistoryWriter.SaveRoom(part.state().get()));
    }
    part.entries().forEach(entry -> writer.tell(new HistoryWriter.Append(entry)));
    pulledEntries += part.entries().size();
    if (part.more() && !part.entries().isEmpty()) {
      ask(part.entries().get(part.entries().size() - 1).id());
      return Behaviors.same();
    }
    pulledRooms++;
    release(key);
    return askNextRoom();
  }

  private Behavior<Command> onPeerSilent(PeerSilent silent) {
    context.getLog().warn("Node {} did not answer for history within {}; trying another",
        peer.path().address(), PEER_SILENCE);
    return pullFromNext();
  }

  private Behavior<Command> onRestoreWhilePulling(Restore restore) {
    if (!restoresWait) {
      writer.tell(restore.restore());
      return Behaviors.same();
    }
    String key = Names.key(restore.restore().room());
    held.computeIfAbsent(key, k -> new ArrayList<>()).add(restore.restore());
    pullNext(key);
    if (!timers.isTimerActive(StopHolding.class)) {
      timers.startSingleTimer(StopHolding.class, new StopHolding(), RESTORES_WAIT);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onStopHolding(StopHolding stop) {
    if (!held.isEmpty()) {
      context.getLog().warn("Rooms {} start without waiting longer for the history this node"
          + " is pulling", held.keySet());
    }
    restoresWait = false;
    new ArrayList<>(held.keySet()).forEach(this::release);
    return Behaviors.same();
  }

  private Behavior<Command> onStateCopied(StateCopied copied) {
    statesCopied.add(Names.key(copied.room()));
    return Behaviors.same();
  }

  private Behavior<Command> onHello(Hello hello) {
    copies.tell(new HistoryCopies.Introduce(hello.copies()));
    hello.replyTo().tell(new Welcome(context.getSelf()));
    return Behaviors.same();
  }

  private Behavior<Command> onAskRooms(AskRooms ask) {
    context.ask(HistoryWriter.Summary.class, writer, OWN_STORE_WAIT, HistoryWriter.Summarize::new,
        (summary, failure) -> new Summarized(summary != null
            ? summary : new HistoryWriter.Summary(Map.of(), Set.of()), ask));
    return Behaviors.same();
  }

  private Behavior<Command> onSummarized(Summarized summarized) {
    Map<String, RoomTip> tips = new HashMap<>();
    summarized.summary().newestIds().forEach((room, newest) -> tips.put(room,
        new RoomTip(room, newest, summarized.summary().withState().contains(room))));
    summarized.summary().withState().forEach(room -> tips.putIfAbsent(room,
        new RoomTip(room, 0, true)));
    List<RoomTip> all = new ArrayList<>(tips.values());
    for (int from = 0; from < all.size() || from == 0; from += ROOMS_PER_MESSAGE) {
      int to = Math.min(all.size(), from + ROOMS_PER_MESSAGE);
      summarized.ask().replyTo().tell(
          new Rooms(summarized.ask().round(), all.subList(from, to), to == all.size()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onAskRoom(AskRoom ask) {
    context.ask(HistoryWriter.After.class, writer, OWN_STORE_WAIT,
        replyTo -> new HistoryWriter.ReadAfter(ask.room(), ask.afterId(), PAGE, replyTo),
        (after, failure) -> new ReadForPeer(after != null ? after
            : new HistoryWriter.After(ask.room(), Optional.empty(), List.of()), ask));
    return Behaviors.same();
  }

  private Behavior<Command> onReadForPeer(ReadForPeer read) {
    HistoryWriter.After after = read.after();
    read.ask().replyTo().tell(new RoomPart(read.ask().round(), after.room(), after.state(),
        after.entries(), after.entries().size() == PAGE));
    return Behaviors.same();
  }

  private Behavior<Command> synced(String how) {
    if (!how.isEmpty()) {
      context.getLog().info("History pulled at start: {}", how);
    }
    timers.cancel(PeerSilent.class);
    timers.cancel(StopHolding.class);
    peer = null;
    restoresWait = false;
    new ArrayList<>(held.keySet()).forEach(this::release);
    return pulled();
  }

  /** Has the room pulled next, when it is still to be pulled and not already in flight. */
  private void pullNext(String key) {
    Long after = pending.remove(key);
    if (after != null) {
      LinkedHashMap<String, Long> rest = new LinkedHashMap<>(pending);
      pending.clear();
      pending.put(key, after);
      pending.putAll(rest);
    }
  }

  private void release(String key) {
    List<HistoryWriter.Restore> waiting = held.remove(key);
    if (waiting != null) {
      waiting.forEach(writer::tell);
    }
    if (held.isEmpty()) {
      timers.cancel(StopHolding.class);
    }
  }

  private void awaitPeer() {
    timers.startSingleTimer(PeerSilent.class, new PeerSilent(), PEER_SILENCE);
  }

  private List<ActorRef<Command>> oldestFirst(List<ActorRef<Command>> refs) {
    return ClusterPeers.oldestFirst(context.getSystem(), refs);
  }
}
