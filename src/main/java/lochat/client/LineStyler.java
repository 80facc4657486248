package lochat.client;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import lochat.protocol.TextSanitizer;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Turns server lines into what the user reads: {@code [lobby] <alice> hi} rather than
 * {@code MSG lobby alice hi}, each kind in its own colour, mentions of the user's nick
 * highlighted ({@link Mentions}), after the time when {@link Timestamps} are on. Pure: the same
 * line, nick and time always give the same text. Control characters and escape sequences a
 * server sends are removed, so that only the client's own colours reach the terminal.
 */
public final class LineStyler {

  private static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
  private static final AttributedStyle ROOM = PLAIN.foreground(AttributedStyle.CYAN);
  private static final AttributedStyle NICK = PLAIN.bold();
  private static final AttributedStyle OWN_NICK = PLAIN.foreground(AttributedStyle.GREEN).bold();
  private static final AttributedStyle NOTICE = PLAIN.foreground(AttributedStyle.BRIGHT).faint();
  private static final AttributedStyle SERVER = PLAIN.foreground(AttributedStyle.YELLOW);
  private static final AttributedStyle ERROR = PLAIN.foreground(AttributedStyle.RED).bold();
  private static final AttributedStyle PRIVATE = PLAIN.foreground(AttributedStyle.MAGENTA);
  private static final AttributedStyle HISTORY = PLAIN.faint();
  private static final AttributedStyle TIME = PLAIN.faint();
  private static final AttributedStyle INFO = PLAIN.faint();
  private static final AttributedStyle MENTION =
      PLAIN.foreground(AttributedStyle.BLACK).background(AttributedStyle.YELLOW).bold();

  private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

  private LineStyler() {}

  /**
   * The line as the user reads it, history times shown in {@code zone}. What the server sent is
   * cleaned first, so that no server can act on the user's terminal.
   *
   * @param ownNick the user's nickname, or null before it has one
   */
  public static AttributedString style(ServerLine line, String ownNick, ZoneId zone) {
    return styleClean(new ServerLine(TextSanitizer.clean(line.kind()),
        TextSanitizer.clean(line.body())), ownNick, zone);
  }

  /**
   * The line as the user reads it, after the time it was shown ({@code now}) or, for a post
   * from a room's history, the time it was posted, when {@code stamps} are on.
   */
  static AttributedString style(ServerLine line, String ownNick, Timestamps stamps, Instant now) {
    if (!stamps.on()) {
      return style(line, ownNick, stamps.zone());
    }
    ServerLine clean = new ServerLine(TextSanitizer.clean(line.kind()),
        TextSanitizer.clean(line.body()));
    Optional<Instant> posted = clean.kind().equals("HISTORY")
        ? instant(clean.field(0)) : Optional.empty();
    AttributedStringBuilder out = new AttributedStringBuilder()
        .styled(TIME, stamps.format(posted.orElse(now)) + " ");
    return out.append(posted.isPresent()
        ? historicPost(clean, ownNick, stamps.zone())
        : styleClean(clean, ownNick, stamps.zone())).toAttributedString();
  }

  /** A message from the client itself (connection state, why it gives up), with its time. */
  static AttributedString info(String text, Timestamps stamps, Instant now) {
    AttributedStringBuilder out = new AttributedStringBuilder();
    if (stamps.on()) {
      out.styled(TIME, stamps.format(now) + " ");
    }
    return out.styled(INFO, text).toAttributedString();
  }

  /** The post a history line holds, dimmed; a history line never holds another to unwrap. */
  private static AttributedString historicPost(ServerLine line, String ownNick, ZoneId zone) {
    ServerLine post = ServerLine.parse(line.rest(1));
    String original = post.kind().equals("HISTORY")
        ? line.rest(1) : styleClean(post, ownNick, zone).toString();
    return new AttributedString(original, HISTORY);
  }

  private static Optional<Instant> instant(String timestamp) {
    try {
      return Optional.of(Instant.parse(timestamp));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static AttributedString styleClean(ServerLine line, String ownNick, ZoneId zone) {
    AttributedStringBuilder out = new AttributedStringBuilder();
    switch (line.kind()) {
      case "MSG" -> {
        room(out, line.field(0));
        nick(out.append('<'), line.field(1), ownNick).append("> ");
        text(out, line.rest(2), line.field(1), ownNick);
      }
      case "ACTION" -> {
        room(out, line.field(0));
        nick(out.append("* "), line.field(1), ownNick).append(' ');
        text(out, line.rest(2), line.field(1), ownNick);
      }
      case "PRIV", "PRIVACTION" -> {
        out.styled(PRIVATE, "[" + line.field(0) + " -> " + line.field(1) + "] ");
        if (line.kind().equals("PRIVACTION")) {
          out.styled(PRIVATE, "* " + line.field(0) + " ");
        }
        text(out, line.rest(2), line.field(0), ownNick);
      }
      case "HISTORY" -> {
        out.styled(HISTORY, localTime(line.field(0), zone) + " ");
        out.append(historicPost(line, ownNick, zone));
      }
      case "JOINED" -> notice(out, line.field(0), line.field(1) + " joined");
      case "LEFT" -> notice(out, line.field(0), line.field(1) + " left (" + line.rest(2) + ")");
      case "RENAMED" ->
          notice(out, line.field(0), line.field(1) + " is now known as " + line.field(2));
      case "TOPIC" -> notice(out, line.field(0), "topic: " + line.rest(3) + " (set by "
          + line.field(1) + " at " + localTime(line.field(2), zone) + ")");
      case "NOTOPIC" -> notice(out, line.field(0), line.field(1).isEmpty()
          ? "no topic" : line.field(1) + " cleared the topic");
      case "WHO" -> notice(out, line.field(0), "in the room: "
          + (line.rest(1).isEmpty() ? "nobody" : line.rest(1).replace(" ", ", ")));
      case "MODE" -> notice(out, line.field(0), line.field(1) + " sets mode " + line.rest(2));
      case "MODES" -> notice(out, line.field(0), "modes: " + line.rest(1));
      case "KICKED" -> kicked(out, line, ownNick);
      case "INVITED" -> out.styled(SERVER, line.field(1) + " invites you to #" + line.field(0)
          + "; /join " + line.field(0) + " to enter");
      case "BAN", "EXCEPT", "INVEX" -> notice(out, line.field(0), listName(line.kind()) + " "
          + line.field(1) + " (set by " + line.field(2) + " at " + localTime(line.field(3), zone)
          + ")");
      case "BANS", "EXCEPTS", "INVEXES" -> notice(out, line.field(0), "end of the "
          + listName(line.kind().substring(0, line.kind().length() - 1)) + " list");
      case "ENDHISTORY" -> notice(out, line.field(0), line.field(1).equals("0")
          ? "no earlier posts" : "end of " + line.field(1) + (line.field(1).equals("1")
              ? " post" : " posts") + "; /history before " + line.field(2) + " for earlier ones");
      case "ROOMS" -> out.styled(SERVER, "Rooms: " + rooms(line.body()));
      case "OK" -> out.styled(NOTICE, okText(line));
      case "ERROR" -> out.styled(ERROR, "Error: " + line.rest(1));
      case "SERVER", "PROMPT" -> out.styled(SERVER, line.body());
      default -> out.append(line.kind()).append(line.body().isEmpty() ? "" : " " + line.body());
    }
    return out.toAttributedString();
  }

  private static String localTime(String timestamp, ZoneId zone) {
    return instant(timestamp).map(time -> HOURS_MINUTES.format(time.atZone(zone)))
        .orElse(timestamp);
  }

  /** A kick: the user who was kicked is told by whom and why, the others see it happen. */
  private static void kicked(AttributedStringBuilder out, ServerLine line, String ownNick) {
    String reason = line.rest(3);
    if (line.field(2).equalsIgnoreCase(ownNick == null ? "" : ownNick)) {
      out.styled(ERROR, "You were kicked from #" + line.field(0) + " by " + line.field(1)
          + (reason.isEmpty() ? "" : ": " + reason));
    } else {
      notice(out, line.field(0), line.field(1) + " kicked " + line.field(2)
          + (reason.isEmpty() ? "" : " (" + reason + ")"));
    }
  }

  private static String listName(String kind) {
    return switch (kind) {
      case "BAN" -> "ban";
      case "EXCEPT" -> "ban exception";
      default -> "invite exception";
    };
  }

  private static String okText(ServerLine line) {
    String what = line.field(0);
    String detail = line.rest(1);
    return switch (what) {
      case "nick" -> "You are now " + detail;
      case "current" -> "You are now talking in " + detail;
      case "quit", "pass", "mode" -> detail;
      case "invite" -> "You invited " + line.field(1) + " to #" + line.field(2);
      default -> "OK " + line.body();
    };
  }

  private static String rooms(String body) {
    if (body.isEmpty()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    for (String room : body.split(" ")) {
      int colon = room.lastIndexOf(':');
      text.append(text.length() == 0 ? "" : ", ")
          .append(colon < 0 ? room : room.substring(0, colon) + " (" + room.substring(colon + 1) + ")");
    }
    return text.toString();
  }

  private static void room(AttributedStringBuilder out, String room) {
    out.styled(ROOM, "[" + room + "] ");
  }

  private static AttributedStringBuilder nick(
      AttributedStringBuilder out, String nick, String ownNick) {
    return out.styled(nick.equalsIgnoreCase(ownNick == null ? "" : ownNick) ? OWN_NICK : NICK, nick);
  }

  private static void notice(AttributedStringBuilder out, String room, String text) {
    room(out, room);
    out.styled(NOTICE, "-- " + text);
  }

  /** Appends {@code text}, highlighting whole-word mentions of the user's nick by others. */
  private static void text(AttributedStringBuilder out, String text, String author, String ownNick) {
    Optional<Matcher> found = Mentions.in(text, author, ownNick);
    if (found.isEmpty()) {
      out.append(text);
      return;
    }
    Matcher mention = found.get();
    int from = 0;
    while (mention.find()) {
      out.append(text.substring(from, mention.start()));
      out.styled(MENTION, mention.group());
      from = mention.end();
    }
    out.append(text.substring(from));
  }
}
