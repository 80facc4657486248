package lochat.server;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import lochat.cluster.ClusterConfig;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Creates the actor system a Lochat server runs in, with the cluster's settings laid over its
 * configuration when the cluster is on ({@link ClusterConfig}), so that the server command and
 * the tests start servers the same way.
 */
public final class ServerSystem {

  /**
   * The actor system's name for {@code lochat server}: every node of a cluster shares it, and
   * it is part of a node's address ({@code pekko://lochat@HOST:PORT}).
   */
  public static final String NAME = "lochat";

  /** The status the server exits with when the cluster downed or removed this node. */
  public static final int REMOVED_FROM_CLUSTER = 3;

  private ServerSystem() {}

  /**
   * @param name the actor system's name; the nodes of one cluster must share it
   * @param started completed once every listener is listening, or one could not
   */
  public static ActorSystem<LochatServer.Command> create(ServerSettings settings, Config config,
      String name, CompletableFuture<LochatServer.StartResult> started) {
    Config withCluster = ClusterConfig.apply(settings.cluster(), settings.host(), name,
        ServerSystem::lanAddress, config);
    return ActorSystem.create(LochatServer.create(settings, started), name, withCluster);
  }

  /** Whether the actor system stopped because the cluster downed or removed this node. */
  public static boolean removedFromCluster(ActorSystem<?> system) {
    return CoordinatedShutdown.get(system).getShutdownReason()
        .filter(CoordinatedShutdown.clusterDowningReason()::equals).isPresent();
  }

  /** The address the startup log shows first for a server listening on every interface. */
  private static String lanAddress() {
    try {
      return NetworkAddresses.forClients(InetAddress.getByAddress(new byte[4])).get(0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("0.0.0.0 is not an address", e);
    }
  }
}
