package lochat.server;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings the server cannot start with, and how any configuration error is told to people: one
 * line per problem, naming the setting by its full path.
 *
 * <p>Typesafe Config puts where a value came from in front of its messages; for a value merged
 * from the defaults and the overrides that is a list of sources longer than the problem
 * ({@code merge of hardcoded value,application.conf @ jar:file:...: 5: Invalid value at ...}),
 * so only a single file's name and line are kept. Messages are otherwise Typesafe Config's own.
 */
final class InvalidSettings extends ConfigException {

  private static final Pattern INVALID_VALUE =
      Pattern.compile("Invalid value at '([^']*)': (.*)", Pattern.DOTALL);

  private final List<String> problems;

  /** @param problems one line each, as {@link SettingsCheck#wrongKinds} gives them */
  InvalidSettings(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem that {@code e} reports. */
  static List<String> linesOf(ConfigException e) {
    if (e instanceof InvalidSettings invalid) {
      return invalid.problems;
    }
    String message = e.getMessage();
    ConfigOrigin origin = e.origin();
    if (origin != null && (origin.filename() == null
        || origin.description().startsWith("merge of "))
        && message.startsWith(origin.description() + ": ")) {
      message = message.substring(origin.description().length() + 2);
    }
    Matcher invalidValue = INVALID_VALUE.matcher(message);
    if (invalidValue.matches()) {
      message = invalidValue.group(1) + ": " + invalidValue.group(2);
    }
    return List.of(message.replaceAll("\\s*\\R\\s*", " "));
  }
}
