package lochat.protocol.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.function.Function;
import lochat.protocol.TextSanitizer;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineCommand;
import lochat.protocol.line.LineCommandParser;

/**
 * Parses one message from a browser, a JSON object with a {@code type}, into the native
 * command it stands for (docs/protocol.md, Part III section 18), so that the native session
 * handles web users' messages exactly as native lines. Names are checked by the native
 * parser's own rules ({@link LineCommandParser#nick}, {@link LineCommandParser#join}, ...), and
 * every string is sanitised after it is decoded, since JSON escapes can carry what the raw
 * line could not. A {@code line} message is a native line, parsed as the session's state
 * parses native lines.
 *
 * <p>Pure and thread-safe. Limits: members other than those of the message's type are
 * ignored; nesting deeper than {@link #MAX_DEPTH} is refused as a bad message.
 */
public final class WebCommandParser {

  /** Deepest nesting of arrays and objects read; the protocol's messages are flat. */
  static final int MAX_DEPTH = 4;

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build());

  private WebCommandParser() {}

  /**
   * The command {@code message} stands for; {@code line} parses the text of a {@code line}
   * message, as native lines are parsed in the session's state.
   */
  public static LineCommand parse(String message, Function<String, LineCommand> line) {
    JsonNode json;
    try {
      json = JSON.readTree(message);
    } catch (JsonProcessingException notJson) {
      return badMessage("A message must be a JSON object with a \"type\", e.g."
          + " {\"type\":\"say\",\"text\":\"hello\"}");
    }
    if (json == null || !json.isObject() || !json.path("type").isTextual()) {
      return badMessage("A message must be a JSON object with a string \"type\", e.g."
          + " {\"type\":\"say\",\"text\":\"hello\"}");
    }
    Message m = new Message(json);
    String type = json.get("type").asText();
    try {
      return switch (type) {
        case "say" -> m.text("text").isBlank() ? new LineCommand.Blank()
            : new LineCommand.Say(m.text("text"));
        case "me" -> m.text("text").isBlank()
            ? LineCommandParser.badArgument("me needs a text, e.g. {\"type\":\"me\",\"text\":\"waves\"}")
            : new LineCommand.Me(m.text("text"));
        case "msg" -> LineCommandParser.msg(m.text("to").strip(), m.text("text").strip(),
            m.flag("action"));
        case "nick" -> LineCommandParser.nick(m.text("nick").strip());
        case "pass" -> m.text("password").isBlank()
            ? LineCommandParser.badArgument("pass needs the server's password")
            : new LineCommand.Pass(m.text("password").strip());
        case "join" -> LineCommandParser.join(m.text("room").strip(),
            m.optionalText("key").orElse("").strip());
        case "part" -> LineCommandParser.withOptionalRoom(
            m.optionalText("room").orElse("").strip(), LineCommand.Part::new);
        case "who" -> LineCommandParser.withOptionalRoom(
            m.optionalText("room").orElse("").strip(), LineCommand.Who::new);
        case "whois" -> LineCommandParser.whois(m.text("nick").strip());
        case "rooms" -> new LineCommand.Rooms();
        case "list" -> new LineCommand.ListRooms();
        case "away" -> new LineCommand.Away(m.optionalText("message").filter(a -> !a.isBlank()));
        case "topic" -> m.optionalText("text")
            .<LineCommand>map(text -> new LineCommand.SetTopic(text.strip()))
            .orElseGet(LineCommand.ShowTopic::new);
        case "history" -> LineCommandParser.history(m.number("before", 0), m.number("count", 0));
        case "line" -> line.apply(m.text("text"));
        case "quit" -> new LineCommand.Quit(m.optionalText("reason").filter(r -> !r.isBlank()));
        case "ping" -> new LineCommand.Ping(m.optionalText("token").orElse(""));
        case "pong" -> new LineCommand.Blank();
        default -> new LineCommand.Invalid(ErrorCode.UNKNOWN_COMMAND, "Unknown message type '"
            + TextSanitizer.clean(type) + "'; docs/protocol.md, Part III lists them");
      };
    } catch (WrongMember wrong) {
      return LineCommandParser.badArgument(type + " needs \"" + wrong.getMessage() + "\""
          + wrong.kind);
    }
  }

  private static LineCommand badMessage(String why) {
    return new LineCommand.Invalid(ErrorCode.BAD_MESSAGE, why);
  }

  /** The members of one message, sanitised as they are read. */
  private record Message(JsonNode json) {

    String text(String name) {
      return optionalText(name).orElseThrow(() -> new WrongMember(name, " as a string"));
    }

    Optional<String> optionalText(String name) {
      JsonNode value = json.get(name);
      if (value == null || value.isNull()) {
        return Optional.empty();
      }
      if (!value.isTextual()) {
        throw new WrongMember(name, " as a string");
      }
      return Optional.of(TextSanitizer.clean(value.asText()));
    }

    boolean flag(String name) {
      JsonNode value = json.get(name);
      if (value == null || value.isNull()) {
        return false;
      }
      if (!value.isBoolean()) {
        throw new WrongMember(name, " as true or false");
      }
      return value.asBoolean();
    }

    long number(String name, long absent) {
      JsonNode value = json.get(name);
      if (value == null || value.isNull()) {
        return absent;
      }
      if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
        throw new WrongMember(name, " as a whole number of 0 or more");
      }
      return value.asLong();
    }
  }

  /** A member missing, or of the wrong kind. */
  private static final class WrongMember extends RuntimeException {
    private final String kind;

    WrongMember(String name, String kind) {
      super(name, null, false, false);
      this.kind = kind;
    }
  }
}
