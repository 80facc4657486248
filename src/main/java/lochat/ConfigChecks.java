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
    return value == 0 ? 0 : positive(lochat, path, value);
  }

  public static Duration positive(Config lochat, String path, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigException.BadValue(lochat.origin(), "lochat." + path,
          "must be longer than zero, not " + value);
    }
    return value;
  }
}
