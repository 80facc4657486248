package lochat.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;

/**
 * What kind of value a setting takes, told from the form of its default in
 * {@code application.conf}, so that a value of the wrong kind can be named with its full path
 * before the settings are read.
 *
 * <p>A kind accepts what Typesafe Config's getter for it accepts: a string that reads as a
 * number for a number (system properties are always strings), {@code on}/{@code off} for a
 * boolean, a plain number of milliseconds or bytes for a duration or a size. Its limit: the
 * default must show the kind. A size or duration must be written with its unit ({@code 4096
 * bytes}, {@code 3s}), or it is taken for a whole number; a string default must not look like a
 * boolean ({@code on}, {@code yes}, ...), a duration or a size.
 */
enum SettingKind {
  BLOCK("a block of settings { ... }"),
  BOOLEAN("on or off"),
  WHOLE_NUMBER("a whole number"),
  NUMBER("a number"),
  DURATION("a duration such as 500ms, 30s or 15m"),
  SIZE("a size such as 4096 bytes or 256KiB"),
  LIST("a list [ ... ]"),
  STRING("a string");

  private static final String PATH = "value";

  /** How the kind is described in an error: "must be ..." */
  final String description;

  SettingKind(String description) {
    this.description = description;
  }

  /** The kind of the setting whose default is {@code defaultValue}. */
  static SettingKind of(ConfigValue defaultValue) {
    return switch (defaultValue.valueType()) {
      case OBJECT -> BLOCK;
      case LIST -> LIST;
      case BOOLEAN -> BOOLEAN;
      case NUMBER -> {
        Number number = (Number) defaultValue.unwrapped();
        yield number instanceof Integer || number instanceof Long ? WHOLE_NUMBER : NUMBER;
      }
      case NULL -> STRING;
      case STRING -> {
        Config alone = ConfigFactory.empty().withValue(PATH, defaultValue);
        yield BOOLEAN.accepts(alone, PATH) ? BOOLEAN
            : DURATION.accepts(alone, PATH) ? DURATION
            : SIZE.accepts(alone, PATH) ? SIZE
            : STRING;
      }
    };
  }

  /** Whether the value at {@code path}, which is there and not null, is of this kind. */
  boolean accepts(Config config, String path) {
    try {
      switch (this) {
        case BLOCK -> config.getObject(path);
        case BOOLEAN -> config.getBoolean(path);
        case WHOLE_NUMBER -> {
          double number = config.getNumber(path).doubleValue();
          if (number != Math.rint(number)) {
            return false;
          }
        }
        case NUMBER -> config.getNumber(path);
        case DURATION -> config.getDuration(path);
        case SIZE -> config.getBytes(path);
        case LIST -> config.getList(path);
        case STRING -> config.getString(path);
      }
      return true;
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      return false;
    }
  }
}
