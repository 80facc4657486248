package lochat.room;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MessageKind;
import lochat.chat.Topic;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One chat room: its members, its recent history, and the order of everything said in it.
 *
 * <p>The room is the single place that orders a room's traffic: every member, the sender
 * included, receives each post in the order the room accepted it, and the sender's copy is its
 * receipt. A joiner learns of its own join from the {@link Joined} reply, the others from a
 * {@link ChatEvent.MemberJoined} event; a leaver already knows it left, so only the remaining
 * members receive {@link ChatEvent.MemberLeft}. Members are sessions of any wire protocol, known
 * by their {@link ChatEvent} address; the room watches them, so a session that dies without
 * saying goodbye still leaves.
 *
 * <p>A room has an optional topic that any member may set or clear; joiners receive it with
 * their {@link Joined} reply.
 *
 * <p>Delivery is a plain {@code tell} to each member: the room never waits for anyone. Keeping a
 * slow reader from growing without bound is the member session's job (its bounded send queue).
 * History is kept in memory only, bounded by {@code historySize}; it is lost on restart.
 */
public final class ChatRoom extends AbstractBehavior<ChatRoom.Command> {

  public sealed interface Command {}

  /**
   * Adds {@code member} as {@code nick} with user name {@code user}; the reply carries the
   * history and the member list.
   */
  public record Join(
      String nick, String user, ActorRef<ChatEvent> member, ActorRef<JoinResult> replyTo)
      implements Command {

    /** A member whose user name is its nickname. */
    public Join(String nick, ActorRef<ChatEvent> member, ActorRef<JoinResult> replyTo) {
      this(nick, nick, member, replyTo);
    }
  }

  /** {@code leftServer} when the member is leaving the server, not just this room. */
  public record Leave(ActorRef<ChatEvent> member, String reason, boolean leftServer)
      implements Command {}

  /** Posts {@code text}; {@code tags} are IRC client-only tags to pass on with it. */
  public record Post(
      ActorRef<ChatEvent> member, String text, MessageKind kind, Map<String, String> tags)
      implements Command {

    public Post(ActorRef<ChatEvent> member, String text, MessageKind kind) {
      this(member, text, kind, Map.of());
    }
  }

  public record Rename(ActorRef<ChatEvent> member, String newNick) implements Command {}

  /** Sent by the registry only, which counts the requests it forwards (see {@link Occupancy}). */
  public record GetMembers(ActorRef<MembersResult> replyTo) implements Command {}

  /** Sets the topic, or clears it when {@code text} is empty; members only. */
  public record SetTopic(ActorRef<ChatEvent> member, String text) implements Command {}

  public record GetTopic(ActorRef<TopicIs> replyTo) implements Command {}

  public record TopicIs(String room, Optional<Topic> topic) {}

  record MemberStopped(ActorRef<ChatEvent> member) implements Command {}

  /** The answer to a join, from the room or from the registry that refused to create it. */
  public sealed interface JoinResult {}

  /** @param userNames each member's user name, by nickname */
  public record Joined(
      String room,
      ActorRef<Command> roomRef,
      List<String> members,
      Map<String, String> userNames,
      List<Posted> history,
      Optional<Topic> topic)
      implements JoinResult {

    /** Members whose user names are their nicknames. */
    public Joined(String room, ActorRef<Command> roomRef, List<String> members,
        List<Posted> history, Optional<Topic> topic) {
      this(room, roomRef, members, userNamesOf(members), history, topic);
    }

    private static Map<String, String> userNamesOf(List<String> nicks) {
      Map<String, String> users = new LinkedHashMap<>();
      nicks.forEach(nick -> users.put(nick, nick));
      return users;
    }
  }

  public record JoinRefused(String room, String reason) implements JoinResult {}

  /** The answer to a member list request. */
  public sealed interface MembersResult {}

  public record Members(String room, List<String> nicks) implements MembersResult {}

  public record NoSuchRoom(String room) implements MembersResult {}

  /**
   * Sent to the room's owner after every join, departure, member list request and topic change:
   * how many members the room has, how many {@link Join} and {@link GetMembers} requests it has
   * handled in all (so that the owner can tell whether a request it forwarded is on its way),
   * and its topic ("" for none), for room lists.
   */
  public record Occupancy(String room, int members, long requestsHandled, String topic) {}

  /** Why a member left, as shown to the others. */
  public static final String CONNECTION_LOST = "connection lost";

  public static Behavior<Command> create(
      String name, int historySize, ActorRef<Occupancy> occupancy) {
    return create(name, historySize, occupancy, Clock.systemUTC());
  }

  public static Behavior<Command> create(
      String name, int historySize, ActorRef<Occupancy> occupancy, Clock clock) {
    return Behaviors.setup(
        context -> new ChatRoom(context, name, historySize, occupancy, clock));
  }

  private final String name;
  private final int historySize;
  private final ActorRef<Occupancy> occupancy;
  private final Clock clock;
  private final Map<ActorRef<ChatEvent>, String> members = new LinkedHashMap<>();
  private final Map<ActorRef<ChatEvent>, String> userNames = new HashMap<>();
  private final ArrayDeque<Posted> history = new ArrayDeque<>();
  private long requestsHandled;
  private Optional<Topic> topic = Optional.empty();

  private ChatRoom(
      ActorContext<Command> context,
      String name,
      int historySize,
      ActorRef<Occupancy> occupancy,
      Clock clock) {
    super(context);
    this.name = name;
    this.historySize = historySize;
    this.occupancy = occupancy;
    this.clock = clock;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, this::onJoin)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Post.class, this::onPost)
        .onMessage(Rename.class, this::onRename)
        .onMessage(GetMembers.class, this::onGetMembers)
        .onMessage(SetTopic.class, this::onSetTopic)
        .onMessage(GetTopic.class, this::onGetTopic)
        .onMessage(MemberStopped.class, this::onMemberStopped)
        .build();
  }

  private Behavior<Command> onJoin(Join join) {
    requestsHandled++;
    boolean isNew = !members.containsKey(join.member());
    if (isNew) {
      members.put(join.member(), join.nick());
      userNames.put(join.member(), join.user());
      getContext().watchWith(join.member(), new MemberStopped(join.member()));
    }
    // The owner hears first, so a room list the joiner asks for next already counts it.
    reportOccupancy();
    join.replyTo().tell(new Joined(
        name, getContext().getSelf(), nicks(), userNamesByNick(), List.copyOf(history), topic));
    if (isNew) {
      broadcastExcept(join.member(), new MemberJoined(name, join.nick(), join.user()));
    }
    return this;
  }

  private Behavior<Command> onLeave(Leave leave) {
    String nick = members.get(leave.member());
    if (nick != null) {
      remove(leave.member());
      broadcast(new MemberLeft(name, nick, leave.reason(), leave.leftServer()));
    }
    return this;
  }

  private Behavior<Command> onPost(Post post) {
    String nick = members.get(post.member());
    if (nick != null) {
      Posted posted = new Posted(name, nick, userNames.get(post.member()), post.text(),
          post.kind(), post.tags(), clock.instant());
      if (post.kind().isForPeople()) {
        remember(posted);
      }
      broadcast(posted);
    }
    return this;
  }

  private Behavior<Command> onRename(Rename rename) {
    String oldNick = members.get(rename.member());
    if (oldNick != null && !oldNick.equals(rename.newNick())) {
      members.put(rename.member(), rename.newNick());
      broadcast(new MemberRenamed(name, oldNick, rename.newNick()));
    }
    return this;
  }

  private Behavior<Command> onGetMembers(GetMembers request) {
    requestsHandled++;
    request.replyTo().tell(new Members(name, nicks()));
    reportOccupancy();
    return this;
  }

  private Behavior<Command> onSetTopic(SetTopic set) {
    String nick = members.get(set.member());
    if (nick != null) {
      topic = set.text().isEmpty()
          ? Optional.empty()
          : Optional.of(new Topic(set.text(), nick, clock.instant()));
      broadcast(new ChatEvent.TopicChanged(name, nick, topic));
      reportOccupancy();
    }
    return this;
  }

  private Behavior<Command> onGetTopic(GetTopic request) {
    request.replyTo().tell(new TopicIs(name, topic));
    return this;
  }

  private Behavior<Command> onMemberStopped(MemberStopped stopped) {
    String nick = members.get(stopped.member());
    if (nick != null) {
      remove(stopped.member());
      broadcast(new MemberLeft(name, nick, CONNECTION_LOST, true));
    }
    return this;
  }

  private void remove(ActorRef<ChatEvent> member) {
    members.remove(member);
    userNames.remove(member);
    getContext().unwatch(member);
    reportOccupancy();
  }

  private void remember(Posted posted) {
    if (historySize <= 0) {
      return;
    }
    if (history.size() == historySize) {
      history.removeFirst();
    }
    history.addLast(posted);
  }

  private void broadcast(ChatEvent event) {
    for (ActorRef<ChatEvent> member : members.keySet()) {
      member.tell(event);
    }
  }

  private void broadcastExcept(ActorRef<ChatEvent> excluded, ChatEvent event) {
    for (ActorRef<ChatEvent> member : members.keySet()) {
      if (!member.equals(excluded)) {
        member.tell(event);
      }
    }
  }

  private List<String> nicks() {
    return List.copyOf(members.values());
  }

  private Map<String, String> userNamesByNick() {
    Map<String, String> byNick = new LinkedHashMap<>();
    members.forEach((member, nick) -> byNick.put(nick, userNames.get(member)));
    return byNick;
  }

  private void reportOccupancy() {
    occupancy.tell(new Occupancy(
        name, members.size(), requestsHandled, topic.map(Topic::text).orElse("")));
  }
}
