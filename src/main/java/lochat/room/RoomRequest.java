package lochat.room;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.ModeChange;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.cluster.ClusterMessage;
import lochat.store.ListEntry;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What may be asked of a room by anyone, member or not, through the registry, which wraps it
 * in a {@link ChatRoom.Forwarded} with who asks. Part of the room's protocol, kept apart from
 * {@link ChatRoom} for its size. What is done shows as events to every member; {@link Reply} is
 * what the asker alone is told.
 *
 * <p>Requests and replies cross nodes ({@link ClusterMessage}); inside a {@link
 * ChatRoom.Forwarded} a request is told by the short name below, which stays when a record is
 * renamed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
@JsonSubTypes({
    @JsonSubTypes.Type(value = RoomRequest.ChangeModes.class, name = "ChangeModes"),
    @JsonSubTypes.Type(value = RoomRequest.GetModes.class, name = "GetModes"),
    @JsonSubTypes.Type(value = RoomRequest.GetList.class, name = "GetList"),
    @JsonSubTypes.Type(value = RoomRequest.Kick.class, name = "Kick"),
    @JsonSubTypes.Type(value = RoomRequest.Invite.class, name = "Invite"),
    @JsonSubTypes.Type(value = RoomRequest.ChangeTopic.class, name = "ChangeTopic"),
    @JsonSubTypes.Type(value = RoomRequest.OutsidePost.class, name = "OutsidePost")})
public sealed interface RoomRequest extends ClusterMessage {

  /** Answers {@code request} from {@code session} that {@code room} does not exist. */
  static void answerNoSuchRoom(String room, ActorRef<ChatEvent> session, RoomRequest request) {
    if (request instanceof Asking asking) {
      asking.replyTo().tell(new ChatRoom.NoSuchRoom(room));
    } else {
      session.tell(new ChatEvent.PostRefused(room, RoomRefusal.NO_SUCH_ROOM));
    }
  }

  /** A request answered by a {@link Reply}; a post from outside is answered as posts are. */
  sealed interface Asking extends RoomRequest {
    ActorRef<Reply> replyTo();
  }

  /** Changes modes and roles; the changes made are shown to every member as one event. */
  record ChangeModes(List<ModeChange> changes, ActorRef<Reply> replyTo) implements Asking {

    public ChangeModes {
      changes = List.copyOf(changes);
    }
  }

  record GetModes(ActorRef<Reply> replyTo) implements Asking {}

  /** One of the lists: {@code b}, {@code e} or {@code I}. */
  record GetList(char list, ActorRef<Reply> replyTo) implements Asking {}

  record Kick(String nick, String reason, ActorRef<Reply> replyTo) implements Asking {}

  /** Invites {@code nick}, whose session is {@code target}, which is told. */
  record Invite(String nick, ActorRef<ChatEvent> target,
      ActorRef<Reply> replyTo) implements Asking {}

  /** Sets the topic, or clears it when {@code text} is empty. */
  record ChangeTopic(String text, ActorRef<Reply> replyTo) implements Asking {}

  /** A post from a non-member; answered like a member's, by a receipt or a refusal. */
  record OutsidePost(String text, MessageKind kind, Map<String, String> tags)
      implements RoomRequest {

    public OutsidePost {
      tags = Map.copyOf(tags);
    }
  }

  /** What the asker alone is told, about {@link #room}. */
  sealed interface Reply extends ClusterMessage
      permits Refused, ModesAre, ListIs, InviteSent, Shown, ChatRoom.NoSuchRoom {

    String room();
  }

  /** Not done, for {@code reason}, about {@code subject} (a nick, mask or argument, or ""). */
  record Refused(String room, RoomRefusal reason, String subject) implements Reply {}

  /** The room's modes; the key is shown to members and server operators only. */
  record ModesAre(String room, RoomModes modes, boolean showKey, Instant created)
      implements Reply {}

  record ListIs(String room, char list, List<ListEntry> entries) implements Reply {

    public ListIs {
      entries = List.copyOf(entries);
    }
  }

  record InviteSent(String room, String nick) implements Reply {}

  /**
   * What was done, for an asker who is not a member (a server operator): the event the members
   * were shown. It comes as a reply, not as an event, as it did not come through the asker's
   * connection like the room's events to its members.
   */
  record Shown(String room, ChatEvent event) implements Reply {}
}
