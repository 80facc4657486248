package lochat.web;

import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.PONG;

import lochat.protocol.web.WebSocketFrame;
import org.apache.pekko.util.ByteString;

/**
 * The control frames the server writes itself (RFC 6455, section 5.5; a server's are never
 * masked): a pong for each ping, and the close. The chat's own messages are text frames
 * already, encoded once per line by the session's {@link lochat.protocol.web.TextFrames}.
 */
final class ControlFrames {

  private ControlFrames() {}

  /** A pong answering a ping that carried {@code payload}. */
  static ByteString pong(ByteString payload) {
    return control(PONG, payload.toArray());
  }

  /** A close frame with status {@code code}. */
  static ByteString close(int code) {
    return control(CLOSE, new byte[] {(byte) (code >>> 8), (byte) code});
  }

  private static ByteString control(int opcode, byte[] payload) {
    byte[] frame = new byte[WebSocketFrame.headerLength(payload.length) + payload.length];
    int at = WebSocketFrame.writeHeader(frame, 0, opcode, payload.length, false);
    System.arraycopy(payload, 0, frame, at, payload.length);
    return ByteString.fromArrayUnsafe(frame);
  }
}
