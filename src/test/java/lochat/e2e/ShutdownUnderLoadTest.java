package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import lochat.testing.SocketLines;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Shutdown while clients are still sending: every client, native and IRC, must read the goodbye
 * and then an orderly end of stream, never a reset.
 *
 * <p>Each client writes as fast as the server lets it, so its unread lines are waiting in the
 * server's receive buffer when the shutdown comes (flood control takes 20 lines a second). A
 * server that closes a socket with unread input makes the kernel send a reset, which can
 * overtake the goodbye. The clients here tell a reset from an end of stream, which
 * {@code TestClient} does not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShutdownUnderLoadTest {

  private static final int CLIENTS_PER_PROTOCOL = 50;
  private static final Duration WITHIN = Duration.ofSeconds(30);
  private static final int LINES_PER_WRITE = 1000;
  private static final String NATIVE_GOODBYE = "SERVER The server is shutting down. Goodbye!";

  @Test
  void everyClientStillSendingReadsTheGoodbyeThenAnOrderlyClose() throws Exception {
    List<LoadClient> clients = new ArrayList<>();
    // A hundred clients, all from 127.0.0.1: the per-address limits are off.
    try (TestServer server = TestServer.start(
        "lochat.per-address.max-connections = 0\nlochat.per-address.max-unregistered = 0")) {
      for (int i = 0; i < CLIENTS_PER_PROTOCOL; i++) {
        clients.add(LoadClient.nativeUser(server.port, "nat" + i));
        clients.add(LoadClient.ircUser(server.ircPort(), "irc" + i));
      }
      for (LoadClient client : clients) {
        client.startSending();
      }
      for (LoadClient client : clients) {
        client.awaitLine(client.loadReply, "5 replies to its load", 5);
      }

      server.shutdown(WITHIN);

      List<String> failures = new ArrayList<>();
      for (LoadClient client : clients) {
        client.verdict(WITHIN).ifPresent(failures::add);
      }
      assertEquals(List.of(), failures,
          failures.size() + " of " + clients.size() + " clients did not get the goodbye and a close");
    } finally {
      for (LoadClient client : clients) {
        client.close();
      }
    }
  }

  /**
   * One raw connection: a reader thread that keeps every line and how the stream ended, and,
   * once {@link #startSending} is called, a writer thread that sends its load line for ever.
   */
  private static final class LoadClient implements AutoCloseable {

    private final String name;
    private final Socket socket;
    private final String load;
    private final Predicate<String> loadReply;
    private final Predicate<String> goodbye;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> last = new ArrayDeque<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile String endedBy;

    private LoadClient(String name, int port, String load, Predicate<String> loadReply,
        Predicate<String> goodbye) throws IOException {
      this.name = name;
      this.socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      this.load = load;
      this.loadReply = loadReply;
      this.goodbye = goodbye;
      Thread reader = new Thread(this::readLoop, "load-reader-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    static LoadClient nativeUser(int port, String nick) throws Exception {
      LoadClient client = new LoadClient(nick, port, "/rooms\n",
          line -> line.startsWith("ROOMS "), NATIVE_GOODBYE::equals);
      client.awaitLine(line -> line.startsWith("PROMPT "), "the prompt", 1);
      client.write(nick + "\n");
      client.awaitLine(line -> line.startsWith("SERVER Hello " + nick), "the welcome", 1);
      return client;
    }

    static LoadClient ircUser(int port, String nick) throws Exception {
      LoadClient client = new LoadClient(nick, port, "PING :load\r\n",
          line -> line.contains(" PONG "),
          line -> line.startsWith("ERROR :Closing Link: ")
              && line.endsWith("(Server shutting down)"));
      client.write("NICK " + nick + "\r\nUSER " + nick + " 0 * :Load\r\n");
      client.awaitLine(line -> line.contains(" 376 ") || line.contains(" 422 "),
          "the end of the MOTD", 1);
      return client;
    }

    /** Writes its load line over and over, many to a write, until the connection ends. */
    void startSending() {
      byte[] block = load.repeat(LINES_PER_WRITE).getBytes(StandardCharsets.UTF_8);
      Thread writer = new Thread(() -> {
        try {
          while (true) {
            write(block);
          }
        } catch (IOException closed) {
          // The server closed; the reader says how.
        }
      }, "load-writer-" + name);
      writer.setDaemon(true);
      writer.start();
    }

    void awaitLine(Predicate<String> wanted, String description, int times)
        throws InterruptedException {
      long deadline = System.nanoTime() + WITHIN.toNanos();
      int seen = 0;
      while (seen < times) {
        long left = deadline - System.nanoTime();
        String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
        if (line == null) {
          fail(name + ": expected " + description + " within " + WITHIN + "; last lines: "
              + lastLines());
        }
        if (wanted.test(line)) {
          seen++;
        }
      }
    }

    /** Empty if the goodbye was the last line and the stream then ended; else what went wrong. */
    Optional<String> verdict(Duration within) throws InterruptedException {
      if (!ended.await(within.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.of(name + ": still open; last lines " + lastLines());
      }
      List<String> tail = lastLines();
      boolean saidGoodbye = !tail.isEmpty() && goodbye.test(tail.get(tail.size() - 1));
      if (endedBy == null && saidGoodbye) {
        return Optional.empty();
      }
      return Optional.of(name + ": " + (saidGoodbye ? "goodbye" : "no goodbye")
          + ", then " + (endedBy == null ? "end of stream" : endedBy) + "; last lines " + tail);
    }

    private synchronized void write(String text) throws IOException {
      write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) throws IOException {
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
    }

    private List<String> lastLines() {
      synchronized (last) {
        return new ArrayList<>(last);
      }
    }

    private void readLoop() {
      try (InputStream in = socket.getInputStream()) {
        SocketLines.read(in, raw -> {
          String text = raw.replace("\r", "");
          synchronized (last) {
            last.addLast(text);
            if (last.size() > 5) {
              last.removeFirst();
            }
          }
          lines.add(text);
        });
      } catch (IOException failure) {
        endedBy = failure.toString();
      } finally {
        ended.countDown();
        closeQuietly();
      }
    }

    private void closeQuietly() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }

    @Override
    public void close() {
      closeQuietly();
    }
  }
}
