package lochat.connection;

import org.apache.pekko.actor.typed.Behavior;

/**
 * A wire protocol as the TCP listener sees it: how to start a session for a new connection, how
 * the connection stream addresses that session, and the few lines the listener itself says to
 * connections that get no session. The native line protocol is one; IRC and WebSocket are meant
 * to be others, each served by its own listener on the same chat core.
 */
public interface SessionProtocol<T> {

  /** A short name for logs, e.g. "native". */
  String name();

  Behavior<T> session(SessionSetup setup);

  SessionMessages<T> streamMessages();

  /** The message telling a session that the server is shutting down. */
  T serverShutdown();

  /** The line sent, instead of a session, when {@code open} connections are the most allowed. */
  String serverFullLine(int open);

  /** The line sent to a connection that arrives while the server is shutting down. */
  String shuttingDownLine();
}
