package lochat.web;

import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static lochat.protocol.web.WebSocketFrame.TEXT;

import java.util.Arrays;
import lochat.protocol.web.WebSocketFrame;
import org.apache.pekko.util.ByteString;

/**
 * Writes the server's frames (RFC 6455, section 5; a server's are never masked). The session
 * writes LF-ended lines, each one JSON message; {@link #messages} makes each line one text
 * frame, and a line cut by the end of a write waits for the rest.
 *
 * <p>The lines of one write become the frames of one write, copied once into one array: a
 * write's bytes are often a chain of pieces (the lines that queued while the client was
 * behind), in which both reading byte by byte and building a chain of frames cost more than the
 * copy. One instance writes one connection's data frames; the control frames are pure functions.
 */
final class FrameWriter {

  private static final byte LF = '\n';

  private ByteString partial = ByteString.emptyByteString();

  /** The frames for the lines {@code bytes} completes, in order; empty when it completes none. */
  ByteString messages(ByteString bytes) {
    ByteString rest = partial.isEmpty() ? bytes : partial.concat(bytes);
    byte[] in = rest.toArrayUnsafe();
    int size = 0;
    int from = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i] == LF) {
        size += WebSocketFrame.headerLength(i - from) + i - from;
        from = i + 1;
      }
    }
    partial = rest.drop(from);
    if (from == 0) {
      return ByteString.emptyByteString();
    }
    byte[] frames = new byte[size];
    int at = 0;
    from = 0;
    for (int i = 0; i < in.length; i++) {
      if (in[i] == LF) {
        at = WebSocketFrame.writeHeader(frames, at, TEXT, i - from, false);
        System.arraycopy(in, from, frames, at, i - from);
        at += i - from;
        from = i + 1;
      }
    }
    return ByteString.fromArrayUnsafe(frames);
  }

  /** A pong answering a ping that carried {@code payload}. */
  static ByteString pong(ByteString payload) {
    return header(PONG, payload.size()).concat(payload);
  }

  /** A close frame with status {@code code}. */
  static ByteString close(int code) {
    return header(CLOSE, 2)
        .concat(ByteString.fromArrayUnsafe(new byte[] {(byte) (code >>> 8), (byte) code}));
  }

  /** The header of a final frame of {@code opcode} carrying {@code length} bytes. */
  private static ByteString header(int opcode, int length) {
    byte[] header = new byte[WebSocketFrame.MAX_HEADER_BYTES];
    int end = WebSocketFrame.writeHeader(header, 0, opcode, length, false);
    return ByteString.fromArrayUnsafe(Arrays.copyOf(header, end));
  }
}
