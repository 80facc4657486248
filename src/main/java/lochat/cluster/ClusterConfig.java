package lochat.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.cluster.sbr.SplitBrainResolverProvider;

/**
 * The Pekko settings that make a Lochat server a node of a cluster, laid over the server's
 * configuration before its actor system is created; with the cluster off, the configuration is
 * left exactly as it is (the local actor provider, no remoting port).
 *
 * <p>The node's Artery TCP transport binds to the server's {@code --host} address and
 * advertises it to the other nodes: 127.0.0.1 stays on loopback; a wildcard address (0.0.0.0 or
 * ::) binds every interface and advertises the LAN address that the startup log shows first.
 * Seeds become {@code pekko://SYSTEM@HOST:PORT}; with none the node joins itself (done by
 * {@link ClusterMembership}, as its own port is only known once bound when the port is 0).
 * Downing is Pekko's split brain resolver, deciding after the membership has been stable for
 * {@code lochat.cluster.down-unreachable-after}; its strategy and the failure detector are
 * Pekko's own settings, in {@code application.conf}. Messages between nodes are those that
 * implement {@link ClusterMessage}, in Jackson CBOR; Java serialization is off. Pure: settings
 * in, configuration out.
 */
public final class ClusterConfig {

  private ClusterConfig() {}

  /**
   * {@code config} with the cluster's settings over it when the cluster is on, else {@code
   * config} itself.
   *
   * @param host the server's {@code lochat.host}
   * @param systemName the actor system's name, the same on every node
   * @param lanAddress the address other machines reach this one at, asked only for a wildcard
   *     host
   */
  public static Config apply(ClusterSettings settings, String host, String systemName,
      Supplier<String> lanAddress, Config config) {
    if (!settings.enabled()) {
      return config;
    }
    return overlay(settings, host, systemName, lanAddress).withFallback(config);
  }

  /** The settings {@link #apply} lays over the configuration when the cluster is on. */
  static Config overlay(ClusterSettings settings, String host, String systemName,
      Supplier<String> lanAddress) {
    boolean wildcard = isWildcard(host);
    String advertised = wildcard ? lanAddress.get() : host;
    List<String> seeds = settings.seedNodes().stream()
        .map(seed -> "pekko://" + systemName + "@" + seed)
        .toList();
    return ConfigFactory.parseMap(Map.of(
            "pekko.actor.provider", "cluster",
            "pekko.remote.artery.transport", "tcp",
            "pekko.remote.artery.canonical.hostname", advertised,
            "pekko.remote.artery.canonical.port", settings.port(),
            "pekko.remote.artery.bind.hostname", wildcard ? "0.0.0.0" : host,
            "pekko.cluster.downing-provider-class", SplitBrainResolverProvider.class.getName(),
            "pekko.cluster.split-brain-resolver.stable-after",
            settings.downUnreachableAfter().toMillis() + "ms"))
        .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds))
        .withFallback(serialization());
  }

  /**
   * How messages between nodes are written, for every actor system that talks to a node (the
   * nodes themselves, and {@code lochat cluster status}): {@link ClusterMessage} in Jackson CBOR,
   * Java serialization off.
   */
  public static Config serialization() {
    return ConfigFactory.parseMap(Map.of("pekko.actor.allow-java-serialization", "off"))
        .withValue("pekko.actor.serialization-bindings",
            ConfigValueFactory.fromMap(Map.of(ClusterMessage.class.getName(), "jackson-cbor")));
  }

  /** Whether {@code host} means every interface. */
  static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")
        || host.equals("0:0:0:0:0:0:0:0");
  }
}
