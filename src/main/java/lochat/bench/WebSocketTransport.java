package lochat.bench;

import static lochat.protocol.web.WebSocketFrame.BINARY;
import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.CONTINUATION;
import static lochat.protocol.web.WebSocketFrame.MAX_HEADER_BYTES;
import static lochat.protocol.web.WebSocketFrame.PING;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static lochat.protocol.web.WebSocketFrame.TEXT;
import static lochat.protocol.web.WebSocketFrame.accept;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import lochat.protocol.web.WebSocketFrame;

/**
 * The client side of a WebSocket (RFC 6455) for one benchmark connection: the HTTP/1.1 upgrade
 * to {@code GET /ws}, then frames. Each server text message is one message for the
 * {@link Wire}, as a line is on the other protocols.
 *
 * <p>The upgrade carries no {@code Origin}: the generator is a program, not a browser page. The
 * {@code 101} answer must carry the {@code Sec-WebSocket-Accept} that the key asks for; any
 * other answer ends the connection with its status line. Server frames are read in place:
 * a whole unfragmented message is handed over as a range of the read buffer; only fragmented
 * messages are copied, into a buffer that grows with the longest. Pings are answered with a
 * pong carrying the same payload; a close is answered with a close carrying the same status,
 * and the connection ends.
 *
 * <p>Client frames are masked, as the RFC requires, but with one random key per connection
 * rather than per frame: the key only protects against misbehaving proxies, and a new one per
 * frame would cost the generator more than the masking itself. {@link #write} masks the
 * message in place, so a post costs no allocation beyond its own bytes.
 *
 * <p>Limits: no extensions (compression), no subprotocol. A frame or message of more than
 * {@link BenchConnection#MAX_LINE_BYTES} bytes, a masked or reserved-bit server frame, or an
 * unknown opcode ends the connection.
 */
final class WebSocketTransport implements Transport {

  /** The longest HTTP answer to the upgrade worth waiting for. */
  private static final int MAX_RESPONSE_BYTES = 8 * 1024;

  private final String host;
  private final String key;
  private final byte[] mask = new byte[4];
  private final byte[] header = new byte[MAX_HEADER_BYTES];
  private boolean open;
  private byte[] fragments = new byte[0];
  private int fragmentLength;
  private boolean assembling;

  /**
   * A WebSocket to {@code host} (the {@code Host} header: address and port), its key and mask
   * drawn from {@code random}.
   */
  WebSocketTransport(String host, Random random) {
    this.host = host;
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    this.key = Base64.getEncoder().encodeToString(nonce);
    random.nextBytes(mask);
  }

  String key() {
    return key;
  }

  @Override
  public byte[] opening() {
    return ("GET /ws HTTP/1.1\r\n"
        + "Host: " + host + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public int maxPending() {
    return BenchConnection.MAX_LINE_BYTES + MAX_HEADER_BYTES;
  }

  @Override
  public int read(byte[] bytes, int from, int to, Receiver receiver) {
    int at = from;
    if (!open) {
      at = handshake(bytes, from, to, receiver);
      if (at <= from) {
        return at < 0 ? to : from;
      }
    }
    while (at < to) {
      int used = frame(bytes, at, to, receiver);
      if (used < 0) {
        return to;
      }
      if (used == 0) {
        break;
      }
      at += used;
    }
    return at;
  }

  /**
   * Reads the answer to the upgrade: where the frames after it start, {@code from} while it is
   * incomplete, -1 when the connection ended.
   */
  private int handshake(byte[] bytes, int from, int to, Receiver receiver) {
    int end = -1;
    for (int i = from; i + 3 < to; i++) {
      if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r'
          && bytes[i + 3] == '\n') {
        end = i + 4;
        break;
      }
    }
    if (end < 0) {
      if (to - from > MAX_RESPONSE_BYTES) {
        receiver.end("the server's answer to the WebSocket upgrade is longer than "
            + MAX_RESPONSE_BYTES + " bytes");
        return -1;
      }
      return from;
    }
    String problem = upgradeProblem(new String(bytes, from, end - from,
        StandardCharsets.ISO_8859_1));
    if (problem != null) {
      receiver.end(problem);
      return -1;
    }
    open = true;
    receiver.opened();
    return end;
  }

  /** What is wrong with the HTTP answer {@code response} to the upgrade, or null. */
  String upgradeProblem(String response) {
    String[] lines = response.split("\r\n");
    String status = lines[0];
    if (!status.startsWith("HTTP/1.1 101")) {
      return "the server refused the WebSocket upgrade: " + status;
    }
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim()
          .equalsIgnoreCase("Sec-WebSocket-Accept")) {
        String accept = lines[i].substring(colon + 1).trim();
        return accept.equals(accept(key)) ? null
            : "the server's Sec-WebSocket-Accept is " + accept + ", not " + accept(key);
      }
    }
    return "the server's 101 answer has no Sec-WebSocket-Accept";
  }

  /**
   * Handles the frame starting at {@code bytes[at]}: returns its length, 0 while it is
   * incomplete, -1 when the connection ended.
   */
  private int frame(byte[] bytes, int at, int to, Receiver receiver) {
    if (to - at < 2) {
      return 0;
    }
    int first = bytes[at] & 0xff;
    int second = bytes[at + 1] & 0xff;
    boolean fin = (first & 0x80) != 0;
    int opcode = first & 0x0f;
    if ((first & 0x70) != 0 || (second & 0x80) != 0) {
      fail(receiver, (second & 0x80) != 0 ? "a masked frame" : "reserved bits set");
      return -1;
    }
    long length = second & 0x7f;
    int headerLength = 2;
    if (length == 126) {
      if (to - at < 4) {
        return 0;
      }
      length = (bytes[at + 2] & 0xff) << 8 | bytes[at + 3] & 0xff;
      headerLength = 4;
    } else if (length == 127) {
      if (to - at < 10) {
        return 0;
      }
      length = 0;
      for (int i = 2; i < 10; i++) {
        length = length << 8 | bytes[at + i] & 0xff;
      }
      headerLength = 10;
    }
    if (length < 0 || length > BenchConnection.MAX_LINE_BYTES) {
      fail(receiver, "a frame of " + Long.toUnsignedString(length) + " bytes, more than "
          + BenchConnection.MAX_LINE_BYTES);
      return -1;
    }
    if (to - at - headerLength < length) {
      return 0;
    }
    int start = at + headerLength;
    int end = start + (int) length;
    boolean more = switch (opcode) {
      case TEXT, BINARY -> data(fin, bytes, start, end, receiver);
      case CONTINUATION -> continuation(fin, bytes, start, end, receiver);
      case PING, PONG, CLOSE -> control(opcode, fin, bytes, start, end, receiver);
      default -> fail(receiver, "opcode " + opcode);
    };
    return more ? headerLength + (int) length : -1;
  }

  private boolean data(boolean fin, byte[] bytes, int from, int to, Receiver receiver) {
    if (assembling) {
      return fail(receiver, "a new message inside a fragmented one");
    }
    if (fin) {
      return receiver.message(bytes, from, to);
    }
    assembling = true;
    fragmentLength = 0;
    return append(bytes, from, to, receiver);
  }

  private boolean continuation(boolean fin, byte[] bytes, int from, int to, Receiver receiver) {
    if (!assembling) {
      return fail(receiver, "a continuation frame outside a message");
    }
    if (!append(bytes, from, to, receiver)) {
      return false;
    }
    if (!fin) {
      return true;
    }
    assembling = false;
    int length = fragmentLength;
    fragmentLength = 0;
    return receiver.message(fragments, 0, length);
  }

  private boolean append(byte[] bytes, int from, int to, Receiver receiver) {
    int total = fragmentLength + to - from;
    if (total > BenchConnection.MAX_LINE_BYTES) {
      return fail(receiver, "a message of more than " + BenchConnection.MAX_LINE_BYTES
          + " bytes");
    }
    if (total > fragments.length) {
      fragments = Arrays.copyOf(fragments, Math.max(total, fragments.length * 2));
    }
    System.arraycopy(bytes, from, fragments, fragmentLength, to - from);
    fragmentLength = total;
    return true;
  }

  private boolean control(int opcode, boolean fin, byte[] bytes, int from, int to,
      Receiver receiver) {
    if (!fin || to - from > 125) {
      return fail(receiver, "a fragmented or long control frame");
    }
    switch (opcode) {
      case PING -> receiver.reply(frame(PONG, bytes, from, to));
      case CLOSE -> {
        boolean status = to - from >= 2;
        receiver.reply(frame(CLOSE, bytes, from, status ? from + 2 : from));
        receiver.end("closed by the server" + (status
            ? " (WebSocket status " + ((bytes[from] & 0xff) << 8 | bytes[from + 1] & 0xff) + ")"
            : ""));
        return false;
      }
      default -> { }
    }
    return true;
  }

  /** Ends the connection for a frame it cannot take; returns false, to stop reading. */
  private static boolean fail(Receiver receiver, String what) {
    receiver.end("WebSocket protocol error: the server sent " + what);
    return false;
  }

  @Override
  public byte[] frame(byte[] message) {
    return frame(TEXT, message, 0, message.length);
  }

  /** A masked frame of {@code opcode} carrying {@code bytes[from, to)}. */
  byte[] frame(int opcode, byte[] bytes, int from, int to) {
    int length = to - from;
    int headerLength = header(opcode, length);
    byte[] frame = Arrays.copyOf(header, headerLength + length);
    for (int i = 0; i < length; i++) {
      frame[headerLength + i] = (byte) (bytes[from + i] ^ mask[i & 3]);
    }
    return frame;
  }

  @Override
  public void write(byte[] message, ByteArrayOutputStream out) {
    out.write(header, 0, header(TEXT, message.length));
    for (int i = 0; i < message.length; i++) {
      message[i] ^= mask[i & 3];
    }
    out.writeBytes(message);
  }

  /** Writes the header of a final, masked frame into {@link #header}; returns its length. */
  private int header(int opcode, int length) {
    int at = WebSocketFrame.writeHeader(header, 0, opcode, length, true);
    System.arraycopy(mask, 0, header, at, 4);
    return at + 4;
  }

  @Override
  public String toString() {
    return "websocket";
  }
}
