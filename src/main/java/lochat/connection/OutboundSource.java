package lochat.connection;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.SubscriptionWithCancelException;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The socket's end of an {@link Outbound}: emits everything queued as one element whenever the
 * socket asks for more, completes after {@link Outbound#close} once the queue is empty, and fails
 * at once after {@link Outbound#abort}. When it ends, however it ends, it tells {@code whenEnded}:
 * null when everything queued was written, else why not.
 *
 * <p>Why not {@code Source.queue}: that one bounds elements, not bytes, must be materialised
 * before the connection's stream to hand out its queue (a stream interpreter of its own per
 * connection), and lets nothing but its owner write to it in order with other writers. This
 * stage wakes only when bytes arrive while the socket is waiting for them: while a write is in
 * progress, whatever arrives is gathered for the next one.
 */
final class OutboundSource extends GraphStage<SourceShape<ByteString>> {

  private final Outlet<ByteString> out = Outlet.create("Outbound.out");
  private final SourceShape<ByteString> shape = SourceShape.of(out);
  private final CompletionStage<Outbound> queue;
  private final Consumer<Throwable> whenEnded;

  /**
   * Emits nothing until {@code queue} has come (see {@link ConnectionFlow#awaiting}); if the
   * stage stops before, the queue is failed, and {@code whenEnded} told, once it comes.
   */
  OutboundSource(CompletionStage<Outbound> queue, Consumer<Throwable> whenEnded) {
    this.queue = queue;
    this.whenEnded = whenEnded;
  }

  @Override
  public SourceShape<ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      /** Null until the queue has come. */
      private Outbound outbound;
      private Throwable failure;
      private boolean finished;

      {
        setHandler(out, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (outbound != null) {
              emitWhatIsQueued();
            }
          }

          @Override
          public void onDownstreamFinish(Throwable cause) throws Exception {
            if (outbound != null) {
              outbound.cancelled(cause);
            }
            if (cause instanceof SubscriptionWithCancelException.NonFailureCancellation) {
              finished = true;
            } else {
              failure = cause;
            }
            super.onDownstreamFinish(cause);
          }
        });
      }

      @Override
      public void preStart() {
        Outbound now = queue.toCompletableFuture().getNow(null);
        if (now != null) {
          attach(now);
        } else {
          AsyncCallback<Outbound> attach = createAsyncCallback(this::attach);
          queue.thenAccept(attach::invoke);
        }
      }

      private void attach(Outbound came) {
        outbound = came;
        outbound.attach(createAsyncCallback((NotUsed signal) -> {
          if (isAvailable(out)) {
            emitWhatIsQueued();
          } else if (outbound.failure() != null) {
            fail(outbound.failure());
          }
        }));
        if (isAvailable(out)) {
          emitWhatIsQueued();
        }
      }

      @Override
      public void postStop() {
        if (!finished && failure == null) {
          failure = new Outbound.ConnectionAborted("the connection's stream stopped");
        }
        Throwable ended = failure;
        if (outbound != null) {
          whenEnded.accept(ended);
        } else {
          queue.thenAccept(late -> {
            late.cancelled(ended);
            whenEnded.accept(ended);
          });
        }
      }

      private void fail(Throwable cause) {
        failure = cause;
        failStage(cause);
      }

      private void emitWhatIsQueued() {
        Outbound.Taken taken = outbound.take();
        if (taken instanceof Outbound.Bytes bytes) {
          push(out, bytes.bytes());
        } else if (taken instanceof Outbound.Finished) {
          finished = true;
          completeStage();
        } else if (taken instanceof Outbound.Failed failed) {
          fail(failed.cause());
        }
      }
    };
  }
}
