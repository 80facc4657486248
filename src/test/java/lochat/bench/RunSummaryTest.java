package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

  private static final DeliveryTotals.Latency LATENCY =
      new DeliveryTotals.Latency(4_000_000, 123, 4_567, 12_345, 1_234_567);
  private static final DeliveryTotals CLEAN =
      new DeliveryTotals(4_000_000, 4_000_000, 4_000_000, 0, 0, 0, 0, 0, LATENCY);

  private static RunSummary run(DeliveryTotals totals, OptionalDouble cpu) {
    return new RunSummary("fan-out 1x200", "lochat-irc", 2.0, 20_000, totals, cpu);
  }

  @Test
  void jsonHoldsEveryFigureWithLatenciesInMilliseconds() {
    assertEquals("{\"scenario\":\"fan-out 1x200\",\"target\":\"lochat-irc\",\"seconds\":2.000,"
        + "\"published\":20000,\"publishes_per_s\":10000.0,\"deliveries\":4000000,"
        + "\"deliveries_per_s\":2000000.0,\"expected\":4000000,\"delivered\":4000000,"
        + "\"lost\":0,\"reordered\":0,\"duplicates\":0,\"unexpected\":0,\"latency_clamped\":0,"
        + "\"p50_ms\":0.123,\"p99_ms\":4.567,\"p99_9_ms\":12.345,\"max_ms\":1234.567,"
        + "\"server_cpu_s_per_million_deliveries\":0.750}",
        run(CLEAN, OptionalDouble.of(3.0)).toJson());
  }

  @Test
  void unknownCpuAndNoDeliveriesAreNullInJson() {
    DeliveryTotals nothing = new DeliveryTotals(0, 10, 0, 10, 0, 0, 0, 0,
        new DeliveryTotals.Latency(0, 0, 0, 0, 0));
    String json = run(nothing, OptionalDouble.of(1.5)).toJson();
    assertTrue(json.contains("\"p50_ms\":null,\"p99_ms\":null,\"p99_9_ms\":null,\"max_ms\":null,"
        + "\"server_cpu_s_per_million_deliveries\":null}"), json);
    assertTrue(run(CLEAN, OptionalDouble.empty()).toJson()
        .endsWith("\"server_cpu_s_per_million_deliveries\":null}"));
  }

  @Test
  void rowShowsRatesCountsAndLatencies() {
    String row = run(CLEAN, OptionalDouble.of(3.0)).tableRow();
    List<String> cells = List.of(row.split(" +"));
    assertEquals(List.of("fan-out", "1x200", "lochat-irc", "10000.0", "2000000.0",
        "4000000/4000000", "0", "0", "0", "0", "0.123", "4.567", "12.345", "1234.567", "0.750",
        "ok"), cells);
  }

  @Test
  void rowSaysWhatWentWrong() {
    DeliveryTotals lossy = new DeliveryTotals(998, 1_000, 990, 10, 3, 8, 0, 0, LATENCY);
    String row = run(lossy, OptionalDouble.empty()).tableRow();
    assertTrue(row.endsWith("  10 lost, 3 reordered, 8 duplicates"), row);
    assertTrue(row.contains(" 990/1000 "), row);
    assertTrue(row.contains(" - "), "unknown CPU: " + row);
  }

  @Test
  void headerAndRowColumnsLineUp() {
    String header = RunSummary.tableHeader();
    String row = run(CLEAN, OptionalDouble.of(3.0)).tableRow();
    for (String title : List.of("publishes/s", "delivered/expected", "p99.9 ms", "cpu s/M")) {
      int end = header.indexOf(title) + title.length();
      assertEquals(' ', row.charAt(end), title + " column ends where its title ends:\n"
          + header + "\n" + row);
      assertTrue(row.charAt(end - 1) != ' ', title + " is right-aligned:\n" + header + "\n" + row);
    }
  }

  @Test
  void figuresUseDotsWhateverTheLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      RunSummary summary = run(CLEAN, OptionalDouble.of(3.0));
      assertTrue(summary.toJson().contains("\"p99_ms\":4.567"));
      assertTrue(summary.tableRow().contains(" 4.567 "));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void jsonStringsAreEscaped() {
    assertEquals("\"plain\"", RunSummary.jsonString("plain"));
    assertEquals("\"a \\\"quoted\\\" \\\\ path\"", RunSummary.jsonString("a \"quoted\" \\ path"));
    assertEquals("\"\\n\\r\\t\\b\\f\"", RunSummary.jsonString("\n\r\t\b\f"));
    assertEquals("\"\\u0000\\u001b[31m\\u007f\"", RunSummary.jsonString("\u0000\u001b[31m\u007f"));
    assertEquals("\"\\u2028\\u2029\"", RunSummary.jsonString("\u2028\u2029"));
    assertEquals("\"é € 😀 /\"", RunSummary.jsonString("é € 😀 /"));
    assertEquals("\"\\ud83d x \\ude00\"", RunSummary.jsonString("\ud83d x \ude00"));
  }

  @Test
  void scenarioNamesWithQuotesKeepTheJsonValid() {
    RunSummary odd = new RunSummary("say \"hi\"", "a\\b", 1.0, 0, CLEAN, OptionalDouble.empty());
    assertTrue(odd.toJson().startsWith(
        "{\"scenario\":\"say \\\"hi\\\"\",\"target\":\"a\\\\b\","), odd.toJson());
  }

  @Test
  void durationMustBePositive() {
    for (double seconds : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThrows(IllegalArgumentException.class, () -> new RunSummary(
          "s", "t", seconds, 0, CLEAN, OptionalDouble.empty()), "" + seconds);
    }
  }

  @Test
  void extrasFollowTheFixedFiguresInJsonAndTheCheckInTheRow() {
    RunSummary summary = run(CLEAN, OptionalDouble.empty())
        .with("sustainable_deliveries_per_s", 1_234_567L)
        .with("heap_kb_per_connection", 3.25)
        .with("slow_client_dropped", true)
        .with("first_failed_rate_per_sender", null)
        .with("note", "a \"quoted\" word");
    assertTrue(summary.toJson().endsWith("\"server_cpu_s_per_million_deliveries\":null,"
        + "\"sustainable_deliveries_per_s\":1234567,\"heap_kb_per_connection\":3.250,"
        + "\"slow_client_dropped\":true,\"first_failed_rate_per_sender\":null,"
        + "\"note\":\"a \\\"quoted\\\" word\"}"), summary.toJson());
    assertTrue(summary.tableRow().endsWith("  ok  sustainable_deliveries_per_s=1234567 "
        + "heap_kb_per_connection=3.3 slow_client_dropped=true first_failed_rate_per_sender=null "
        + "note=a \"quoted\" word"), summary.tableRow());
  }

  @Test
  void listsOfNumbersAreJsonArraysAndSlashedInTheRowAndMillisecondsKeepThreeDecimals() {
    RunSummary summary = run(CLEAN, OptionalDouble.empty())
        .with("server_cpu_s_each", List.of(1.5, 2.25, 0.0))
        .with("cross_extra_p99_ms", 0.345);
    assertTrue(summary.toJson().endsWith(
        "\"server_cpu_s_each\":[1.500,2.250,0.000],\"cross_extra_p99_ms\":0.345}"),
        summary.toJson());
    assertTrue(summary.tableRow().endsWith(
        "  ok  server_cpu_s_each=1.5/2.3/0.0 cross_extra_p99_ms=0.345"), summary.tableRow());
  }
}
