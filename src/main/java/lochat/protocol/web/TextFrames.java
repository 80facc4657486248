package lochat.protocol.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lochat.protocol.LineEncoding;
import org.apache.pekko.util.ByteString;

/**
 * The web's line encoding: each line the session sends, one JSON message, is one unmasked text
 * frame (RFC 6455, section 5.6), header and UTF-8 payload in one array. A room's post is framed
 * once and its bytes shared by every browser in the room, so a browser's connection writes
 * exactly as a native one does, with no work per member and no frame built at write time.
 *
 * <p>Limits: each frame is final (no fragmentation), whatever its length.
 */
public final class TextFrames implements LineEncoding {

  public static final TextFrames INSTANCE = new TextFrames();

  private TextFrames() {}

  @Override
  public ByteString encode(List<String> lines) {
    if (lines.size() == 1) {
      return encode(lines.get(0));
    }
    byte[][] payloads = new byte[lines.size()][];
    int size = 0;
    for (int i = 0; i < payloads.length; i++) {
      payloads[i] = lines.get(i).getBytes(StandardCharsets.UTF_8);
      size += WebSocketFrame.headerLength(payloads[i].length) + payloads[i].length;
    }
    byte[] frames = new byte[size];
    int at = 0;
    for (byte[] payload : payloads) {
      at = frame(payload, frames, at);
    }
    return ByteString.fromArrayUnsafe(frames);
  }

  @Override
  public ByteString encode(String line) {
    byte[] payload = line.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[WebSocketFrame.headerLength(payload.length) + payload.length];
    frame(payload, frame, 0);
    return ByteString.fromArrayUnsafe(frame);
  }

  /** Writes {@code payload} as a text frame into {@code into} from {@code at}; returns its end. */
  private static int frame(byte[] payload, byte[] into, int at) {
    int start = WebSocketFrame.writeHeader(into, at, WebSocketFrame.TEXT, payload.length, false);
    System.arraycopy(payload, 0, into, start, payload.length);
    return start + payload.length;
  }

  @Override
  public String toString() {
    return "WebSocket text frames";
  }
}
