package lochat.protocol.web;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

/**
 * Builds one compact JSON object, member by member, as one line: strings escaped by Jackson's
 * encoder, so that no user text can end the string or the line (a line feed becomes
 * {@code \n}). Times are UTC with milliseconds. Only what the web protocol's messages hold:
 * strings, numbers, booleans, lists of strings and lists of objects.
 */
final class JsonLine {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder json = new StringBuilder(96);
  private boolean first = true;

  private JsonLine() {
    json.append('{');
  }

  /** A message of {@code type}: {@code {"type":TYPE, ...}}. */
  static JsonLine of(String type) {
    return new JsonLine().put("type", type);
  }

  /** An object without a type, as an element of a list. */
  static JsonLine object() {
    return new JsonLine();
  }

  JsonLine put(String name, String value) {
    name(name).append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, json);
    json.append('"');
    return this;
  }

  JsonLine put(String name, long value) {
    name(name).append(value);
    return this;
  }

  JsonLine put(String name, boolean value) {
    name(name).append(value);
    return this;
  }

  JsonLine put(String name, Instant time) {
    return put(name, TIME.format(time));
  }

  JsonLine putStrings(String name, List<String> values) {
    name(name).append('[');
    for (int i = 0; i < values.size(); i++) {
      json.append(i == 0 ? "\"" : ",\"");
      JsonStringEncoder.getInstance().quoteAsString(values.get(i), json);
      json.append('"');
    }
    json.append(']');
    return this;
  }

  /** A list of objects, one made by {@code object} from each of {@code items}. */
  <T> JsonLine putObjects(String name, List<T> items, Function<T, JsonLine> object) {
    name(name).append('[');
    for (int i = 0; i < items.size(); i++) {
      json.append(i == 0 ? "" : ",").append(object.apply(items.get(i)).json).append('}');
    }
    json.append(']');
    return this;
  }

  private StringBuilder name(String name) {
    if (!first) {
      json.append(',');
    }
    first = false;
    return json.append('"').append(name).append("\":");
  }

  @Override
  public String toString() {
    int open = json.length();
    String line = json.append('}').toString();
    json.setLength(open);
    return line;
  }
}
