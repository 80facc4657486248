package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lochat.testing.LochatProcess;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code lochat} program itself, run as a separate process the way people run it: the
 * client with piped standard input, the server with a busy port and with SIGTERM.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ProgramTest {

  @Test
  void clientWithPipedInputSendsEverythingInOrderThenQuits() throws Exception {
    try (TestServer server = TestServer.start()) {
      TestClient bob = server.register("bob");
      LochatProcess client = Program.start("client", "--host", "127.0.0.1", "--port",
          String.valueOf(server.port), "--nick", "dave");
      client.stdin("hello from a pipe\n/msg bob psst\nexit\n");
      bob.expect("MSG lobby dave hello from a pipe");
      bob.expect("PRIV dave bob psst");
      bob.expect("LEFT lobby dave quit");
      assertEquals(0, client.exitCode());
      List<String> out = client.stdout();
      assertTrue(out.contains("[lobby] <dave> hello from a pipe"), out.toString());
      assertTrue(out.contains("[dave -> bob] psst"), out.toString());
      assertTrue(out.contains("Bye dave"), out.toString());
    }
  }

  @Test
  void clientQuitsAtEndOfInputAfterSendingEverything() throws Exception {
    try (TestServer server = TestServer.start()) {
      TestClient bob = server.register("bob");
      LochatProcess client = Program.start("client", "--host", "127.0.0.1", "--port",
          String.valueOf(server.port), "--nick", "erin");
      StringBuilder lines = new StringBuilder();
      for (int i = 0; i < 200; i++) {
        lines.append("line ").append(i).append('\n');
      }
      client.stdin(lines.toString());
      for (int i = 0; i < 200; i++) {
        bob.expect("MSG lobby erin line " + i);
      }
      bob.expect("LEFT lobby erin quit");
      assertEquals(0, client.exitCode());
    }
  }

  @Test
  void clientThatCannotConnectSaysSoInOneLine() throws Exception {
    int port = freePort();
    LochatProcess client = Program.start("client", "--host", "127.0.0.1", "--port",
        String.valueOf(port), "--nick", "x");
    client.stdin("");
    assertEquals(1, client.exitCode());
    assertEquals(List.of("Cannot connect to 127.0.0.1:" + port + ": connection refused"),
        client.stdout());
    assertEquals(List.of(), client.stderr());
  }

  @Test
  void clientSaysWhenTheServerGoesAway() throws Exception {
    TestServer server = TestServer.start();
    LochatProcess client = Program.start("client", "--host", "127.0.0.1", "--port",
        String.valueOf(server.port), "--nick", "fred");
    client.awaitStdout("You are now fred");
    server.close();
    assertEquals(1, client.exitCode());
    List<String> out = client.stdout();
    assertEquals("Connection closed by server", out.get(out.size() - 1), out.toString());
  }

  @Test
  void serverOnABusyPortSaysSoInOneLineAndExitsWithStatusOne() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LochatProcess server = Program.start("server", "--host", "127.0.0.1", "--port",
          String.valueOf(busy.getLocalPort()));
      server.stdin("");
      assertEquals(1, server.exitCode());
      List<String> err = server.stderr();
      assertTrue(err.contains("Cannot listen on 127.0.0.1:" + busy.getLocalPort()
          + ": address already in use"), err.toString());
      assertFalse(err.stream().anyMatch(line -> line.contains("Exception")
          || line.startsWith("\tat ")), err.toString());
    }
  }

  @Test
  void serverWhoseIrcPortIsBusySaysSoAndExitsWithStatusOne() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LochatProcess server = Program.start("server", "--host", "127.0.0.1", "--port", "0",
          "--irc-port", String.valueOf(busy.getLocalPort()));
      server.stdin("");
      assertEquals(1, server.exitCode());
      List<String> err = server.stderr();
      assertTrue(err.contains("Cannot listen for IRC on 127.0.0.1:" + busy.getLocalPort()
          + ": address already in use"), err.toString());
      assertFalse(err.stream().anyMatch(line -> line.contains("Exception")
          || line.startsWith("\tat ")), err.toString());
    }
  }

  @Test
  void serverWhoseWebPortIsBusySaysSoAndExitsWithStatusOne() throws Exception {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      LochatProcess server = Program.start("server", "--host", "127.0.0.1", "--port", "0",
          "--web-port", String.valueOf(busy.getLocalPort()));
      server.stdin("");
      assertEquals(1, server.exitCode());
      List<String> err = server.stderr();
      assertTrue(err.contains("Cannot listen for browsers on 127.0.0.1:" + busy.getLocalPort()
          + ": address already in use"), err.toString());
      assertFalse(err.stream().anyMatch(line -> line.contains("Exception")
          || line.startsWith("\tat ")), err.toString());
    }
  }

  @Test
  void serverWithAnImpossibleSettingNamesItAndExitsWithStatusTwo() throws Exception {
    java.nio.file.Path config = java.nio.file.Files.createTempFile("lochat", ".conf");
    java.nio.file.Files.writeString(config, "lochat.connection.send-buffer = 0\n");
    LochatProcess server = Program.start("server", "--host", "127.0.0.1", "--port", "0",
        "--config", config.toString());
    server.stdin("");
    assertEquals(2, server.exitCode());
    List<String> err = server.stderr();
    assertEquals(1, err.size(), err.toString());
    assertTrue(err.get(0).startsWith("Invalid configuration: ")
        && err.get(0).contains("lochat.connection.send-buffer"), err.toString());
    java.nio.file.Files.delete(config);
  }

  @Test
  void settingsGivenWithDashDOverrideTheDefaults() throws Exception {
    LochatProcess server = Program.start("server", "--host", "127.0.0.1", "--port", "0",
        "-Dlochat.server-name=office", "-Dlochat.motd=Pizza");
    Matcher listening = server.awaitStderr(Pattern.compile(".*Lochat .* listening on 127\\.0\\.0\\.1:(\\d+)"));
    server.awaitStderr(Pattern.compile(".*Open http://127\\.0\\.0\\.1:\\d+/ in a browser"));
    try (TestClient client = TestClient.connect(Integer.parseInt(listening.group(1)))) {
      assertTrue(client.nextLine().startsWith("SERVER Welcome to office "));
      assertEquals("SERVER Pizza", client.nextLine());
    } finally {
      server.process().destroy();
      assertEquals(0, server.exitCode());
    }
  }

  @Test
  void serverShutsDownGracefullyOnSigtermAndExitsWithStatusZero() throws Exception {
    LochatProcess server = Program.start("server", "--host", "127.0.0.1", "--port", "0");
    Matcher listening = server.awaitStderr(Pattern.compile(".*Lochat .* listening on 127\\.0\\.0\\.1:(\\d+)"));
    int port = Integer.parseInt(listening.group(1));
    try (TestClient alice = TestClient.connect(port)) {
      alice.expectKind("PROMPT");
      alice.send("alice");
      alice.expect("OK nick alice");
      long start = System.nanoTime();
      server.process().destroy();
      List<String> last = alice.expectClosed();
      assertTrue(last.contains("SERVER The server is shutting down. Goodbye!"), last.toString());
      assertEquals(0, server.exitCode());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5),
          "shutdown took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** {@code lochat ARGS}; a server never gets the default IRC port. */
  private static final class Program {
    private Program() {}

    static LochatProcess start(String... args) throws IOException {
      List<String> command = LochatProcess.command(List.of(), args);
      if (args[0].equals("server") && !command.contains("--irc-port")) {
        // Never the default IRC port: tests run beside each other and beside real servers.
        command.addAll(List.of("--irc-port", "0"));
      }
      return LochatProcess.start(command);
    }
  }
}
