package lochat.store;

/**
 * The history store cannot be opened or written, said in one line for people, e.g. {@code
 * Cannot open the history store lochat-data/lochat.db: it is in use by another Lochat server}.
 *
 * <p>Show {@link #getMessage()} as it is. The cause, when there is one, is the database's own
 * error, for the debug log only; {@link lochat.Failures#describe} would show the cause's words
 * instead, so do not use it on this exception.
 */
public final class StoreUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreUnavailable(String message) {
    super(message);
  }

  public StoreUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
