package lochat.tls;

import java.io.IOException;
import lochat.Failures;

/**
 * The server cannot have a TLS identity, said in one line for people that names the file and
 * what to do, e.g. {@code The TLS private key /etc/lochat/key.pem is encrypted: ...}.
 *
 * <p>Show {@link #getMessage()} as it is and never the stack trace. The cause, when there is one,
 * is the JDK's own error, for the debug log only; {@link lochat.Failures#describe} would show the
 * cause's words instead, so do not use it on this exception. Checked, so that whoever loads an
 * identity decides what a server without one does.
 */
public final class TlsUnavailable extends Exception {

  private static final long serialVersionUID = 1L;

  public TlsUnavailable(String message) {
    super(message);
  }

  public TlsUnavailable(String message, Throwable cause) {
    super(message, cause);
  }

  /** Why a file operation failed, in words: "permission denied", "Read-only file system". */
  static String reason(IOException failure) {
    return Failures.ofFile(failure);
  }

  /** The first line of {@code failure}'s message, or its kind when it has none. */
  static String reason(Throwable failure) {
    String message = failure.getMessage();
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return message.strip().lines().findFirst().orElse(message);
  }
}
