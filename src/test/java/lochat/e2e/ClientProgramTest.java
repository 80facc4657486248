package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lochat client} as people run it, in a separate process, and the server where the two
 * share a behaviour. Names are resolved from a hosts file of the test's own, so an unknown host
 * never becomes a DNS query.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClientProgramTest {

  @TempDir Path dir;

  // Bad options and addresses

  @Test
  void aPortOutOfRangeIsRefusedInOneLineAsTheServerRefusesIt() throws Exception {
    Program client = Program.client(dir, 70000);
    client.stdin("");
    assertEquals(2, client.exitCode());
    assertEquals(List.of("Invalid --port: must be between 1 and 65535, not 70000"),
        client.stderr());
    assertEquals(List.of(), client.stdout());

    Program server = Program.start(dir, "server", "--host", "127.0.0.1", "--port", "70000",
        "--irc-port", "0");
    server.stdin("");
    assertEquals(2, server.exitCode());
    assertEquals(1, server.stderr().size(), server.stderr().toString());
  }

  @Test
  void anUnknownHostIsSaidInOneLine() throws Exception {
    int port = freePort();
    Program client = Program.start(dir, "client", "--host", "nosuchhost.invalid", "--port",
        String.valueOf(port), "--nick", "x");
    client.stdin("");
    assertEquals(1, client.exitCode());
    assertEquals(List.of("Cannot connect to nosuchhost.invalid:" + port + ": unknown host"),
        client.stdout());
    assertEquals(List.of(), client.stderr());
  }

  @Test
  void theServerOnAnUnknownHostSaysSoInOneLine() throws Exception {
    Program server = Program.start(dir, "server", "--host", "nosuchhost.invalid", "--port", "0",
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
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Dlogback.configurationFile=logback.xml", "-Djdk.net.hosts.file=" + hosts,
        "-cp", System.getProperty("java.class.path"), "lochat.Lochat"));
    command.addAll(List.of(args));
    return command;
  }

  /** A {@code lochat} process with piped standard streams, its output collected by line. */
  private static final class Program {
    private static final String END = "\u0000end";
    private final Process process;
    private final OutputStream in;
    private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> err = new LinkedBlockingQueue<>();
    private final List<String> outSeen = new ArrayList<>();
    private final List<String> errSeen = new ArrayList<>();

    private Program(Process process) {
      this.process = process;
      this.in = process.getOutputStream();
      collect(process.getInputStream(), out);
      collect(process.getErrorStream(), err);
    }

    static Program start(Path dir, String... args) throws IOException {
      return new Program(new ProcessBuilder(lochat(dir, args)).start());
    }

    static Program client(Path dir, int port, String... args) throws IOException {
      List<String> all = new ArrayList<>(List.of("client", "--host", "127.0.0.1", "--port",
          String.valueOf(port)));
      all.addAll(List.of(args));
      return start(dir, all.toArray(String[]::new));
    }

    /** Writes {@code text} and ends the input. */
    void stdin(String text) throws IOException {
      in.write(text.getBytes(StandardCharsets.UTF_8));
      in.close();
    }

    int exitCode() throws InterruptedException {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("Process did not exit; stdout so far: " + outSeen);
      }
      return process.exitValue();
    }

    void awaitStdout(String line) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!outSeen.contains(line)) {
        String next = out.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next == null || next.equals(END)) {
          fail("No line " + line + " in " + outSeen);
        }
        outSeen.add(next);
      }
    }

    /** Everything printed on stdout, once the process has ended. */
    List<String> stdout() throws InterruptedException {
      return drain(out, outSeen);
    }

    List<String> stderr() throws InterruptedException {
      return drain(err, errSeen);
    }

    private static List<String> drain(BlockingQueue<String> lines, List<String> seen)
        throws InterruptedException {
      for (String line = lines.poll(10, TimeUnit.SECONDS); !END.equals(line);
          line = lines.poll(10, TimeUnit.SECONDS)) {
        if (line == null) {
          fail("Output did not end; so far: " + seen);
        }
        seen.add(line);
      }
      lines.add(END);
      return seen;
    }

    private static void collect(InputStream stream, BlockingQueue<String> lines) {
      Thread reader = new Thread(() -> {
        try (BufferedReader from = new BufferedReader(
            new InputStreamReader(stream, StandardCharsets.UTF_8))) {
          from.lines().forEach(lines::add);
        } catch (IOException | java.io.UncheckedIOException ended) {
          // The process ended.
        } finally {
          lines.add(END);
        }
      });
      reader.setDaemon(true);
      reader.start();
    }
  }
}
