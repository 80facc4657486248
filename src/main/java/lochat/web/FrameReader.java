package lochat.web;

import static lochat.protocol.web.WebSocketFrame.BINARY;
import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.CONTINUATION;
import static lochat.protocol.web.WebSocketFrame.INVALID_DATA;
import static lochat.protocol.web.WebSocketFrame.MAX_CONTROL_PAYLOAD;
import static lochat.protocol.web.WebSocketFrame.NO_STATUS;
import static lochat.protocol.web.WebSocketFrame.PING;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static lochat.protocol.web.WebSocketFrame.PROTOCOL_ERROR;
import static lochat.protocol.web.WebSocketFrame.TEXT;

import java.util.Optional;
import lochat.protocol.web.Utf8Check;
import org.apache.pekko.util.ByteString;

/**
 * Reads the frames a browser sends (RFC 6455, section 5) in whatever pieces TCP delivers them,
 * and turns them into what the connection's line framer reads: each message's payload, unmasked,
 * with every CR and LF turned into a space (JSON allows them only between tokens), then an LF.
 * A message's bytes are passed on as they arrive, never gathered, so that the line framer bounds
 * its length (an oversized message is discarded as it streams in, and answered
 * {@code line-too-long}). Pings, pongs and the close are control frames, reported apart.
 *
 * <p>Every rule of the RFC that a server must enforce is: client frames are masked, reserved
 * bits are clear (no extension is ever agreed), opcodes are known, control frames are short and
 * whole, continuations continue a message, messages and close reasons are UTF-8 (a message is
 * checked as it streams, and one that is not fails with {@code 1007}). A broken rule is a
 * {@link Violation}, after which the connection is closed. One instance reads one connection.
 *
 * <p>Limits: a binary message is read like a text one, UTF-8 JSON too.
 */
final class FrameReader {

  /** A broken rule of the protocol: the connection is closed with {@code code}. */
  static final class Violation extends Exception {
    private final int code;

    Violation(int code, String message) {
      super("WebSocket protocol error: " + message, null, false, false);
      this.code = code;
    }

    int code() {
      return code;
    }
  }

  /** The client's close, with its status code ({@code NO_STATUS} when it gave none). */
  record Close(int code) {}

  /**
   * What one piece of input held: the bytes for the line framer, the payload of the last ping
   * in it (to be answered with a pong), and the client's close, after which nothing is read.
   */
  record Read(ByteString lines, Optional<ByteString> ping, Optional<Close> close) {}

  private static final byte LF = '\n';
  private static final byte CR = '\r';
  private static final Read NOTHING = new Read(ByteString.emptyByteString(), Optional.empty(),
      Optional.empty());

  private final byte[] header = new byte[14];
  private int headerFilled;
  private int opcode;
  private boolean fin;
  private long remaining;
  private final byte[] mask = new byte[4];
  private int maskAt;
  private boolean inFrame;
  private boolean inMessage;
  private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
  private int controlFilled;
  private boolean closed;
  private final Utf8Check utf8 = new Utf8Check();

  /** Whether a frame or a message has begun and not ended: input that ends now is cut short. */
  boolean unfinished() {
    return inMessage || headerFilled > 0;
  }

  /** Reads the next piece of the input. */
  Read read(ByteString piece) throws Violation {
    if (closed) {
      return NOTHING;
    }
    byte[] input = piece.toArrayUnsafe();
    byte[] lines = new byte[input.length + 1];
    int linesFilled = 0;
    ByteString ping = null;
    int at = 0;
    int length = input.length;
    while (at < length) {
      if (!inFrame) {
        at = readHeader(input, at);
        if (!inFrame) {
          break;
        }
      }
      int take = (int) Math.min(remaining, length - at);
      if (isControl()) {
        for (int i = 0; i < take; i++) {
          control[controlFilled++] = (byte) (input[at + i] ^ mask[maskAt++ & 3]);
        }
      } else {
        for (int i = 0; i < take; i++) {
          byte b = (byte) (input[at + i] ^ mask[maskAt++ & 3]);
          if (!utf8.accept(b)) {
            throw notUtf8("a message");
          }
          lines[linesFilled++] = b == LF || b == CR ? (byte) ' ' : b;
        }
      }
      at += take;
      remaining -= take;
      if (remaining > 0) {
        break;
      }
      inFrame = false;
      if (!isControl()) {
        if (fin) {
          if (!utf8.whole()) {
            throw notUtf8("a message");
          }
          lines[linesFilled++] = LF;
          inMessage = false;
        }
      } else if (opcode == PING) {
        ping = ByteString.fromArray(control, 0, controlFilled);
      } else if (opcode == CLOSE) {
        closed = true;
        return new Read(ByteString.fromArrayUnsafe(lines, 0, linesFilled),
            Optional.ofNullable(ping), Optional.of(close()));
      }
    }
    return new Read(ByteString.fromArrayUnsafe(lines, 0, linesFilled), Optional.ofNullable(ping),
        Optional.empty());
  }

  private static Violation notUtf8(String what) {
    return new Violation(INVALID_DATA, what + " is not UTF-8 text");
  }

  private boolean isControl() {
    return opcode >= CLOSE;
  }

  /** Reads what it can of a frame header from {@code at}; returns where it stopped. */
  private int readHeader(byte[] input, int at) throws Violation {
    int length = input.length;
    while (at < length && headerFilled < headerLength()) {
      header[headerFilled++] = input[at++];
    }
    if (headerFilled < headerLength()) {
      return at;
    }
    begin();
    headerFilled = 0;
    return at;
  }

  /** How long the header being read is, as far as its bytes so far tell. */
  private int headerLength() {
    if (headerFilled < 2) {
      return 2;
    }
    int length = header[1] & 0x7f;
    int extended = length == 126 ? 2 : length == 127 ? 8 : 0;
    int mask = (header[1] & 0x80) != 0 ? 4 : 0;
    return 2 + extended + mask;
  }

  /** Checks the header just read and starts its frame. */
  private void begin() throws Violation {
    fin = (header[0] & 0x80) != 0;
    if ((header[0] & 0x70) != 0) {
      throw new Violation(PROTOCOL_ERROR, "a reserved bit is set, and no extension was agreed");
    }
    if ((header[1] & 0x80) == 0) {
      throw new Violation(PROTOCOL_ERROR, "a client frame is not masked");
    }
    opcode = header[0] & 0x0f;
    int length = header[1] & 0x7f;
    int at = 2;
    if (length == 126) {
      remaining = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
      at = 4;
    } else if (length == 127) {
      remaining = 0;
      for (int i = 0; i < 8; i++) {
        remaining = (remaining << 8) | (header[2 + i] & 0xff);
      }
      if (remaining < 0) {
        throw new Violation(PROTOCOL_ERROR, "a frame's length has its top bit set");
      }
      at = 10;
    } else {
      remaining = length;
    }
    System.arraycopy(header, at, mask, 0, 4);
    maskAt = 0;
    switch (opcode) {
      case TEXT, BINARY -> {
        if (inMessage) {
          throw new Violation(PROTOCOL_ERROR, "a message began before the last one ended");
        }
        inMessage = true;
      }
      case CONTINUATION -> {
        if (!inMessage) {
          throw new Violation(PROTOCOL_ERROR, "a continuation frame continues no message");
        }
      }
      case CLOSE, PING, PONG -> {
        if (!fin || remaining > MAX_CONTROL_PAYLOAD) {
          throw new Violation(PROTOCOL_ERROR, "a control frame is fragmented or too long");
        }
        controlFilled = 0;
      }
      default -> throw new Violation(PROTOCOL_ERROR, "unknown opcode " + opcode);
    }
    inFrame = true;
  }

  /** The close frame just read: its status code, checked. */
  private Close close() throws Violation {
    if (controlFilled == 0) {
      return new Close(NO_STATUS);
    }
    if (controlFilled == 1) {
      throw new Violation(PROTOCOL_ERROR, "a close frame's status code is one byte");
    }
    int code = ((control[0] & 0xff) << 8) | (control[1] & 0xff);
    boolean known = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014)
        || (code >= 3000 && code <= 4999);
    if (!known) {
      throw new Violation(PROTOCOL_ERROR, "close code " + code + " may not be sent");
    }
    Utf8Check reason = new Utf8Check();
    for (int i = 2; i < controlFilled; i++) {
      if (!reason.accept(control[i])) {
        throw notUtf8("a close frame's reason");
      }
    }
    if (!reason.whole()) {
      throw notUtf8("a close frame's reason");
    }
    return new Close(code);
  }
}
