package lochat.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who created the rooms that exist, counted per user and per address, and whether one more may
 * be created: what keeps one client, or one machine, from using up the server's rooms.
 *
 * <p>Pure bookkeeping for the {@link Registry}, which calls it from its own thread only. A room
 * counts against its creator from {@link #created} until {@link #removed}, even after the
 * creator has left it or the server.
 */
final class RoomCreations {

  /** Who created a room: the user's session and its address. */
  record Creator(ActorRef<ChatEvent> session, String host) {}

  private final RoomLimits limits;
  private final Map<ActorRef<ChatEvent>, Integer> bySession = new HashMap<>();
  private final Map<String, Integer> byHost = new HashMap<>();

  RoomCreations(RoomLimits limits) {
    this.limits = limits;
  }

  /**
   * Why {@code creator} (null when unknown) may not create a room while {@code existing} rooms
   * exist, or empty when it may.
   */
  Optional<String> refusal(Creator creator, int existing) {
    if (existing >= limits.maxRooms()) {
      return Optional.of("The server already has " + limits.maxRooms() + " rooms, its limit");
    }
    if (creator == null) {
      return Optional.empty();
    }
    int byUser = bySession.getOrDefault(creator.session(), 0);
    if (limits.maxCreatedPerUser() > 0 && byUser >= limits.maxCreatedPerUser()) {
      return Optional.of("You have created " + byUser + " rooms that still exist, the most one"
          + " user may; join an existing room (/rooms lists them)");
    }
    int byAddress = byHost.getOrDefault(creator.host(), 0);
    if (limits.maxCreatedPerAddress() > 0 && byAddress >= limits.maxCreatedPerAddress()) {
      return Optional.of("Your address has created " + byAddress + " rooms that still exist,"
          + " the most one address may; join an existing room (/rooms lists them)");
    }
    return Optional.empty();
  }

  void created(Creator creator) {
    if (creator != null) {
      bySession.merge(creator.session(), 1, Integer::sum);
      byHost.merge(creator.host(), 1, Integer::sum);
    }
  }

  void removed(Creator creator) {
    if (creator != null) {
      bySession.computeIfPresent(creator.session(), (session, n) -> n > 1 ? n - 1 : null);
      byHost.computeIfPresent(creator.host(), (host, n) -> n > 1 ? n - 1 : null);
    }
  }
}
