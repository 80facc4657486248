package lochat.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of one scenario against one server: a row of the table people read, and a JSON
 * object for scripts.
 *
 * <p>Rates are per second of the measured {@code seconds}; deliveries are every message
 * received, duplicates included. Latencies are in milliseconds with 3 decimals (microsecond
 * resolution). The server's CPU time, when known, is given per million deliveries, the cost of
 * one delivery that can be compared between servers.
 *
 * <p>{@code extras} are figures only some scenarios have (the sustainable rate of a ramp, the
 * memory per connection of a capacity run, ...), in the order given: numbers, booleans, strings,
 * null, or lists of numbers (a JSON array; in the table, joined by {@code /}). They follow the
 * fixed keys in JSON, and the check column in the table, where a number whose key ends in
 * {@code _ms} has 3 decimals, others 1.
 *
 * <p>The JSON object is one line, keys in a fixed order, with a latency of {@code null} when
 * nothing was received and the CPU figure {@code null} when unknown. It is written by hand: the
 * project has no JSON library, and only strings need escaping.
 */
public record RunSummary(
    String scenario,
    String target,
    double seconds,
    long published,
    DeliveryTotals delivery,
    OptionalDouble serverCpuSeconds,
    Map<String, Object> extras) {

  private static final String ROW =
      "%-20s %-14s %12s %12s %23s %8s %8s %8s %8s %9s %9s %9s %9s %9s  %s";

  public RunSummary {
    Objects.requireNonNull(scenario);
    Objects.requireNonNull(target);
    Objects.requireNonNull(delivery);
    Objects.requireNonNull(serverCpuSeconds);
    extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("Seconds must be positive: " + seconds);
    }
  }

  /** A result with no scenario-specific figures. */
  public RunSummary(String scenario, String target, double seconds, long published,
      DeliveryTotals delivery, OptionalDouble serverCpuSeconds) {
    this(scenario, target, seconds, published, delivery, serverCpuSeconds, Map.of());
  }

  /** This result with {@code key} set to {@code value} among its extras. */
  public RunSummary with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extras);
    more.put(key, value);
    return new RunSummary(scenario, target, seconds, published, delivery, serverCpuSeconds, more);
  }

  public double publishesPerSecond() {
    return published / seconds;
  }

  public double deliveriesPerSecond() {
    return delivery.received() / seconds;
  }

  /** Server CPU seconds per million deliveries, when the CPU time and some deliveries are known. */
  public OptionalDouble cpuSecondsPerMillionDeliveries() {
    if (serverCpuSeconds.isEmpty() || delivery.received() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(serverCpuSeconds.getAsDouble() * 1e6 / delivery.received());
  }

  /** The column titles, aligned with {@link #tableRow()}. */
  public static String tableHeader() {
    return String.format(Locale.ROOT, ROW, "scenario", "target", "publishes/s", "deliveries/s",
        "delivered/expected", "lost", "reorder", "dup", "unexp", "p50 ms", "p99 ms", "p99.9 ms",
        "max ms", "cpu s/M", "check").stripTrailing();
  }

  /** This run as one row; the last column says {@code ok} or lists the problems. */
  public String tableRow() {
    DeliveryTotals.Latency latency = delivery.latency();
    List<String> problems = delivery.problems();
    return String.format(Locale.ROOT, ROW, scenario, target,
        decimal(publishesPerSecond(), 1), decimal(deliveriesPerSecond(), 1),
        delivery.delivered() + "/" + delivery.expected(), delivery.lost(), delivery.reordered(),
        delivery.duplicates(), delivery.unexpected(),
        millis(latency, latency.p50Micros(), "-"), millis(latency, latency.p99Micros(), "-"),
        millis(latency, latency.p999Micros(), "-"), millis(latency, latency.maxMicros(), "-"),
        cpuSecondsPerMillionDeliveries().isPresent()
            ? decimal(cpuSecondsPerMillionDeliveries().getAsDouble(), 3) : "-",
        problems.isEmpty() ? "ok" : String.join(", ", problems))
        + (extras.isEmpty() ? "" : "  " + extrasText());
  }

  /** The extras as {@code key=value} pairs, for the table. */
  private String extrasText() {
    StringBuilder text = new StringBuilder();
    extras.forEach((key, value) -> text.append(text.length() == 0 ? "" : " ")
        .append(key).append('=').append(value instanceof List<?> list
            ? String.join("/", list.stream().map(item -> extraText(key, item)).toList())
            : extraText(key, value)));
    return text.toString();
  }

  private static String extraText(String key, Object value) {
    return value instanceof Double d ? decimal(d, key.endsWith("_ms") ? 3 : 1)
        : String.valueOf(value);
  }

  /** This run as a one-line JSON object. */
  public String toJson() {
    DeliveryTotals.Latency latency = delivery.latency();
    OptionalDouble cpu = cpuSecondsPerMillionDeliveries();
    return "{\"scenario\":" + jsonString(scenario)
        + ",\"target\":" + jsonString(target)
        + ",\"seconds\":" + decimal(seconds, 3)
        + ",\"published\":" + published
        + ",\"publishes_per_s\":" + decimal(publishesPerSecond(), 1)
        + ",\"deliveries\":" + delivery.received()
        + ",\"deliveries_per_s\":" + decimal(deliveriesPerSecond(), 1)
        + ",\"expected\":" + delivery.expected()
        + ",\"delivered\":" + delivery.delivered()
        + ",\"lost\":" + delivery.lost()
        + ",\"reordered\":" + delivery.reordered()
        + ",\"duplicates\":" + delivery.duplicates()
        + ",\"unexpected\":" + delivery.unexpected()
        + ",\"latency_clamped\":" + delivery.clamped()
        + ",\"p50_ms\":" + millis(latency, latency.p50Micros(), "null")
        + ",\"p99_ms\":" + millis(latency, latency.p99Micros(), "null")
        + ",\"p99_9_ms\":" + millis(latency, latency.p999Micros(), "null")
        + ",\"max_ms\":" + millis(latency, latency.maxMicros(), "null")
        + ",\"server_cpu_s_per_million_deliveries\":"
        + (cpu.isPresent() ? decimal(cpu.getAsDouble(), 3) : "null")
        + extrasJson()
        + "}";
  }

  private String extrasJson() {
    StringBuilder json = new StringBuilder();
    extras.forEach((key, value) -> json.append(',').append(jsonString(key)).append(':')
        .append(value instanceof List<?> list
            ? "[" + String.join(",", list.stream().map(RunSummary::extraJson).toList()) + "]"
            : extraJson(value)));
    return json.toString();
  }

  private static String extraJson(Object value) {
    return value == null ? "null"
        : value instanceof Double d ? decimal(d, 3)
        : value instanceof Number || value instanceof Boolean ? value.toString()
        : jsonString(value.toString());
  }

  /** {@code text} as a JSON string literal, quotes included. */
  static String jsonString(String text) {
    StringBuilder json = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        case '\b' -> json.append("\\b");
        case '\f' -> json.append("\\f");
        default -> {
          // Other controls, and separators and lone surrogates that some readers choke on.
          boolean lone = Character.isHighSurrogate(c)
              ? i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))
              : Character.isLowSurrogate(c)
                  && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
          if (c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029 || lone) {
            json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"').toString();
  }

  private static String millis(DeliveryTotals.Latency latency, long micros, String none) {
    return latency.count() == 0 ? none : decimal(micros / 1000.0, 3);
  }

  private static String decimal(double value, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", value);
  }
}
