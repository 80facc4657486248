package lochat.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;

/**
 * Hands the user's lines to the connection of the moment, so that one reading of the console
 * outlives the connections the client makes: a line offered while no connection takes lines (the
 * client is connecting again, or signing in again) waits for the next, and a line the ended
 * connection did not take goes to the next. Backpressure comes from the connection's queue:
 * {@link #offer} completes once the line is queued, and the reader offers one line at a time.
 *
 * <p>Limits: a line a connection queued but never wrote before it was lost is lost with it.
 */
final class LineRelay {

  private SourceQueueWithComplete<String> queue;
  /** Completes with the next queue attached. */
  private CompletableFuture<SourceQueueWithComplete<String>> nextQueue = new CompletableFuture<>();

  /** From now on lines go to {@code attached}. */
  void attach(SourceQueueWithComplete<String> attached) {
    CompletableFuture<SourceQueueWithComplete<String>> waiting;
    synchronized (this) {
      queue = attached;
      waiting = nextQueue;
      nextQueue = new CompletableFuture<>();
    }
    waiting.complete(attached);
  }

  /** {@code ended}'s connection takes no more lines; those offered now wait for the next. */
  synchronized void detach(SourceQueueWithComplete<String> ended) {
    if (queue == ended) {
      queue = null;
    }
  }

  /** Completes when {@code line} is queued on a connection. */
  CompletionStage<Done> offer(String line) {
    return queueOtherThan(null).thenCompose(to -> offer(line, to));
  }

  private CompletionStage<Done> offer(String line, SourceQueueWithComplete<String> to) {
    return to.offer(line)
        .handle((result, failure) -> failure == null && result == QueueOfferResult.enqueued())
        .thenCompose(queued -> queued ? CompletableFuture.completedFuture(Done.getInstance())
            : queueOtherThan(to).thenCompose(next -> offer(line, next)));
  }

  /** The attached queue if it is not {@code ended}, else the next one attached. */
  private synchronized CompletionStage<SourceQueueWithComplete<String>> queueOtherThan(
      SourceQueueWithComplete<String> ended) {
    return queue != null && queue != ended ? CompletableFuture.completedFuture(queue) : nextQueue;
  }
}
