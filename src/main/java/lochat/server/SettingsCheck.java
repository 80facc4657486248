package lochat.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code lochat} settings a configuration has that the server does not know, and those of
 * the wrong kind, so that a misspelt name is not silently ignored and a wrong value is named by
 * its full path.
 *
 * <p>The known settings are those of the packaged {@code application.conf}, plus the logging
 * levels that {@code logback.xml} reads from system properties. The kind of each is told from
 * its default ({@link SettingKind}). Pure: a configuration in, lines for people out. It checks
 * kinds only; whether a value is in range is for the settings' own {@code fromConfig}.
 */
public final class SettingsCheck {

  /** Settings read by logback from system properties, not by the server. */
  private static final List<String> LOGGING_LEVELS =
      List.of("lochat.log.level", "lochat.pekko.log.level", "lochat.test.log.level");

  /** Blocks whose keys people choose (operators' names): none of them is unknown. */
  private static final List<String> USER_NAMED = List.of("lochat.operators");

  private static final int LONGEST_VALUE_SHOWN = 40;

  private final ConfigObject known;
  private final List<String> knownPaths;

  /** @param known every known {@code lochat} setting with its default, resolved */
  SettingsCheck(Config known) {
    this.known = known.withOnlyPath("lochat").root();
    this.knownPaths = new ArrayList<>();
    collectPaths(this.known, List.of(), knownPaths);
  }

  /** The settings of the packaged {@code application.conf} and the logging levels. */
  public static SettingsCheck againstDefaults() {
    Config defaults = ConfigFactory.parseResources(
        SettingsCheck.class.getClassLoader(), "application.conf").resolve();
    Config levels = ConfigFactory.empty();
    for (String level : LOGGING_LEVELS) {
      levels = levels.withValue(level, ConfigValueFactory.fromAnyRef(""));
    }
    return new SettingsCheck(defaults.withFallback(levels));
  }

  /**
   * One line per {@code lochat} key of {@code config} that is not a known setting, naming its
   * full path and, when one is close, the setting probably meant: {@code Unknown setting
   * lochat.prot (did you mean lochat.port?)}. A key whose block is unknown is named, not the
   * keys inside it.
   */
  public List<String> unknownSettings(Config config) {
    List<String> lines = new ArrayList<>();
    collectUnknown(known, config.root(), List.of(), lines);
    return lines;
  }

  /**
   * One line per known setting of {@code config} whose value is not of its kind, naming its
   * full path, the kind and the value: {@code lochat.port: must be a whole number, not "abc"}.
   * A block of the wrong kind is named, not the settings inside it.
   */
  public List<String> wrongKinds(Config config) {
    List<String> lines = new ArrayList<>();
    collectWrongKinds(known, config, List.of(), lines);
    return lines;
  }

  private void collectUnknown(
      ConfigObject known, ConfigObject given, List<String> path, List<String> lines) {
    for (String key : new TreeSet<>(given.keySet())) {
      List<String> keyPath = append(path, key);
      ConfigValue knownValue = known.get(key);
      ConfigValue givenValue = given.get(key);
      if (knownValue == null) {
        if (!path.isEmpty()) {
          String name = ConfigUtil.joinPath(keyPath);
          lines.add("Unknown setting " + name + ClosestName.among(name, knownPaths)
              .map(closest -> " (did you mean " + closest + "?)").orElse(""));
        }
      } else if (knownValue instanceof ConfigObject knownBlock
          && givenValue instanceof ConfigObject givenBlock
          && !USER_NAMED.contains(ConfigUtil.joinPath(keyPath))) {
        collectUnknown(knownBlock, givenBlock, keyPath, lines);
      }
    }
  }

  private static void collectWrongKinds(
      ConfigObject known, Config config, List<String> path, List<String> lines) {
    for (String key : new TreeSet<>(known.keySet())) {
      List<String> keyPath = append(path, key);
      String name = ConfigUtil.joinPath(keyPath);
      if (!config.hasPathOrNull(name)) {
        continue;
      }
      SettingKind kind = SettingKind.of(known.get(key));
      if (config.getIsNull(name) || !kind.accepts(config, name)) {
        lines.add(name + ": must be " + kind.description + ", not " + shown(config, name));
      } else if (kind == SettingKind.BLOCK) {
        collectWrongKinds((ConfigObject) known.get(key), config, keyPath, lines);
      }
    }
  }

  private static void collectPaths(ConfigObject block, List<String> path, List<String> paths) {
    for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
      List<String> keyPath = append(path, entry.getKey());
      if (keyPath.size() > 1) {
        paths.add(ConfigUtil.joinPath(keyPath));
      }
      if (entry.getValue() instanceof ConfigObject inner) {
        collectPaths(inner, keyPath, paths);
      }
    }
  }

  /** The value as written, shortened, and where it was set when that was a file. */
  private static String shown(Config config, String name) {
    if (config.getIsNull(name)) {
      return "null";
    }
    ConfigValue value = config.getValue(name);
    String text = value.render(ConfigRenderOptions.concise());
    if (text.length() > LONGEST_VALUE_SHOWN) {
      text = text.substring(0, LONGEST_VALUE_SHOWN) + "...";
    }
    ConfigOrigin origin = value.origin();
    return text + (origin.filename() == null ? ""
        : " (" + origin.filename()
            + (origin.lineNumber() < 0 ? "" : ", line " + origin.lineNumber()) + ")");
  }

  private static List<String> append(List<String> path, String key) {
    List<String> longer = new ArrayList<>(path);
    longer.add(key);
    return longer;
  }
}
