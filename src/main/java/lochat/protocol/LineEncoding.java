package lochat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * How the lines a session sends become its connection's bytes: each line followed by a
 * terminator on the line protocols ({@link #LF}, {@link #CRLF}), each line a WebSocket text frame
 * on the web ({@code lochat.protocol.web.TextFrames}). Every line a session or a room queues for
 * a connection is encoded once, here, and a room's post once per encoding for all the members
 * who share it; so a connection's write path only gathers bytes, whatever the protocol.
 *
 * <p>An encoding keeps each line whole and self-contained: whatever whole encodings are written
 * together, the connection's bytes are whole messages.
 */
public interface LineEncoding {

  /** Lines ended by LF: the native protocol. */
  LineEncoding LF = endingWith("\n");

  /** Lines ended by CR LF: IRC. */
  LineEncoding CRLF = endingWith("\r\n");

  /** {@code lines}, in order, as this encoding's bytes. */
  ByteString encode(List<String> lines);

  /** One line as this encoding's bytes. */
  default ByteString encode(String line) {
    return encode(List.of(line));
  }

  /** Each line as UTF-8 followed by {@code ending}. */
  static LineEncoding endingWith(String ending) {
    return new LineEncoding() {
      @Override
      public ByteString encode(List<String> lines) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
          text.append(line).append(ending);
        }
        return ByteString.fromString(text.toString(), StandardCharsets.UTF_8);
      }

      @Override
      public ByteString encode(String line) {
        return ByteString.fromString(line + ending, StandardCharsets.UTF_8);
      }
    };
  }
}
