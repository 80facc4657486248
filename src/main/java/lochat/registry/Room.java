package lochat.registry;

import lochat.room.ChatRoom;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * A room as the {@link Registry} keeps it: its actor, and what the registry knows of it for room
 * lists (a {@code secret} room is listed to its members only) and for deciding when it
 * may stop. {@code forwarded} counts the requests sent to it,
 * {@code creator} (null for the permanent room) is who it counts against. Immutable; the
 * registry replaces it as it changes.
 */
record Room(String name, RecipientRef<ChatRoom.Command> ref, int members, long forwarded,
    String topic, boolean secret, RoomCreations.Creator creator) {

  Room forwardedOneMore() {
    return new Room(name, ref, members, forwarded + 1, topic, secret, creator);
  }

  Room reported(ChatRoom.Occupancy occupancy) {
    return new Room(name, ref, occupancy.members(), forwarded, occupancy.topic(),
        occupancy.secret(), creator);
  }
}
