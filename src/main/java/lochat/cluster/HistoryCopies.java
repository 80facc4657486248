package lochat.cluster;

import java.util.HashSet;
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
 * <p>Limits: copies are not acknowledged or sent again: what a node misses while it is down or
 * unreachable it does not get later, so after a rolling restart the node restarted last has
 * the fullest history, and a room that moves to a node that missed some of its entries shows
 * a gap there. Entries another node wrote before this node joined are not copied to it.
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
    };
  }

  static Behavior<Command> create(ActorRef<HistoryWriter.Command> writer) {
    return Behaviors.setup(context -> new HistoryCopies(context, writer));
  }

  private final ActorRef<HistoryWriter.Command> writer;
  private Set<ActorRef<Command>> others = Set.of();

  private HistoryCopies(ActorContext<Command> context, ActorRef<HistoryWriter.Command> writer) {
    super(context);
    this.writer = writer;
    ActorRef<Receptionist.Command> receptionist = context.getSystem().receptionist();
    receptionist.tell(Receptionist.register(KEY, context.getSelf()));
    receptionist.tell(Receptionist.subscribe(KEY,
        context.messageAdapter(Receptionist.Listing.class, Listed::new)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Share.class, this::onShare)
        .onMessage(Copy.class, this::onCopy)
        .onMessage(Listed.class, this::onListed)
        .build();
  }

  private Behavior<Command> onShare(Share share) {
    others.forEach(other -> other.tell(share.copy()));
    return this;
  }

  private Behavior<Command> onCopy(Copy copy) {
    copy.entry().ifPresent(entry -> writer.tell(new HistoryWriter.Append(entry)));
    copy.state().ifPresent(state -> writer.tell(new HistoryWriter.SaveRoom(state)));
    return this;
  }

  private Behavior<Command> onListed(Listed listed) {
    Set<ActorRef<Command>> found = new HashSet<>(listed.listing().getServiceInstances(KEY));
    found.remove(getContext().getSelf());
    others = Set.copyOf(found);
    return this;
  }
}
