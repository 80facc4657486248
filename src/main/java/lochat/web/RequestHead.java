package lochat.web;

import java.time.Duration;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * Reads the head of a connection's first request, whatever its downstream asks, so that the
 * connection can be routed by it ({@link Reader#onHead}); then passes the input on unchanged:
 * the head too, if the reader wants it, and what followed it.
 *
 * <p>A head that has not come whole within {@code timeout} (a client that connects and says
 * nothing, or too slowly) or an input that ends before it comes to {@link Reader#onNoHead}, and
 * the stage completes. A head longer than {@link WebSocketHandshake#MAX_HEAD_BYTES} comes there
 * too, and the input is passed on as it comes, for the answer's flow to drain.
 */
final class RequestHead extends GraphStage<FlowShape<ByteString, ByteString>> {

  /** Decides what becomes of the connection. Called on the stream's thread. */
  interface Reader {

    /** The first request's head came; returns whether it is passed on with the rest. */
    boolean onHead(ByteString head);

    /** No head came: it was {@code tooLarge}, or else too slow or the input ended. */
    void onNoHead(boolean tooLarge);

    /** The stage stopped: the connection's input is no longer read here. */
    void onStop();
  }

  private static final String DEADLINE = "head";

  private final Inlet<ByteString> in = Inlet.create("RequestHead.in");
  private final Outlet<ByteString> out = Outlet.create("RequestHead.out");
  private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
  private final Reader reader;
  private final Duration timeout;

  RequestHead(Reader reader, Duration timeout) {
    this.reader = reader;
    this.timeout = timeout;
  }

  @Override
  public FlowShape<ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new TimerGraphStageLogic(shape) {
      private ByteString received = ByteString.emptyByteString();

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            onBytes(grab(in));
          }

          @Override
          public void onUpstreamFinish() {
            noHead();
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {}
        });
      }

      @Override
      public void preStart() {
        scheduleOnce(DEADLINE, timeout);
        pull(in);
      }

      @Override
      public void onTimer(Object key) {
        noHead();
      }

      @Override
      public void postStop() {
        reader.onStop();
      }

      private void onBytes(ByteString bytes) {
        int searchFrom = Math.max(0, received.size() - 3);
        received = received.concat(bytes);
        int end = WebSocketHandshake.headLength(received, searchFrom);
        if (end < 0 || end > WebSocketHandshake.MAX_HEAD_BYTES) {
          if (received.size() > WebSocketHandshake.MAX_HEAD_BYTES) {
            tooLarge();
          } else {
            pull(in);
          }
          return;
        }
        cancelTimer(DEADLINE);
        ByteString head = received.take(end);
        ByteString rest = received.drop(end);
        received = ByteString.emptyByteString();
        ByteString first = reader.onHead(head) ? head.concat(rest) : rest;
        passOn();
        if (!first.isEmpty()) {
          emit(out, first);
        } else if (isAvailable(out)) {
          pull(in);
        }
      }

      private void noHead() {
        reader.onNoHead(false);
        completeStage();
      }

      /** Refused, but read on: the answer's flow drains the input while the client reads it. */
      private void tooLarge() {
        cancelTimer(DEADLINE);
        received = ByteString.emptyByteString();
        reader.onNoHead(true);
        passOn();
        if (isAvailable(out)) {
          pull(in);
        }
      }

      /** From now on, the input goes on as it comes. */
      private void passOn() {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            push(out, grab(in));
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            pull(in);
          }
        });
      }
    };
  }
}
