package lochat.protocol.line;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import lochat.chat.Names;
import lochat.chat.RoomModes;

/**
 * Parses one line of the native protocol into a {@link LineCommand}.
 *
 * <p>A line that starts with {@code /} is a command; {@code //} at the start posts a line that
 * starts with a single {@code /}. Command names are case-insensitive. Nicknames and room names
 * are validated here, so a session only ever sees names that {@link Names} accepts. The parser
 * expects text that was already sanitised.
 */
public final class LineCommandParser {

  private LineCommandParser() {}

  public static LineCommand parse(String line) {
    if (line.isBlank()) {
      return new LineCommand.Blank();
    }
    if (!line.startsWith("/")) {
      return new LineCommand.Say(line);
    }
    if (line.startsWith("//")) {
      return new LineCommand.Say(line.substring(1));
    }
    String body = line.substring(1);
    int space = firstWhitespace(body);
    String name = (space < 0 ? body : body.substring(0, space)).toLowerCase(Locale.ROOT);
    String args = space < 0 ? "" : body.substring(space + 1).strip();
    if (name.isEmpty()) {
      return new LineCommand.Invalid(ErrorCode.UNKNOWN_COMMAND,
          "A command name must follow the /. Type /help for the list of commands");
    }
    switch (name) {
      case "nick":
        return nick(args);
      case "join":
        return join(args);
      case "part":
      case "leave":
        return withOptionalRoom(args, LineCommand.Part::new);
      case "rooms":
        return noArguments("rooms", args, new LineCommand.Rooms());
      case "list":
        return noArguments("list", args, new LineCommand.ListRooms());
      case "away":
        return new LineCommand.Away(args.isEmpty() ? Optional.empty() : Optional.of(args));
      case "whois":
        return whois(args);
      case "who":
      case "names":
        return withOptionalRoom(args, LineCommand.Who::new);
      case "msg":
      case "query":
        return msg(args);
      case "me":
        return args.isEmpty()
            ? badArgument("/me needs an action, e.g. /me waves")
            : new LineCommand.Me(args);
      case "topic":
        if (args.isEmpty()) {
          return new LineCommand.ShowTopic();
        }
        return new LineCommand.SetTopic(args.equals("-") ? "" : args);
      case "pass":
        return args.isEmpty()
            ? badArgument("/pass needs the server's password, e.g. /pass secret")
            : new LineCommand.Pass(args);
      case "oper":
        return oper(args);
      case "kill":
        return kill(args);
      case "wallops":
        return args.isEmpty()
            ? badArgument("/wallops needs a message, e.g. /wallops restarting at noon")
            : new LineCommand.Wallops(args);
      case "serverban":
        return serverBan(args);
      case "serverunban":
        return args.isEmpty() || firstWhitespace(args) >= 0
            ? badArgument("/serverunban needs one address mask, e.g. /serverunban 10.0.0.*")
            : new LineCommand.ServerUnban(args);
      case "serverbans":
        return noArguments("serverbans", args, new LineCommand.ServerBans());
      case "help":
        return new LineCommand.Help();
      case "ping":
        return new LineCommand.Ping(args);
      case "quit":
      case "exit":
        return new LineCommand.Quit(args.isEmpty() ? Optional.empty() : Optional.of(args));
      default:
        return RoomCommandParser.parse(name, args).orElseGet(() -> new LineCommand.Invalid(
            ErrorCode.UNKNOWN_COMMAND,
            "Unknown command /" + name + ". Type /help for the list of commands,"
                + " or start the line with // to post a line that begins with /"));
    }
  }

  /** Parses the nickname a client sends as its first line: a bare name or {@code /nick NAME}. */
  public static LineCommand parseRegistration(String line) {
    if (line.isBlank() || line.startsWith("/")) {
      return parse(line);
    }
    return nick(line.strip());
  }

  /** Parses what a client sends when asked for the server's password: a bare password or
   * {@code /pass PASSWORD}; other commands as usual. */
  public static LineCommand parsePassword(String line) {
    if (line.isBlank() || line.startsWith("/")) {
      return parse(line);
    }
    return new LineCommand.Pass(line.strip());
  }

  private static int firstWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code /nick NAME}; also a bare name at registration, and the web's {@code nick}. */
  public static LineCommand nick(String args) {
    if (args.isEmpty()) {
      return badArgument("/nick needs a nickname, e.g. /nick alice");
    }
    if (args.contains(" ")) {
      return new LineCommand.Invalid(ErrorCode.NICK_INVALID, "Nickname may not contain spaces");
    }
    return Names.nickProblem(args)
        .<LineCommand>map(problem -> new LineCommand.Invalid(ErrorCode.NICK_INVALID, problem))
        .orElseGet(() -> new LineCommand.Nick(args));
  }

  public static LineCommand whois(String args) {
    if (args.isEmpty() || args.contains(" ")) {
      return badArgument("/whois needs one nickname, e.g. /whois bob");
    }
    return Names.nickProblem(args)
        .<LineCommand>map(problem -> new LineCommand.Invalid(ErrorCode.NICK_INVALID, problem))
        .orElseGet(() -> new LineCommand.Whois(args));
  }

  /** {@code /join ROOM [KEY]}. */
  private static LineCommand join(String args) {
    int space = firstWhitespace(args);
    return join(space < 0 ? args : args.substring(0, space),
        space < 0 ? "" : args.substring(space + 1).strip());
  }

  /** Joining room {@code name} with {@code key} ("" for none). */
  public static LineCommand join(String name, String key) {
    if (name.isEmpty()) {
      return badArgument("/join needs a room name, e.g. /join games");
    }
    if (!key.isEmpty() && !RoomModes.isValidKey(key)) {
      return badArgument("A room key has 1 to " + RoomModes.MAX_KEY_LENGTH
          + " characters, no spaces or commas");
    }
    return room(name).<LineCommand>map(room -> new LineCommand.Join(room, key))
        .orElseGet(() -> invalidRoom(name));
  }

  /** A command whose only argument is an optional room name ("" for none). */
  public static LineCommand withOptionalRoom(
      String args, Function<Optional<String>, LineCommand> command) {
    if (args.isEmpty()) {
      return command.apply(Optional.empty());
    }
    return room(args)
        .map(room -> command.apply(Optional.of(room)))
        .orElseGet(() -> invalidRoom(args));
  }

  private static LineCommand msg(String args) {
    int space = firstWhitespace(args);
    if (space < 0) {
      return badArgument("/msg needs a nickname and a message, e.g. /msg bob hello");
    }
    String text = args.substring(space + 1).strip();
    boolean action = text.startsWith("/me ") || text.equals("/me");
    return msg(args.substring(0, space), action ? text.substring(3).strip() : text, action);
  }

  /** A private message of {@code text} to {@code nick}, an action when {@code action}. */
  public static LineCommand msg(String nick, String text, boolean action) {
    if (nick.isEmpty()) {
      return badArgument("/msg needs a nickname and a message, e.g. /msg bob hello");
    }
    if (text.isEmpty()) {
      return badArgument(action ? "/msg NICK /me needs an action"
          : "/msg needs a message after the nickname");
    }
    if (nick.contains(" ")) {
      return new LineCommand.Invalid(ErrorCode.NICK_INVALID, "Nickname may not contain spaces");
    }
    return Names.nickProblem(nick)
        .<LineCommand>map(problem -> new LineCommand.Invalid(ErrorCode.NICK_INVALID, problem))
        .orElseGet(() -> new LineCommand.Msg(nick, text, action));
  }

  private static LineCommand oper(String args) {
    String[] words = args.split("\\s+");
    if (args.isEmpty() || words.length != 2) {
      return badArgument("/oper needs an operator name and its password, e.g. /oper ann secret");
    }
    return new LineCommand.Oper(words[0], words[1]);
  }

  private static LineCommand kill(String args) {
    int space = firstWhitespace(args);
    String nick = space < 0 ? args : args.substring(0, space);
    if (nick.isEmpty()) {
      return badArgument("/kill needs a nickname and a reason, e.g. /kill bob spamming");
    }
    String reason = space < 0 ? "" : args.substring(space + 1).strip();
    return Names.nickProblem(nick)
        .<LineCommand>map(problem -> new LineCommand.Invalid(ErrorCode.NICK_INVALID, problem))
        .orElseGet(() -> new LineCommand.Kill(nick,
            reason.isEmpty() ? "No reason given" : reason));
  }

  private static LineCommand serverBan(String args) {
    int space = firstWhitespace(args);
    if (args.isEmpty()) {
      return badArgument("/serverban needs an address mask, e.g. /serverban 10.0.0.* spam");
    }
    String reason = space < 0 ? "" : args.substring(space + 1).strip();
    return new LineCommand.ServerBan(space < 0 ? args : args.substring(0, space),
        reason.isEmpty() ? "No reason given" : reason);
  }

  private static Optional<String> room(String args) {
    String room = Names.stripRoomPrefix(args);
    return args.contains(" ") || Names.roomProblem(room).isPresent()
        ? Optional.empty()
        : Optional.of(room);
  }

  private static LineCommand invalidRoom(String args) {
    String problem = args.contains(" ")
        ? "Room name may not contain spaces"
        : Names.roomProblem(Names.stripRoomPrefix(args)).orElse("Invalid room name");
    return new LineCommand.Invalid(ErrorCode.ROOM_INVALID, problem);
  }

  private static LineCommand noArguments(String command, String args, LineCommand parsed) {
    return args.isEmpty() ? parsed : badArgument("/" + command + " takes no arguments");
  }

  /**
   * {@code /history}: {@code count} posts (0: the default; at most 100) before the post with id
   * {@code before}, or the latest when it is 0.
   */
  public static LineCommand history(long before, long count) {
    return RoomCommandParser.history(before, count);
  }

  /** A missing or malformed argument, with the hint every such error ends with. */
  public static LineCommand badArgument(String message) {
    return new LineCommand.Invalid(ErrorCode.BAD_ARGUMENT, message + ". Type /help for help");
  }
}
