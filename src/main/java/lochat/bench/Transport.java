package lochat.bench;

import java.io.ByteArrayOutputStream;

/**
 * How a benchmark connection's byte stream carries messages: as lines ({@link #LINES}, native
 * and IRC) or as WebSocket messages ({@link WebSocketTransport}, the browser's protocol). It sits
 * under {@link Wire}: a wire says what the messages are, a transport how they are cut and framed.
 *
 * <p>A transport reads in place: {@link #read} hands each whole message to its
 * {@link Receiver} as a range of the bytes it was given, without copying, and says where the
 * unfinished rest starts, which the connection keeps for the next read (at most
 * {@link #maxPending()} bytes).
 *
 * <p>Limits: one transport object serves one connection and one thread, the connection's reactor.
 */
interface Transport {

  /** What a transport tells its connection; all calls come from inside {@link #read}. */
  interface Receiver {
    /**
     * A whole message in {@code bytes[from, to)}, valid only during the call; returns false
     * when the connection has ended and reading should stop.
     */
    boolean message(byte[] bytes, int from, int to);

    /** The transport's own handshake is done: messages may be sent from now on. */
    void opened();

    /** Bytes the transport itself must send (a pong, a close), already framed. */
    void reply(byte[] bytes);

    /** The connection must end, because of {@code reason}. */
    void end(String reason);
  }

  /** Lines ending in LF or CRLF; messages are sent as they are, terminator included. */
  Transport LINES = new Transport() {
    @Override
    public byte[] opening() {
      return null;
    }

    @Override
    public int read(byte[] bytes, int from, int to, Receiver receiver) {
      int start = from;
      for (int i = from; i < to; i++) {
        if (bytes[i] == '\n') {
          int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
          boolean more = receiver.message(bytes, start, end);
          start = i + 1;
          if (!more) {
            break;
          }
        }
      }
      return start;
    }

    @Override
    public byte[] frame(byte[] message) {
      return message;
    }

    @Override
    public void write(byte[] message, ByteArrayOutputStream out) {
      out.writeBytes(message);
    }

    @Override
    public int maxPending() {
      return BenchConnection.MAX_LINE_BYTES;
    }

    @Override
    public String toString() {
      return "lines";
    }
  };

  /**
   * What to send as soon as the socket is connected, before any message (the WebSocket
   * upgrade request), or null when messages may be sent at once.
   */
  byte[] opening();

  /**
   * Handles what {@code bytes[from, to)} completes: the handshake's answer, messages, control
   * frames. Returns where the unfinished rest starts.
   */
  int read(byte[] bytes, int from, int to, Receiver receiver);

  /** {@code message} ready for the socket; may be {@code message} itself, or change it. */
  byte[] frame(byte[] message);

  /** Appends {@code message} ready for the socket to {@code out}; may change {@code message}. */
  void write(byte[] message, ByteArrayOutputStream out);

  /** The most unfinished bytes worth keeping between reads; more ends the connection. */
  int maxPending();
}
