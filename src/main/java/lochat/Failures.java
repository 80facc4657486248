package lochat;

import java.util.Locale;

/** Turns exceptions into the few words a person should read, without class names or traces. */
public final class Failures {

  private Failures() {}

  /** The innermost cause's message, e.g. "Connection refused". */
  public static String describe(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
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
