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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcParse;

/**
 * A raw TCP IRC client for end-to-end tests: it writes protocol lines and reads the server's
 * replies as {@link IrcMessage}s, so that a test can check the IRC listener message by message
 * without a real client's own logic in between.
 *
 * <p>As {@link TestClient} does, a background thread reads the socket continuously into a queue
 * that the {@code expect} methods poll with a {@link #TIMEOUT}; a failure shows the last lines
 * sent and received. Every line the server sends must end with CRLF and parse as an IRC message,
 * or the test fails when that line is taken from the queue.
 *
 * <p>Limits: it does no CAP negotiation, SASL or TLS of its own (send the lines yourself), and it
 * answers server {@code PING}s only after {@link #answerPings(boolean) answerPings(true)}: by
 * default a PING is queued like any other message, so that ping timeouts can be tested.
 */
public final class IrcTestClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String CLOSED = "\u0000closed";
  private static final int TRANSCRIPT_TAIL = 40;

  private final Socket socket;
  private final OutputStream out;
  private final BlockingDeque<String> lines = new LinkedBlockingDeque<>();
  private final List<String> received = new ArrayList<>();
  private final List<String> transcript = new ArrayList<>();
  private volatile boolean answerPings;

  private IrcTestClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    Thread reader = new Thread(this::readLoop, "irc-test-client-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public static IrcTestClient connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new IrcTestClient(socket);
  }

  /** An IRC client over TLS, trusting the server's certificate as {@code tls} does. */
  public static IrcTestClient connectTls(TestTls tls, int port) throws IOException {
    return new IrcTestClient(tls.connect(port));
  }

  /** Connects from {@code localAddress}, another loopback address such as 127.0.0.2. */
  public static IrcTestClient connectFrom(String localAddress, int port) throws IOException {
    Socket socket = new Socket();
    socket.bind(new InetSocketAddress(localAddress, 0));
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new IrcTestClient(socket);
  }

  /**
   * Whether the reader thread answers each server {@code PING} with a {@code PONG} carrying the
   * same parameters; answered PINGs are not queued. Off by default.
   */
  public IrcTestClient answerPings(boolean answer) {
    this.answerPings = answer;
    return this;
  }

  /** Sends {@code line} followed by CRLF, in UTF-8. */
  public void send(String line) throws IOException {
    write(line + "\r\n");
  }

  /** Sends {@code bytes} exactly as given: no CRLF is added. */
  public void sendRaw(byte[] bytes) throws IOException {
    synchronized (out) {
      record("-> (raw) " + new String(bytes, StandardCharsets.UTF_8));
      out.write(bytes);
      out.flush();
    }
  }

  /**
   * Registers as {@code nick} ({@code NICK}, then {@code USER nick 0 * :Real Name}) and waits for
   * 001 and then the end of the MOTD (376) or its absence (422). Returns every message received
   * up to and including that last one, so that a test can look at 002 to 005 too. An error
   * numeric (4xx or 5xx, such as 433 for a nick in use) or ERROR fails at once.
   */
  public List<IrcMessage> register(String nick) throws IOException, InterruptedException {
    send("NICK " + nick);
    send("USER " + nick + " 0 * :Real Name");
    List<IrcMessage> messages = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    messages.add(awaitRegistration(nick, Set.of("001"), "001 (welcome)", deadline, messages));
    messages.add(awaitRegistration(
        nick, Set.of("376", "422"), "376 or 422 (end of MOTD)", deadline, messages));
    return messages;
  }

  /** The next message with {@code command} (numerics such as "001" too), skipping others. */
  public IrcMessage expect(String command) throws InterruptedException {
    String wanted = command.toUpperCase(Locale.ROOT);
    return expect(m -> m.command().equals(wanted), "a " + wanted + " message");
  }

  /** The next message that matches {@code wanted}, skipping others. */
  public IrcMessage expect(Predicate<IrcMessage> wanted, String description)
      throws InterruptedException {
    return take(wanted, description, System.nanoTime() + TIMEOUT.toNanos(), true, null);
  }

  /** The very next message, whatever it is. */
  public IrcMessage expectNext() throws InterruptedException {
    return expectNext(m -> true, "any message");
  }

  /** The very next message, which must have {@code command}; nothing is skipped. */
  public IrcMessage expectNext(String command) throws InterruptedException {
    String wanted = command.toUpperCase(Locale.ROOT);
    return expectNext(m -> m.command().equals(wanted), "a " + wanted + " message");
  }

  /** The very next message, which must match {@code wanted}; nothing is skipped. */
  public IrcMessage expectNext(Predicate<IrcMessage> wanted, String description)
      throws InterruptedException {
    return take(wanted, description, System.nanoTime() + TIMEOUT.toNanos(), false, null);
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

  /**
   * Waits until the server closes the connection; returns the messages received before (such as
   * {@code ERROR :Closing link}).
   */
  public List<IrcMessage> expectClosed() throws InterruptedException {
    List<IrcMessage> before = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      String line = poll(deadline);
      if (line == null) {
        fail("Connection still open after " + TIMEOUT + "; " + transcriptTail());
      }
      if (line.equals(CLOSED)) {
        lines.addFirst(CLOSED);
        return before;
      }
      before.add(parse(line));
    }
  }

  /** Every line received so far, in order, without its CRLF (including ones not yet expected). */
  public List<String> seen() {
    synchronized (transcript) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private IrcMessage awaitRegistration(String nick, Set<String> commands, String description,
      long deadline, List<IrcMessage> skipped) throws InterruptedException {
    IrcMessage message = take(m -> commands.contains(m.command()) || isError(m), description,
        deadline, true, skipped);
    if (isError(message) && !commands.contains(message.command())) {
      fail("Registration as " + nick + " refused: " + message.render() + "; " + transcriptTail());
    }
    return message;
  }

  private static boolean isError(IrcMessage message) {
    String command = message.command();
    return command.equals("ERROR") || command.matches("[45][0-9][0-9]");
  }

  private IrcMessage take(Predicate<IrcMessage> wanted, String description, long deadline,
      boolean skip, List<IrcMessage> skipped) throws InterruptedException {
    while (true) {
      String line = poll(deadline);
      if (line == null) {
        fail("Expected " + description + " within " + TIMEOUT + "; " + transcriptTail());
      }
      if (line.equals(CLOSED)) {
        lines.addFirst(CLOSED);
        fail("Connection closed while expecting " + description + "; " + transcriptTail());
      }
      IrcMessage message = parse(line);
      if (wanted.test(message)) {
        return message;
      }
      if (!skip) {
        fail("Expected " + description + " next, got: " + message.render() + "; "
            + transcriptTail());
      }
      if (skipped != null) {
        skipped.add(message);
      }
    }
  }

  private String poll(long deadline) throws InterruptedException {
    long left = deadline - System.nanoTime();
    return left <= 0 ? lines.pollFirst() : lines.pollFirst(left, TimeUnit.NANOSECONDS);
  }

  private IrcMessage parse(String rawLine) {
    if (!rawLine.endsWith("\r")) {
      fail("Line not terminated by CRLF: " + rawLine + "; " + transcriptTail());
    }
    String line = rawLine.substring(0, rawLine.length() - 1);
    IrcParse parsed = IrcMessage.parse(line);
    if (parsed instanceof IrcParse.Invalid invalid) {
      fail("Not an IRC message (" + invalid.reason() + "): " + line + "; " + transcriptTail());
    }
    return ((IrcParse.Ok) parsed).message();
  }

  private void write(String text) throws IOException {
    synchronized (out) {
      record("-> " + text.stripTrailing());
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private void record(String entry) {
    synchronized (transcript) {
      transcript.add(entry);
    }
  }

  private String transcriptTail() {
    synchronized (transcript) {
      List<String> tail = transcript.subList(
          Math.max(0, transcript.size() - TRANSCRIPT_TAIL), transcript.size());
      return "last lines sent (->) and received (<-):\n  " + String.join("\n  ", tail);
    }
  }

  private void readLoop() {
    try (InputStream in = socket.getInputStream()) {
      SocketLines.read(in, this::received);
    } catch (IOException closed) {
      // A reset ends the line stream like a close does.
    } finally {
      record("<- (connection closed)");
      lines.add(CLOSED);
    }
  }

  /** {@code rawLine} still has its CR, if it came with one; {@link #parse} checks that. */
  private void received(String rawLine) {
    String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
    synchronized (transcript) {
      received.add(line);
      transcript.add("<- " + line);
    }
    if (answerPings && IrcMessage.parse(line) instanceof IrcParse.Ok ok
        && ok.message().command().equals("PING")) {
      try {
        IrcMessage pong =
            new IrcMessage(Map.of(), Optional.empty(), "PONG", ok.message().params());
        write(pong.render() + "\r\n");
      } catch (IOException | IllegalArgumentException e) {
        record("-- could not answer PING: " + e);
      }
      return;
    }
    lines.add(rawLine);
  }
}
