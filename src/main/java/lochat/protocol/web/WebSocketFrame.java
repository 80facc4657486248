package lochat.protocol.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The few facts of RFC 6455 that both ends of a chat WebSocket need: the opcodes, the close
 * codes, the answer to a handshake's key, and the layout of a frame's header. The server's
 * framing ({@code lochat.web}) and the benchmark's client ({@code lochat.bench}) both write
 * their frame headers here.
 */
public final class WebSocketFrame {

  /** Appended to a handshake's key before hashing (RFC 6455, section 1.3). */
  public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  public static final int CONTINUATION = 0;
  public static final int TEXT = 1;
  public static final int BINARY = 2;
  public static final int CLOSE = 8;
  public static final int PING = 9;
  public static final int PONG = 10;

  /** Close codes (RFC 6455, section 7.4.1). */
  public static final int NORMAL_CLOSURE = 1000;
  public static final int PROTOCOL_ERROR = 1002;
  public static final int NO_STATUS = 1005;
  public static final int INVALID_DATA = 1007;

  /** The longest payload of a control frame. */
  public static final int MAX_CONTROL_PAYLOAD = 125;

  /** The longest frame header: 2 bytes, 8 of length, 4 of mask key. */
  public static final int MAX_HEADER_BYTES = 14;

  private WebSocketFrame() {}

  /** The {@code Sec-WebSocket-Accept} a server answers {@code key} with. */
  public static String accept(String key) {
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1")
          .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-1", e);
    }
  }

  /**
   * Writes the header of a final frame of {@code opcode} carrying {@code length} bytes into
   * {@code into} from {@code at}, with the mask bit set when {@code masked} (the key itself is
   * the caller's to write after it); returns where the header ends.
   */
  public static int writeHeader(byte[] into, int at, int opcode, int length, boolean masked) {
    int maskBit = masked ? 0x80 : 0;
    into[at] = (byte) (0x80 | opcode);
    if (length < 126) {
      into[at + 1] = (byte) (maskBit | length);
      return at + 2;
    }
    if (length <= 0xffff) {
      into[at + 1] = (byte) (maskBit | 126);
      into[at + 2] = (byte) (length >>> 8);
      into[at + 3] = (byte) length;
      return at + 4;
    }
    into[at + 1] = (byte) (maskBit | 127);
    for (int i = 0; i < 8; i++) {
      into[at + 2 + i] = (byte) ((long) length >>> (56 - 8 * i));
    }
    return at + 10;
  }

  /** The length of the header {@link #writeHeader} writes for an unmasked frame of {@code length}. */
  public static int headerLength(int length) {
    return length < 126 ? 2 : length <= 0xffff ? 4 : 10;
  }
}
