package lochat.room;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import lochat.chat.Names;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One per cluster node: where this node's members enter the cluster's rooms. It keeps one
 * {@link RoomLink} per room this node's users have been in, and hands each join to its room's
 * link, which takes it to the room wherever it runs.
 *
 * <p>Limits: links are kept for the node's life (one small actor per room used here).
 */
public final class RoomRelay extends AbstractBehavior<RoomRelay.Command> {

  public sealed interface Command {}

  /** A member of this node joins {@code room}; {@code join} holds its real delivery. */
  public record Enter(String room, ChatRoom.Join join) implements Command {}

  /** @param rooms finds a room by name, wherever it runs */
  public static Behavior<Command> create(Function<String, RecipientRef<ChatRoom.Command>> rooms) {
    return Behaviors.setup(context -> new RoomRelay(context, rooms));
  }

  private final Function<String, RecipientRef<ChatRoom.Command>> rooms;
  private final Map<String, ActorRef<RoomLink.Command>> links = new HashMap<>();

  private RoomRelay(ActorContext<Command> context,
      Function<String, RecipientRef<ChatRoom.Command>> rooms) {
    super(context);
    this.rooms = rooms;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Enter.class, this::onEnter)
        .build();
  }

  private Behavior<Command> onEnter(Enter enter) {
    String key = Names.key(enter.room());
    links.computeIfAbsent(key, room -> getContext().spawn(
            RoomLink.create(enter.room(), rooms.apply(room)), "link-" + room))
        .tell(new RoomLink.Enter(enter.join()));
    return this;
  }
}
