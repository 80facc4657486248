package lochat.connection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import lochat.CompletingThread;
import lochat.protocol.LineFramer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The byte-moving half of a connection, as one stream flow: socket bytes in, socket bytes out.
 *
 * <p>Inbound, bytes are cut into lines by the protocol's framer (see {@link InputDrain}) and
 * handed to the session actor one at a time ({@link SessionInput}): the next line is read only
 * when the session has acknowledged the previous one, so a client that floods is slowed by TCP
 * back-pressure instead of filling a mailbox. When the input ends the session is told, cleanly
 * or with the failure. Flood control paces each client to a configured number of lines per
 * second.
 *
 * <p>Outbound, the connection's {@link Outbound} queue is drained into the socket, everything
 * queued at once in one write. When the outbound side ends cleanly (the session closed it) the
 * server half-closes the socket and the session hears no more lines, but the socket is still
 * read, and what arrives dropped, until the client closes too or {@code close-timeout} passes
 * ({@link InputDrain}): closing with unread input would reset the connection, and the reset can
 * cost the client its last lines. When the outbound side fails (an abort) the input is cut at
 * once. When the inbound side ends first (a client that half-closes, like a pipe into {@code nc}
 * reaching its end) the outbound side carries on until the session closes it, so that client
 * still receives every line queued for it.
 *
 * <p>The flow is protocol-neutral, and is meant to be materialised once, for one connection. It
 * has as few stages as it can, since every stage costs every idle connection memory. The ends of
 * its two sides are reported from the thread that completes them ({@link CompletingThread}): the
 * callbacks only {@code tell}.
 */
public final class ConnectionFlow {

  /** Longest line cut from what a refused connection sends, which is dropped anyway. */
  private static final int REFUSED_LINE_BYTES = 512;

  private ConnectionFlow() {}

  /** The stream of a connection whose session is known before its socket runs. */
  public static Flow<ByteString, ByteString, NotUsed> create(SessionSide side) {
    return awaiting(CompletableFuture.completedFuture(side));
  }

  /**
   * The stream of a connection whose session comes once {@code side} completes, which may be
   * after the stream has started: until then no line is read and no byte written. If the stream
   * ends before, the session, once it comes, is told at once that its input and output ended; if
   * {@code side} never completes (the connection got no session), the stages just stop.
   */
  public static Flow<ByteString, ByteString, NotUsed> awaiting(
      CompletionStage<SessionSide> side) {
    InputDrain input = new InputDrain();
    Sink<ByteString, NotUsed> inbound = input.lines(() -> bound(side).framing().get())
        .to(Sink.fromGraph(new SessionInput(side, input)));
    Source<ByteString, NotUsed> written = Source.fromGraph(new OutboundSource(
        side.thenApply(SessionSide::outbound),
        failure -> side.thenAccept(session -> {
          endInput(input, failure, session.settings().closeTimeout());
          session.session().tell(new SessionCommand.OutputEnded());
        })));
    return Flow.fromSinkAndSource(inbound, written);
  }

  /** The side of a connection whose bytes have started to arrive, which only a session's do. */
  private static SessionSide bound(CompletionStage<SessionSide> side) {
    SessionSide bound = side.toCompletableFuture().getNow(null);
    if (bound == null) {
      throw new IllegalStateException("a connection's bytes arrived before its session");
    }
    return bound;
  }

  /**
   * The stream for a connection that gets no session (the server is full, or closing): it writes
   * {@code bytes} and then closes the way a session's connection does, so that a client that is
   * already sending still reads them.
   */
  public static Flow<ByteString, ByteString, NotUsed> sayAndClose(
      ByteString bytes, Duration linger) {
    InputDrain input = new InputDrain();
    return Flow.fromSinkAndSource(
        input.lines(() -> new LineFramer(REFUSED_LINE_BYTES)).to(Sink.ignore()),
        endingInput(Source.single(bytes), input, linger, () -> {}));
  }

  /**
   * {@code outgoing}, which, when it ends, drains the input for at most {@code linger} (or cuts
   * it, if the output failed), then runs {@code then}.
   */
  private static Source<ByteString, NotUsed> endingInput(
      Source<ByteString, NotUsed> outgoing, InputDrain input, Duration linger, Runnable then) {
    return outgoing.watchTermination((notUsed, ended) -> {
      ended.whenCompleteAsync((done, failure) -> {
        endInput(input, failure, linger);
        then.run();
      }, CompletingThread.EXECUTOR);
      return notUsed;
    });
  }

  /** After a clean end of the output the input drains for at most {@code linger}; else it is cut. */
  private static void endInput(InputDrain input, Throwable outputFailure, Duration linger) {
    if (outputFailure == null) {
      input.drain(linger);
    } else {
      input.cut();
    }
  }

}
