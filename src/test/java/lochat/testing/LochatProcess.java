package lochat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real {@code lochat} process on this JVM's classpath, for tests of the program as people run
 * it: its standard input written once, its output collected line by line on reader threads.
 * Every wait has a deadline; nothing sleeps. Every server gets a data directory of its own in a
 * temporary directory, removed when the tests' JVM exits, unless it is given {@code --data-dir}.
 */
public final class LochatProcess {

  private static final String END = "\u0000end";
  private static final long WAIT_SECONDS = 30;
  private static final AtomicInteger SERVERS = new AtomicInteger();
  private static Path dataDirs;

  private final Process process;
  private final BlockingQueue<String> out = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> err = new LinkedBlockingQueue<>();
  private final List<String> outSeen = new ArrayList<>();
  private final List<String> errSeen = new ArrayList<>();

  private LochatProcess(Process process) {
    this.process = process;
    collect(process.getInputStream(), out);
    collect(process.getErrorStream(), err);
  }

  /**
   * The command that runs {@code lochat ARGS} on this JVM, with {@code jvmOptions} (such as
   * {@code -Dname=value}) before the class.
   */
  public static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Dlogback.configurationFile=logback.xml");
    if (args.length > 0 && args[0].equals("server")) {
      command.add("-Dlochat.data-dir=" + freshDataDir());
      // Never the default web port: tests run beside each other and beside real servers.
      // A test's own --web-port still wins.
      command.add("-Dlochat.web.port=0");
      command.add("-Dlochat.tls.port=0");
      command.add("-Dlochat.irc.tls-port=0");
      command.add("-Dlochat.web.tls-port=0");
      // Not announced: a test that wants it says -Dlochat.discovery.enabled=on to the server.
      command.add("-Dlochat.discovery.enabled=off");
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "lochat.Lochat"));
    command.addAll(List.of(args));
    return command;
  }

  /** A directory that does not exist yet, in one temporary directory removed at exit. */
  private static synchronized Path freshDataDir() {
    if (dataDirs == null) {
      try {
        dataDirs = Files.createTempDirectory("lochat-test-data");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path all = dataDirs;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(all)));
    }
    return dataDirs.resolve("server-" + SERVERS.incrementAndGet());
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Left in the temporary directory.
    }
  }

  public static LochatProcess start(List<String> command) throws IOException {
    return new LochatProcess(new ProcessBuilder(command).start());
  }

  public Process process() {
    return process;
  }

  /** Types {@code line} and Enter, leaving the input open for more. */
  public void typeLine(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Writes {@code text} and ends the input. */
  public void stdin(String text) throws IOException {
    try (OutputStream in = process.getOutputStream()) {
      in.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  public int exitCode() throws InterruptedException {
    if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("Process did not exit; stdout: " + stdout() + " stderr: " + stderr());
    }
    return process.exitValue();
  }

  /** Everything printed on stdout, once the process has ended. */
  public List<String> stdout() throws InterruptedException {
    return drain(out, outSeen);
  }

  public List<String> stderr() throws InterruptedException {
    return drain(err, errSeen);
  }

  public void awaitStdout(String line) throws InterruptedException {
    await(out, outSeen, Pattern.compile(Pattern.quote(line)));
  }

  /** Waits for a line of stdout that {@code pattern} matches whole; the lines before are seen. */
  public Matcher awaitStdout(Pattern pattern) throws InterruptedException {
    return await(out, outSeen, pattern);
  }

  public Matcher awaitStderr(Pattern pattern) throws InterruptedException {
    return await(err, errSeen, pattern);
  }

  private static Matcher await(BlockingQueue<String> queue, List<String> seen, Pattern pattern)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline) {
      String line = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        break;
      }
      seen.add(line);
      Matcher matcher = pattern.matcher(line);
      if (matcher.matches()) {
        return matcher;
      }
    }
    fail("No line matching " + pattern + " in " + seen);
    return null;
  }

  private static List<String> drain(BlockingQueue<String> queue, List<String> seen)
      throws InterruptedException {
    while (true) {
      String line = queue.poll(10, TimeUnit.SECONDS);
      if (line == null) {
        fail("Output did not end; so far: " + seen);
      }
      if (line.equals(END)) {
        queue.add(END);
        return seen;
      }
      seen.add(line);
    }
  }

  private static void collect(InputStream stream, BlockingQueue<String> lines) {
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        in.lines().forEach(lines::add);
      } catch (IOException | UncheckedIOException ended) {
        // The process ended.
      } finally {
        lines.add(END);
      }
    });
    reader.setDaemon(true);
    reader.start();
  }
}
