package lochat.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lochat.ConfigChecks;

/**
 * The {@code lochat.cluster} block: whether this server is a node of a Pekko cluster, the port
 * its nodes talk on, the nodes it joins, and how long an unreachable node is waited for.
 *
 * @param enabled whether the server forms or joins a cluster
 * @param port the cluster's port on this node; 0 picks a free one
 * @param seedNodes the nodes to join; none: this node is the first and joins itself
 * @param downUnreachableAfter how long the membership must stay unchanged, with a node
 *     unreachable, before the split brain resolver decides which side is downed
 */
public record ClusterSettings(
    boolean enabled, int port, List<SeedNode> seedNodes, Duration downUnreachableAfter) {

  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
  }

  /** A node to join, as given: a host name or address, and its cluster port. */
  public record SeedNode(String host, int port) {

    /**
     * {@code HOST:PORT}, with an IPv6 address in brackets ({@code [fd00::7]:2552}), or why
     * it is not one.
     */
    public static SeedNode parse(String text) {
      return parsed(text).orElseThrow(() -> new IllegalArgumentException(
          "must be HOST:PORT, e.g. 192.168.1.7:2552, not \"" + text + "\""));
    }

    private static Optional<SeedNode> parsed(String text) {
      String trimmed = text.strip();
      int colon = trimmed.lastIndexOf(':');
      if (colon <= 0 || colon == trimmed.length() - 1) {
        return Optional.empty();
      }
      String host = trimmed.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        return Optional.empty();
      }
      if (host.isEmpty() || !host.matches("[A-Za-z0-9._:%-]+")) {
        return Optional.empty();
      }
      String digits = trimmed.substring(colon + 1);
      if (!digits.matches("[0-9]{1,5}")) {
        return Optional.empty();
      }
      int port = Integer.parseInt(digits);
      return port < 1 || port > 65535 ? Optional.empty() : Optional.of(new SeedNode(host, port));
    }

    /** The host as it goes into an address: an IPv6 address in brackets. */
    public String hostInAddress() {
      return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
      return hostInAddress() + ":" + port;
    }
  }

  /** @throws ConfigException when a setting has no sensible value */
  public static ClusterSettings fromConfig(Config lochat) {
    Config cluster = lochat.getConfig("cluster");
    List<SeedNode> seeds = new ArrayList<>();
    for (String seed : cluster.getStringList("seed-nodes")) {
      try {
        seeds.add(SeedNode.parse(seed));
      } catch (IllegalArgumentException e) {
        throw new ConfigException.BadValue("lochat.cluster.seed-nodes", e.getMessage());
      }
    }
    return new ClusterSettings(
        cluster.getBoolean("enabled"),
        ConfigChecks.port(lochat, "cluster.port"),
        seeds,
        ConfigChecks.positive(lochat, "cluster.down-unreachable-after",
            cluster.getDuration("down-unreachable-after")));
  }
}
