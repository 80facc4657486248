package lochat.store;

import java.util.List;
import java.util.Optional;
import lochat.chat.Topic;

/**
 * What a room must get back after a restart besides its history: its topic, its modes and its
 * lists (bans and exceptions).
 *
 * <p>{@code modes} is opaque to the store: the room writes it and reads it back as it likes
 * (e.g. {@code "ntk secret"}), "" for none. Saving a room's state replaces the one saved before.
 */
public record RoomState(String room, Optional<Topic> topic, String modes, List<ListEntry> lists) {

  public RoomState {
    lists = List.copyOf(lists);
  }

  /** A room with no topic, no modes and empty lists. */
  public static RoomState empty(String room) {
    return new RoomState(room, Optional.empty(), "", List.of());
  }
}
