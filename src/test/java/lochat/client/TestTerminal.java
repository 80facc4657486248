package lochat.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A JLine terminal over pipes, for testing the console without a real one: keys go in as
 * bytes, everything written to the screen is collected, and a test waits for text to appear
 * (woken by each write, never by a timer) rather than sleeping. It is JLine's emulated
 * terminal, never a pseudo-terminal of the machine, so what the console writes has arrived by
 * the time the console's call returns.
 */
final class TestTerminal implements AutoCloseable {

  private static final long WAIT_SECONDS = 20;

  private final PipedOutputStream keys = new PipedOutputStream();
  private final Screen screen = new Screen();
  final Terminal terminal;

  TestTerminal() throws IOException {
    PipedInputStream in = new PipedInputStream(keys, 1 << 16);
    terminal = new ExternalTerminal("test", "xterm-256color", in, screen, StandardCharsets.UTF_8);
    terminal.setSize(new Size(100, 30));
  }

  void type(String text) throws IOException {
    keys.write(text.getBytes(StandardCharsets.UTF_8));
    keys.flush();
  }

  /** Everything written so far, escape sequences included. */
  String output() {
    return screen.text();
  }

  /** Waits until {@code text} has been written after position {@code from} of the output. */
  void awaitOutput(int from, String text) throws InterruptedException {
    screen.await(from, text);
  }

  @Override
  public void close() throws IOException {
    keys.close();
    terminal.close();
  }

  private static final class Screen extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
      bytes.write(b);
      notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      bytes.write(b, off, len);
      notifyAll();
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized void await(int from, String text) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
      while (text().indexOf(text, from) < 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("No " + text + " on the screen after " + from + ": " + text().substring(from));
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
  }
}
