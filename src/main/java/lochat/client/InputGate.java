package lochat.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/**
 * Holds a script's lines back until the server may take them: before sign-in, only the lines
 * {@link SignIn} admits one by one (answers to the server's prompts); after it, every line. A
 * person at a terminal answers what the screen shows, so the terminal's gate is open from the
 * start. Lines are let through in order: one waits at a time.
 */
final class InputGate {

  private boolean open;
  private int admitted;
  private CompletableFuture<Done> waiting;

  private InputGate(boolean open) {
    this.open = open;
  }

  static InputGate opened() {
    return new InputGate(true);
  }

  static InputGate closed() {
    return new InputGate(false);
  }

  /** Completes when the next line may go. */
  synchronized CompletionStage<Done> next() {
    if (open) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    if (admitted > 0) {
      admitted--;
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    waiting = new CompletableFuture<>();
    return waiting;
  }

  /** Lets one more line go. */
  synchronized void admitOne() {
    if (!release()) {
      admitted++;
    }
  }

  /** Lets every line go from now on. */
  synchronized void open() {
    open = true;
    release();
  }

  private boolean release() {
    if (waiting == null) {
      return false;
    }
    CompletableFuture<Done> next = waiting;
    waiting = null;
    next.complete(Done.getInstance());
    return true;
  }
}
