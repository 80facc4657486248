package lochat.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import lochat.chat.Names;
import lochat.chat.RoomInfo;
import lochat.cluster.ShardedRooms;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.room.RoomRelay;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The rooms that exist, for the {@link Registry}: spawning them within the {@link RoomLimits},
 * counting the requests forwarded to each, and stopping a room once it is empty and no request
 * is on its way to it (the permanent room excepted). A stopped room's history and state stay in
 * the {@link RoomArchive}, so a room created again under the same name gets them back.
 *
 * <p>Part of the registry, on its thread: it spawns rooms as the registry's children.
 */
final class RoomDirectory {

  private final ActorContext<Registry.Command> context;
  private final int historySize;
  private final Clock clock;
  private final RoomArchive archive;
  private final ActorRef<ChatRoom.Occupancy> occupancy;
  private final RoomCreations creations;
  private final String permanentRoomKey;
  /** The cluster's rooms, when the cluster is on; rooms are this registry's children if not. */
  private final Optional<ShardedRooms> sharded;
  private final Map<String, Room> rooms = new TreeMap<>();
  private long roomsCreated;

  RoomDirectory(ActorContext<Registry.Command> context, int historySize, RoomLimits limits,
      String permanentRoom, Clock clock, RoomArchive archive,
      ActorRef<ChatRoom.Occupancy> occupancy, Optional<ShardedRooms> sharded) {
    this.context = context;
    this.sharded = sharded;
    this.historySize = historySize;
    this.clock = clock;
    this.archive = archive;
    this.occupancy = occupancy;
    this.creations = new RoomCreations(limits);
    this.permanentRoomKey = Names.key(permanentRoom);
    if (!permanentRoom.isEmpty()) {
      // The default room exists from the start, so that room lists always show where to go.
      rooms.put(permanentRoomKey, spawn(permanentRoom, null));
    }
    sharded.ifPresent(cluster -> cluster.subscribe(occupancy));
  }

  RoomArchive archive() {
    return archive;
  }

  int size() {
    return rooms.size();
  }

  Optional<Room> find(String name) {
    return Optional.ofNullable(rooms.get(Names.key(name)));
  }

  /** The room, created for {@code creator} if needed; a refusal when it may not be. */
  RoomOrRefusal findOrCreate(String name, RoomCreations.Creator creator) {
    Room room = rooms.get(Names.key(name));
    if (room != null) {
      return new RoomOrRefusal(Optional.of(room), Optional.empty());
    }
    Optional<String> refusal = creations.refusal(creator, rooms.size());
    if (refusal.isPresent()) {
      return new RoomOrRefusal(Optional.empty(), refusal);
    }
    room = spawn(name, creator);
    rooms.put(Names.key(name), room);
    return new RoomOrRefusal(Optional.of(room), Optional.empty());
  }

  record RoomOrRefusal(Optional<Room> room, Optional<String> refusal) {}

  /** Counts one more request on its way to {@code room}, so that it is not stopped under it. */
  RecipientRef<ChatRoom.Command> forward(Room room) {
    rooms.put(Names.key(room.name()), room.forwardedOneMore());
    return room.ref();
  }

  /**
   * Which rooms {@code asker} may know of, by name: a secret room only to its members and to
   * server operators; null, a user who is not signed in, is a non-member of every room.
   */
  Predicate<String> visibleTo(User asker) {
    return name -> find(name).map(room -> !room.secret()).orElse(true)
        || asker != null && (asker.operator || asker.isIn(Names.key(name)));
  }

  /** The rooms {@code visible} lets through, by name. */
  List<RoomInfo> list(Predicate<String> visible) {
    List<RoomInfo> list = new ArrayList<>();
    for (Room room : rooms.values()) {
      if (visible.test(room.name())) {
        list.add(new RoomInfo(room.name(), room.members(), room.topic()));
      }
    }
    list.sort(Comparator.comparing(RoomInfo::name, String.CASE_INSENSITIVE_ORDER));
    return list;
  }

  /** Takes {@code join} to {@code room}: in a cluster, through this node's link to it. */
  void join(Room room, ChatRoom.Join join) {
    if (sharded.isPresent()) {
      sharded.get().relay().tell(new RoomRelay.Enter(room.name(), join));
    } else {
      forward(room).tell(join);
    }
  }

  /** Takes in a room's report; stops it when it is idle and not the permanent room. */
  void reported(ChatRoom.Occupancy report) {
    String key = Names.key(report.room());
    Room room = rooms.get(key);
    if (sharded.isPresent()) {
      listed(key, room, report);
      return;
    }
    if (room == null) {
      return;
    }
    boolean idle = report.members() == 0 && report.requestsHandled() == room.forwarded();
    if (idle && !key.equals(permanentRoomKey)) {
      remove(key, room);
      if (room.ref() instanceof ActorRef<?> child) {
        context.stop(child);
      }
    } else {
      rooms.put(key, room.reported(report));
    }
  }

  /** Forgets a room that stopped although it was not asked to. */
  void stopped(String key, ActorRef<ChatRoom.Command> ref) {
    Room room = rooms.get(key);
    if (room != null && room.ref().equals(ref)) {
      context.getLog().warn("Room {} stopped unexpectedly", room.name());
      remove(key, room);
    }
  }

  /** A room of the cluster as its node lists it: known while it has members. */
  private void listed(String key, Room room, ChatRoom.Occupancy report) {
    if (report.members() > 0 || key.equals(permanentRoomKey)) {
      rooms.put(key, (room != null ? room
          : new Room(report.room(), sharded.get().room(key), 0, 0, "", false, null))
          .reported(report));
    } else if (room != null) {
      remove(key, room);
    }
  }

  private Room spawn(String name, RoomCreations.Creator creator) {
    if (sharded.isPresent()) {
      creations.created(creator);
      return new Room(name, sharded.get().room(name), 0, 0, "", false, creator);
    }
    String key = Names.key(name);
    ActorRef<ChatRoom.Command> ref = context.spawn(
        ChatRoom.create(name, historySize, occupancy, clock, archive),
        "room-" + key + "-" + (++roomsCreated));
    context.watchWith(ref, new Registry.RoomStopped(key, ref));
    creations.created(creator);
    return new Room(name, ref, 0, 0, "", false, creator);
  }

  /** Forgets a room that is gone, so that it no longer counts against its creator. */
  private void remove(String key, Room room) {
    rooms.remove(key);
    creations.removed(room.creator());
  }
}
