package lochat.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One client connection of the load generator: it signs in, joins its room, then counts the
 * posts it receives into its {@link DeliveryTracker} and sends what its {@link Reactor} tells it
 * to.
 *
 * <p>Everything here runs on the connection's reactor thread. Received bytes are cut into lines
 * (or WebSocket messages: the wire's {@link Transport}) in the reactor's shared read buffer;
 * only an unfinished line is copied, into a buffer of this connection's own that grows with the
 * longest unfinished line (up to {@link #MAX_LINE_BYTES}), so an idle connection holds a few
 * hundred bytes. Bytes the socket does not take at once wait in an outbound buffer that grows
 * without bound: the load is open-loop, and a server that stops reading shows up as lost
 * messages and latency, not as a generator that slows down.
 *
 * <p>A sign-in refused for now ({@link Wire.Progress#RETRY}: a cluster that could not give the
 * nickname in time) is tried again with the same nickname after {@link #RETRY_DELAY_NANOS}, at
 * most {@link #MAX_SIGN_IN_RETRIES} times, then counts as refused.
 *
 * <p>Only posts of the current epoch count: a payload's sender number, divided by
 * {@link #EPOCH_STRIDE}, is the epoch it was sent in, so posts still arriving from an earlier
 * step of a run are ignored. A client's own posts (the native and web protocols echo them) are not
 * counted either.
 */
final class BenchConnection implements Transport.Receiver {

  /** Sender numbers of epoch {@code e} are {@code e * EPOCH_STRIDE} and up. */
  static final int EPOCH_STRIDE = 100_000;

  static final int MAX_SIGN_IN_RETRIES = 5;
  static final long RETRY_DELAY_NANOS = 500_000_000L;

  /** The longest line a server may send a generator client. */
  static final int MAX_LINE_BYTES = 64 * 1024;

  enum State { WAITING, CONNECTING, SIGNING_IN, JOINING, READY, QUITTING, CLOSED }

  /** What the generator hears of a connection; called on its reactor thread. */
  interface Listener {
    void ready(BenchConnection connection);

    /** The connection ended: {@code reason} says why, {@code wasReady} whether it had been. */
    void closed(BenchConnection connection, String reason, boolean wasReady);
  }

  final String nick;
  final String room;
  final Wire wire;
  final Transport transport;
  final Listener listener;
  final Reactor reactor;
  /** The server this connection goes to, and its place in the generator's list of servers. */
  final InetSocketAddress server;
  final int node;
  /** The order in which the generator created its connections. */
  final long serial;
  volatile State state = State.WAITING;
  /** The socket's receive buffer in bytes, or 0 for the system's default. */
  int receiveBuffer;
  SocketChannel channel;
  SelectionKey key;
  DeliveryTracker tracker;
  int epoch = -1;
  int ownSender = -1;
  /** Posts of the current epoch received, for progress and for telling when a run is over. */
  long deliveries;
  /** When bytes last arrived, as {@link System#nanoTime()}. */
  volatile long lastReceivedNanos = System.nanoTime();
  /** When the generator created this connection, as {@link System#nanoTime()}. */
  final long createdNanos = System.nanoTime();
  private byte[] partial = new byte[0];
  private int partialLength;
  private byte[] out = new byte[0];
  private int outStart;
  private int outEnd;
  private boolean reading = true;
  /** Sign-ins refused for now and tried again. */
  int signInRetries;
  private long readNanos;

  private static final java.util.concurrent.atomic.AtomicLong SERIALS =
      new java.util.concurrent.atomic.AtomicLong();

  BenchConnection(String nick, String room, Wire wire, Listener listener, Reactor reactor,
      InetSocketAddress server, int node) {
    this.nick = nick;
    this.room = room;
    this.wire = wire;
    this.transport = wire.transport(server);
    this.listener = listener;
    this.reactor = reactor;
    this.server = server;
    this.node = node;
    this.serial = SERIALS.getAndIncrement();
  }

  /** Called once the socket is connected. */
  void connected() {
    state = State.SIGNING_IN;
    byte[] opening = transport.opening();
    if (opening == null) {
      opened();
    } else {
      sendRaw(opening, 0, opening.length);
    }
  }

  @Override
  public void opened() {
    send(wire.greeting(nick));
  }

  @Override
  public void reply(byte[] bytes) {
    sendRaw(bytes, 0, bytes.length);
  }

  @Override
  public void end(String reason) {
    reactor.close(this, reason);
  }

  /** Takes {@code length} received bytes from {@code bytes}, received at {@code nowNanos}. */
  void received(byte[] bytes, int length, long nowNanos) {
    lastReceivedNanos = nowNanos;
    readNanos = nowNanos;
    if (partialLength == 0) {
      int used = transport.read(bytes, 0, length, this);
      keep(bytes, used, length);
      return;
    }
    if (partialLength + length > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(partialLength + length, partial.length * 2));
    }
    System.arraycopy(bytes, 0, partial, partialLength, length);
    int total = partialLength + length;
    int used = transport.read(partial, 0, total, this);
    partialLength = 0;
    keep(partial, used, total);
  }

  /** Keeps {@code bytes[from, to)}, an unfinished line, for the next read. */
  private void keep(byte[] bytes, int from, int to) {
    int length = to - from;
    if (state == State.CLOSED) {
      return;
    }
    if (length > transport.maxPending()) {
      reactor.close(this, "the server sent a line of more than " + transport.maxPending()
          + " bytes");
      return;
    }
    if (length > partial.length) {
      partial = new byte[Math.max(length, 256)];
    }
    System.arraycopy(bytes, from, partial, 0, length);
    partialLength = length;
  }

  /** Handles one line (one message) of the server's. */
  @Override
  public boolean message(byte[] bytes, int from, int to) {
    line(bytes, from, to, readNanos);
    return state != State.CLOSED;
  }

  private void line(byte[] bytes, int from, int to, long nowNanos) {
    int text = wire.deliveryText(bytes, from, to);
    if (text >= 0) {
      Payload payload = tracker == null ? null
          : Payload.decodeFirst(bytes, text, wire.deliveryWordEnd(bytes, text, to));
      if (payload != null && payload.sender() / EPOCH_STRIDE == epoch
          && payload.sender() != ownSender) {
        deliveries++;
        tracker.record(payload, nowNanos);
      }
      return;
    }
    String line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
    switch (wire.onLine(line, room, this::send)) {
      case REGISTERED -> {
        if (room == null) {
          becomeReady();
        } else if (state == State.SIGNING_IN) {
          state = State.JOINING;
        }
      }
      case JOINED -> becomeReady();
      case REFUSED -> refused(line);
      case RETRY -> {
        if (state == State.SIGNING_IN && signInRetries < MAX_SIGN_IN_RETRIES) {
          signInRetries++;
          reactor.later(RETRY_DELAY_NANOS, () -> {
            if (state == State.SIGNING_IN) {
              send(wire.retry(nick));
            }
          });
        } else {
          refused(line);
        }
      }
      case NONE -> { }
    }
  }

  private void refused(String line) {
    if (state != State.READY && state != State.QUITTING) {
      reactor.close(this, "refused: " + line
          + (signInRetries > 0 ? " (tried " + (signInRetries + 1) + " times)" : ""));
    }
  }

  private void becomeReady() {
    if (state == State.SIGNING_IN || state == State.JOINING) {
      state = State.READY;
      reactor.opened();
      listener.ready(this);
    }
  }

  /** Sends the message {@code bytes} now, or as soon as the socket takes it. */
  void send(byte[] bytes) {
    byte[] framed = transport.frame(bytes);
    sendRaw(framed, 0, framed.length);
  }

  /** Sends {@code bytes[from, from + length)}, already framed by the transport. */
  void sendRaw(byte[] bytes, int from, int length) {
    if (state == State.CLOSED || channel == null) {
      return;
    }
    if (outStart == outEnd) {
      outStart = 0;
      outEnd = 0;
      try {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, from, length);
        channel.write(buffer);
        from = buffer.position();
        length = buffer.remaining();
      } catch (IOException e) {
        reactor.close(this, "write failed: " + e.getMessage());
        return;
      }
      if (length == 0) {
        return;
      }
      key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }
    if (outEnd + length > out.length) {
      int waiting = outEnd - outStart;
      byte[] grown = waiting + length > out.length
          ? new byte[Math.max(waiting + length, out.length * 2)] : out;
      System.arraycopy(out, outStart, grown, 0, waiting);
      out = grown;
      outStart = 0;
      outEnd = waiting;
    }
    System.arraycopy(bytes, from, out, outEnd, length);
    outEnd += length;
  }

  /** Writes what is waiting, when the socket can take more. */
  void writable() {
    try {
      ByteBuffer buffer = ByteBuffer.wrap(out, outStart, outEnd - outStart);
      channel.write(buffer);
      outStart = buffer.position();
    } catch (IOException e) {
      reactor.close(this, "write failed: " + e.getMessage());
      return;
    }
    if (outStart == outEnd) {
      outStart = 0;
      outEnd = 0;
      if (out.length > 64 * 1024) {
        out = new byte[0];
      }
      key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
    }
  }

  /** Stops or restarts reading, to play a client that stops reading. */
  void reading(boolean on) {
    reading = on;
    if (key != null && key.isValid()) {
      key.interestOps(on ? key.interestOps() | SelectionKey.OP_READ
          : key.interestOps() & ~SelectionKey.OP_READ);
    }
  }

  boolean isReading() {
    return reading;
  }

  /** Says goodbye; the connection closes when the server closes it. */
  void quit() {
    if (state != State.CLOSED) {
      state = State.QUITTING;
      send(wire.quit());
    }
  }
}
