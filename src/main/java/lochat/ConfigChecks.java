package lochat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;

/** Range checks for settings, so that a bad value stops the server at startup with its name. */
public final class ConfigChecks {

  private ConfigChecks() {}

  /** {@code value} of {@code lochat.PATH}, which must be from 1 to {@code Integer.MAX_VALUE}. */
  public static int positive(Config lochat, String path, long value) {
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw new ConfigException.BadValue(lochat.origin(), "lochat." + path,
          "must be between 1 and " + Integer.MAX_VALUE + ", not " + value);
    }
    return (int) value;
  }

  /** Like {@link #positive(Config, String, long)}, with 0 allowed (meaning "off"). */
  public static int positiveOrZero(Config lochat, String path, long value) {
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new ConfigException.BadValue(lochat.origin(), "lochat." + path,
          "must be between 0 (off) and " + Integer.MAX_VALUE + ", not " + value);
    }
    return (int) value;
  }

  /** The TCP port {@code lochat.PATH}: 0 (any free port) to 65535. */
  public static int port(Config lochat, String path) {
    int port = lochat.getInt(path);
    if (port < 0 || port > 65535) {
      throw new ConfigException.BadValue(
          "lochat." + path, "must be between 0 and 65535, not " + port);
    }
    return port;
  }

  /** A duration as people write it: "1 second", "60 seconds", "500 ms". */
  public static String inWords(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + " ms";
    }
    long seconds = millis / 1000;
    return seconds == 1 ? "1 second" : seconds + " seconds";
  }

  public static Duration positive(Config lochat, String path, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException.BadValue(lochat.origin(), "lochat." + path,
          "must be longer than zero, not " + value);
    }
    return value;
  }

  public static Duration positiveOrZero(Config lochat, String path, Duration value) {
    if (value.isNegative()) {
      throw new ConfigException.BadValue(lochat.origin(), "lochat." + path,
          "must not be negative, not " + value);
    }
    return value;
  }
}
