package lochat.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import lochat.protocol.web.WebSocketFrame;

/**
 * A WebSocket client written byte by byte on a plain socket, for tests of the wire itself:
 * frames cut anywhere, unmasked or broken frames, control frames, and what the server writes
 * back, exactly. Every read waits at most {@link TestClient#TIMEOUT}.
 */
public final class RawWebSocket implements AutoCloseable {

  /** A frame the server sent. */
  public record Frame(boolean fin, int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame. */
    public int closeCode() {
      return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
  }

  private static final byte[] MASK = {0x11, 0x22, 0x33, 0x44};
  public static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout((int) TestClient.TIMEOUT.toMillis());
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** A socket to the web port that has sent nothing yet. */
  public static RawWebSocket open(int port) throws IOException {
    return new RawWebSocket(new Socket("127.0.0.1", port));
  }

  /** A socket to the web port whose handshake has been answered {@code 101}. */
  public static RawWebSocket connect(int port) throws IOException {
    RawWebSocket socket = open(port);
    socket.send(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    String head = socket.readHead();
    if (!head.startsWith("HTTP/1.1 101 ") || !head.contains(
        "Sec-WebSocket-Accept: " + WebSocketFrame.accept(KEY) + "\r\n")) {
      throw new IOException("not upgraded: " + head);
    }
    return socket;
  }

  /** Writes {@code bytes} as they are. */
  public void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Writes {@code bytes} one byte per write: the server gets them in as many pieces as TCP makes. */
  public void sendByteByByte(byte[] bytes) throws IOException {
    socket.setTcpNoDelay(true);
    for (byte b : bytes) {
      out.write(b);
      out.flush();
    }
  }

  /** Half-closes the socket: the server reads the end of the input. */
  public void finishSending() throws IOException {
    socket.shutdownOutput();
  }

  /** Closes the socket with a reset (RST), as a browser whose machine dropped it. */
  public void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  /** A frame as a browser writes it: masked. */
  public static byte[] frame(boolean fin, int opcode, byte[] payload) {
    byte[] frame = new byte[WebSocketFrame.MAX_HEADER_BYTES + payload.length];
    int at = WebSocketFrame.writeHeader(frame, 0, opcode, payload.length, true);
    if (!fin) {
      frame[0] &= 0x7f;
    }
    System.arraycopy(MASK, 0, frame, at, 4);
    at += 4;
    for (int i = 0; i < payload.length; i++) {
      frame[at + i] = (byte) (payload[i] ^ MASK[i & 3]);
    }
    return Arrays.copyOf(frame, at + payload.length);
  }

  /** A whole text message, masked. */
  public static byte[] text(String text) {
    return frame(true, WebSocketFrame.TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** The head of the server's HTTP answer, up to its blank line. */
  public String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      head.write(in.readUnsignedByte());
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Everything the server writes until it closes the connection. */
  public String readToEnd() throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The next frame the server sends. */
  public Frame readFrame() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    if ((second & 0x80) != 0) {
      throw new IOException("the server masked a frame");
    }
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame((first & 0x80) != 0, first & 0x0f, payload);
  }

  /** The next frame of {@code opcode}, skipping others. */
  public Frame readFrame(int opcode) throws IOException {
    Frame frame = readFrame();
    while (frame.opcode() != opcode) {
      frame = readFrame();
    }
    return frame;
  }

  /** The next text frame containing {@code part}. */
  public Frame readText(String part) throws IOException {
    Frame frame = readFrame(WebSocketFrame.TEXT);
    while (!frame.text().contains(part)) {
      frame = readFrame(WebSocketFrame.TEXT);
    }
    return frame;
  }

  /** Whether the server has closed the connection: its input ends (or is reset) here. */
  public boolean closedByServer() throws IOException {
    try {
      return in.read() < 0;
    } catch (EOFException | SocketException ended) {
      return true;
    }
  }

  /** The server's input. */
  public InputStream input() {
    return in;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
