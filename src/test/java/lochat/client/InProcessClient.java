package lochat.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import lochat.client.trust.ClientTls;

/**
 * {@link ChatClient} run in the test's JVM as {@code lochat client} runs it from a pipe: lines
 * typed into its input, the server's lines printed raw. Its output and what it says about TLS
 * go, in the order they were said, into one transcript: {@code "out: LINE"} and
 * {@code "tls: LINE"}. Every wait has a deadline.
 */
final class InProcessClient implements AutoCloseable {

  private static final long WAIT_SECONDS = 30;

  private final PipedOutputStream typed = new PipedOutputStream();
  private final BlockingQueue<String> said = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  private InProcessClient() {}

  /** Connects to 127.0.0.1:{@code port} as {@code nick} over plain TCP. */
  static InProcessClient startPlain(int port, String nick) throws IOException {
    return start(port, nick, notices -> null);
  }

  /** Connects to 127.0.0.1:{@code port} as {@code nick}; {@code tls} is built with its notices. */
  static InProcessClient start(int port, String nick, Function<Consumer<String>, ClientTls> tls)
      throws IOException {
    InProcessClient client = new InProcessClient();
    PipedInputStream in = new PipedInputStream(client.typed, 1 << 16);
    PrintStream out = new PrintStream(new Lines(line -> client.said.add("out: " + line)), true,
        StandardCharsets.UTF_8);
    PlainConsole console = new PlainConsole(in, out, true,
        Timestamps.off(ZoneOffset.UTC), Clock.systemUTC());
    ClientTls connection = tls.apply(notice -> notice.lines()
        .forEach(line -> client.said.add("tls: " + line)));
    Thread runner = new Thread(() -> {
      try {
        client.exit.complete(new ChatClient("127.0.0.1", port, Optional.of(nick), Optional.empty(),
            console, Optional.ofNullable(connection)).run());
      } catch (Exception | Error e) {
        client.exit.completeExceptionally(e);
      }
    }, "in-process-client");
    runner.setDaemon(true);
    runner.start();
    return client;
  }

  void type(String line) throws IOException {
    typed.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    typed.flush();
  }

  /** Ends the input, as Ctrl-D would: the client sends /quit. */
  void endInput() throws IOException {
    typed.close();
  }

  /** Waits for {@code expected} in the transcript and returns it. */
  String await(String expected) throws InterruptedException {
    return await(expected::equals, "'" + expected + "'");
  }

  /** Waits for a line of the transcript that {@code wanted} likes, {@code described}. */
  String await(Predicate<String> wanted, String described) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (true) {
      String next = said.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        return fail("No " + described + " within " + WAIT_SECONDS + " s; saw " + seen);
      }
      seen.add(next);
      if (wanted.test(next)) {
        return next;
      }
    }
  }

  /** The exit status, once the client has ended. */
  int exitCode() throws Exception {
    try {
      return exit.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return fail("The client did not end; saw " + transcript());
    }
  }

  /** Everything said so far, in order. */
  List<String> transcript() {
    said.drainTo(seen);
    return List.copyOf(seen);
  }

  @Override
  public void close() throws Exception {
    typed.close();
    exit.handle((status, failure) -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** An output stream cut into UTF-8 lines. */
  private static final class Lines extends OutputStream {
    private final Consumer<String> each;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    Lines(Consumer<String> each) {
      this.each = each;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        each.accept(line.toString(StandardCharsets.UTF_8));
        line.reset();
      } else {
        line.write(b);
      }
    }
  }
}
