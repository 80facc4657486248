package lochat.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the client goes when its server is lost: the cluster's other nodes, as the server's
 * last {@code NODES} line named them, tried in turn with a wait that doubles from one attempt to
 * the next, up to {@link #MAX_WAIT}. The first attempt after a loss goes at once, to the first
 * node listed; a sign-in resets the waits. Only the nodes of the client's own transport count:
 * plain ports for a plain connection, {@code /tls} ones over TLS.
 *
 * <p>Without a {@code NODES} line (a single server, or one older than clusters) nothing is
 * known and the client ends with its connection, as it always did. Pure; its methods are
 * synchronized, as connections end on other threads than the one reading their lines.
 */
final class Failover {

  static final Duration FIRST_WAIT = Duration.ofSeconds(1);
  static final Duration MAX_WAIT = Duration.ofSeconds(10);

  /** A node to connect to, and how long to wait first. */
  record Attempt(String host, int port, Duration delay) {
    String address() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }

  private record Node(String host, int port) {}

  private final boolean tls;
  private List<Node> nodes = List.of();
  private int next;
  private int attempts;

  Failover(boolean tls) {
    this.tls = tls;
  }

  /** Takes in a {@code NODES} line: the other nodes now, replacing those known. */
  synchronized void learn(ServerLine line) {
    if (!line.kind().equals("NODES")) {
      return;
    }
    List<Node> learned = new ArrayList<>();
    for (String token : line.body().split(" ")) {
      boolean overTls = token.endsWith("/tls");
      String address = overTls ? token.substring(0, token.length() - 4) : token;
      int colon = address.lastIndexOf(':');
      if (overTls != tls || colon <= 0) {
        continue;
      }
      String host = address.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      try {
        int port = Integer.parseInt(address.substring(colon + 1));
        if (port > 0 && port < 65536 && !host.isEmpty()) {
          learned.add(new Node(host, port));
        }
      } catch (NumberFormatException notAPort) {
        // a token of a later version: ignored
      }
    }
    nodes = List.copyOf(learned);
    next = 0;
  }

  /** Whether any other node is known. */
  synchronized boolean known() {
    return !nodes.isEmpty();
  }

  /** The next node to try and the wait before it; only when {@link #known}. */
  synchronized Attempt next() {
    Node node = nodes.get(next % nodes.size());
    next = (next + 1) % nodes.size();
    Duration wait = attempts == 0 ? Duration.ZERO
        : FIRST_WAIT.multipliedBy(1L << Math.min(attempts - 1, 10));
    attempts++;
    return new Attempt(node.host(), node.port(), wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
  }

  /** Signed in again: the next loss starts afresh. */
  synchronized void signedIn() {
    attempts = 0;
  }
}
