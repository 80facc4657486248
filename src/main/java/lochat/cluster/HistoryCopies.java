package lochat.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lochat.room.RoomArchive;
import lochat.store.HistoryEntry;
import lochat.store.HistoryWriter;
import lochat.store.RoomState;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * One per node: every node of the cluster keeps the history and state of every room, so that a
 * room whose node is lost starts again elsewhere with its history, topic, modes and lists, and
 * its ids go on above those it had (the store's next id is above every id it has written).
 *
 * <p>What this node's rooms write (through their {@link RoomArchive}, {@link #copies}) is sent
 * to the copies actor of every other node, found through Pekko's receptionist, which has its
 * node's history writer write it as its own rooms' entries. Cost: one message per entry or
 * state change to each other node, N-1 in all.
 *
 * <p>What a node missed while it was down, or everything when its store is new, it pulls when it
 * starts ({@link HistorySync}); a room that starts on it meanwhile waits for its own history.
 *
 * <p>Limits: copies are not acknowledged or sent again: what a running node misses while it is
 * unreachable it does not get later, and a room that moves to it shows a gap there.
 */
public final class HistoryCopies extends AbstractBehavior<HistoryCopies.Command> {

  static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "lochat-history");

  public sealed interface Command {}

  /** Local: an entry or state this node's rooms wrote, for the other nodes. */
  private record Share(Copy copy) implements Command {}

  /** From another node: an entry or a room's state its rooms wrote. */
  public record Copy(Optional<HistoryEntry> entry, Optional<RoomState> state)
      implements Command, ClusterMessage {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  /** From this node's {@link HistorySync}: a node that starts, to copy to from now on. */
  record Introduce(ActorRef<Command> other) implements Command {}

  private record Restore(HistoryWriter.Restore restore) implements Command {}

  /** Starts this node's copies, written through {@code writer}; returns what rooms hand them. */
  public static RoomArchive.Copies start(ActorSystem<?> system,
      ActorRef<HistoryWriter.Command> writer) {
    ActorRef<Command> copies =
        system.systemActorOf(create(writer), "lochat-history-copies", Props.empty());
    return new RoomArchive.Copies() {
      @Override
      public void entry(HistoryEntry entry) {
        copies.tell(new Share(new Copy(Optional.of(entry), Optional.empty())));
      }

      @Override
      public void state(RoomState state) {
        copies.tell(new Share(new Copy(Optional.empty(), Optional.of(state))));
      }

      @Override
      public void restore(ActorRef<HistoryWriter.Command> writer,
          HistoryWriter.Restore restore) {
        copies.tell(new Restore(restore));
      }
    };
  }

  static Behavior<Command> create(ActorRef<HistoryWriter.Command> writer) {
    return Behaviors.setup(context -> new HistoryCopies(context, writer));
  }

  private final ActorRef<HistoryWriter.Command> writer;
  private final ActorRef<HistorySync.Command> sync;
  private Set<ActorRef<Command>> listed = Set.of();
  private final Set<ActorRef<Command>> introduced = new HashSet<>();
  private Set<ActorRef<Command>> others = Set.of();

  private HistoryCopies(ActorContext<Command> context, ActorRef<HistoryWriter.Command> writer) {
    super(context);
    this.writer = writer;
    this.sync = context.spawn(HistorySync.create(writer, context.getSelf()), "sync");
    ClusterPeers.register(context, KEY, Listed::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Share.class, this::onShare)
        .onMessage(Copy.class, this::onCopy)
        .onMessage(Listed.class, this::onListed)
        .onMessage(Introduce.class, this::onIntroduce)
        .onMessage(Restore.class, this::onRestore)
        .build();
  }

  private Behavior<Command> onShare(Share share) {
    others.forEach(other -> other.tell(share.copy()));
    return this;
  }

  private Behavior<Command> onCopy(Copy copy) {
    copy.entry().ifPresent(entry -> writer.tell(new HistoryWriter.Append(entry)));
    copy.state().ifPresent(state -> {
      writer.tell(new HistoryWriter.SaveRoom(state));
      sync.tell(new HistorySync.StateCopied(state.room()));
    });
    return this;
  }

  private Behavior<Command> onListed(Listed listed) {
    this.listed = ClusterPeers.others(getContext(), KEY, listed.listing());
    introduced.removeAll(this.listed);
    // An introduced node that left before it was listed is copied to no more.
    introduced.retainAll(ClusterPeers.oldestFirst(getContext().getSystem(),
        List.copyOf(introduced)));
    return copyingToAll();
  }

  private Behavior<Command> onIntroduce(Introduce introduce) {
    introduced.add(introduce.other());
    return copyingToAll();
  }

  private Behavior<Command> onRestore(Restore restore) {
    sync.tell(new HistorySync.Restore(restore.restore()));
    return this;
  }

  private Behavior<Command> copyingToAll() {
    Set<ActorRef<Command>> all = new HashSet<>(listed);
    all.addAll(introduced);
    others = Set.copyOf(all);
    return this;
  }
}
