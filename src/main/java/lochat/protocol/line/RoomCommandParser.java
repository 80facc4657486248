package lochat.protocol.line;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import lochat.chat.ModeChange;
import lochat.chat.ModeChanges;
import lochat.chat.Names;

/**
 * Parses the native commands that run a room and read its past: {@code /op}, {@code /deop},
 * {@code /voice}, {@code /devoice}, {@code /kick}, {@code /ban}, {@code /unban}, {@code /bans},
 * {@code /invite}, {@code /mode} and {@code /history}. Part of {@link LineCommandParser}, kept
 * apart for its size; pure like it.
 *
 * <p>{@code /mode} takes IRC's syntax ({@link ModeChanges}); the others are that syntax in
 * other words, so a session handles them all as one {@link LineCommand.Mode}. Whether the user
 * may do it is the room's to say, not the parser's: it only checks that names, masks and
 * numbers can be what they claim to be.
 */
final class RoomCommandParser {

  /** Posts {@code /history} shows when not told how many. */
  static final int DEFAULT_HISTORY = 20;

  /** Most posts one {@code /history} shows. */
  static final int MAX_HISTORY = 100;

  private RoomCommandParser() {}

  /** The command called {@code name} with {@code args}, or empty when it is none of these. */
  static Optional<LineCommand> parse(String name, String args) {
    LineCommand command = switch (name) {
      case "op" -> roles(args, "op", true, 'o');
      case "deop" -> roles(args, "deop", false, 'o');
      case "voice" -> roles(args, "voice", true, 'v');
      case "devoice" -> roles(args, "devoice", false, 'v');
      case "kick" -> kick(args);
      case "ban" -> args.isEmpty() ? bans(args) : mask(args, "ban", true);
      case "unban" -> mask(args, "unban", false);
      case "bans" -> bans(args);
      case "invite" -> invite(args);
      case "mode" -> mode(args);
      case "history" -> history(args);
      default -> null;
    };
    return Optional.ofNullable(command);
  }

  private static LineCommand roles(String args, String command, boolean on, char mode) {
    if (args.isEmpty()) {
      return badArgument("/" + command + " needs a nickname, e.g. /" + command + " bob");
    }
    List<ModeChange> changes = new ArrayList<>();
    for (String nick : words(args)) {
      Optional<String> problem = Names.nickProblem(nick);
      if (problem.isPresent()) {
        return new LineCommand.Invalid(ErrorCode.NICK_INVALID, problem.get());
      }
      if (changes.size() == ModeChanges.MAX_CHANGES) {
        return badArgument("/" + command + " takes at most " + ModeChanges.MAX_CHANGES
            + " nicknames at once");
      }
      changes.add(new ModeChange(on, mode, nick));
    }
    return new LineCommand.Mode(Optional.empty(), changes, List.of());
  }

  private static LineCommand kick(String args) {
    if (args.isEmpty()) {
      return badArgument("/kick needs a nickname, e.g. /kick bob spamming");
    }
    String[] parts = args.split("\\s+", 2);
    return Names.nickProblem(parts[0])
        .<LineCommand>map(problem -> new LineCommand.Invalid(ErrorCode.NICK_INVALID, problem))
        .orElseGet(() -> new LineCommand.Kick(parts[0], parts.length > 1 ? parts[1] : ""));
  }

  /** {@code /ban MASK} or {@code /unban MASK}: a bare nickname is {@code nick!*@*}. */
  private static LineCommand mask(String args, String command, boolean adding) {
    if (args.isEmpty() || words(args).size() > 1) {
      return badArgument("/" + command + " needs one nickname or mask, e.g. /" + command
          + " bob or /" + command + " *!*@10.0.0.7");
    }
    return new LineCommand.Mode(Optional.empty(),
        List.of(new ModeChange(adding, 'b', ModeChanges.fullMask(args))), List.of());
  }

  private static LineCommand bans(String args) {
    return room(args, optionalRoom -> new LineCommand.Mode(optionalRoom, List.of(), List.of('b')));
  }

  private static LineCommand invite(String args) {
    List<String> words = words(args);
    if (words.isEmpty() || words.size() > 2) {
      return badArgument("/invite needs a nickname and may name a room, e.g. /invite bob games");
    }
    Optional<String> problem = Names.nickProblem(words.get(0));
    if (problem.isPresent()) {
      return new LineCommand.Invalid(ErrorCode.NICK_INVALID, problem.get());
    }
    return room(words.size() > 1 ? words.get(1) : "",
        room -> new LineCommand.Invite(words.get(0), room));
  }

  /** {@code /mode [ROOM] [MODES [ARGS]]}: a first word starting with + or - is not a room. */
  private static LineCommand mode(String args) {
    List<String> words = words(args);
    Optional<String> room = Optional.empty();
    if (!words.isEmpty() && !isModeString(words.get(0))) {
      Optional<String> problem = roomProblem(words.get(0));
      if (problem.isPresent()) {
        return new LineCommand.Invalid(ErrorCode.ROOM_INVALID, problem.get());
      }
      room = Optional.of(Names.stripRoomPrefix(words.get(0)));
      words = words.subList(1, words.size());
    }
    if (words.isEmpty()) {
      return new LineCommand.Mode(room, List.of(), List.of());
    }
    ModeChanges.Parsed parsed = ModeChanges.parse(words.get(0), words.subList(1, words.size()));
    if (!parsed.unknown().isEmpty()) {
      return new LineCommand.Invalid(ErrorCode.UNKNOWN_MODE, "Unknown mode '"
          + parsed.unknown().get(0) + "'; a room's modes are " + ModeChanges.KNOWN
          + ". Type /help for help");
    }
    if (parsed.changes().isEmpty() && parsed.listQueries().isEmpty()) {
      return badArgument("/mode needs modes such as +m, +o NICK or +b MASK");
    }
    return new LineCommand.Mode(room, parsed.changes(), parsed.listQueries());
  }

  private static boolean isModeString(String word) {
    return word.startsWith("+") || word.startsWith("-");
  }

  /** {@code /history [N]} or {@code /history before ID [N]}. */
  private static LineCommand history(String args) {
    List<String> words = words(args);
    long before = 0;
    if (!words.isEmpty() && words.get(0).equalsIgnoreCase("before")) {
      Optional<Long> id = words.size() > 1 ? number(words.get(1)) : Optional.empty();
      if (id.isEmpty()) {
        return badArgument("/history before needs a post's id, e.g. /history before 120");
      }
      before = id.get();
      words = words.subList(2, words.size());
    }
    if (words.size() > 1) {
      return badArgument("/history takes a number of posts, e.g. /history 50");
    }
    if (words.isEmpty()) {
      return history(before, 0);
    }
    Optional<Long> asked = number(words.get(0));
    return asked.isEmpty()
        ? badArgument("/history takes a number of posts, e.g. /history 50")
        : history(before, asked.get());
  }

  /**
   * {@code count} posts (0: {@link #DEFAULT_HISTORY}; at most {@link #MAX_HISTORY}) just
   * before the post with id {@code before}, or the latest when it is 0.
   */
  static LineCommand history(long before, long count) {
    return new LineCommand.History(before,
        count <= 0 ? DEFAULT_HISTORY : (int) Math.min(count, MAX_HISTORY));
  }

  /** A whole number from 1 up, or empty. */
  private static Optional<Long> number(String word) {
    if (word.isEmpty() || word.length() > 18
        || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    long value = Long.parseLong(word);
    return value > 0 ? Optional.of(value) : Optional.empty();
  }

  /** An optional room argument, then the command it makes. */
  private static LineCommand room(String args,
      Function<Optional<String>, LineCommand> command) {
    if (args.isEmpty()) {
      return command.apply(Optional.empty());
    }
    Optional<String> problem = args.contains(" ") || args.contains("\t")
        ? Optional.of("Room name may not contain spaces") : roomProblem(args);
    return problem.<LineCommand>map(p -> new LineCommand.Invalid(ErrorCode.ROOM_INVALID, p))
        .orElseGet(() -> command.apply(Optional.of(Names.stripRoomPrefix(args))));
  }

  private static Optional<String> roomProblem(String word) {
    return Names.roomProblem(Names.stripRoomPrefix(word));
  }

  private static List<String> words(String args) {
    return args.isEmpty() ? List.of() : List.of(args.split("\\s+"));
  }

  private static LineCommand badArgument(String message) {
    return new LineCommand.Invalid(ErrorCode.BAD_ARGUMENT, message + ". Type /help for help");
  }
}
