package lochat.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import lochat.protocol.InboundLine;
import lochat.protocol.LineFramer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The gate between a socket's input and the session's lines, which makes
 * the server's close graceful: once the server has sent its last line, the client's bytes are
 * read and dropped until the client closes, instead of being left unread.
 *
 * <p>Why: a kernel that closes a socket whose received bytes are still unread resets the
 * connection (RST) instead of closing it (FIN). The reset can overtake the last lines sent, and
 * the client's read fails with "connection reset" instead of reaching the end of the stream, so a
 * client that was still sending when it was told goodbye (at shutdown, say) could lose the
 * goodbye. After {@link #drain} the gate ends its downstream (the session hears no more lines)
 * and keeps pulling from the socket, which keeps it read, until the client closes; the server's
 * half-close (FIN) tells the client to. A client that neither closes nor stops sending within the
 * linger time is cut then: the socket input is cancelled, and with bytes still arriving that is a
 * reset. {@link #cut} ends both sides at once, for a connection that is being aborted anyway.
 *
 * <p>The gate also cuts the input into lines ({@link #lines}): one stage instead of two, since
 * every stage costs every idle connection memory. Like a shared kill switch, one instance
 * controls one materialisation of {@link #lines}; an order given before the stage has started
 * takes effect when it starts. Thread-safe.
 */
public final class InputDrain {

  private sealed interface Order {}

  private record Drain(Duration linger) implements Order {}

  private record Cut() implements Order {}

  private final CompletableFuture<Order> order = new CompletableFuture<>();

  /** Stops passing input on, then reads and drops it until the client closes or {@code linger}. */
  public void drain(Duration linger) {
    order.complete(new Drain(linger));
  }

  /** Ends the input at once: passes nothing more on and stops reading the socket. */
  public void cut() {
    order.complete(new Cut());
  }

  /** Whether {@link #drain} or {@link #cut} has been called: no more input is for the session. */
  public boolean closing() {
    return order.isDone();
  }

  /**
   * The gate, cutting what it passes on into lines with a framer from {@code framing}: one stage,
   * since every stage costs every idle connection memory. Materialise it once. An unterminated
   * last line is passed on only when the input ends cleanly; when the connection breaks the
   * stream fails and the half-received line is dropped, so that nobody sees a line its sender
   * never finished.
   */
  public Flow<ByteString, InboundLine, NotUsed> lines(Supplier<LineFramer> framing) {
    return Flow.fromGraph(new Gate(framing));
  }

  private final class Gate extends GraphStage<FlowShape<ByteString, InboundLine>> {

    private final Inlet<ByteString> in = Inlet.create("InputDrain.in");
    private final Outlet<InboundLine> out = Outlet.create("InputDrain.out");
    private final FlowShape<ByteString, InboundLine> shape = FlowShape.of(in, out);
    private final Supplier<LineFramer> framing;

    private Gate(Supplier<LineFramer> framing) {
      this.framing = framing;
    }

    @Override
    public FlowShape<ByteString, InboundLine> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
      return new TimerGraphStageLogic(shape) {
        private boolean draining;
        /** Made when the first bytes come: a connection's framing may be known only then. */
        private LineFramer framer;

        {
          setHandler(in, new AbstractInHandler() {
            @Override
            public void onPush() {
              ByteString bytes = grab(in);
              List<InboundLine> lines = draining ? List.of() : framer().feed(bytes);
              if (lines.isEmpty()) {
                pull(in);
              } else {
                emitMultiple(out, lines.iterator());
              }
            }

            @Override
            public void onUpstreamFinish() {
              if (isClosed(out)) {
                completeStage();
              } else {
                if (framer != null) {
                  emitMultiple(out, framer.finish().iterator());
                }
                complete(out);
              }
            }
          });
          setHandler(out, new AbstractOutHandler() {
            @Override
            public void onPull() {
              if (!hasBeenPulled(in) && !isClosed(in)) {
                pull(in);
              }
            }

            @Override
            public void onDownstreamFinish(Throwable cause) throws Exception {
              // The session's side may stop taking lines a moment before the order arrives.
              if (closing()) {
                startDraining();
              } else {
                super.onDownstreamFinish(cause);
              }
            }
          });
        }

        private LineFramer framer() {
          if (framer == null) {
            framer = framing.get();
          }
          return framer;
        }

        @Override
        public void preStart() {
          Order given = order.getNow(null);
          if (given != null) {
            obey(given);
          } else {
            AsyncCallback<Order> obey = createAsyncCallback(this::obey);
            order.thenAccept(obey::invoke);
          }
        }

        private void obey(Order given) {
          if (given instanceof Drain drain) {
            startDraining();
            if (!isClosed(in)) {
              scheduleOnce("linger", drain.linger());
            }
          } else {
            completeStage();
          }
        }

        private void startDraining() {
          draining = true;
          if (!isClosed(out)) {
            complete(out);
          }
          if (!isClosed(in) && !hasBeenPulled(in)) {
            pull(in);
          }
        }

        @Override
        public void onTimer(Object key) {
          completeStage();
        }
      };
    }
  }
}
