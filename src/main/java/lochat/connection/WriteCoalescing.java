package lochat.connection;

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
 * Gathers a connection's outgoing lines into fewer, larger socket writes: at most one write per
 * {@code window}, of at most {@code maxBytes} (more when a single element is larger).
 *
 * <p>Why: a write costs the same few actor messages and a system call whatever its size, and a
 * member of a busy room is sent lines one at a time, from many posters. After a quiet
 * {@code window} a line is written at once, so a quiet connection gets no added delay; while
 * lines keep coming, those that arrive within {@code window} of the last write wait for the rest
 * of it and go out together. A write the socket has not finished also gathers what comes
 * meanwhile, as {@code batchWeighted} would. A {@code window} of zero turns the waiting off.
 *
 * <p>Limits: the only timer is one single-shot timer while lines wait, so idle connections cost
 * nothing. Once {@code maxBytes} wait, the stage stops pulling and its upstream (the bounded send
 * queue) fills as it would if the socket were slow.
 */
public final class WriteCoalescing extends GraphStage<FlowShape<ByteString, ByteString>> {

  private static final String FLUSH = "flush";

  private final Inlet<ByteString> in = Inlet.create("WriteCoalescing.in");
  private final Outlet<ByteString> out = Outlet.create("WriteCoalescing.out");
  private final FlowShape<ByteString, ByteString> shape = FlowShape.of(in, out);
  private final int maxBytes;
  private final long windowNanos;

  public WriteCoalescing(int maxBytes, Duration window) {
    if (maxBytes < 1 || window.isNegative()) {
      throw new IllegalArgumentException(
          "Need maxBytes >= 1 and a window >= 0: " + maxBytes + ", " + window);
    }
    this.maxBytes = maxBytes;
    this.windowNanos = window.toNanos();
  }

  @Override
  public FlowShape<ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new TimerGraphStageLogic(shape) {
      private ByteString waiting = ByteString.emptyByteString();
      private long lastWriteNanos = System.nanoTime() - windowNanos;

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            waiting = waiting.concat(grab(in));
            if (waiting.size() < maxBytes) {
              pull(in);
            }
            flushIfDue();
          }

          @Override
          public void onUpstreamFinish() {
            if (waiting.isEmpty()) {
              completeStage();
            } else {
              cancelTimer(FLUSH);
              emit(out, take(), () -> completeStage());
            }
          }
        });
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            flushIfDue();
          }
        });
      }

      @Override
      public void preStart() {
        pull(in);
      }

      @Override
      public void onTimer(Object key) {
        flushIfDue();
      }

      /** Writes what waits if the socket is free and the window since the last write is over. */
      private void flushIfDue() {
        if (waiting.isEmpty() || !isAvailable(out)) {
          return;
        }
        long wait = lastWriteNanos + windowNanos - System.nanoTime();
        if (wait > 0 && waiting.size() < maxBytes) {
          if (!isTimerActive(FLUSH)) {
            scheduleOnce(FLUSH, Duration.ofNanos(wait));
          }
          return;
        }
        cancelTimer(FLUSH);
        lastWriteNanos = System.nanoTime();
        push(out, take());
        if (!hasBeenPulled(in) && !isClosed(in)) {
          pull(in);
        }
      }

      private ByteString take() {
        ByteString batch = waiting.compact();
        waiting = ByteString.emptyByteString();
        return batch;
      }
    };
  }
}
