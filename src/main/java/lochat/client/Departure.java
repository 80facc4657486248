package lochat.client;

import java.util.Set;
import lochat.protocol.line.NativeReplies;

/**
 * Whether a connection that ended was lost, and so worth connecting again elsewhere, or was
 * ended on purpose: by the user's {@code /quit} (the server's {@code OK quit}), by the server's
 * goodbye at shutdown, or by an error that closes the connection (killed, banned, a wrong
 * password, ...). Only a signed-in conversation is taken up again; an attempt to take it up
 * that is interrupted before it signed in is tried again. Pure: fed every server
 * line of one connection; not thread-safe.
 */
final class Departure {

  /** The error codes after which the server closes the connection. */
  private static final Set<String> CLOSING_ERRORS = Set.of("killed", "banned", "password-wrong",
      "registration-timeout", "too-many-guesses", "server-full", "too-many-connections");

  private boolean signedIn;
  private boolean saidGoodbye;

  void seen(ServerLine line) {
    switch (line.kind()) {
      case "OK" -> {
        if (line.field(0).equals("nick")) {
          signedIn = true;
        } else if (line.field(0).equals("quit")) {
          saidGoodbye = true;
        }
      }
      case "ERROR" -> saidGoodbye |= CLOSING_ERRORS.contains(line.field(0));
      case "SERVER" -> saidGoodbye |= line.body().equals(NativeReplies.SHUTDOWN_TEXT);
      default -> { }
    }
  }

  /** Whether the connection, now ended, was lost rather than ended on purpose. */
  boolean lost(boolean quitSent) {
    return signedIn && interrupted(quitSent);
  }

  /** Whether the connection ended without a quit or a goodbye, signed in or not. */
  boolean interrupted(boolean quitSent) {
    return !saidGoodbye && !quitSent;
  }
}
