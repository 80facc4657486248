package lochat;

import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * Turns exceptions into the few words a person should read, without class names or traces.
 *
 * <p>Failures whose exception carries no words of its own, such as a name that does not
 * resolve, are named here; everything else reads as its innermost cause's message.
 */
public final class Failures {

  private Failures() {}

  /** The innermost cause's message, e.g. "Connection refused", or "Unknown host". */
  public static String describe(Throwable failure) {
    Throwable cause = failure;
    while (true) {
      if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
        return "Unknown host";
      }
      if (cause.getCause() == null || cause.getCause() == cause) {
        break;
      }
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }

  /** {@link #describe} for the middle of a sentence: no "[/host:port]" prefix, lower case first. */
  public static String inSentence(Throwable failure) {
    String message = describe(failure);
    int bracket = message.lastIndexOf(']');
    if (message.startsWith("[") && bracket > 0) {
      message = message.substring(bracket + 1).strip();
    }
    return message.isEmpty() ? message
        : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
  }
}
