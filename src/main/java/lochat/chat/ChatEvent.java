package lochat.chat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.cluster.ClusterMessage;

/**
 * What the chat core tells a user's session: posts, membership changes and private messages.
 *
 * <p>Events are protocol-neutral facts. Each wire protocol renders them in its own way, so the
 * same room is served to native line clients and IRC clients alike, and to any protocol added.
 * All text in an event has already been sanitised by the session that accepted it.
 *
 * <p>Events cross nodes ({@link ClusterMessage}); where one is held as a {@code ChatEvent}
 * (a room's reply that shows an event), it is told by the short name below, which stays when a
 * record is renamed. A {@link SharedRenderings} is this node's cache and does not travel: an
 * event read from another node starts with an empty one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
    @JsonSubTypes.Type(value = ChatEvent.Posted.class, name = "Posted"),
    @JsonSubTypes.Type(value = ChatEvent.Receipt.class, name = "Receipt"),
    @JsonSubTypes.Type(value = ChatEvent.MemberJoined.class, name = "MemberJoined"),
    @JsonSubTypes.Type(value = ChatEvent.MemberLeft.class, name = "MemberLeft"),
    @JsonSubTypes.Type(value = ChatEvent.MemberRenamed.class, name = "MemberRenamed"),
    @JsonSubTypes.Type(value = ChatEvent.ModesChanged.class, name = "ModesChanged"),
    @JsonSubTypes.Type(value = ChatEvent.Kicked.class, name = "Kicked"),
    @JsonSubTypes.Type(value = ChatEvent.Invited.class, name = "Invited"),
    @JsonSubTypes.Type(value = ChatEvent.PostRefused.class, name = "PostRefused"),
    @JsonSubTypes.Type(value = ChatEvent.TopicChanged.class, name = "TopicChanged"),
    @JsonSubTypes.Type(value = ChatEvent.PrivateMessage.class, name = "PrivateMessage"),
    @JsonSubTypes.Type(value = ChatEvent.Wallops.class, name = "Wallops"),
    @JsonSubTypes.Type(value = ChatEvent.Removed.class, name = "Removed")})
public sealed interface ChatEvent extends ClusterMessage {

  /**
   * An event a room sends alike to every member it shows it to, so that each wire form of it is
   * rendered once and shared ({@link SharedRenderings}): a post, a member's arrival or departure.
   */
  sealed interface RenderedOnce extends ChatEvent permits Posted, MemberJoined, MemberLeft {
    SharedRenderings renderings();
  }

  /**
   * A post to a room. {@code user} is the poster's user name (IRC's {@code nick!user@host});
   * {@code protocol} the wire protocol it posted with ({@link Profile#protocol()}), which tells
   * a protocol with shorter lines whether the text was already held to its limit;
   * {@code tags} are the IRC client-only tags ({@code +name}) it carried, if any.
   * {@code id} is its id in the room's history (IRC's {@code msgid}), 0 for a post that is not
   * kept. {@code renderings} is where sessions share the wire forms they render it into.
   */
  record Posted(String room, String nick, String user, String protocol, String text,
      MessageKind kind, Map<String, String> tags, Instant at, long id,
      @JsonIgnore SharedRenderings renderings) implements RenderedOnce {

    public Posted {
      tags = Map.copyOf(tags);
      renderings = SharedRenderings.orNew(renderings);
    }

    /** A new post with its history id, not rendered yet. */
    public Posted(String room, String nick, String user, String protocol, String text,
        MessageKind kind, Map<String, String> tags, Instant at, long id) {
      this(room, nick, user, protocol, text, kind, tags, at, id, new SharedRenderings());
    }

    /** A new post that is not kept in history. */
    public Posted(String room, String nick, String user, String protocol, String text,
        MessageKind kind, Map<String, String> tags, Instant at) {
      this(room, nick, user, protocol, text, kind, tags, at, 0);
    }
  }

  /**
   * The receipt of the user's own post: the room has accepted it and already queued it for the
   * user's client (its echo, where the protocol shows one). Nothing to show; it tells the session
   * that the line that made the post is done.
   */
  record Receipt(Posted posted) implements ChatEvent {}

  /** {@code nick} joined {@code room}; {@code user} is its user name. */
  record MemberJoined(String room, String nick, String user,
      @JsonIgnore SharedRenderings renderings) implements RenderedOnce {

    public MemberJoined {
      renderings = SharedRenderings.orNew(renderings);
    }

    public MemberJoined(String room, String nick, String user) {
      this(room, nick, user, new SharedRenderings());
    }

    /** A member whose user name is its nickname. */
    public MemberJoined(String room, String nick) {
      this(room, nick, nick);
    }
  }

  /**
   * {@code nick} left {@code room}; {@code leftServer} when it left the server altogether (quit,
   * lost its connection), so that a protocol that reports a quit once per user, like IRC, can.
   */
  record MemberLeft(String room, String nick, String reason, boolean leftServer,
      @JsonIgnore SharedRenderings renderings) implements RenderedOnce {

    public MemberLeft {
      renderings = SharedRenderings.orNew(renderings);
    }

    public MemberLeft(String room, String nick, String reason, boolean leftServer) {
      this(room, nick, reason, leftServer, new SharedRenderings());
    }
  }

  record MemberRenamed(String room, String oldNick, String newNick) implements ChatEvent {}

  /** {@code by} changed the room's modes or members' roles: {@code changes}, in order. */
  record ModesChanged(String room, String by, List<ModeChange> changes) implements ChatEvent {

    public ModesChanged {
      changes = List.copyOf(changes);
    }
  }

  /** {@code by} removed {@code nick} from the room, saying {@code reason}; all members see it. */
  record Kicked(String room, String by, String nick, String reason) implements ChatEvent {}

  /** {@code by} invited this user into {@code room}. */
  record Invited(String room, String by) implements ChatEvent {}

  /**
   * The room did not take this user's post, for {@code reason}; ends the line that made it, as
   * a {@link Receipt} would.
   */
  record PostRefused(String room, RoomRefusal reason) implements ChatEvent {}

  /** The room's topic was set, or cleared when {@code topic} is empty; {@code by} did it. */
  record TopicChanged(String room, String by, Optional<Topic> topic)
      implements ChatEvent {}

  /**
   * A private message; both the target and the sender (as its receipt) receive it.
   * {@code fromUser} is the sender's user name, {@code fromProtocol} the wire protocol it sent
   * with (as in {@link Posted}), {@code tags} its IRC client-only tags. With the cluster on it
   * crosses to the recipient's node, so it is a {@link ClusterMessage}, versioned as they are.
   */
  record PrivateMessage(String from, String fromUser, String fromProtocol, String to,
      String text, MessageKind kind, Map<String, String> tags, Instant at)
      implements ChatEvent, ClusterMessage {

    public PrivateMessage {
      tags = Map.copyOf(tags);
    }
  }

  /**
   * A server operator's message to everyone who takes them (IRC {@code WALLOPS}): each session
   * decides whether its user is shown it. {@code fromUser} is the operator's user name.
   */
  record Wallops(String from, String fromUser, String text) implements ChatEvent {}

  /**
   * The server removes the user: killed by an operator, or {@code banned} by address. The
   * session says {@code reason}, leaves every room with it and closes.
   */
  record Removed(String reason, boolean banned) implements ChatEvent {}
}
