package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import lochat.testing.LochatProcess;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lochat client} as people run it, in a separate process: from a pipe, and on a real
 * terminal, which tmux provides (its screen, window title and bell are what a person would
 * see). The terminal tests are skipped where tmux is not installed. Names are resolved from a
 * hosts file of the test's own, so an unknown host never becomes a DNS query.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClientProgramTest {

  @TempDir Path dir;

  // From a pipe

  @Test
  void aRefusedNickEndsAPipedClientWithoutSendingItsLines() throws Exception {
    try (TestServer server = TestServer.start(); TestClient ann = server.register("ann")) {
      LochatProcess client = Program.client(dir, server.port, "--nick", "ann");
      client.stdin("hello\n/nick bob\n");
      assertEquals(1, client.exitCode());
      List<String> out = client.stdout();
      assertEquals("Nickname ann is already in use; choose another with --nick",
          out.get(out.size() - 1), out.toString());
      assertFalse(out.stream().anyMatch(line -> line.startsWith("You are now")), out.toString());
      ann.send("/who");
      assertEquals(List.of(), ann.expect("WHO lobby @ann"));
    }
  }

  @Test
  void aPipedClientWithoutNickTakesItsFirstLineAsTheNickAndNoOtherLine() throws Exception {
    try (TestServer server = TestServer.start(); TestClient ann = server.register("ann")) {
      LochatProcess client = Program.client(dir, server.port);
      client.stdin("ann\nhello\n");
      assertEquals(1, client.exitCode());
      List<String> out = client.stdout();
      assertEquals("Nickname ann is already in use; choose another (give a nickname with --nick)",
          out.get(out.size() - 1), out.toString());
      ann.send("/who");
      assertEquals(List.of(), ann.expect("WHO lobby @ann"));
    }
  }

  @Test
  void aPipedClientNeverTakesItsLinesForThePassword() throws Exception {
    try (TestServer server = TestServer.start("lochat.password = s3cret")) {
      LochatProcess client = Program.client(dir, server.port, "--nick", "zed");
      client.stdin("s3cret\nhello\n");
      assertEquals(1, client.exitCode());
      List<String> out = client.stdout();
      assertEquals("This server needs a password; give it with --password",
          out.get(out.size() - 1), out.toString());
    }
  }

  @Test
  void theAcceptedPasswordReadsAsASentence() throws Exception {
    try (TestServer server = TestServer.start("lochat.password = s3cret")) {
      LochatProcess client = Program.client(dir, server.port, "--nick", "zed", "--password", "s3cret");
      client.stdin("hello\n");
      assertEquals(0, client.exitCode());
      List<String> out = client.stdout();
      assertTrue(out.contains("Password accepted"), out.toString());
      assertTrue(out.contains("[lobby] <zed> hello"), out.toString());
      assertFalse(out.stream().anyMatch(line -> line.startsWith("OK ")), out.toString());
    }
  }

  @Test
  void operatorsAreShownWithAnAtAndAKickedUserIsToldByWhomAndWhy() throws Exception {
    try (TestServer server = TestServer.start(); TestClient ann = server.register("ann")) {
      LochatProcess client = Program.client(dir, server.port, "--nick", "zed");
      try (java.io.OutputStream typed = client.process().getOutputStream()) {
        typed.write("/who\n".getBytes(StandardCharsets.UTF_8));
        typed.flush();
        client.awaitStdout("[lobby] -- in the room: @ann, zed");
        ann.send("/kick zed go away");
        client.awaitStdout("You were kicked from #lobby by ann: go away");
      }
      assertEquals(0, client.exitCode());
    }
  }

  @Test
  void timestampsAreShownInTheFormatAskedFor() throws Exception {
    try (TestServer server = TestServer.start()) {
      LochatProcess client = Program.client(dir, server.port, "--nick", "dave",
          "--timestamp-format", "HH:mm:ss");
      client.stdin("hello\n");
      assertEquals(0, client.exitCode());
      List<String> out = client.stdout();
      assertTrue(out.stream().allMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d .*")),
          out.toString());
      assertTrue(out.stream().anyMatch(line -> line.matches("\\d\\d:\\d\\d:\\d\\d \\[lobby\\] "
          + Pattern.quote("<dave> hello"))), out.toString());
    }
  }

  @Test
  void aPipeGetsNeitherTheBellNorTheTitleWhenCalled() throws Exception {
    try (TestServer server = TestServer.start(); TestClient bob = server.register("bob")) {
      LochatProcess client = Program.client(dir, server.port, "--nick", "dave");
      client.awaitStdout("You are now dave");
      bob.expect("JOINED lobby dave");
      bob.send("/msg dave hey dave");
      bob.send("over here, dave");
      client.awaitStdout("[lobby] <bob> over here, dave");
      client.stdin("");
      assertEquals(0, client.exitCode());
      List<String> out = client.stdout();
      assertTrue(out.contains("[bob -> dave] hey dave"), out.toString());
      assertFalse(out.stream().anyMatch(line -> line.indexOf('\u0007') >= 0
          || line.indexOf('\u001b') >= 0), out.toString());
    }
  }

  // Bad options and addresses

  @Test
  void aPortOutOfRangeIsRefusedInOneLineAsTheServerRefusesIt() throws Exception {
    LochatProcess client = Program.client(dir, 70000);
    client.stdin("");
    assertEquals(2, client.exitCode());
    assertEquals(List.of("Invalid --port: must be between 1 and 65535, not 70000"),
        client.stderr());
    assertEquals(List.of(), client.stdout());

    LochatProcess server = Program.start(dir, "server", "--host", "127.0.0.1", "--port", "70000",
        "--irc-port", "0");
    server.stdin("");
    assertEquals(2, server.exitCode());
    assertEquals(1, server.stderr().size(), server.stderr().toString());
  }

  @Test
  void aBadTimestampFormatIsRefusedInOneLine() throws Exception {
    LochatProcess client = Program.client(dir, 4444, "--timestamp-format", "HH:mm {");
    client.stdin("");
    assertEquals(2, client.exitCode());
    List<String> err = client.stderr();
    assertEquals(1, err.size(), err.toString());
    assertTrue(err.get(0).startsWith("Invalid --timestamp-format: 'HH:mm {' is not a time "
        + "pattern"), err.toString());
  }

  @Test
  void anUnknownHostIsSaidInOneLine() throws Exception {
    int port = freePort();
    LochatProcess client = Program.start(dir, "client", "--host", "nosuchhost.invalid", "--port",
        String.valueOf(port), "--nick", "x");
    client.stdin("");
    assertEquals(1, client.exitCode());
    assertEquals(List.of("Cannot connect to nosuchhost.invalid:" + port + ": unknown host"),
        client.stdout());
    assertEquals(List.of(), client.stderr());
  }

  @Test
  void theServerOnAnUnknownHostSaysSoInOneLine() throws Exception {
    LochatProcess server = Program.start(dir, "server", "--host", "nosuchhost.invalid", "--port", "0",
        "--no-irc");
    server.stdin("");
    assertEquals(1, server.exitCode());
    List<String> err = server.stderr();
    assertTrue(err.contains("Cannot listen on nosuchhost.invalid:0: unknown host"),
        err.toString());
    assertFalse(err.stream().anyMatch(line -> line.contains("Exception")
        || line.startsWith("\tat ")), err.toString());
  }

  // On a terminal

  @Test
  void afterQuitTheShellStartsOnAFreshLine() throws Exception {
    try (TestServer server = TestServer.start();
        Tmux screen = Tmux.chatting(dir, server.port, "ann")) {
      screen.type("/quit");
      screen.press("Enter");
      String last = screen.await(s -> s.contains("[exit"));
      assertEquals("[exit 0]", lineWith(last, "[exit"), last);
      assertEquals("Bye ann", lineBefore(last, "[exit").replaceFirst("^\\d\\d:\\d\\d ", ""), last);
      assertFalse(last.contains("ann>"), last);
    }
  }

  @Test
  void whenTheServerShutsDownTheHalfTypedLineGoes() throws Exception {
    TestServer server = TestServer.start();
    try (Tmux screen = Tmux.chatting(dir, server.port, "ann")) {
      screen.type("half typed");
      screen.await(s -> s.contains("ann> half typed"));
      server.shutdown(Duration.ofSeconds(10));
      String last = screen.await(s -> s.contains("[exit"));
      assertEquals("[exit 1]", lineWith(last, "[exit"), last);
      assertTrue(lineBefore(last, "[exit").endsWith("Connection closed by server"), last);
      assertFalse(last.contains("half typed"), last);
    } finally {
      server.close();
    }
  }

  @Test
  void thePasswordIsNeverShownOnTheTerminal() throws Exception {
    try (TestServer server = TestServer.start("lochat.password = s3cret");
        Tmux screen = Tmux.client(dir, server.port, "--nick", "ann")) {
      screen.await(s -> s.contains("Password:"));
      screen.type("s3cret");
      screen.press("Enter");
      String signedIn = screen.await(s -> s.contains("[lobby] ann>"));
      assertTrue(signedIn.contains("Password accepted"), signedIn);
      screen.type("/quit");
      screen.press("Enter");
      screen.await(s -> s.contains("[exit 0]"));
      assertFalse(screen.everythingWritten().contains("s3cret"));
      assertFalse(Files.readString(dir.resolve("history")).contains("s3cret"));
    }
  }

  @Test
  void theLinesTypedAreThereAgainInTheNextRun() throws Exception {
    try (TestServer server = TestServer.start()) {
      try (Tmux first = Tmux.chatting(dir, server.port, "ann")) {
        first.type("remember me");
        first.press("Enter");
        first.await(s -> s.contains("<ann> remember me"));
        first.type("/quit");
        first.press("Enter");
        first.await(s -> s.contains("[exit 0]"));
      }
      try (Tmux second = Tmux.chatting(dir, server.port, "ann")) {
        second.press("Up");
        second.press("Up");
        second.await(s -> s.contains("[lobby] ann> remember me"));
      }
    }
  }

  @Test
  void tabCompletesTheNickOfSomeoneInTheRoom() throws Exception {
    try (TestServer server = TestServer.start(); TestClient bob = server.register("bob");
        Tmux screen = Tmux.chatting(dir, server.port, "ann")) {
      screen.type("/msg b");
      screen.press("Tab");
      screen.type("hi");
      screen.await(s -> s.contains("ann> /msg bob hi"));
      screen.press("Enter");
      bob.expect("PRIV ann bob hi");
    }
  }

  @Test
  void aMentionRingsTheBellAndMarksTheWindowTitle() throws Exception {
    try (TestServer server = TestServer.start(); TestClient bob = server.register("bob");
        Tmux screen = Tmux.chatting(dir, server.port, "ann")) {
      bob.expect("JOINED lobby ann");
      bob.send("hello everyone");
      screen.await(s -> s.contains("<bob> hello everyone"));
      assertFalse(screen.rang());
      bob.send("ann: are you there?");
      screen.await(s -> s.contains("<bob> ann: are you there?"));
      assertTrue(screen.rang());
      assertEquals("(1) lochat: ann", screen.title());
    }
  }

  private static String lineWith(String screen, String text) {
    return Arrays.stream(screen.split("\n")).filter(line -> line.contains(text)).findFirst()
        .orElseThrow().strip();
  }

  private static String lineBefore(String screen, String text) {
    List<String> lines = List.of(screen.split("\n"));
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return lines.get(i - 1).strip();
      }
    }
    return fail("No " + text + " in " + screen);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The command that runs {@code lochat} on this JVM's classpath, names resolved locally. */
  private static List<String> lochat(Path dir, String... args) throws IOException {
    Path hosts = dir.resolve("hosts");
    if (!Files.exists(hosts)) {
      Files.writeString(hosts, "127.0.0.1 localhost\n");
    }
    List<String> command = LochatProcess.command(List.of("-Djdk.net.hosts.file=" + hosts), args);
    if (args[0].equals("client")) {
      command.addAll(List.of("--history-file", dir.resolve("history").toString()));
    }
    return command;
  }

  /** {@code lochat ARGS} with names resolved from the test's hosts file. */
  private static final class Program {
    private Program() {}

    static LochatProcess start(Path dir, String... args) throws IOException {
      return LochatProcess.start(lochat(dir, args));
    }

    static LochatProcess client(Path dir, int port, String... args) throws IOException {
      List<String> all = new ArrayList<>(List.of("client", "--host", "127.0.0.1", "--port",
          String.valueOf(port)));
      all.addAll(List.of(args));
      return start(dir, all.toArray(String[]::new));
    }
  }

  /**
   * {@code lochat client} in a tmux window of its own (a private tmux server, 100 by 30), run
   * by a shell that prints {@code [exit STATUS]} where the cursor is when the client ends, as
   * the shell's prompt would appear. The screen is polled until it shows what a test waits for.
   */
  private static final class Tmux implements AutoCloseable {
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    /** The private tmux server's socket, in the test's own directory. */
    private final String socket;
    private final Path log;

    private Tmux(String socket, Path log) {
      this.socket = socket;
      this.log = log;
    }

    static Tmux client(Path dir, int port, String... args) throws Exception {
      String missing = "tmux is not installed (Debian package tmux); the terminal tests need it";
      if (System.getenv("CI") != null) {
        assertTrue(available(), missing);
      } else {
        assumeTrue(available(), missing);
      }
      List<String> all = new ArrayList<>(List.of("client", "--host", "127.0.0.1", "--port",
          String.valueOf(port)));
      all.addAll(List.of(args));
      Path script = dir.resolve("run-" + SESSIONS.incrementAndGet() + ".sh");
      Files.writeString(script, lochat(dir, all.toArray(String[]::new)).stream()
          .map(arg -> "'" + arg.replace("'", "'\\''") + "'")
          .collect(Collectors.joining(" ", "cd '" + Path.of("").toAbsolutePath() + "' && ",
              "\nprintf '[exit %d]' $?\nexec cat > /dev/null\n")));
      Tmux tmux = new Tmux(dir.resolve("tmux-" + SESSIONS.get() + ".sock").toString(),
          dir.resolve("tmux-" + SESSIONS.get() + ".log"));
      tmux.run("-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30",
          "sh " + script);
      tmux.run("pipe-pane", "-o", "cat >> '" + tmux.log + "'");
      return tmux;
    }

    /** A client signed in as {@code nick}, its prompt on the screen. */
    static Tmux chatting(Path dir, int port, String nick) throws Exception {
      Tmux tmux = client(dir, port, "--nick", nick);
      tmux.await(s -> s.contains("[lobby] " + nick + ">"));
      return tmux;
    }

    static boolean available() {
      try {
        return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
      } catch (IOException | InterruptedException e) {
        return false;
      }
    }

    void type(String text) throws Exception {
      run("send-keys", "-l", text);
    }

    void press(String key) throws Exception {
      run("send-keys", key);
    }

    String screen() throws Exception {
      return run("capture-pane", "-p");
    }

    String title() throws Exception {
      return run("display-message", "-p", "#{pane_title}").strip();
    }

    boolean rang() throws Exception {
      return run("display-message", "-p", "#{window_bell_flag}").strip().equals("1");
    }

    /** Every byte the client wrote to the terminal, escape sequences included. */
    String everythingWritten() throws IOException {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    }

    /** Polls the screen until {@code wanted} holds, and returns it. */
    String await(Predicate<String> wanted) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      String shown = screen();
      while (!wanted.test(shown)) {
        if (System.nanoTime() > deadline) {
          fail("The screen never showed what was awaited:\n" + shown + "\nWritten: "
              + everythingWritten().replace("\u001b", "ESC"));
        }
        TimeUnit.MILLISECONDS.sleep(50);
        shown = screen();
      }
      return shown;
    }

    private String run(String... args) throws Exception {
      List<String> command = new ArrayList<>(List.of("tmux", "-S", socket));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        fail(command + " failed: " + output);
      }
      return output;
    }

    @Override
    public void close() throws IOException {
      try {
        new ProcessBuilder("tmux", "-S", socket, "kill-server").start().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
