package lochat.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lochat.chat.Names;
import lochat.room.ChatRoom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;

/**
 * One per node: the cluster's rooms as room lists show them, so that every node's registry
 * knows which rooms exist, how many are in each, their topics and which are secret.
 *
 * <p>The rooms this node hosts report here as they would to a registry ({@link
 * ChatRoom.Occupancy}); the board writes each report to a replicated map (Pekko Distributed
 * Data, written locally and spread by gossip), and an emptied room is taken off it. It tells
 * its subscribers (this node's registry) of every room whose listing changed, in the same
 * {@link ChatRoom.Occupancy} form, a room taken off as one with no members.
 *
 * <p>Limits: another node's rooms show here a gossip round or two late (well under a second on
 * a LAN); the map holds one small entry per non-empty room.
 */
public final class RoomBoard extends AbstractBehavior<RoomBoard.Command> {

  static final Key<LWWMap<String, Listing>> ROOMS = LWWMapKey.create("lochat-rooms");

  public sealed interface Command {}

  /** Tells {@code subscriber} of every change to the rooms, the rooms known now first. */
  public record Subscribe(ActorRef<ChatRoom.Occupancy> subscriber) implements Command {}

  /** A room as lists show it; what the board keeps of each room, on every node. */
  public record Listing(String name, int members, String topic, boolean secret)
      implements ClusterMessage {

    ChatRoom.Occupancy occupancy() {
      return new ChatRoom.Occupancy(name, members, 0, topic, secret);
    }
  }

  private record Reported(ChatRoom.Occupancy occupancy) implements Command {}

  private record Changed(Replicator.SubscribeResponse<LWWMap<String, Listing>> response)
      implements Command {}

  private record Written(Replicator.UpdateResponse<LWWMap<String, Listing>> response)
      implements Command {}

  public static Behavior<Command> create() {
    return Behaviors.setup(context ->
        DistributedData.<Command, LWWMap<String, Listing>>withReplicatorMessageAdapter(
            replicator -> new RoomBoard(context, replicator)));
  }

  private final ReplicatorMessageAdapter<Command, LWWMap<String, Listing>> replicator;
  private final SelfUniqueAddress self;
  private final List<ActorRef<ChatRoom.Occupancy>> subscribers = new ArrayList<>();
  private Map<String, Listing> rooms = Map.of();

  private RoomBoard(ActorContext<Command> context,
      ReplicatorMessageAdapter<Command, LWWMap<String, Listing>> replicator) {
    super(context);
    this.replicator = replicator;
    this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
    replicator.subscribe(ROOMS, Changed::new);
  }

  /**
   * What this node's rooms report to: it passes each report on to {@code board}. (A room takes
   * an address for its reports alone; an adapter can only be made by the board for itself.)
   */
  static Behavior<ChatRoom.Occupancy> reportingTo(ActorRef<Command> board) {
    return Behaviors.receive(ChatRoom.Occupancy.class)
        .onMessage(ChatRoom.Occupancy.class, report -> {
          board.tell(new Reported(report));
          return Behaviors.same();
        })
        .build();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Reported.class, this::onReported)
        .onMessage(Changed.class, this::onChanged)
        .onMessage(Written.class, this::onWritten)
        .build();
  }

  private Behavior<Command> onSubscribe(Subscribe subscribe) {
    subscribers.add(subscribe.subscriber());
    rooms.values().forEach(listing -> subscribe.subscriber().tell(listing.occupancy()));
    return this;
  }

  private Behavior<Command> onReported(Reported reported) {
    ChatRoom.Occupancy report = reported.occupancy();
    if (report.members() == 0 && report.requestsHandled() == 0) {
      // A room just started (on this node, after its node was lost or left) has not taken its
      // members back yet: its emptiness says nothing.
      return this;
    }
    String key = Names.key(report.room());
    Listing listing = new Listing(report.room(), report.members(), report.topic(),
        report.secret());
    if (listing.equals(rooms.get(key))) {
      return this;
    }
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(ROOMS, LWWMap.create(), Replicator.writeLocal(),
            replyTo, map -> report.members() == 0 ? map.remove(self, key)
                : map.put(self, key, listing)),
        Written::new);
    return this;
  }

  private Behavior<Command> onChanged(Changed changed) {
    if (changed.response() instanceof Replicator.Changed<LWWMap<String, Listing>> change) {
      Map<String, Listing> now = new HashMap<>(change.get(ROOMS).getEntries());
      for (Map.Entry<String, Listing> room : now.entrySet()) {
        if (!room.getValue().equals(rooms.get(room.getKey()))) {
          tell(room.getValue().occupancy());
        }
      }
      for (Map.Entry<String, Listing> gone : rooms.entrySet()) {
        if (!now.containsKey(gone.getKey())) {
          Listing was = gone.getValue();
          tell(new Listing(was.name(), 0, "", was.secret()).occupancy());
        }
      }
      rooms = Map.copyOf(now);
    }
    return this;
  }

  private Behavior<Command> onWritten(Written written) {
    if (!(written.response() instanceof Replicator.UpdateSuccess)) {
      getContext().getLog().warn("The room list could not be written locally: {}",
          written.response());
    }
    return this;
  }

  private void tell(ChatRoom.Occupancy occupancy) {
    subscribers.forEach(subscriber -> subscriber.tell(occupancy));
  }
}
