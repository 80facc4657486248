package lochat;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --timeout} of the commands that wait for an answer from the network ({@code
 * discover}, {@code cluster status}): seconds ({@code 3}, {@code 1.5}, {@code 3s}), milliseconds
 * ({@code 500ms}) or ISO-8601 ({@code PT3S}), from 100 ms to 5 minutes. Pure.
 */
public final class CommandTimeout {

  private static final Duration SHORTEST = Duration.ofMillis(100);
  private static final Duration LONGEST = Duration.ofMinutes(5);
  private static final Pattern AMOUNT = Pattern.compile("(\\d{1,6}(?:\\.\\d{1,3})?)(ms|s)?");

  private CommandTimeout() {}

  /** {@code text} as a time to wait, or empty when it is not one or out of bounds. */
  public static Optional<Duration> parse(String text) {
    Duration duration;
    Matcher amount = AMOUNT.matcher(text.strip());
    if (amount.matches()) {
      double value = Double.parseDouble(amount.group(1));
      duration = Duration.ofMillis(Math.round("ms".equals(amount.group(2)) ? value
          : value * 1000));
    } else {
      try {
        duration = Duration.parse(text.strip());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0
        ? Optional.empty() : Optional.of(duration);
  }

  /** {@code text} as a time to wait; when it is not one, says why on {@code err}. */
  public static Optional<Duration> parse(String text, PrintWriter err) {
    Optional<Duration> duration = parse(text);
    if (duration.isEmpty()) {
      err.println(invalid(text));
    }
    return duration;
  }

  /** The one line that says why {@code text} is not a timeout. */
  private static String invalid(String text) {
    return "Invalid --timeout: a number of seconds from 0.1 to 300, such as 3, 1.5 or 500ms, not '"
        + text + "'";
  }
}
