package lochat.irc;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import lochat.chat.Names;
import lochat.registry.Registry;
import lochat.room.ChatRoom;

/**
 * What the IRC line being handled still waits for: answers from the registry and rooms, and the
 * rooms' echoes of its messages. The session acknowledges the line, and reads the next, only
 * when nothing is left ({@link #settled}), so that replies keep the order of requests.
 *
 * <p>A request to a room ({@link #awaitRoom}) awaits the room's replies and events in the order
 * the room sends them, which keeps its requests' order: each goes to the oldest request to the
 * room still waiting, which says when it has had its last.
 *
 * <p>Answers that come as a list are matched to the request that asked: member lists by room
 * (a room's answer and the registry's "no such room" may overtake each other), user and room
 * lists in the order asked; the session counts each answer {@link #arrived} once it has
 * handled it. An answer that no request awaited, or a request made twice, is a counting error
 * in the session, which would acknowledge a later line too early or never: these methods throw
 * rather than let it go unnoticed. Not thread-safe: the session's actor only.
 */
final class AwaitedReplies {

  private int due;
  private final Set<String> echoes = new HashSet<>(2);
  private final Map<String, Consumer<ChatRoom.MembersResult>> onMembers = new HashMap<>(2);
  private final Deque<Consumer<Registry.Users>> onUsers = new ArrayDeque<>(1);
  private final Deque<Consumer<Registry.RoomList>> onRooms = new ArrayDeque<>(1);
  private final Map<String, Deque<RoomAnswer>> onRoom = new HashMap<>(2);

  /**
   * What a request about a room awaits: the room's replies and events, in the order the room
   * sent them, until one of them ends it.
   */
  interface RoomAnswer {

    /** Handles a reply or event from the room (rendering a reply); true when it is the last. */
    boolean ends(Object replyOrEvent);
  }

  /** One more answer is due. */
  void request() {
    due++;
  }

  /**
   * One awaited answer (or echo) has come.
   *
   * @throws IllegalStateException when none was awaited
   */
  void arrived() {
    if (due == 0) {
      throw new IllegalStateException("A reply arrived that no request of this session awaited");
    }
    due--;
  }

  boolean settled() {
    return due == 0 && echoes.isEmpty();
  }

  /** Awaits the echo of a post or topic to {@code room}; false if one is awaited already. */
  boolean awaitEcho(String room) {
    if (echoes.add(Names.key(room))) {
      due++;
      return true;
    }
    return false;
  }

  boolean awaitsEcho(String room) {
    return echoes.contains(Names.key(room));
  }

  /** The echo from {@code room} has come; false if none was awaited. */
  boolean echoArrived(String room) {
    if (echoes.remove(Names.key(room))) {
      arrived();
      return true;
    }
    return false;
  }

  void awaitMembers(String room, Consumer<ChatRoom.MembersResult> then) {
    if (onMembers.putIfAbsent(Names.key(room), then) != null) {
      throw new IllegalStateException("Members of " + room + " are awaited twice");
    }
    due++;
  }

  void membersArrived(ChatRoom.MembersResult result) {
    String room = result instanceof ChatRoom.Members members
        ? members.room() : ((ChatRoom.NoSuchRoom) result).room();
    unawaitedIfNull(onMembers.remove(Names.key(room))).accept(result);
  }

  void awaitUsers(Consumer<Registry.Users> then) {
    onUsers.addLast(then);
    due++;
  }

  void usersArrived(Registry.Users users) {
    unawaitedIfNull(onUsers.pollFirst()).accept(users);
  }

  void awaitRooms(Consumer<Registry.RoomList> then) {
    onRooms.addLast(then);
    due++;
  }

  void roomsArrived(Registry.RoomList list) {
    unawaitedIfNull(onRooms.pollFirst()).accept(list);
  }

  /** Awaits what {@code room} answers to a request, after what earlier requests to it await. */
  void awaitRoom(String room, RoomAnswer answer) {
    onRoom.computeIfAbsent(Names.key(room), key -> new ArrayDeque<>(2)).addLast(answer);
    due++;
  }

  /**
   * A reply or event from {@code room}, given to the oldest request that awaits the room;
   * false when none does (for a reply, a counting error of the session's).
   */
  boolean roomAnswered(String room, Object replyOrEvent) {
    Deque<RoomAnswer> answers = onRoom.get(Names.key(room));
    if (answers == null) {
      return false;
    }
    if (answers.peekFirst().ends(replyOrEvent)) {
      answers.pollFirst();
      if (answers.isEmpty()) {
        onRoom.remove(Names.key(room));
      }
      arrived();
    }
    return true;
  }

  private static <T> Consumer<T> unawaitedIfNull(Consumer<T> then) {
    if (then == null) {
      throw new IllegalStateException("A list arrived that no request of this session awaited");
    }
    return then;
  }
}
