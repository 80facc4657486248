package lochat.connection;

import java.time.Duration;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.guard.Gatekeeper;
import lochat.operators.Operators;
import lochat.registry.Audience;
import lochat.protocol.InboundLine;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomRequest;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The protocol of every session actor, whatever its wire protocol: declared once, so that the
 * listener, the connection stream and the shared {@link SessionLifecycle} address any session
 * alike, and so that a new wire protocol adds only the messages that are its own
 * ({@link Own}, such as {@link KeepAlive.Check}).
 *
 * <p>The reply records wrap the answers of the registry, the rooms and the gatekeeper; the
 * lifecycle makes the adapters that wrap them ({@link ReplyAddresses}). They are public only because sessions live in their protocols' packages: nothing but a
 * session's own adapters should send them.
 */
public sealed interface SessionCommand {

  /** A line from the client; {@code replyTo} is acknowledged once the line has been handled. */
  record Received(InboundLine line, ActorRef<Done> replyTo) implements SessionCommand {}

  /** The client's input ended: cleanly, or with {@code failure} when the connection broke. */
  record InputEnded(Optional<String> failure) implements SessionCommand {}

  /** Everything queued for the client has been written, or the connection is gone. */
  record OutputEnded() implements SessionCommand {}

  /** The server is going down: say so, flush and close. */
  record ServerShutdown() implements SessionCommand {}

  /**
   * The connection did not register within {@code after}: the registration timeout, or a
   * shorter one the listener applies when it is nearly full.
   */
  record RegistrationTimedOut(Duration after) implements SessionCommand {}

  /** The client did not read its last lines within the close timeout. */
  record CloseTimedOut() implements SessionCommand {}

  /** The client was dropped as too slow, by the session's own output or by a room. */
  record DroppedAsTooSlow() implements SessionCommand {}

  /**
   * A line the listener has for a signed-in client, rendered in the session's wire form: the
   * cluster's other nodes ({@link SessionProtocol#nodesLine}).
   */
  record Notice(String line) implements SessionCommand {}

  /** An event from the chat core: a room's or a private message. */
  record FromChat(ChatEvent event) implements SessionCommand {}

  record NickReply(Registry.NickResult result) implements SessionCommand {}

  record JoinReply(ChatRoom.JoinResult result) implements SessionCommand {}

  record MembersReply(ChatRoom.MembersResult result) implements SessionCommand {}

  record RoomsReply(Registry.RoomList list) implements SessionCommand {}

  record PrivateReply(Registry.PrivateResult result) implements SessionCommand {}

  record TopicReply(ChatRoom.TopicIs topic) implements SessionCommand {}

  /** A room's answer to a {@link lochat.room.RoomRequest} (modes, lists, kick, invite, topic). */
  record RoomReply(RoomRequest.Reply reply) implements SessionCommand {}

  record UserReply(Registry.UserResult result) implements SessionCommand {}

  record UsersReply(Registry.Users users) implements SessionCommand {}

  record OnlineReply(Registry.Online online) implements SessionCommand {}

  record WasReply(Registry.WasResult result) implements SessionCommand {}

  record PasswordReply(Gatekeeper.PasswordChecked checked) implements SessionCommand {}

  record OperReply(Operators.LoginResult result) implements SessionCommand {}

  record BanReply(Operators.BanResult result) implements SessionCommand {}

  record ReachedReply(Audience.Reached reached) implements SessionCommand {}

  /** A message one wire protocol's session has and the others do not. */
  non-sealed interface Own extends SessionCommand {}
}
