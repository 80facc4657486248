package lochat.connection;

import lochat.guard.Gatekeeper;
import lochat.operators.Operators;
import lochat.registry.Audience;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomRequest;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.japi.function.Function;

/**
 * A session's addresses for the answers it asks the registry, its rooms and the gatekeeper for:
 * message adapters that wrap each answer in the {@link SessionCommand} reply of its kind.
 *
 * <p>Each adapter is made when it is first needed, as an idle session has needed few of them
 * and every adapter costs each connection memory. Not thread-safe: the session's actor only.
 */
public final class ReplyAddresses {

  private final ActorContext<SessionCommand> context;
  private ActorRef<Registry.NickResult> nick;
  private ActorRef<ChatRoom.JoinResult> join;
  private ActorRef<ChatRoom.MembersResult> members;
  private ActorRef<Registry.RoomList> rooms;
  private ActorRef<Registry.PrivateResult> privateMessage;
  private ActorRef<ChatRoom.TopicIs> topic;
  private ActorRef<RoomRequest.Reply> room;
  private ActorRef<Gatekeeper.PasswordChecked> password;
  private ActorRef<Registry.UserResult> user;
  private ActorRef<Registry.Users> users;
  private ActorRef<Registry.Online> online;
  private ActorRef<Registry.WasResult> was;
  private ActorRef<Operators.LoginResult> oper;
  private ActorRef<Operators.BanResult> ban;
  private ActorRef<Audience.Reached> reached;

  ReplyAddresses(ActorContext<SessionCommand> context) {
    this.context = context;
  }

  public ActorRef<Registry.NickResult> nick() {
    return nick = made(nick, Registry.NickResult.class, SessionCommand.NickReply::new);
  }

  public ActorRef<ChatRoom.JoinResult> join() {
    return join = made(join, ChatRoom.JoinResult.class, SessionCommand.JoinReply::new);
  }

  public ActorRef<ChatRoom.MembersResult> members() {
    return members =
        made(members, ChatRoom.MembersResult.class, SessionCommand.MembersReply::new);
  }

  public ActorRef<Registry.RoomList> rooms() {
    return rooms = made(rooms, Registry.RoomList.class, SessionCommand.RoomsReply::new);
  }

  public ActorRef<Registry.PrivateResult> privateMessage() {
    return privateMessage = made(
        privateMessage, Registry.PrivateResult.class, SessionCommand.PrivateReply::new);
  }

  public ActorRef<ChatRoom.TopicIs> topic() {
    return topic = made(topic, ChatRoom.TopicIs.class, SessionCommand.TopicReply::new);
  }

  public ActorRef<RoomRequest.Reply> room() {
    return room = made(room, RoomRequest.Reply.class, SessionCommand.RoomReply::new);
  }

  public ActorRef<Gatekeeper.PasswordChecked> password() {
    return password =
        made(password, Gatekeeper.PasswordChecked.class, SessionCommand.PasswordReply::new);
  }

  public ActorRef<Registry.UserResult> user() {
    return user = made(user, Registry.UserResult.class, SessionCommand.UserReply::new);
  }

  public ActorRef<Registry.Users> users() {
    return users = made(users, Registry.Users.class, SessionCommand.UsersReply::new);
  }

  public ActorRef<Registry.Online> online() {
    return online = made(online, Registry.Online.class, SessionCommand.OnlineReply::new);
  }

  public ActorRef<Registry.WasResult> was() {
    return was = made(was, Registry.WasResult.class, SessionCommand.WasReply::new);
  }

  public ActorRef<Operators.LoginResult> oper() {
    return oper = made(oper, Operators.LoginResult.class, SessionCommand.OperReply::new);
  }

  public ActorRef<Operators.BanResult> ban() {
    return ban = made(ban, Operators.BanResult.class, SessionCommand.BanReply::new);
  }

  public ActorRef<Audience.Reached> reached() {
    return reached = made(reached, Audience.Reached.class, SessionCommand.ReachedReply::new);
  }

  private <M> ActorRef<M> made(
      ActorRef<M> made, Class<M> type, Function<M, SessionCommand> wrap) {
    return made != null ? made : context.messageAdapter(type, wrap);
  }
}
