package lochat.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import lochat.cluster.ClusterSettings;

/**
 * The servers one bench run spreads its clients over: the {@code --server HOST:PORT} values
 * (repeatable, or comma-separated), read as {@code --join} reads a node's address, or else the one
 * server of {@code --host} and {@code --port}. Pure.
 *
 * <p>Limits: a host name is looked up here, once; one that does not resolve fails when its
 * clients connect. The same address given twice gets twice the clients.
 */
final class ServerAddresses {

  private ServerAddresses() {}

  /**
   * The servers named by {@code servers}, or, when it is empty, {@code host} at {@code port}
   * ({@code defaultPort} when null). Throws, saying what is wrong, for a value that is not
   * HOST:PORT, or when both forms are given.
   */
  static List<InetSocketAddress> of(List<String> servers, String host, Integer port,
      int defaultPort) {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String value : servers) {
      for (String one : value.split(",", -1)) {
        ClusterSettings.SeedNode node;
        try {
          node = ClusterSettings.SeedNode.parse(one);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--server " + e.getMessage());
        }
        addresses.add(new InetSocketAddress(node.host(), node.port()));
      }
    }
    if (addresses.isEmpty()) {
      return List.of(new InetSocketAddress(host, port != null ? port : defaultPort));
    }
    if (port != null) {
      throw new IllegalArgumentException("Give the servers with --server or one with --host and "
          + "--port, not both");
    }
    return List.copyOf(addresses);
  }
}
