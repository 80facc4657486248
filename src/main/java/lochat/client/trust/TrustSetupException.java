package lochat.client.trust;

/** Trust that cannot be set up before connecting (a bad CA file); the message is one line. */
public final class TrustSetupException extends Exception {

  private static final long serialVersionUID = 1L;

  public TrustSetupException(String message) {
    super(message);
  }
}
