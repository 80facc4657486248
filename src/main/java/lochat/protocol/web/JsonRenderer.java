package lochat.protocol.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MessageKind;
import lochat.chat.ModeChanges;
import lochat.chat.RoomInfo;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.chat.Topic;
import lochat.cluster.NodeEndpoints;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineRenderer;
import lochat.protocol.line.NativeReplies;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.ListEntry;
import lochat.store.ServerBan;

/**
 * Renders what the native session says as the browser's JSON messages: each native line kind
 * is one message {@code type} with its fields named, as docs/protocol.md, Part III section 18
 * lists them. One compact object per message, never containing a line feed, so that each can
 * be sent as one WebSocket text message. Posts carry their history id and the time the room
 * accepted them, which the native lines leave out.
 */
public final class JsonRenderer implements NativeReplies {

  public static final JsonRenderer INSTANCE = new JsonRenderer();

  private JsonRenderer() {}

  @Override
  public String event(ChatEvent event) {
    if (event instanceof Posted posted) {
      return posted(posted).toString();
    } else if (event instanceof ChatEvent.MemberJoined joined) {
      return joined(joined.room(), joined.nick());
    } else if (event instanceof ChatEvent.MemberLeft left) {
      return JsonLine.of("left").put("room", left.room()).put("nick", left.nick())
          .put("reason", left.reason()).toString();
    } else if (event instanceof ChatEvent.MemberRenamed renamed) {
      return JsonLine.of("renamed").put("room", renamed.room()).put("old", renamed.oldNick())
          .put("new", renamed.newNick()).toString();
    } else if (event instanceof ChatEvent.TopicChanged changed) {
      return changed.topic().map(topic -> topic(changed.room(), topic))
          .orElse(JsonLine.of("notopic").put("room", changed.room())
              .put("nick", changed.by()).toString());
    } else if (event instanceof ChatEvent.Wallops wallops) {
      return JsonLine.of("wallops").put("nick", wallops.from()).put("text", wallops.text())
          .toString();
    } else if (event instanceof ChatEvent.PrivateMessage message) {
      return JsonLine.of("priv").put("from", message.from()).put("to", message.to())
          .put("text", message.text()).put("kind", kind(message.kind()))
          .put("time", message.at()).toString();
    } else if (event instanceof ChatEvent.ModesChanged changed) {
      return JsonLine.of("mode").put("room", changed.room()).put("nick", changed.by())
          .put("changes", ModeChanges.format(changed.changes())).toString();
    } else if (event instanceof ChatEvent.Kicked kicked) {
      return JsonLine.of("kicked").put("room", kicked.room()).put("by", kicked.by())
          .put("nick", kicked.nick()).put("reason", kicked.reason()).toString();
    } else if (event instanceof ChatEvent.Invited invited) {
      return JsonLine.of("invited").put("room", invited.room()).put("by", invited.by())
          .toString();
    } else if (event instanceof ChatEvent.PostRefused refused) {
      return refused(refused.reason(), refused.room(), "");
    }
    throw new IllegalArgumentException("Unknown event " + event);
  }

  private static JsonLine posted(Posted posted) {
    return JsonLine.of("msg").put("room", posted.room()).put("nick", posted.nick())
        .put("text", posted.text()).put("kind", kind(posted.kind())).put("id", posted.id())
        .put("time", posted.at());
  }

  private static String kind(MessageKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String history(Posted posted) {
    return posted(posted).put("history", true).toString();
  }

  @Override
  public String history(HistoryEntry entry) {
    if (entry.kind() != EntryKind.TOPIC) {
      return history(entry.toPosted());
    }
    JsonLine line = entry.text().isEmpty()
        ? JsonLine.of("notopic").put("room", entry.room()).put("nick", entry.nick())
        : topicLine(entry.room(), new Topic(entry.text(), entry.nick(), entry.at()));
    return line.put("time", entry.at()).put("id", entry.id()).put("history", true).toString();
  }

  @Override
  public String historyEnd(String room, List<HistoryEntry> page) {
    return JsonLine.of("end-history").put("room", room).put("count", page.size())
        .put("oldest", page.isEmpty() ? 0 : page.get(0).id()).toString();
  }

  @Override
  public String topic(String room, Topic topic) {
    return topicLine(room, topic).put("time", topic.setAt()).toString();
  }

  private static JsonLine topicLine(String room, Topic topic) {
    return JsonLine.of("topic").put("room", room).put("nick", topic.setBy())
        .put("text", topic.text());
  }

  @Override
  public String noTopic(String room) {
    return JsonLine.of("notopic").put("room", room).toString();
  }

  @Override
  public String joined(String room, String nick) {
    return JsonLine.of("joined").put("room", room).put("nick", nick).toString();
  }

  @Override
  public String who(String room, List<String> nicks, Map<String, Roles> roles) {
    return JsonLine.of("who").put("room", room).putObjects("members", nicks, nick -> {
      Roles role = roles.getOrDefault(nick, Roles.NONE);
      return JsonLine.object().put("nick", nick).put("op", role.operator())
          .put("voice", role.voiced());
    }).toString();
  }

  @Override
  public String refused(RoomRefusal reason, String room, String subject) {
    return JsonLine.of("error").put("code", reason.code())
        .put("text", reason.sentence(room, subject))
        .put("room", room).toString();
  }

  @Override
  public String modes(String room, RoomModes modes, boolean showKey) {
    return JsonLine.of("modes").put("room", room).put("modes", modes.describe(showKey))
        .toString();
  }

  @Override
  public String listEntry(String room, ListEntry entry) {
    return JsonLine.of("list-entry").put("room", room).put("list", String.valueOf(entry.mode()))
        .put("mask", entry.mask()).put("by", entry.setBy()).put("time", entry.setAt())
        .toString();
  }

  @Override
  public String listEnd(String room, char list) {
    return JsonLine.of("list-end").put("room", room).put("list", String.valueOf(list))
        .toString();
  }

  @Override
  public String rooms(List<RoomInfo> rooms) {
    return JsonLine.of("rooms").putObjects("rooms", rooms,
        room -> JsonLine.object().put("name", room.name()).put("members", room.members()))
        .toString();
  }

  @Override
  public String room(RoomInfo room) {
    return JsonLine.of("room").put("name", room.name()).put("members", room.members())
        .put("topic", room.topic()).toString();
  }

  @Override
  public String away(String nick, String message) {
    return JsonLine.of("away").put("nick", nick).put("message", message).toString();
  }

  @Override
  public String whois(String nick, String protocol, List<String> rooms, String realName,
      boolean operator) {
    return JsonLine.of("whois").put("nick", nick).put("protocol", protocol)
        .put("operator", operator).putStrings("rooms", rooms).put("realName", realName)
        .toString();
  }

  @Override
  public String oper(String name) {
    return JsonLine.of("oper").put("name", name).put("text", "You are now a server operator")
        .toString();
  }

  @Override
  public String serverBan(ServerBan ban) {
    return JsonLine.of("serverban").put("mask", ban.mask()).put("by", ban.setBy())
        .put("time", ban.setAt()).put("reason", ban.reason()).toString();
  }

  @Override
  public List<String> help() {
    return LineRenderer.HELP.stream().map(this::server).toList();
  }

  @Override
  public String server(String text) {
    return JsonLine.of("server").put("text", text).toString();
  }

  /** Each web listener of the other nodes: its page's address and its chat WebSocket's. */
  @Override
  public String nodes(List<NodeEndpoints> others) {
    List<String> origins = others.stream()
        .flatMap(node -> node.pageOrigins().stream()).toList();
    return JsonLine.of("nodes").putObjects("nodes", origins, origin -> JsonLine.object()
        .put("page", origin + "/")
        .put("socket", (origin.startsWith("https:") ? "wss" : "ws")
            + origin.substring(origin.indexOf(':')) + "/ws"))
        .toString();
  }

  @Override
  public String prompt(String text) {
    return JsonLine.of("prompt").put("text", text).toString();
  }

  @Override
  public String ok(String what, String detail) {
    return JsonLine.of("ok").put("what", what).put("detail", detail).toString();
  }

  @Override
  public String error(ErrorCode code, String message) {
    return JsonLine.of("error").put("code", code.wireName()).put("text", message).toString();
  }

  /** The keep-alive's question, which the client answers with {@link #pong} of the token. */
  public String ping(String token) {
    return JsonLine.of("ping").put("token", token).toString();
  }

  @Override
  public String pong(String token) {
    return JsonLine.of("pong").put("token", token).toString();
  }
}
