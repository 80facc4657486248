package lochat.web;

import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static lochat.protocol.web.WebSocketFrame.TEXT;

import lochat.protocol.web.WebSocketFrame;
import org.apache.pekko.util.ByteString;

/**
 * Writes the server's frames (RFC 6455, section 5; a server's are never masked). The session
 * writes LF-ended lines, each one JSON message; {@link #messages} turns the lines that one write
 * of the connection carries into one text frame: the line itself when there is one, else a JSON
 * array of them, in their order (Part III of docs/protocol.md), as the other listeners write
 * whatever queued in one write. A line cut by the end of a write waits for the rest.
 *
 * <p>A line alone in a write of one piece goes out as it is, behind its header; otherwise the
 * lines are copied once, into the frame, and read there: such a write's bytes are often a chain
 * of pieces, in which reading byte by byte is slow. One instance writes one connection's
 * data frames; the control frames are pure functions.
 */
final class FrameWriter {

  private static final byte LF = '\n';
  /** Where a frame's payload is copied to: after room for the longest header and a bracket. */
  private static final int PAYLOAD_AT = WebSocketFrame.MAX_HEADER_BYTES + 1;

  private ByteString partial = ByteString.emptyByteString();

  /** The frame for the lines {@code bytes} completes, or nothing when it completes none. */
  ByteString messages(ByteString bytes) {
    if (partial.isEmpty() && bytes.isCompact() && bytes.indexOf(LF) == bytes.size() - 1) {
      return headed(bytes.take(bytes.size() - 1));
    }
    ByteString rest = partial.isEmpty() ? bytes : partial.concat(bytes);
    int size = rest.size();
    byte[] frame = new byte[PAYLOAD_AT + size + 1];
    rest.copyToArray(frame, PAYLOAD_AT, size);
    int last = PAYLOAD_AT + size - 1;
    while (last >= PAYLOAD_AT && frame[last] != LF) {
      last--;
    }
    if (last < PAYLOAD_AT) {
      partial = rest;
      return ByteString.emptyByteString();
    }
    partial = rest.drop(last - PAYLOAD_AT + 1);
    boolean several = false;
    for (int i = PAYLOAD_AT; i < last; i++) {
      if (frame[i] == LF) {
        frame[i] = ',';
        several = true;
      }
    }
    if (!several) {
      return framed(frame, TEXT, PAYLOAD_AT, last - PAYLOAD_AT);
    }
    frame[PAYLOAD_AT - 1] = '[';
    frame[last] = ']';
    return framed(frame, TEXT, PAYLOAD_AT - 1, last - PAYLOAD_AT + 2);
  }

  /**
   * One line alone, the usual write at moderate load: its shared bytes behind a header of their
   * own, not copied (every member of a room gets the same line).
   */
  private static ByteString headed(ByteString line) {
    byte[] header = new byte[WebSocketFrame.headerLength(line.size())];
    WebSocketFrame.writeHeader(header, 0, TEXT, line.size(), false);
    return ByteString.fromArrayUnsafe(header).concat(line);
  }

  /** A pong answering a ping that carried {@code payload}. */
  static ByteString pong(ByteString payload) {
    return control(PONG, payload.toArray());
  }

  /** A close frame with status {@code code}. */
  static ByteString close(int code) {
    return control(CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
  }

  private static ByteString control(int opcode, byte[] payload) {
    byte[] frame = new byte[PAYLOAD_AT + payload.length];
    System.arraycopy(payload, 0, frame, PAYLOAD_AT, payload.length);
    return framed(frame, opcode, PAYLOAD_AT, payload.length);
  }

  /**
   * The frame of {@code opcode} whose {@code length} bytes of payload are in {@code frame} from
   * {@code payloadAt}, its header written just before them.
   */
  private static ByteString framed(byte[] frame, int opcode, int payloadAt, int length) {
    int start = payloadAt - WebSocketFrame.headerLength(length);
    WebSocketFrame.writeHeader(frame, start, opcode, length, false);
    return ByteString.fromArrayUnsafe(frame, start, payloadAt + length - start);
  }
}
