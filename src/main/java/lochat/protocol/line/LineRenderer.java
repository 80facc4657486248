package lochat.protocol.line;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.ChatEvent.PrivateMessage;
import lochat.chat.MessageKind;
import lochat.chat.RoomInfo;
import lochat.chat.Topic;

/**
 * Renders what the server says to a native-protocol client, one line each, without terminator.
 *
 * <p>Every line starts with an upper-case kind marker followed by a space; the fields after it
 * are separated by single spaces, and the last field is free text that may contain spaces.
 * Nicknames and room names never contain spaces, so every line splits unambiguously. The exact
 * grammar is in {@code docs/protocol.md}.
 */
public final class LineRenderer {

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

  private LineRenderer() {}

  public static String event(ChatEvent event) {
    if (event instanceof Posted posted) {
      return posted(posted);
    } else if (event instanceof MemberJoined joined) {
      return joined(joined.room(), joined.nick());
    } else if (event instanceof MemberLeft left) {
      return "LEFT " + left.room() + " " + left.nick() + " " + left.reason();
    } else if (event instanceof MemberRenamed renamed) {
      return "RENAMED " + renamed.room() + " " + renamed.oldNick() + " " + renamed.newNick();
    } else if (event instanceof ChatEvent.TopicChanged changed) {
      return changed.topic().map(topic -> topic(changed.room(), topic))
          .orElse("NOTOPIC " + changed.room() + " " + changed.by());
    } else if (event instanceof ChatEvent.Wallops wallops) {
      return "WALLOPS " + wallops.from() + " " + wallops.text();
    } else if (event instanceof PrivateMessage message) {
      return (message.kind() == MessageKind.ACTION ? "PRIVACTION " : "PRIV ")
          + message.from() + " " + message.to() + " " + message.text();
    }
    throw new IllegalArgumentException("Unknown event " + event);
  }

  public static String posted(Posted posted) {
    return (posted.kind() == MessageKind.ACTION ? "ACTION " : "MSG ")
        + posted.room() + " " + posted.nick() + " " + posted.text();
  }

  /** A post replayed from a room's history: {@code HISTORY <time> } and the post line. */
  public static String history(Posted posted) {
    return "HISTORY " + TIMESTAMP.format(posted.at().truncatedTo(ChronoUnit.SECONDS)) + " "
        + posted(posted);
  }

  /** {@code TOPIC <room> <set-by> <time> <text>}: a room's topic, as set or as asked for. */
  public static String topic(String room, Topic topic) {
    return "TOPIC " + room + " " + topic.setBy() + " "
        + TIMESTAMP.format(topic.setAt().truncatedTo(ChronoUnit.SECONDS)) + " " + topic.text();
  }

  /** {@code NOTOPIC <room>}: the room has no topic. */
  public static String noTopic(String room) {
    return "NOTOPIC " + room;
  }

  public static String joined(String room, String nick) {
    return "JOINED " + room + " " + nick;
  }

  public static String who(String room, List<String> nicks) {
    return "WHO " + room + (nicks.isEmpty() ? "" : " " + String.join(" ", nicks));
  }

  /** {@code ROOMS} followed by {@code name:members} for each room. */
  public static String rooms(List<RoomInfo> rooms) {
    StringBuilder line = new StringBuilder("ROOMS");
    for (RoomInfo room : rooms) {
      line.append(' ').append(room.name()).append(':').append(room.members());
    }
    return line.toString();
  }

  /** One room in the answer to {@code /list}: {@code ROOM <name> <members> [topic]}. */
  public static String room(RoomInfo room) {
    return "ROOM " + room.name() + " " + room.members()
        + (room.topic().isEmpty() ? "" : " " + room.topic());
  }

  /** {@code nick} is away: after {@code WHO} for each away member, and in {@code /whois}. */
  public static String away(String nick, String message) {
    return "AWAY " + nick + " " + message;
  }

  /**
   * The answer to {@code /whois}: {@code WHOIS <nick> <protocol> <rooms> <real name>}, the rooms
   * comma-separated, or {@code -} for none; a server operator's protocol is followed by
   * {@code ,operator}.
   */
  public static String whois(String nick, String protocol, List<String> rooms, String realName,
      boolean operator) {
    return "WHOIS " + nick + " " + protocol + (operator ? ",operator " : " ")
        + (rooms.isEmpty() ? "-" : String.join(",", rooms)) + " " + realName;
  }

  /** {@code OPER <name> <text>}: the user is now server operator {@code name}. */
  public static String oper(String name) {
    return "OPER " + name + " You are now a server operator";
  }

  /**
   * {@code SERVERBAN <mask> <set-by> <time> <reason>}: a server-wide address ban, as set and as
   * listed by {@code /serverbans}.
   */
  public static String serverBan(lochat.store.ServerBan ban) {
    return "SERVERBAN " + ban.mask() + " " + ban.setBy() + " "
        + TIMESTAMP.format(ban.setAt().truncatedTo(ChronoUnit.SECONDS)) + " " + ban.reason();
  }

  /** The answer to {@code /help}: one {@code SERVER} line per line of the command list. */
  public static List<String> help() {
    return HELP.stream().map(LineRenderer::server).toList();
  }

  private static final List<String> HELP = List.of(
      "Commands:",
      "  TEXT               post TEXT to your current room (//TEXT posts a line starting with /)",
      "  /me ACTION         post an action, shown as '* nick ACTION'",
      "  /msg NICK TEXT     send a private message (/msg NICK /me ACTION for an action)",
      "  /join ROOM         enter ROOM (created if needed); it becomes your current room",
      "  /part [ROOM]       leave ROOM (default: your current room)",
      "  /rooms             list rooms and how many are in each",
      "  /list              list rooms with how many are in each and their topics",
      "  /who [ROOM]        list who is in ROOM (default: your current room), and who is away",
      "  /whois NICK        show who NICK is: protocol, rooms, real name, away message",
      "  /away [MESSAGE]    mark yourself away with MESSAGE, or back without one",
      "  /topic [TEXT]      show your current room's topic, or set it (/topic - clears it)",
      "  /nick NEW          change your nickname",
      "  /pass PASSWORD     give the server's password, when it has one, before your nickname",
      "  /oper NAME PASSWORD  become a server operator, who alone may use these four:",
      "  /kill NICK REASON  disconnect NICK from the server",
      "  /wallops TEXT      send TEXT to every native user, every operator and IRC users +w",
      "  /serverban MASK [REASON]  ban addresses matching MASK (e.g. 10.0.0.*) from the server",
      "  /serverunban MASK  lift a server ban (/serverbans lists them)",
      "  /help              show this help",
      "  /quit [REASON]     leave the server");

  public static String server(String text) {
    return "SERVER " + text;
  }

  public static String prompt(String text) {
    return "PROMPT " + text;
  }

  /** A command's acknowledgement: {@code OK <what> <detail>}. */
  public static String ok(String what, String detail) {
    return "OK " + what + (detail.isEmpty() ? "" : " " + detail);
  }

  public static String error(ErrorCode code, String message) {
    return "ERROR " + code.wireName() + " " + message;
  }
}
