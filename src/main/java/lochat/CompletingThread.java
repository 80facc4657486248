package lochat;

import java.util.concurrent.Executor;

/**
 * Runs a callback on the thread that completed its stage. Pekko's Java API hands out completion
 * stages backed by Scala's {@code CompletableFuture}, which turns every plain callback
 * ({@code whenComplete}, {@code handle}, {@code thenAccept}...) into its {@code Async} form on
 * the common fork-join pool; on a machine of two cores or fewer that pool starts a new thread
 * per task, so thousands at once when a burst of connections ends. A callback on such a stage
 * is written {@code stage.whenCompleteAsync(callback, CompletingThread.EXECUTOR)} instead.
 *
 * <p>Limits: only for short callbacks that never block (a {@code tell}, mapping a value): they
 * run on whatever thread completes the stage, a stream's, a dispatcher's or Artery's.
 */
public final class CompletingThread {

  public static final Executor EXECUTOR = Runnable::run;

  private CompletingThread() {}
}
