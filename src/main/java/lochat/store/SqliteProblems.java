package lochat.store;

import java.io.IOException;
import java.sql.SQLException;
import lochat.Failures;

/**
 * Says in a few words why SQLite or the file system refused the history store, for the end of
 * a {@link StoreUnavailable} line. Knows SQLite's primary result codes; anything else reads as
 * the first line of the database's own message.
 */
final class SqliteProblems {

  private static final int PERM = 3;
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int READONLY = 8;
  private static final int IOERR = 10;
  private static final int CORRUPT = 11;
  private static final int FULL = 13;
  private static final int CANTOPEN = 14;
  private static final int NOTADB = 26;

  private SqliteProblems() {}

  static String reason(SQLException failure) {
    return switch (failure.getErrorCode() & 0xff) {
      case BUSY, LOCKED -> "it is in use by another Lochat server";
      case CORRUPT, NOTADB -> "it is damaged, or not a Lochat history database";
      case PERM, READONLY -> "it or its directory is not writable";
      case CANTOPEN -> "the file cannot be created or opened (is its directory writable?)";
      case FULL -> "the disk is full";
      case IOERR -> "input/output error";
      default -> firstLine(failure.getMessage());
    };
  }

  static String reason(IOException failure) {
    return Failures.ofFile(failure);
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "unknown database error";
    }
    return message.lines().findFirst().orElse(message).strip();
  }
}
