package lochat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcParse;

/**
 * Drives the real IRC client {@code ii} (suckless "irc it", Debian package {@code ii}, version
 * 1.8) as a separate process, so that an end-to-end test shows that a client we did not write
 * can register, join, talk and quit on our IRC listener.
 *
 * <p>How ii works: {@code ii -s 127.0.0.1 -p PORT -n NICK -f NAME -i DIR} connects and at once
 * sends {@code NICK} and {@code USER nick localhost 127.0.0.1 :NAME} (no CAP, no waiting). It
 * makes {@code DIR/127.0.0.1/} with a FIFO {@code in} and a file {@code out}, and the same pair in
 * a subdirectory per channel or private conversation, named by the channel lower-cased (ASCII)
 * with any byte other than letters, digits and {@code .#&+!-} turned into {@code _}. Each
 * {@code out} line is {@code <unix seconds> <text>}; in a channel {@code <nick> text} for a
 * message, {@code -!- nick(user@host) has joined #chan} and the like; in the server {@code out},
 * a numeric's parameters after the target, glued to its trailing text. Lines written to a
 * channel's {@code in} are sent as PRIVMSG and also echoed at once into that channel's
 * {@code out} as {@code <own nick> text}, whatever the server does with them. ii prints every raw
 * line it receives to its standard output, kept here in {@code DIR/ii.stdout}.
 *
 * <p>What ii needs from a server: a {@code nick!user@host} prefix on JOIN, PRIVMSG and the like
 * (with no {@code !} the line is shown as server text in the server {@code out}); a server PING
 * with its token as the trailing parameter ({@code PING :token}; for {@code PING token} ii
 * answers {@code PONG (null)}); no message tags; and an answer to its own {@code PING 127.0.0.1},
 * sent after 120 s without a line from the server (it quits, status 2, after 300 s without one).
 *
 * <p>Limits: ii runs only where it is installed ({@link #isInstalled}); a line written to an
 * {@code in} FIFO is at most 511 bytes and must not start with {@code /} unless it is meant as a
 * command. Close it (try-with-resources) so that no ii process outlives the test.
 */
public final class IiClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String HOST = "127.0.0.1";
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Pattern OUT_LINE = Pattern.compile("^\\d+ ");

  private final Process process;
  private final String nick;
  private final Path dir;
  private final Path serverDir;
  private final Map<Path, OutputStream> writers = new HashMap<>();

  private IiClient(Process process, String nick, Path dir) {
    this.process = process;
    this.nick = nick;
    this.dir = dir;
    this.serverDir = dir.resolve(HOST);
  }

  /** Whether an {@code ii} program is on the PATH. */
  public static boolean isInstalled() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "ii"))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Starts ii as {@code nick} against 127.0.0.1:{@code port} with its tree under {@code dir}, and
   * waits until it has received 001 (so it is registered) and made its server {@code in} FIFO.
   * Give it a fresh directory (a JUnit {@code @TempDir}): ii appends to the out files it finds.
   */
  public static IiClient start(int port, String nick, Path dir) throws IOException {
    Files.createDirectories(dir);
    ProcessBuilder builder = new ProcessBuilder("ii", "-s", HOST, "-p", Integer.toString(port),
        "-n", nick, "-f", "Real Name", "-i", dir.toString())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(dir.resolve("ii.stdout").toFile())
        .redirectError(dir.resolve("ii.stderr").toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException("Could not run ii (Debian package ii): " + e.getMessage(), e);
    }
    IiClient client = new IiClient(process, nick, dir);
    try {
      client.await(() -> client.rawLines().stream().anyMatch(IiClient::isWelcome)
              && Files.exists(client.serverDir.resolve("in")),
          TIMEOUT, () -> "ii did not register (no 001) within " + TIMEOUT);
    } catch (RuntimeException | Error e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** Joins {@code channel} and waits until the server's JOIN for this nick shows in its out. */
  public void join(String channel) throws IOException {
    int from = outLines(channel).size();
    write(null, "/j " + channel);
    awaitOut(channel, from,
        line -> line.startsWith("-!- " + nick + "(") && line.contains(" has joined "), TIMEOUT);
  }

  /**
   * Says {@code text} in {@code channel} (a PRIVMSG). ii echoes it into the channel's out at once,
   * so that line proves nothing about the server: look at another client for that.
   */
  public void say(String channel, String text) throws IOException {
    if (text.startsWith("/") || text.isEmpty()) {
      throw new IllegalArgumentException("ii would not send this as a message: " + text);
    }
    write(channel, text);
  }

  /**
   * Writes one line to the {@code in} FIFO of {@code channel}, or of the server if it is null: a
   * message, or an ii command such as {@code /j #chan}, {@code /l}, {@code /n nick},
   * {@code /t topic}, {@code /a text}, {@code /q reason}, or a raw command such as
   * {@code /WHO #chan}. Fails if ii does not open the FIFO within the timeout.
   */
  public synchronized void write(String channel, String line) throws IOException {
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("One line at a time: " + line);
    }
    Path fifo = directory(channel).resolve("in");
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    OutputStream out = writers.get(fifo);
    if (out != null) {
      try {
        out.write(bytes);
        out.flush();
        return;
      } catch (IOException brokenPipe) {
        // ii closed this FIFO (left the channel, or exited): open it afresh below.
        writers.remove(fifo);
        closeQuietly(out);
      }
    }
    requireAlive("writing to " + fifo);
    out = open(fifo);
    writers.put(fifo, out);
    out.write(bytes);
    out.flush();
  }

  /**
   * Opens {@code fifo} for writing on a helper thread, since that blocks until ii reads it. The
   * stream stays open: ii closes and reopens its end whenever the last writer goes, and a line
   * written in that moment would be lost.
   */
  private OutputStream open(Path fifo) throws IOException {
    CompletableFuture<OutputStream> opened = new CompletableFuture<>();
    startDaemon("ii-fifo-opener", () -> {
      try {
        // WRITE without CREATE: never make a plain file where ii's FIFO was removed.
        opened.complete(Files.newOutputStream(fifo, StandardOpenOption.WRITE));
      } catch (IOException | RuntimeException e) {
        opened.completeExceptionally(e);
      }
    });
    try {
      return opened.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      opened.thenAccept(IiClient::closeQuietly);
      // The opener is blocked on a FIFO that nobody reads: open it for reading to free it.
      startDaemon("ii-fifo-unblocker", () -> {
        try {
          new FileInputStream(fifo.toFile()).close();
        } catch (IOException ignored) {
          // The opener got through by itself.
        }
      });
      return fail("ii did not open " + fifo + " within " + TIMEOUT + "; " + diagnostics());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        fail("No FIFO " + fifo + " (not joined, or ii gone); " + diagnostics());
      }
      throw new IOException("Could not open " + fifo, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted opening " + fifo, e);
    }
  }

  /**
   * Waits until the out file of {@code channel} (or of the server, if null) has a line that
   * matches {@code wanted}, and returns it. Lines are given without ii's leading timestamp, such
   * as {@code <bob> hello} or {@code -!- bob(~bob@127.0.0.1) has joined #lobby}. The whole file
   * is searched: to wait for a line that may have come before, use the overload with a start.
   */
  public String awaitOut(String channel, Predicate<String> wanted, Duration timeout) {
    return awaitOut(channel, 0, wanted, timeout);
  }

  /**
   * As {@link #awaitOut(String, Predicate, Duration)}, looking only at lines from index
   * {@code fromLine} on: take {@code outLines(channel).size()} before acting as the start.
   */
  public String awaitOut(
      String channel, int fromLine, Predicate<String> wanted, Duration timeout) {
    Path file = directory(channel).resolve("out");
    String[] found = new String[1];
    await(() -> {
      List<String> lines = outLines(channel);
      for (String line : lines.subList(Math.min(fromLine, lines.size()), lines.size())) {
        if (wanted.test(line)) {
          found[0] = line;
          return true;
        }
      }
      return false;
    }, timeout, () -> "No matching line in " + file + " from line " + fromLine + " within "
        + timeout + "; it has:\n  " + String.join("\n  ", outLines(channel)));
    return found[0];
  }

  /** The lines of {@code channel}'s out file (the server's if null), without timestamps. */
  public List<String> outLines(String channel) {
    return readLines(directory(channel).resolve("out")).stream()
        .map(line -> OUT_LINE.matcher(line).replaceFirst(""))
        .toList();
  }

  /** Every raw line ii received from the server so far (from its standard output). */
  public List<String> rawLines() {
    return readLines(dir.resolve("ii.stdout")).stream()
        .filter(line -> OUT_LINE.matcher(line).find())
        .map(line -> OUT_LINE.matcher(line).replaceFirst(""))
        .toList();
  }

  /**
   * Waits until the raw lines ii has received so far ({@link #rawLines}) satisfy {@code wanted},
   * failing with {@code what} after the timeout or if ii exits first.
   */
  public void awaitRaw(Predicate<List<String>> wanted, Duration timeout, String what) {
    await(() -> wanted.test(rawLines()), timeout,
        () -> "ii did not receive " + what + " within " + timeout);
  }

  /** The directory ii uses for {@code channel}, or its server directory if null. */
  public Path directory(String channel) {
    return channel == null ? serverDir : serverDir.resolve(pathName(channel));
  }

  /** Sends {@code /q reason} (QUIT) and waits for ii to exit; returns its exit status. */
  public int quit(String reason) throws IOException {
    write(null, "/q " + reason);
    return awaitExit(TIMEOUT);
  }

  /** Waits for ii to exit by itself (status 1 when the server closed the connection). */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("ii still running after " + timeout + "; " + diagnostics());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("Interrupted waiting for ii to exit");
    }
    return process.exitValue();
  }

  public String nick() {
    return nick;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops ii if it still runs: SIGTERM makes it exit at once, closing the connection. */
  @Override
  public synchronized void close() {
    writers.values().forEach(IiClient::closeQuietly);
    writers.clear();
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** ii's directory name for a channel or nick, as its channel_normalize_path makes it. */
  static String pathName(String channel) {
    StringBuilder name = new StringBuilder();
    for (byte b : channel.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c >= 'A' && c <= 'Z') {
        name.append((char) (c + ('a' - 'A')));
      } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || ".#&+!-".indexOf(c) >= 0) {
        name.append(c);
      } else {
        name.append('_');
      }
    }
    return name.toString();
  }

  private static boolean isWelcome(String rawLine) {
    return IrcMessage.parse(rawLine) instanceof IrcParse.Ok ok
        && ok.message().command().equals("001");
  }

  /** Polls {@code condition} until it holds, failing once the timeout passes or ii exits. */
  private void await(BooleanSupplier condition, Duration timeout, Supplier<String> why) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean alive = process.isAlive();
      if (condition.getAsBoolean()) {
        return;
      }
      if (!alive) {
        fail(why.get() + "; ii exited with status " + process.exitValue() + "; " + diagnostics());
      }
      if (System.nanoTime() - deadline >= 0) {
        fail(why.get() + "; " + diagnostics());
      }
      try {
        Thread.sleep(POLL.toMillis()); // Polls a file: a short interval under a deadline.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("Interrupted: " + why.get());
      }
    }
  }

  private void requireAlive(String doing) {
    if (!process.isAlive()) {
      fail("ii exited with status " + process.exitValue() + " before " + doing + "; "
          + diagnostics());
    }
  }

  private String diagnostics() {
    List<String> raw = rawLines();
    return "ii stderr: " + String.join(" / ", readLines(dir.resolve("ii.stderr")))
        + "\nlast raw lines ii received:\n  "
        + String.join("\n  ", raw.subList(Math.max(0, raw.size() - 20), raw.size()));
  }

  private static List<String> readLines(Path file) {
    try {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      text = text.substring(0, text.lastIndexOf('\n') + 1); // A line still being written waits.
      return text.lines().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(OutputStream out) {
    try {
      out.close();
    } catch (IOException ignored) {
      // A broken pipe: ii is gone from the other end.
    }
  }

  private static void startDaemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
