package lochat.server;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import lochat.connection.SessionReport;
import org.slf4j.Logger;

/**
 * The one line a listener logs when a connection ends, with who it was, why, and how many are
 * still online. Over TLS the reason may come from the socket rather than the session: a failed
 * handshake ends the session's output before its input hears of the failure, so the session
 * says only "connection closed". There, a session that ends before its socket closed waits for
 * the socket, and a TLS failure of a socket that closed first waits for its session, so that the
 * line says why TLS failed. Used on the listener's thread only.
 */
final class DisconnectLines {

  private final boolean tls;
  private final Logger log;
  private final Map<Long, SessionReport.Ended> endedBeforeSocket = new HashMap<>();
  private final Map<Long, String> tlsFailures = new HashMap<>();

  DisconnectLines(boolean tls, Logger log) {
    this.tls = tls;
    this.log = log;
  }

  /** The session of {@code socket} has ended; {@code socketOpen} if its socket has not. */
  void sessionEnded(long socket, SessionReport.Ended ended, boolean socketOpen, int online) {
    if (tls && socketOpen) {
      endedBeforeSocket.put(socket, ended);
    } else {
      log(ended, Optional.ofNullable(tlsFailures.remove(socket)), online);
    }
  }

  /** {@code socket} has closed, with {@code failure} if it broke. */
  void socketClosed(long socket, Optional<Throwable> failure, int online) {
    Optional<String> tlsFailure = failure
        .filter(SSLException.class::isInstance)
        .map(Throwable::getMessage);
    SessionReport.Ended ended = endedBeforeSocket.remove(socket);
    if (ended != null) {
      log(ended, tlsFailure, online);
    } else {
      tlsFailure.ifPresent(reason -> tlsFailures.put(socket, reason));
    }
  }

  /** The session of {@code socket} stopped without a report: nothing of it is kept. */
  void sessionStopped(long socket) {
    tlsFailures.remove(socket);
  }

  private void log(SessionReport.Ended ended, Optional<String> tlsFailure, int online) {
    String reason = tlsFailure
        .map(failure -> (ended.nick() == null ? "TLS handshake failed: " : "TLS failed: ")
            + failure)
        .orElse(ended.reason());
    log.info("{} ({}) disconnected: {} ({} online)",
        ended.nick() == null ? "Unregistered client" : ended.nick(), ended.remote(), reason,
        online);
  }
}
