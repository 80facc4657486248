package lochat.connection;

import java.util.List;
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
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * A {@link LineFramer} as a stream stage, one framer per materialisation.
 *
 * <p>An unterminated last line is delivered only when the input ends cleanly; when the
 * connection breaks (a reset), the stream fails and the half-received line is dropped, so that
 * nobody sees a line its sender never finished. It is one small stage, not a nested
 * materialisation per connection: every connection builds one, so a burst of connects pays for
 * each. ({@code statefulMap} would not do: it emits its final element on failure too.)
 */
public final class LineFraming {

  private LineFraming() {}

  /** LF-terminated lines (a CR before the LF is dropped), at most {@code maxLineBytes} each. */
  public static Flow<ByteString, InboundLine, NotUsed> flow(int maxLineBytes) {
    return flow(maxLineBytes, false);
  }

  /** With {@code crEndsLine}, a lone CR ends a line too (IRC). */
  public static Flow<ByteString, InboundLine, NotUsed> flow(int maxLineBytes, boolean crEndsLine) {
    return Flow.fromGraph(new Stage(maxLineBytes, crEndsLine));
  }

  private static final class Stage extends GraphStage<FlowShape<ByteString, InboundLine>> {

    private final Inlet<ByteString> in = Inlet.create("LineFraming.in");
    private final Outlet<InboundLine> out = Outlet.create("LineFraming.out");
    private final FlowShape<ByteString, InboundLine> shape = FlowShape.of(in, out);
    private final int maxLineBytes;
    private final boolean crEndsLine;

    private Stage(int maxLineBytes, boolean crEndsLine) {
      this.maxLineBytes = maxLineBytes;
      this.crEndsLine = crEndsLine;
    }

    @Override
    public FlowShape<ByteString, InboundLine> shape() {
      return shape;
    }

    @Override
    public GraphStageLogic createLogic(Attributes attributes) {
      LineFramer framer = new LineFramer(maxLineBytes, crEndsLine);
      return new GraphStageLogic(shape) {
        {
          setHandler(in, new AbstractInHandler() {
            @Override
            public void onPush() {
              List<InboundLine> lines = framer.feed(grab(in));
              if (lines.isEmpty()) {
                pull(in);
              } else {
                emitMultiple(out, lines.iterator());
              }
            }

            @Override
            public void onUpstreamFinish() {
              emitMultiple(out, framer.finish().iterator());
              complete(out);
            }
          });
          setHandler(out, new AbstractOutHandler() {
            @Override
            public void onPull() {
              if (!hasBeenPulled(in) && !isClosed(in)) {
                pull(in);
              }
            }
          });
        }
      };
    }
  }
}
