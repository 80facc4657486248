package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The terminal console over a JLine terminal on pipes: what a person at the keyboard gets. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TerminalConsoleTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T21:07:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  /** The Up arrow, as xterm sends it in the application mode JLine puts it in. */
  private static final String UP = "\u001bOA";

  private final ExecutorService typist = Executors.newSingleThreadExecutor();
  private TestTerminal screen;
  private TerminalConsole console;
  private HistoryFile history;

  @BeforeEach
  void start() throws Exception {
    screen = new TestTerminal();
    history = new HistoryFile(dir.resolve("history"));
    Files.writeString(history.path(), "an old line\nthe newest line\n", StandardCharsets.UTF_8);
    console = new TerminalConsole(screen.terminal, Timestamps.off(ZoneOffset.UTC),
        Optional.of(history), CLOCK);
    console.setPrompt("[lobby] me> ");
  }

  @AfterEach
  void stop() throws Exception {
    console.close();
    screen.close();
    typist.shutdownNow();
  }

  /** Starts reading a line, and returns once the prompt is on the screen. */
  private CompletableFuture<Optional<TypedLine>> reading(String prompt) throws Exception {
    int from = screen.output().length();
    CompletableFuture<Optional<TypedLine>> line =
        CompletableFuture.supplyAsync(console::readLine, typist);
    screen.awaitOutput(from, prompt);
    return line;
  }

  private TypedLine typed(String keys) throws Exception {
    CompletableFuture<Optional<TypedLine>> line = reading("me> ");
    screen.type(keys);
    return line.get(20, TimeUnit.SECONDS).orElseThrow();
  }

  @Test
  void aTypedLineIsReadAndKeptInTheHistoryFile() throws Exception {
    assertEquals(TypedLine.plain("hello all"), typed("hello all\r"));
    assertEquals(List.of("an old line", "the newest line", "hello all"),
        Files.readAllLines(history.path()));
  }

  @Test
  void theUpArrowReachesLinesFromEarlierRuns() throws Exception {
    assertEquals(TypedLine.plain("the newest line"), typed(UP + "\r"));
    assertEquals(TypedLine.plain("an old line"), typed(UP + UP + "\r"));
  }

  @Test
  void thePasswordIsReadWithoutEchoAndKeptOutOfHistory() throws Exception {
    assertEquals(TypedLine.plain("hello"), typed("hello\r"));
    console.askSecret("Password: ");
    int from = screen.output().length();
    CompletableFuture<Optional<TypedLine>> line = reading("Password: ");
    screen.type("s3cret\r");
    assertEquals(new TypedLine("s3cret", true), line.get(20, TimeUnit.SECONDS).orElseThrow());
    assertFalse(screen.output().substring(from).contains("s3cret"), screen.output());
    assertFalse(Files.readString(history.path()).contains("s3cret"));
    assertEquals(TypedLine.plain("hello"), typed(UP + "\r"));
  }

  @Test
  void thePasswordPromptCanComeWhileTheUserIsAtTheOrdinaryOne() throws Exception {
    CompletableFuture<Optional<TypedLine>> line = reading("me> ");
    int from = screen.output().length();
    console.askSecret("Password: ");
    screen.awaitOutput(from, "Password:");
    console.askSecret("Password: ");
    screen.type("s3cret\r");
    assertEquals(new TypedLine("s3cret", true), line.get(20, TimeUnit.SECONDS).orElseThrow());
  }

  @Test
  void aPassCommandTypedIsKeptOutOfHistory() throws Exception {
    assertEquals(TypedLine.plain("/pass s3cret"), typed("/pass s3cret\r"));
    assertFalse(Files.readString(history.path()).contains("s3cret"));
    assertEquals(TypedLine.plain("the newest line"), typed(UP + "\r"));
  }

  @Test
  void tabCompletesNicknamesTheClientHasSeen() throws Exception {
    console.show("WHO lobby me bob carl", "me");
    assertEquals(TypedLine.plain("carl: hi"), typed("ca\thi\r"));
    assertEquals(TypedLine.plain("/msg bob psst"), typed("/msg bo\tpsst\r"));
  }

  @Test
  void tabCompletesCommandsAndRooms() throws Exception {
    console.show("ROOMS games:2 lobby:3", "me");
    assertEquals(TypedLine.plain("/whois "), typed("/whoi\t\r"));
    assertEquals(TypedLine.plain("/join #games "), typed("/join #ga\t\r"));
  }

  @Test
  void aMentionRingsTheBellAndMarksTheTitleUntilTheUserTypes() throws Exception {
    int from = screen.output().length();
    console.show("MSG lobby bob hello all", "me");
    screen.awaitOutput(from, "hello all");
    assertFalse(screen.output().substring(from).contains(Alerts.BELL));

    from = screen.output().length();
    console.show("MSG lobby bob hey me, look", "me");
    console.show("PRIV bob me psst", "me");
    screen.awaitOutput(from, "psst");
    String alerted = screen.output().substring(from);
    assertTrue(alerted.contains(Alerts.BELL + Alerts.SAVE_TITLE + Alerts.title("(1) lochat: me")),
        alerted);
    assertTrue(alerted.contains(Alerts.BELL + Alerts.title("(2) lochat: me")), alerted);

    from = screen.output().length();
    typed("seen\r");
    assertTrue(screen.output().substring(from).contains(Alerts.title("lochat: me")));
    from = screen.output().length();
    console.close();
    assertTrue(screen.output().substring(from).contains(Alerts.RESTORE_TITLE));
  }

  @Test
  void linesShowTheirTime() throws Exception {
    try (TestTerminal other = new TestTerminal()) {
      TerminalConsole stamped = new TerminalConsole(other.terminal,
          Timestamps.parse("HH:mm", ZoneOffset.UTC), Optional.empty(), CLOCK);
      stamped.show("MSG lobby bob hello", "me");
      stamped.info("Connection closed by server");
      other.awaitOutput(0, "Connection closed");
      String shown = other.output().replaceAll("\u001b\\[[0-9;]*m", "");
      assertTrue(shown.contains("21:07 [lobby] <bob> hello"), shown);
      assertTrue(shown.contains("21:07 Connection closed by server"), shown);
      stamped.close();
    }
  }

  @Test
  void closingEndsAReadInProgressAndNoneStartsAfter() throws Exception {
    CompletableFuture<Optional<TypedLine>> line = reading("me> ");
    int from = screen.output().length();
    screen.type("half typ");
    screen.awaitOutput(from, "half typ");
    console.close();
    assertEquals(Optional.empty(), line.get(20, TimeUnit.SECONDS));
    assertEquals(Optional.empty(), console.readLine());
  }
}
