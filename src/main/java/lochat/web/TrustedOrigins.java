package lochat.web;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The origins, besides its own, whose pages may open this server's chat WebSocket: the pages of
 * the cluster's other nodes, so that a page whose node died can go on from another node. Set
 * by the server as the cluster's nodes come and go, read by every WebSocket handshake; safe
 * across threads. Empty, and so accepting nothing more, without the cluster.
 *
 * <p>Limits: the origins of nodes that left are kept as long as the server runs (one per node the
 * cluster has had). An origin is matched exactly, as scheme, address and port (case aside); a page
 * opened by a host name rather than the address a node advertises is not recognised.
 */
public final class TrustedOrigins {

  private volatile Set<String> origins = Set.of();
  private final Set<String> everTrusted = ConcurrentHashMap.newKeySet();

  /**
   * The other nodes' pages are now {@code origins} ({@code http://10.0.0.8:8080}). Those of
   * nodes that left stay trusted: a page one served may still be open, and goes on from here.
   */
  public void set(Collection<String> origins) {
    this.origins = origins.stream().map(origin -> origin.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
    everTrusted.addAll(this.origins);
  }

  /**
   * The WebSocket origins of those pages ({@code ws://10.0.0.8:8080}, {@code wss://...}), which
   * this server's page may connect to when its own server does not answer.
   */
  public List<String> sockets() {
    return origins.stream().sorted()
        .map(origin -> (origin.startsWith("https:") ? "wss" : "ws")
            + origin.substring(origin.indexOf(':')))
        .toList();
  }

  /** Whether a page at {@code origin} belongs to another node of the cluster, now or before. */
  public boolean accepts(String origin) {
    return everTrusted.contains(origin.toLowerCase(Locale.ROOT));
  }
}
