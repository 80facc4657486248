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
 * <p>A frame is its header followed by the line's own bytes, not a copy: a post's bytes are
 * rendered once and shared by every member's connection, so that framing it for a member costs
 * a header (those of short messages made once, here) and no copy of the text. Only a write
 * made of several pieces (lines that queued while the client was behind) is copied once, into
 * one, since finding a position in a chain of pieces walks the chain from its start. One
 * instance writes one connection's data frames; the control frames are pure functions.
 */
final class FrameWriter {

  private static final byte LF = '\n';
  private static final ByteString[] SHORT_TEXT_HEADERS = new ByteString[126];

  static {
    for (int length = 0; length < SHORT_TEXT_HEADERS.length; length++) {
      SHORT_TEXT_HEADERS[length] = header(TEXT, length);
    }
  }

  private ByteString partial = ByteString.emptyByteString();

  /** The frames for the lines {@code bytes} completes, in order; empty when it completes none. */
  ByteString messages(ByteString bytes) {
    ByteString rest = (partial.isEmpty() ? bytes : partial.concat(bytes)).compact();
    ByteString frames = ByteString.emptyByteString();
    int from = 0;
    for (int end = rest.indexOf(LF, from); end >= 0; end = rest.indexOf(LF, from)) {
      int length = end - from;
      ByteString header = length < SHORT_TEXT_HEADERS.length
          ? SHORT_TEXT_HEADERS[length] : header(TEXT, length);
      frames = frames.concat(header).concat(rest.slice(from, end));
      from = end + 1;
    }
    partial = rest.drop(from);
    return frames;
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
