package lochat.protocol.line;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.ChatEvent.PrivateMessage;
import lochat.chat.MessageKind;
import lochat.chat.ModeChanges;
import lochat.chat.RoomInfo;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.chat.Topic;
import lochat.cluster.NodeEndpoints;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.ListEntry;
import lochat.store.ServerBan;

/**
 * Renders what the server says to a native-protocol client, one line each, without terminator.
 *
 * <p>Every line starts with an upper-case kind marker followed by a space; the fields after it
 * are separated by single spaces, and the last field is free text that may contain spaces.
 * Nicknames and room names never contain spaces, so every line splits unambiguously. The exact
 * grammar is in {@code docs/protocol.md}.
 */
public final class LineRenderer implements NativeReplies {

  /** The one instance: the renderer has no state. */
  public static final LineRenderer INSTANCE = new LineRenderer();

  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_INSTANT;

  private LineRenderer() {}

  @Override
  public String event(ChatEvent event) {
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
    } else if (event instanceof ChatEvent.ModesChanged changed) {
      return "MODE " + changed.room() + " " + changed.by() + " " + ModeChanges.format(changed.changes());
    } else if (event instanceof ChatEvent.Kicked kicked) {
      return "KICKED " + kicked.room() + " " + kicked.by() + " " + kicked.nick()
          + (kicked.reason().isEmpty() ? "" : " " + kicked.reason());
    } else if (event instanceof ChatEvent.Invited invited) {
      return "INVITED " + invited.room() + " " + invited.by();
    } else if (event instanceof ChatEvent.PostRefused refused) {
      return refused(refused.reason(), refused.room(), "");
    }
    throw new IllegalArgumentException("Unknown event " + event);
  }

  /** {@code MSG} or {@code ACTION}: a post, as every member is shown it. */
  public static String posted(Posted posted) {
    return (posted.kind() == MessageKind.ACTION ? "ACTION " : "MSG ")
        + posted.room() + " " + posted.nick() + " " + posted.text();
  }

  /** A post replayed from a room's history: {@code HISTORY <time> } and the post line. */
  @Override
  public String history(Posted posted) {
    return "HISTORY " + TIMESTAMP.format(posted.at().truncatedTo(ChronoUnit.SECONDS)) + " "
        + posted(posted);
  }

  /** {@code TOPIC <room> <set-by> <time> <text>}: a room's topic, as set or as asked for. */
  @Override
  public String topic(String room, Topic topic) {
    return "TOPIC " + room + " " + topic.setBy() + " "
        + TIMESTAMP.format(topic.setAt().truncatedTo(ChronoUnit.SECONDS)) + " " + topic.text();
  }

  /** {@code NOTOPIC <room>}: the room has no topic. */
  @Override
  public String noTopic(String room) {
    return "NOTOPIC " + room;
  }

  @Override
  public String joined(String room, String nick) {
    return "JOINED " + room + " " + nick;
  }

  /** {@code WHO <room> <nick>...}, operators as {@code @nick}, voiced members as {@code +nick}. */
  @Override
  public String who(String room, List<String> nicks, Map<String, Roles> roles) {
    StringBuilder line = new StringBuilder("WHO ").append(room);
    for (String nick : nicks) {
      line.append(' ').append(roles.getOrDefault(nick, Roles.NONE).prefixes(true)).append(nick);
    }
    return line.toString();
  }

  /** Why a room did not do what was asked: {@code ERROR <code> <why>: <subject> (<room>)}. */
  @Override
  public String refused(RoomRefusal reason, String room, String subject) {
    return "ERROR " + reason.code() + " " + reason.sentence(room, subject);
  }

  /** {@code MODES <room> <modes> [args]}: a room's modes, {@code +ntk key} or {@code +nt}. */
  @Override
  public String modes(String room, RoomModes modes, boolean showKey) {
    return "MODES " + room + " " + modes.describe(showKey);
  }

  /**
   * One entry of a room's list {@code list} ({@code b}, {@code e} or {@code I}):
   * {@code BAN <room> <mask> <set-by> <time>}, or {@code EXCEPT} or {@code INVEX} for the
   * others.
   */
  @Override
  public String listEntry(String room, ListEntry entry) {
    return listKind(entry.mode()) + " " + room + " " + entry.mask() + " " + entry.setBy() + " "
        + TIMESTAMP.format(entry.setAt().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The line that ends a list: {@code BANS <room>}, {@code EXCEPTS} or {@code INVEXES}. */
  @Override
  public String listEnd(String room, char list) {
    return (list == 'I' ? "INVEXES" : listKind(list) + "S") + " " + room;
  }

  private static String listKind(char list) {
    return switch (list) {
      case 'b' -> "BAN";
      case 'e' -> "EXCEPT";
      case 'I' -> "INVEX";
      default -> throw new IllegalArgumentException("Not a room list: " + list);
    };
  }

  /**
   * A stored post or topic change, as a {@code HISTORY} line: {@code HISTORY <time>} and the
   * line it was shown as ({@code MSG}, {@code ACTION}, {@code TOPIC} or {@code NOTOPIC}).
   */
  @Override
  public String history(HistoryEntry entry) {
    if (entry.kind() != EntryKind.TOPIC) {
      return history(entry.toPosted());
    }
    String shown = entry.text().isEmpty()
        ? "NOTOPIC " + entry.room() + " " + entry.nick()
        : topic(entry.room(), new Topic(entry.text(), entry.nick(), entry.at()));
    return "HISTORY " + TIMESTAMP.format(entry.at().truncatedTo(ChronoUnit.SECONDS)) + " "
        + shown;
  }

  /**
   * The line that ends a page of {@code /history}: {@code ENDHISTORY <room> <count> <first>},
   * {@code first} the id of its oldest entry, which {@code /history before} pages back from (0
   * when the page is empty: there is nothing older).
   */
  @Override
  public String historyEnd(String room, List<HistoryEntry> page) {
    return "ENDHISTORY " + room + " " + page.size() + " "
        + (page.isEmpty() ? 0 : page.get(0).id());
  }

  /** {@code ROOMS} followed by {@code name:members} for each room. */
  @Override
  public String rooms(List<RoomInfo> rooms) {
    StringBuilder line = new StringBuilder("ROOMS");
    for (RoomInfo room : rooms) {
      line.append(' ').append(room.name()).append(':').append(room.members());
    }
    return line.toString();
  }

  /** One room in the answer to {@code /list}: {@code ROOM <name> <members> [topic]}. */
  @Override
  public String room(RoomInfo room) {
    return "ROOM " + room.name() + " " + room.members()
        + (room.topic().isEmpty() ? "" : " " + room.topic());
  }

  /** {@code nick} is away: after {@code WHO} for each away member, and in {@code /whois}. */
  @Override
  public String away(String nick, String message) {
    return "AWAY " + nick + " " + message;
  }

  /**
   * The answer to {@code /whois}: {@code WHOIS <nick> <protocol> <rooms> <real name>}, the rooms
   * comma-separated, or {@code -} for none; a server operator's protocol is followed by
   * {@code ,operator}.
   */
  @Override
  public String whois(String nick, String protocol, List<String> rooms, String realName,
      boolean operator) {
    return "WHOIS " + nick + " " + protocol + (operator ? ",operator " : " ")
        + (rooms.isEmpty() ? "-" : String.join(",", rooms)) + " " + realName;
  }

  /** {@code OPER <name> <text>}: the user is now server operator {@code name}. */
  @Override
  public String oper(String name) {
    return "OPER " + name + " You are now a server operator";
  }

  /**
   * {@code SERVERBAN <mask> <set-by> <time> <reason>}: a server-wide address ban, as set and as
   * listed by {@code /serverbans}.
   */
  @Override
  public String serverBan(ServerBan ban) {
    return "SERVERBAN " + ban.mask() + " " + ban.setBy() + " "
        + TIMESTAMP.format(ban.setAt().truncatedTo(ChronoUnit.SECONDS)) + " " + ban.reason();
  }

  /** The answer to {@code /help}: one {@code SERVER} line per line of the command list. */
  @Override
  public List<String> help() {
    return HELP.stream().map(this::server).toList();
  }

  /** The command list, one line each, as {@code /help} shows it in every wire form. */
  public static final List<String> HELP = List.of(
      "Commands:",
      "  TEXT               post TEXT to your current room (//TEXT posts a line starting with /)",
      "  /me ACTION         post an action, shown as '* nick ACTION'",
      "  /msg NICK TEXT     send a private message (/msg NICK /me ACTION for an action)",
      "  /join ROOM [KEY]   enter ROOM (created if needed, and you run it); it becomes your"
          + " current room",
      "  /part [ROOM]       leave ROOM (default: your current room)",
      "  /rooms             list rooms and how many are in each",
      "  /list              list rooms with how many are in each and their topics",
      "  /who [ROOM]        list who is in ROOM (default: your current room), and who is away",
      "  /whois NICK        show who NICK is: protocol, rooms, real name, away message",
      "  /away [MESSAGE]    mark yourself away with MESSAGE, or back without one",
      "  /topic [TEXT]      show your current room's topic, or set it (/topic - clears it)",
      "  /history [N]       show your current room's last N posts (default 20, at most 100)",
      "  /history before ID [N]  show the N posts before post ID, to page back",
      "  /invite NICK [ROOM]  invite NICK into ROOM (default: your current room)",
      "  /op NICK           make NICK an operator of your current room (@NICK);"
          + " /deop NICK undoes it",
      "  /voice NICK        let NICK speak when the room is moderated (+NICK);"
          + " /devoice NICK undoes it",
      "  /kick NICK [REASON]  send NICK out of your current room",
      "  /ban MASK          keep NICK, or nick!user@host with * and ?, out; /unban MASK undoes it",
      "  /bans [ROOM]       list a room's bans",
      "  /mode [ROOM] [MODES [ARGS]]  show or change a room's modes: +m moderated, +i invite only,"
          + " +s secret, +t only operators set the topic, +n no posts from outside, +k KEY,"
          + " +l LIMIT",
      "  /nick NEW          change your nickname",
      "  /pass PASSWORD     give the server's password, when it has one, before your nickname",
      "  /oper NAME PASSWORD  become a server operator, who alone may use these four:",
      "  /kill NICK REASON  disconnect NICK from the server",
      "  /wallops TEXT      send TEXT to every native user, every operator and IRC users +w",
      "  /serverban MASK [REASON]  ban addresses matching MASK (e.g. 10.0.0.*) from the server",
      "  /serverunban MASK  lift a server ban (/serverbans lists them)",
      "  /ping [TOKEN]      check the connection: the server answers OK pong TOKEN",
      "  /help              show this help",
      "  /quit [REASON]     leave the server");

  @Override
  public String server(String text) {
    return "SERVER " + text;
  }

  /** {@code NODES host:port host:port/tls ...}: each node's native port, and its TLS port. */
  @Override
  public String nodes(List<NodeEndpoints> others) {
    StringBuilder line = new StringBuilder("NODES");
    for (NodeEndpoints node : others) {
      if (node.nativePort() != 0) {
        line.append(' ').append(node.hostPort(node.nativePort()));
      }
      if (node.nativeTlsPort() != 0) {
        line.append(' ').append(node.hostPort(node.nativeTlsPort())).append("/tls");
      }
    }
    return line.toString();
  }

  @Override
  public String prompt(String text) {
    return "PROMPT " + text;
  }

  /** A command's acknowledgement: {@code OK <what> <detail>}. */
  @Override
  public String ok(String what, String detail) {
    return "OK " + what + (detail.isEmpty() ? "" : " " + detail);
  }

  @Override
  public String pong(String token) {
    return ok("pong", token);
  }

  @Override
  public String error(ErrorCode code, String message) {
    return "ERROR " + code.wireName() + " " + message;
  }
}
