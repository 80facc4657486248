package lochat.protocol.line;

import java.util.List;
import java.util.Map;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.RoomInfo;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.chat.Topic;
import lochat.cluster.NodeEndpoints;
import lochat.store.HistoryEntry;
import lochat.store.ListEntry;
import lochat.store.ServerBan;

/**
 * Everything the native session says, each message rendered as one line without its terminator,
 * in one wire form: the native protocol's text lines ({@link LineRenderer}), or the browser's
 * JSON messages ({@code lochat.protocol.web.JsonRenderer}). The session decides what to say; an
 * implementation only says it, so that both forms always carry the same messages.
 *
 * <p>Each method is one kind of message of docs/protocol.md, Part I section 4 and Part III
 * section 18.
 */
public interface NativeReplies {

  /** What the server says to every client as it shuts down, before it closes the connection. */
  String SHUTDOWN_TEXT = "The server is shutting down. Goodbye!";

  /** A chat event: a post, a join, a departure, a rename, a topic, a private message, ... */
  String event(ChatEvent event);

  /** A post replayed from a room's history, with the time the room accepted it. */
  String history(Posted posted);

  /** A stored post or topic change, from {@code /history}. */
  String history(HistoryEntry entry);

  /** The end of a page of {@code /history}. */
  String historyEnd(String room, List<HistoryEntry> page);

  /** A room's topic, as set or as asked for. */
  String topic(String room, Topic topic);

  /** The room has no topic. */
  String noTopic(String room);

  /** {@code nick} entered {@code room}. */
  String joined(String room, String nick);

  /** The members of {@code room} in the order they joined, with their roles. */
  String who(String room, List<String> nicks, Map<String, Roles> roles);

  /** The members of {@code room}, none with a role. */
  default String who(String room, List<String> nicks) {
    return who(room, nicks, Map.of());
  }

  /** Why a room did not do what was asked; {@code subject} may be empty. */
  String refused(RoomRefusal reason, String room, String subject);

  /** A room's modes, with its key only when {@code showKey}. */
  String modes(String room, RoomModes modes, boolean showKey);

  /** One entry of a room's ban, exception or invite-exception list. */
  String listEntry(String room, ListEntry entry);

  /** The end of the room's list {@code list} ({@code b}, {@code e} or {@code I}). */
  String listEnd(String room, char list);

  /** Every room with its member count. */
  String rooms(List<RoomInfo> rooms);

  /** One room, with its member count and topic, in the answer to {@code /list}. */
  String room(RoomInfo room);

  /** {@code nick} is away. */
  String away(String nick, String message);

  /** Who {@code nick} is. */
  String whois(String nick, String protocol, List<String> rooms, String realName,
      boolean operator);

  /** The user is now server operator {@code name}. */
  String oper(String name);

  /** A server-wide address ban. */
  String serverBan(ServerBan ban);

  /** The answer to {@code /help}, one message per line of the command list. */
  List<String> help();

  /** Information for people. */
  String server(String text);

  /** The cluster's other nodes, where the client may go should this one die. */
  String nodes(List<NodeEndpoints> others);

  /** The server waits for a nickname, or for the password. */
  String prompt(String text);

  /** A command succeeded: {@code what} it was, and a {@code detail} (may be empty). */
  String ok(String what, String detail);

  /** The answer to a ping, with its {@code token}. */
  String pong(String token);

  /** A line was not accepted. */
  String error(ErrorCode code, String message);
}
