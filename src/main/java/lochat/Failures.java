package lochat;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
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

  /**
   * Why a file operation failed, for the middle of a sentence: "permission denied", "no such
   * file", "a file of that name is in the way", or the file system's own reason.
   */
  public static String ofFile(IOException failure) {
    if (failure instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (failure instanceof NoSuchFileException) {
      return "no such file";
    }
    if (failure instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way";
    }
    if (failure instanceof FileSystemException files && files.getReason() != null) {
      return lowerFirst(files.getReason().strip());
    }
    String message = describe(failure);
    return lowerFirst(message.strip().lines().findFirst().orElse(message));
  }

  /** {@link #describe} for the middle of a sentence: no "[/host:port]" prefix, lower case first. */
  public static String inSentence(Throwable failure) {
    String message = describe(failure);
    int bracket = message.lastIndexOf(']');
    if (message.startsWith("[") && bracket > 0) {
      message = message.substring(bracket + 1).strip();
    }
    return lowerFirst(message);
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text
        : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }
}
