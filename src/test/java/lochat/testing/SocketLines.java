package lochat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a socket's input as lines, the way every test client does: cut at LF, decoded as UTF-8,
 * a CR before the LF left in place for the caller to check or drop.
 */
public final class SocketLines {

  private SocketLines() {}

  /** Hands each line of {@code in} to {@code line} until the stream ends; a failure is thrown. */
  public static void read(InputStream in, Consumer<String> line) throws IOException {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) >= 0) {
      for (int i = 0; i < read; i++) {
        if (buffer[i] == '\n') {
          line.accept(pending.toString(StandardCharsets.UTF_8));
          pending.reset();
        } else {
          pending.write(buffer[i]);
        }
      }
    }
  }
}
