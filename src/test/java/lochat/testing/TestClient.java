package lochat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw TCP client for end-to-end tests, like a person with {@code nc}: it writes bytes and reads
 * lines. A background thread reads the socket continuously (so this client is never a slow
 * reader, unless {@link #connectWithoutReading} made it one) into a queue that the
 * {@code expect} methods poll with a timeout.
 */
public final class TestClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String CLOSED = "\u0000closed";

  private final Socket socket;
  private final OutputStream out;
  private final BlockingDeque<String> lines = new LinkedBlockingDeque<>();
  private final List<String> seen = new ArrayList<>();

  private TestClient(Socket socket, boolean read) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    if (read) {
      Thread reader = new Thread(this::readLoop, "test-client-reader");
      reader.setDaemon(true);
      reader.start();
    }
  }

  public static TestClient connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new TestClient(socket, true);
  }

  /**
   * Connects from {@code localAddress}, another loopback address such as 127.0.0.2, so that the
   * server sees another client machine.
   */
  public static TestClient connectFrom(String localAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new TestClient(socket, true);
  }

  /** A client over TLS, trusting the server's certificate as {@code tls} does. */
  public static TestClient connectTls(TestTls tls, int port) throws IOException {
    return new TestClient(tls.connect(port), true);
  }

  /** A client that never reads, with a small receive buffer so the server notices sooner. */
  public static TestClient connectWithoutReading(int port) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new TestClient(socket, false);
  }

  public void send(String line) throws IOException {
    sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public synchronized void sendBytes(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Waits for a line equal to {@code expected}, skipping others; returns the lines skipped. */
  public List<String> expect(String expected) throws InterruptedException {
    return expectMatching(expected::equals, "a line equal to '" + expected + "'");
  }

  public List<String> expectStartsWith(String prefix) throws InterruptedException {
    return expectMatching(line -> line.startsWith(prefix), "a line starting with '" + prefix + "'");
  }

  public List<String> expectKind(String kind) throws InterruptedException {
    return expectStartsWith(kind + " ");
  }

  /** Whether no line arrives within {@code quiet}; a line that does is kept for later. */
  public boolean nothingWithin(Duration quiet) throws InterruptedException {
    String line = lines.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      return true;
    }
    lines.addFirst(line);
    return false;
  }

  /** The next line, whatever it is. */
  public String nextLine() throws InterruptedException {
    String line = lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (line == null) {
      fail("No line within " + TIMEOUT + "; seen so far: " + tail());
    }
    if (line.equals(CLOSED)) {
      fail("Connection closed; seen so far: " + tail());
    }
    seen.add(line);
    return line;
  }

  public List<String> expectMatching(Predicate<String> wanted, String description)
      throws InterruptedException {
    return expectMatching(wanted, description, TIMEOUT);
  }

  /** Like {@link #expect}, waiting up to {@code within} (e.g. for a cluster to fail over). */
  public List<String> expect(String expected, Duration within) throws InterruptedException {
    return expectMatching(expected::equals, "a line equal to '" + expected + "'", within);
  }

  private List<String> expectMatching(Predicate<String> wanted, String description,
      Duration within) throws InterruptedException {
    List<String> skipped = new ArrayList<>();
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        fail("Expected " + description + " within " + within + "; seen: " + tail());
      }
      if (line.equals(CLOSED)) {
        fail("Connection closed while expecting " + description + "; seen: " + tail());
      }
      seen.add(line);
      if (wanted.test(line)) {
        return skipped;
      }
      skipped.add(line);
    }
  }

  /** Waits until the server closes the connection; returns the lines received before. */
  public List<String> expectClosed() throws InterruptedException {
    List<String> before = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        fail("Connection still open after " + TIMEOUT + "; seen: " + tail());
      }
      if (line.equals(CLOSED)) {
        return before;
      }
      seen.add(line);
      before.add(line);
    }
  }

  /** Closes the sending side only, as a pipe into {@code nc} does at its end. */
  public void finishSending() throws IOException {
    socket.shutdownOutput();
  }

  /** Resets the connection (TCP RST) instead of closing it. */
  public void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private List<String> tail() {
    return seen.subList(Math.max(0, seen.size() - 20), seen.size()).stream()
        .map(line -> line.length() > 100 ? line.substring(0, 100) + "..." : line)
        .toList();
  }

  private void readLoop() {
    try (InputStream in = socket.getInputStream()) {
      SocketLines.read(in, lines::add);
    } catch (IOException closed) {
      // A reset ends the line stream like a close does.
    } finally {
      lines.add(CLOSED);
    }
  }
}
