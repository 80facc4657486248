package lochat.client;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import lochat.protocol.TextSanitizer;

/**
 * The time shown before every line, as irssi shows it: {@code --timestamp-format} takes a
 * {@link DateTimeFormatter} pattern ({@value #DEFAULT_PATTERN} unless told), or {@value #OFF}.
 * Pure: the time to show is given, never read from a clock here. A pattern is checked when it
 * is parsed, so that a bad one is refused before the client connects rather than on the first
 * line.
 */
final class Timestamps {

  static final String DEFAULT_PATTERN = "HH:mm";
  static final String OFF = "none";

  private final DateTimeFormatter format;
  private final ZoneId zone;

  private Timestamps(DateTimeFormatter format, ZoneId zone) {
    this.format = format;
    this.zone = zone;
  }

  /** No timestamps; times that are part of a line (history, topics) are shown in {@code zone}. */
  static Timestamps off(ZoneId zone) {
    return new Timestamps(null, zone);
  }

  /**
   * The timestamps a {@code --timestamp-format} value asks for.
   *
   * @throws IllegalArgumentException saying what is wrong with the pattern
   */
  static Timestamps parse(String pattern, ZoneId zone) {
    if (pattern.strip().toLowerCase(Locale.ROOT).equals(OFF)) {
      return off(zone);
    }
    if (pattern.isBlank()) {
      throw new IllegalArgumentException(
          "give a pattern such as " + DEFAULT_PATTERN + ", or " + OFF);
    }
    DateTimeFormatter format;
    try {
      format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
      format.format(Instant.EPOCH.atZone(zone));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IllegalArgumentException("'" + pattern + "' is not a time pattern such as "
          + DEFAULT_PATTERN + " (" + e.getMessage() + ")", e);
    }
    return new Timestamps(format, zone);
  }

  boolean on() {
    return format != null;
  }

  ZoneId zone() {
    return zone;
  }

  /** {@code time} in the chosen format; only when {@link #on()}. */
  String format(Instant time) {
    return TextSanitizer.clean(format.format(time.atZone(zone)));
  }
}
