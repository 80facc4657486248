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
 * <p>One instance writes one connection's data frames; the control frames are pure functions.
 */
final class FrameWriter {

  private static final byte LF = '\n';

  private ByteString partial = ByteString.emptyByteString();

  /** The frame for the lines {@code bytes} completes, or nothing when it completes none. */
  ByteString messages(ByteString bytes) {
    ByteString rest = partial.isEmpty() ? bytes : partial.concat(bytes);
    int last = rest.lastIndexOf(LF, rest.size() - 1);
    if (last < 0) {
      partial = rest;
      return ByteString.emptyByteString();
    }
    partial = rest.drop(last + 1);
    ByteString lines = rest.take(last);
    return frame(TEXT, lines, lines.indexOf(LF) >= 0);
  }

  /** A pong answering a ping that carried {@code payload}. */
  static ByteString pong(ByteString payload) {
    return frame(PONG, payload, false);
  }

  /** A close frame with status {@code code}. */
  static ByteString close(int code) {
    return frame(CLOSE, ByteString.fromArrayUnsafe(new byte[] {(byte) (code >>> 8), (byte) code}),
        false);
  }

  /**
   * A final frame of {@code opcode} carrying {@code payload}, or, when {@code asArray}, the
   * lines in it as a JSON array: in brackets, each LF between them a comma.
   */
  private static ByteString frame(int opcode, ByteString payload, boolean asArray) {
    int length = payload.size() + (asArray ? 2 : 0);
    byte[] frame = new byte[WebSocketFrame.headerLength(length) + length];
    int at = WebSocketFrame.writeHeader(frame, 0, opcode, length, false);
    if (asArray) {
      frame[at++] = '[';
      int start = at;
      payload.copyToArray(frame, at, payload.size());
      at += payload.size();
      for (int i = start; i < at; i++) {
        if (frame[i] == LF) {
          frame[i] = ',';
        }
      }
      frame[at] = ']';
    } else {
      payload.copyToArray(frame, at, payload.size());
    }
    return ByteString.fromArrayUnsafe(frame);
  }
}
