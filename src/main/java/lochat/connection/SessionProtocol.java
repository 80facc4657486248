package lochat.connection;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import lochat.cluster.NodeEndpoints;
import lochat.protocol.LineEncoding;
import lochat.protocol.LineFramer;
import org.apache.pekko.actor.typed.Behavior;

/**
 * A wire protocol as a listener sees it: how to start a session for a new connection, how its
 * lines are cut and written, and the few lines the listener itself says to connections that get
 * no session. The native protocol (in its two forms, lines and the web's JSON) and IRC are
 * served each by its own listener on the same chat core; docs/architecture.md says how to add
 * another.
 */
public interface SessionProtocol {

  /** A short name for logs, e.g. "native". */
  String name();

  /**
   * Cuts a connection's bytes into lines, with this protocol's limits and terminators: a new
   * framer for each connection.
   */
  Supplier<LineFramer> framing(ConnectionSettings settings);

  /** How the lines the server sends are written, e.g. each followed by {@code "\n"}. */
  LineEncoding encoding();

  /** A session for a new connection: it takes the shared {@link SessionCommand} messages. */
  Behavior<SessionCommand> session(SessionSetup setup);

  /** The line sent, instead of a session, when {@code open} connections are the most allowed. */
  String serverFullLine(int open);

  /** The line sent to a connection that arrives while the server is shutting down. */
  String shuttingDownLine();

  /** The line sent, instead of a session, to a connection refused for {@code reason}. */
  String refusedLine(String reason);

  /** The line sent, instead of a session, to a connection from a banned address. */
  default String bannedLine(String reason) {
    return refusedLine(reason);
  }

  /**
   * The line that tells a signed-in client the cluster's other nodes, where it may reconnect
   * should this one die; none for a protocol whose clients keep their own server lists (IRC).
   */
  default Optional<String> nodesLine(List<NodeEndpoints> others) {
    return Optional.empty();
  }

}
