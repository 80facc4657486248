package lochat.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Where clients reach one node: the address it advertises to clients on the LAN (the one its
 * start-up log prints, or 127.0.0.1 when it listens on loopback) and the port of each of its
 * listeners, 0 for a listener that is off. Published by every node ({@link EndpointBoard}) so
 * that a client of one node learns where to go when that node dies.
 *
 * <p>Limits: one address per node, even when it listens on several interfaces; a client that
 * reached the node by a host name is told the node's address, not the name.
 */
public record NodeEndpoints(String host, int nativePort, int nativeTlsPort, int ircPort,
    int ircTlsPort, int webPort, int webTlsPort) implements ClusterMessage {

  /** {@code host:port}, with an IPv6 address in brackets. */
  public String hostPort(int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** The origins of this node's chat page: {@code http://host:port} and {@code https://...}. */
  public List<String> pageOrigins() {
    List<String> origins = new ArrayList<>();
    if (webPort != 0) {
      origins.add("http://" + hostPort(webPort));
    }
    if (webTlsPort != 0) {
      origins.add("https://" + hostPort(webTlsPort));
    }
    return origins;
  }
}
