package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lochat.testing.ClusterNodes;
import lochat.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every {@code lochat bench} scenario, run the way a user runs it, at tiny sizes against a real
 * Lochat server on 127.0.0.1, on its native, IRC and web listeners: each exits 0 and writes the
 * result rows a script reads, with every post delivered once and in order. Bad options and a
 * server that is not there end with a message, not a stack trace.
 *
 * <p>The server has flood control off, as the bench needs. Nothing here depends on how fast the
 * machine is: no figure that measures time is checked.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchScenariosTest {

  private static final Pattern JSON_FIELD =
      Pattern.compile("\"([^\"]+)\":(\"(?:[^\"\\\\]|\\\\.)*\"|[^,}]*)");

  private static TestServer server;

  @TempDir Path dir;

  private int runs;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestServer.start("lochat.connection.input-lines-per-second = 0\n"
        + "lochat.per-address.max-connections = 0\nlochat.per-address.max-unregistered = 0");
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** What one {@code lochat bench ...} did: its exit code, output and JSON rows. */
  private record Run(String command, int exit, String out, String err,
      List<Map<String, String>> rows) {

    /** The rows whose scenario is {@code scenario}. */
    List<Map<String, String>> rows(String scenario) {
      return rows.stream().filter(row -> scenario.equals(row.get("scenario"))).toList();
    }

    Map<String, String> row(String scenario) {
      List<Map<String, String>> found = rows(scenario);
      assertEquals(1, found.size(), "rows of '" + scenario + "' in " + rows + "\n" + this);
      return found.get(0);
    }

    @Override
    public String toString() {
      return command + "\nexit " + exit + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
    }
  }

  private static int port(String target) {
    return switch (target) {
      case "irc" -> server.ircPort();
      case "web" -> server.webPort();
      default -> server.port;
    };
  }

  private static String label(String target) {
    return switch (target) {
      case "irc" -> "irc";
      case "web" -> "lochat-web";
      default -> "lochat-native";
    };
  }

  /** Runs {@code lochat bench SCENARIO OPTIONS...} against the test server's {@code target}. */
  private Run bench(String target, String scenario, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of(scenario, "--host", "127.0.0.1",
        "--port", Integer.toString(port(target)), "--target", target));
    args.addAll(List.of(options));
    return benchWith(args);
  }

  /**
   * Runs {@code lochat bench ARGS...} in this JVM, capturing what it writes to standard output
   * and error (the scenarios write to {@link System#out} and {@link System#err}) and reading
   * the rows of its JSON file.
   */
  private Run benchWith(List<String> args) throws Exception {
    Path json = dir.resolve("results-" + (++runs) + ".jsonl");
    List<String> all = new ArrayList<>(args);
    if (!all.isEmpty()) {
      all.addAll(List.of("--json", json.toString()));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringWriter picocliOut = new StringWriter();
    StringWriter picocliErr = new StringWriter();
    PrintStream realOut = System.out;
    PrintStream realErr = System.err;
    int exit;
    try (PrintStream capturedOut = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream capturedErr = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      System.setOut(capturedOut);
      System.setErr(capturedErr);
      CommandLine command = new CommandLine(new BenchCommand());
      command.setOut(new PrintWriter(picocliOut, true));
      command.setErr(new PrintWriter(picocliErr, true));
      exit = command.execute(all.toArray(String[]::new));
    } finally {
      System.setOut(realOut);
      System.setErr(realErr);
    }
    List<Map<String, String>> rows = new ArrayList<>();
    if (Files.exists(json)) {
      for (String line : Files.readAllLines(json, StandardCharsets.UTF_8)) {
        rows.add(fields(line));
      }
    }
    Run run = new Run("lochat bench " + String.join(" ", all), exit,
        out.toString(StandardCharsets.UTF_8) + picocliOut,
        err.toString(StandardCharsets.UTF_8) + picocliErr, rows);
    assertNoGeneratorThreadsLeft(run);
    return run;
  }

  /** The fields of a one-line JSON object, values as written (strings without quotes). */
  private static Map<String, String> fields(String line) {
    assertTrue(line.startsWith("{") && line.endsWith("}"), "a JSON object: " + line);
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher field = JSON_FIELD.matcher(line);
    while (field.find()) {
      String value = field.group(2);
      fields.put(field.group(1), value.startsWith("\"")
          ? value.substring(1, value.length() - 1) : value);
    }
    return fields;
  }

  private static long number(Map<String, String> row, String key) {
    assertTrue(row.containsKey(key), "no " + key + " in " + row);
    return Long.parseLong(row.get(key));
  }

  /** The generator's threads are gone once the command has returned. */
  private static void assertNoGeneratorThreadsLeft(Run run) {
    List<String> left = Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("bench-"))
        .toList();
    assertEquals(List.of(), left, "generator threads still running after\n" + run);
  }

  /**
   * The delivery check of a row with senders: something was expected, and everything expected
   * arrived, once and in order, from no one else.
   */
  private static void assertEveryPostDeliveredOnceInOrder(Map<String, String> row, Run run) {
    String where = row + "\n" + run;
    assertTrue(number(row, "expected") > 0, "nothing expected: " + where);
    assertEquals(number(row, "expected"), number(row, "delivered"), where);
    assertEquals(0, number(row, "lost"), where);
    assertEquals(0, number(row, "reordered"), where);
    assertEquals(0, number(row, "duplicates"), where);
    assertEquals(0, number(row, "unexpected"), where);
    assertFalse(row.containsKey("closed"), "clients were dropped: " + where);
  }

  private static void assertTarget(String target, Run run) {
    assertFalse(run.rows.isEmpty(), "no JSON rows:\n" + run);
    for (Map<String, String> row : run.rows) {
      assertEquals(label(target), row.get("target"), row + "\n" + run);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"native", "irc", "web"})
  void fanoutDeliversEveryPostToEveryOtherMemberOfTheRoom(String target) throws Exception {
    Run run = bench(target, "fanout", "--clients", "5", "--senders", "2", "--rate", "20",
        "--duration", "1s", "--warmup", "0s",
        "--server-pid", Long.toString(ProcessHandle.current().pid()));

    assertEquals(0, run.exit, run.toString());
    assertTarget(target, run);
    Map<String, String> row = run.row("fanout 1x5");
    assertEveryPostDeliveredOnceInOrder(row, run);
    // 2 senders post 20 each; each reaches the 4 other members of the room.
    assertEquals(40, number(row, "published"), row.toString());
    assertEquals(40 * 4, number(row, "expected"), row.toString());
    assertEquals(5, number(row, "clients"));
    assertEquals(2, number(row, "senders"));
    assertEquals(20, number(row, "rate_per_sender"));
    // Given the server's pid, the row has the server's CPU cost.
    assertNotEquals("null", row.get("server_cpu_s_per_million_deliveries"), row.toString());
    assertTrue(run.out.contains("fanout 1x5"), "the table row on standard output:\n" + run);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"native", "irc", "web"})
  void rampReportsEachStepAndTheSustainableRate(String target) throws Exception {
    // A latency bound no run misses, so that both steps pass however busy the machine is.
    Run run = bench(target, "ramp", "--clients", "4", "--senders", "2", "--start-rate", "10",
        "--step-duration", "500ms", "--max-steps", "2", "--warmup", "0s", "--max-p99", "60s");

    assertEquals(0, run.exit, run.toString());
    assertTarget(target, run);
    List<Map<String, String>> steps = run.rows("ramp 1x4 step");
    assertEquals(2, steps.size(), run.toString());
    for (Map<String, String> step : steps) {
      assertEveryPostDeliveredOnceInOrder(step, run);
      assertEquals("true", step.get("sustained"), step.toString());
    }
    assertEquals(List.of(10L, 15L),
        steps.stream().map(step -> number(step, "rate_per_sender")).toList());
    Map<String, String> result = run.row("ramp 1x4");
    assertEveryPostDeliveredOnceInOrder(result, run);
    assertTrue(number(result, "sustainable_deliveries_per_s") > 0, result.toString());
    assertEquals("null", result.get("first_failed_rate_per_sender"), result.toString());
    assertEquals(3, run.rows.size(), run.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"native", "irc", "web"})
  void capacityHoldsTheTargetNumberOfConnections(String target) throws Exception {
    Run run = bench(target, "capacity", "--connections", "30", "--step", "10",
        "--server-pid", Long.toString(ProcessHandle.current().pid()));

    assertEquals(0, run.exit, run.toString());
    assertTarget(target, run);
    Map<String, String> row = run.row("capacity");
    assertEquals(30, number(row, "connections"), row.toString());
    assertEquals(30, number(row, "target_connections"), row.toString());
    assertEquals(0, number(row, "failed"), row.toString());
    assertTrue(number(row, "accepts_per_s") > 0, row.toString());
    // This JVM is the server: its resident memory from /proc, its heap through jcmd.
    assertNotEquals("null", row.get("rss_kb"), row.toString());
    assertNotEquals("null", row.get("heap_kb"), "jcmd could not read this JVM's heap: " + row);
    assertNotEquals("null", row.get("heap_kb_per_connection"), row.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"native", "irc", "web"})
  void slowConsumerRunsABaselineAndARunWithAClientThatStopsReading(String target)
      throws Exception {
    Run run = bench(target, "slow", "--clients", "4", "--senders", "2", "--rate", "20",
        "--duration", "1s", "--warmup", "0s");

    assertEquals(0, run.exit, run.toString());
    assertTarget(target, run);
    assertEveryPostDeliveredOnceInOrder(run.row("slow 1x4 baseline"), run);
    Map<String, String> withSlow = run.row("slow 1x4");
    assertEveryPostDeliveredOnceInOrder(withSlow, run);
    assertTrue(withSlow.containsKey("slow_client_dropped"), withSlow.toString());
    assertTrue(List.of("true", "false").contains(withSlow.get("slow_client_dropped")),
        withSlow.toString());
    assertEquals(2, run.rows.size(), run.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"native", "irc", "web"})
  void churnDeliversEveryNewcomersPostToEveryListener(String target) throws Exception {
    Run run = bench(target, "churn", "--clients", "3", "--churn-rate", "20", "--duration", "1s",
        "--warmup", "500ms");

    assertEquals(0, run.exit, run.toString());
    assertTarget(target, run);
    Map<String, String> row = run.row("churn 3");
    assertEveryPostDeliveredOnceInOrder(row, run);
    // 20 sessions in 1 s, each posting once to 3 listeners; the 10 of the warm-up not counted.
    assertEquals(20, number(row, "sessions"), row.toString());
    assertEquals(0, number(row, "failed"), row.toString());
    assertEquals(20 * 3, number(row, "expected"), row.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"native", "irc", "web"})
  void burstReportsTheWitnessesBeforeAndDuringTheConnectAndTheCloseBurst(String target)
      throws Exception {
    Run run = bench(target, "burst", "--connections", "20", "--witnesses", "2", "--rate", "20",
        "--phase", "1s", "--probe-interval", "200ms",
        "--server-pid", Long.toString(ProcessHandle.current().pid()));

    assertEquals(0, run.exit, run.toString());
    assertTarget(target, run);
    for (String phase : List.of("before", "connect", "close")) {
      Map<String, String> row = run.row("burst-" + phase + " 20");
      assertEveryPostDeliveredOnceInOrder(row, run);
      // 2 witnesses post 20 each; each reaches the other witness.
      assertEquals(20 * 2, number(row, "expected"), row.toString());
      assertEquals(20, number(row, "connections"), row.toString());
      // Fresh users signed in during the phase, every one of them.
      assertTrue(number(row, "signins") > 0, row.toString());
      assertEquals(0, number(row, "signin_failed"), row.toString());
      assertNotEquals("null", row.get("signin_max_ms"), row.toString());
      assertNotEquals("null", row.get("rss_kb_max"), row.toString());
    }
    Map<String, String> connect = run.row("burst-connect 20");
    assertEquals(0, number(connect, "failed"), connect.toString());
    assertTrue(number(connect, "burst_ms") >= 0, connect.toString());
    assertEquals(3, run.rows.size(), run.toString());
  }

  @Test
  void burstWhoseConnectionsSayGoodbyeStillDeliversTheWitnessesPosts() throws Exception {
    Run run = bench("irc", "burst", "--connections", "10", "--rate", "10", "--phase", "500ms",
        "--close-with", "quit");

    assertEquals(0, run.exit, run.toString());
    assertEveryPostDeliveredOnceInOrder(run.row("burst-close 10"), run);
  }

  @Test
  void fanoutOverTwoNodesOfAClusterReportsSameNodeAndCrossNodeLatencies() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(2, "lochat.connection.input-lines-per-second"
        + " = 0\nlochat.per-address.max-connections = 0\nlochat.per-address.max-unregistered = 0")) {
      String servers = "127.0.0.1:" + cluster.node(0).port + ",127.0.0.1:" + cluster.node(1).port;
      long pid = ProcessHandle.current().pid();
      Run run = benchWith(List.of("fanout", "--server", servers, "--clients", "6", "--senders",
          "4", "--rate", "20", "--duration", "1s", "--warmup", "0s",
          "--server-pid", pid + "," + pid));

      assertEquals(0, run.exit, run.toString());
      Map<String, String> row = run.row("fanout 1x6");
      assertEveryPostDeliveredOnceInOrder(row, run);
      assertEquals(2, number(row, "servers"), row.toString());
      // 4 senders, 2 on each node; each of the 6 members hears the others: of a sender's 5
      // receivers, 2 are on its node and 3 on the other.
      assertEquals(4 * 20 * 2, number(row, "same_node_deliveries"), row.toString());
      assertEquals(4 * 20 * 3, number(row, "cross_node_deliveries"), row.toString());
      for (String figure : List.of("same_node_p99_ms", "cross_node_p99_ms", "cross_extra_p50_ms",
          "cross_extra_p99_ms")) {
        assertNotEquals("null", row.get(figure), figure + " in " + row);
      }
      assertTrue(row.containsKey("server_cpu_s_each"), row.toString());
      assertTrue(run.out.contains("cross_extra_p99_ms="), "in the printed row:\n" + run);
      assertTrue(run.err.contains("2 servers"), run.toString());
    }
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        Arguments.of("fanout", List.of("--target", "smtp"), "smtp"),
        Arguments.of("fanout", List.of("--size", "5"), "--size"),
        Arguments.of("fanout", List.of("--duration", "soon"), "soon"),
        Arguments.of("fanout", List.of("--rate", "many"), "many"),
        Arguments.of("fanout", List.of("--no-such-option"), "--no-such-option"),
        Arguments.of("fanout", List.of("--clients", "5", "--senders", "6"), "senders"),
        Arguments.of("fanout", List.of("--rate", "0"), "rate"),
        Arguments.of("fanout", List.of("--threads", "0"), "threads"),
        Arguments.of("ramp", List.of("--factor", "1"), "factor"),
        Arguments.of("capacity", List.of("--connections", "0"), "connections"),
        Arguments.of("churn", List.of("--churn-rate", "0"), "churn-rate"),
        Arguments.of("burst", List.of("--witnesses", "1"), "witnesses"),
        Arguments.of("burst", List.of("--close-with", "slam"), "slam"),
        Arguments.of("fanout", List.of("--server", "127.0.0.1"), "--server must be HOST:PORT"),
        Arguments.of("fanout", List.of("--server", "127.0.0.1:1"), "not both"),
        Arguments.of("fanout", List.of("--server-pid", "me"), "me"),
        Arguments.of("teleport", List.of(), "teleport"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("badOptions")
  void badOptionIsRefusedWithAMessageAndNoStackTrace(String scenario, List<String> options,
      String mentioned) throws Exception {
    // Nothing should be contacted; the port is one where nothing listens, in case it is.
    List<String> args = new ArrayList<>(List.of(scenario, "--host", "127.0.0.1",
        "--port", Integer.toString(portWhereNothingListens())));
    args.addAll(options);
    Run run = benchWith(args);

    assertEquals(2, run.exit, run.toString());
    assertTrue(run.err.contains(mentioned), "the message names " + mentioned + ":\n" + run);
    assertNoStackTrace(run);
    assertTrue(run.rows.isEmpty(), run.toString());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"native", "irc", "web"})
  void serverThatIsNotThereEndsTheRunWithExitCode1AndAMessage(String target) throws Exception {
    int port = portWhereNothingListens();
    Run run = benchWith(List.of("fanout", "--host", "127.0.0.1", "--port",
        Integer.toString(port), "--target", target, "--clients", "3", "--senders", "1",
        "--rate", "10", "--duration", "1s", "--warmup", "0s", "--connect-timeout", "20s"));

    assertEquals(1, run.exit, run.toString());
    assertTrue(run.err.contains("could not connect"), run.toString());
    assertTrue(run.err.contains("Connection refused"), run.toString());
    assertNoStackTrace(run);
    assertTrue(run.rows.isEmpty(), run.toString());
  }

  @Test
  void scenarioIsRequired() throws Exception {
    Run run = benchWith(List.of());

    assertEquals(2, run.exit, run.toString());
    assertTrue(run.err.contains("fanout"), run.toString());
    assertNoStackTrace(run);
  }

  private static void assertNoStackTrace(Run run) {
    assertFalse(run.err.contains("\tat ") || run.err.contains("Exception"),
        "a stack trace:\n" + run);
    assertFalse(run.out.contains("\tat ") || run.out.contains("Exception"),
        "a stack trace:\n" + run);
  }

  /** A loopback port that was free a moment ago: nothing listens on it. */
  private static int portWhereNothingListens() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
