package lochat.protocol.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One IRC message (RFC 1459 and RFC 2812 section 2.3.1) with IRCv3 message tags: parsed from a
 * received line, or built by the server and rendered for sending.
 *
 * <p>It exists so that the IRC listener translates between wire lines and structured messages
 * in one place, tested without sockets. A tag without a value maps to {@code ""}, which the spec
 * makes equivalent to an empty value; the command is upper case.
 *
 * <p>Limits: this is the grammar only, not what commands mean, and not line lengths (see
 * {@link IrcLimits}). It takes a line already decoded from UTF-8 and without its CRLF, as
 * {@link lochat.protocol.LineFramer} gives it. Parsing is lenient where real clients are: parts
 * may be separated by several spaces, and a tag whose key is not a valid key name is dropped
 * instead of failing the message, as the IRCv3 spec requires. Messages built in code are checked
 * strictly, so that whatever is rendered parses back to an equal message.
 */
public record IrcMessage(
    Map<String, String> tags, Optional<String> prefix, String command, List<String> params) {

  /** RFC 2812: at most 15 parameters; after 14 middle ones, the rest of the line is the 15th. */
  public static final int MAX_PARAMS = 15;

  private static final Pattern COMMAND = Pattern.compile("[A-Za-z]+|[0-9]{3}");
  private static final Pattern TAG_KEY =
      Pattern.compile("\\+?(?:[A-Za-z0-9.-]+/)?[A-Za-z0-9-]+");

  public IrcMessage {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(command, "command");
    tags.forEach((key, value) -> {
      require(TAG_KEY.matcher(key).matches(), "Invalid tag key: " + key);
      require(value.indexOf('\0') < 0, "Tag value contains NUL: " + key);
    });
    prefix.ifPresent(p -> require(
        !p.isEmpty() && p.indexOf(' ') < 0 && !hasNulCrLf(p), "Invalid prefix: " + p));
    require(COMMAND.matcher(command).matches(), "Invalid command: " + command);
    require(params.size() <= MAX_PARAMS, "More than " + MAX_PARAMS + " parameters");
    for (int i = 0; i < params.size(); i++) {
      String param = params.get(i);
      require(!hasNulCrLf(param), "Parameter contains NUL, CR or LF: " + param);
      require(i == params.size() - 1 || !(param.isEmpty() || param.contains(" ")
          || param.startsWith(":")), "Only the last parameter may be empty, contain spaces"
          + " or start with ':': " + param);
    }
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    command = command.toUpperCase(Locale.ROOT);
    params = List.copyOf(params);
  }

  /** A message from {@code prefix} (usually the server's name), without tags. */
  public static IrcMessage of(String prefix, String command, String... params) {
    return new IrcMessage(Map.of(), Optional.of(prefix), command, List.of(params));
  }

  /** This message with {@code tags} instead of its own. */
  public IrcMessage withTags(Map<String, String> tags) {
    return new IrcMessage(tags, prefix, command, params);
  }

  public static IrcParse parse(String line) {
    if (hasNulCrLf(line)) {
      return new IrcParse.Invalid("Line contains NUL, CR or LF");
    }
    int n = line.length();
    int i = skipSpaces(line, 0);
    if (i == n) {
      return new IrcParse.Invalid("Line is empty");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    if (line.charAt(i) == '@') {
      int end = line.indexOf(' ', i);
      if (end < 0) {
        return new IrcParse.Invalid("Line has tags but no command");
      }
      parseTags(line.substring(i + 1, end), tags);
      i = skipSpaces(line, end);
    }
    Optional<String> prefix = Optional.empty();
    if (i < n && line.charAt(i) == ':') {
      int end = endOfWord(line, i);
      if (end == i + 1) {
        return new IrcParse.Invalid("Prefix is empty");
      }
      prefix = Optional.of(line.substring(i + 1, end));
      i = skipSpaces(line, end);
    }
    if (i == n) {
      return new IrcParse.Invalid("Line has no command");
    }
    int commandEnd = endOfWord(line, i);
    String command = line.substring(i, commandEnd);
    if (!COMMAND.matcher(command).matches()) {
      return new IrcParse.Invalid("Command must be letters or three digits: " + command);
    }
    List<String> params = new ArrayList<>();
    i = skipSpaces(line, commandEnd);
    while (i < n) {
      boolean colon = line.charAt(i) == ':';
      if (colon || params.size() == MAX_PARAMS - 1) {
        params.add(line.substring(colon ? i + 1 : i));
        break;
      }
      int end = endOfWord(line, i);
      params.add(line.substring(i, end));
      i = skipSpaces(line, end);
    }
    return new IrcParse.Ok(new IrcMessage(tags, prefix, command, params));
  }

  /** The wire form, without CRLF. */
  public String render() {
    StringBuilder line = new StringBuilder(64);
    if (!tags.isEmpty()) {
      line.append('@');
      tags.forEach((key, value) -> {
        if (line.length() > 1) {
          line.append(';');
        }
        line.append(key);
        if (!value.isEmpty()) {
          line.append('=').append(escapeTagValue(value));
        }
      });
      line.append(' ');
    }
    prefix.ifPresent(p -> line.append(':').append(p).append(' '));
    line.append(command);
    for (int i = 0; i < params.size(); i++) {
      String param = params.get(i);
      line.append(' ');
      if (i == params.size() - 1 && needsTrailing(i, param)) {
        line.append(':');
      }
      line.append(param);
    }
    return line.toString();
  }

  /**
   * Message text and ping tokens are always written as trailing, as other servers do (some
   * clients read a PING's token only from there); anything else only if it must.
   */
  private boolean needsTrailing(int index, String param) {
    return param.isEmpty() || param.contains(" ") || param.startsWith(":")
        || index > 0 && (command.equals("PRIVMSG") || command.equals("NOTICE"))
        || command.equals("PING") || command.equals("PONG");
  }

  /** Later occurrences of a key win; keys that are not valid key names are ignored. */
  private static void parseTags(String section, Map<String, String> tags) {
    for (String tag : section.split(";", -1)) {
      int eq = tag.indexOf('=');
      String key = eq < 0 ? tag : tag.substring(0, eq);
      if (TAG_KEY.matcher(key).matches()) {
        tags.remove(key);
        tags.put(key, eq < 0 ? "" : unescapeTagValue(tag.substring(eq + 1)));
      }
    }
  }

  static String escapeTagValue(String value) {
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case ';' -> out.append("\\:");
        case ' ' -> out.append("\\s");
        case '\\' -> out.append("\\\\");
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A lone backslash at the end is dropped, and so is the backslash of an unknown escape. */
  static String unescapeTagValue(String escaped) {
    if (escaped.indexOf('\\') < 0) {
      return escaped;
    }
    StringBuilder out = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c != '\\') {
        out.append(c);
      } else if (++i < escaped.length()) {
        char e = escaped.charAt(i);
        out.append(switch (e) {
          case ':' -> ';';
          case 's' -> ' ';
          case 'r' -> '\r';
          case 'n' -> '\n';
          default -> e;
        });
      }
    }
    return out.toString();
  }

  private static int skipSpaces(String line, int i) {
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static int endOfWord(String line, int i) {
    int space = line.indexOf(' ', i);
    return space < 0 ? line.length() : space;
  }

  private static boolean hasNulCrLf(String text) {
    return text.indexOf('\0') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
