package lochat.cluster;

import java.time.Clock;
import lochat.chat.Names;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.room.RoomRelay;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The rooms of a cluster: each room one {@link ChatRoom}, run on one node at a time as a
 * Cluster Sharding entity named by the room's case-folded name, so that one actor orders
 * everything said in a room whichever node its members are on. A node's registry reaches
 * rooms through this; members join through their node's {@link RoomRelay}, and the room and a
 * node's members reach each other through the node's {@link RoomLink} for that room, once per
 * node; every room on every node is listed through the {@link RoomBoard}.
 *
 * <p>Why sharding: a room's order needs one decider, and sharding places it, finds it from any
 * node in one hop, and moves it when its node leaves. What it costs: a post crosses the network
 * to the room when the sender is on another node, then once to each other node with members.
 *
 * <p>Limits: a room runs with its case-folded name as its name. Rooms are not passivated: a
 * room that has emptied stays in memory on its node, bounded by the room limits. A room whose
 * node dies restarts on another node from that node's store, which holds every room's history
 * ({@link HistoryCopies}); the links take its members there. Start it once per actor system.
 */
public final class ShardedRooms {

  public static final EntityTypeKey<ChatRoom.Command> TYPE_KEY =
      EntityTypeKey.create(ChatRoom.Command.class, "lochat-room");

  private final ClusterSharding sharding;
  private final ActorRef<RoomRelay.Command> relay;
  private final ActorRef<RoomBoard.Command> board;

  private ShardedRooms(ClusterSharding sharding, ActorRef<RoomRelay.Command> relay,
      ActorRef<RoomBoard.Command> board) {
    this.sharding = sharding;
    this.relay = relay;
    this.board = board;
  }

  /** Starts this node's share of the rooms, its relay and its room board. */
  public static ShardedRooms start(ActorSystem<?> system, int historySize, Clock clock,
      RoomArchive archive) {
    ActorRef<RoomBoard.Command> board =
        system.systemActorOf(RoomBoard.create(), "lochat-room-board", Props.empty());
    ActorRef<ChatRoom.Occupancy> reports = system.systemActorOf(
        RoomBoard.reportingTo(board), "lochat-room-reports", Props.empty());
    ClusterSharding sharding = ClusterSharding.get(system);
    ActorRef<RoomRelay.Command> relay = system.systemActorOf(
        RoomRelay.create(name -> sharding.entityRefFor(TYPE_KEY, Names.key(name))),
        "lochat-room-relay", Props.empty());
    sharding.init(Entity.of(TYPE_KEY,
            context -> ChatRoom.create(context.getEntityId(), historySize, reports, clock,
                archive))
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    return new ShardedRooms(sharding, relay, board);
  }

  /** The room called {@code name}, wherever it runs; started there if it was not running. */
  public EntityRef<ChatRoom.Command> room(String name) {
    return sharding.entityRefFor(TYPE_KEY, Names.key(name));
  }

  /** This node's relay, through which this node's members join rooms and rooms reach them. */
  public ActorRef<RoomRelay.Command> relay() {
    return relay;
  }

  /** Tells {@code subscriber} of every room in the cluster and every change to one. */
  public void subscribe(ActorRef<ChatRoom.Occupancy> subscriber) {
    board.tell(new RoomBoard.Subscribe(subscriber));
  }
}
