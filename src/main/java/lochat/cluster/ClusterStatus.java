package lochat.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import lochat.ConfigChecks;
import lochat.Failures;
import org.apache.pekko.actor.ActorIdentity;
import org.apache.pekko.actor.Identify;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.Patterns;

/**
 * Asks a running node for its view of the cluster ({@link ClusterMembership.GetMembers}), for
 * {@code lochat cluster status}, from a small actor system of its own that is not a member of
 * the cluster: Pekko's remote provider (no cluster), Artery TCP on a free port of the address
 * that routes to the node (127.0.0.1 for a node on loopback), the nodes' serialization ({@link
 * ClusterConfig#serialization}). It finds the node's {@link ClusterMembership} by its path
 * ({@code pekko://SYSTEM@HOST:PORT/user/cluster-membership}) with an actor selection, then asks
 * it; the system stops as soon as the answer, or the deadline, is in.
 *
 * <p>What the node must allow: Artery accepts connections from systems that are not members,
 * and actor selections unless {@code pekko.remote.artery.untrusted-mode} is on (off by default;
 * with it on, {@code trusted-selection-paths} must list {@code /user/cluster-membership}). The
 * address asked must be the one the node advertises, exactly (its {@code --host}, or the LAN
 * address a node on 0.0.0.0 logs): Artery drops a handshake addressed to any other name, and
 * logs so on the node. The node connects back to this system for its answer, so that address
 * must reach this machine. Before starting Pekko, a plain TCP connection tells "nothing listens
 * there" from "something listens but does not answer".
 */
public final class ClusterStatus {

  /** What came of asking. */
  public sealed interface Outcome {}

  /** The node's view of the cluster. */
  public record Answered(ClusterMembership.Members members) implements Outcome {}

  /** No answer, and why, in one line for the person who asked. */
  public record NoAnswer(String reason) implements Outcome {}

  private static final Duration STOPPING = Duration.ofSeconds(5);

  private ClusterStatus() {}

  /**
   * Asks the node at {@code node} (its cluster port), whose actor system is named {@code
   * systemName}, waiting at most {@code timeout} for its answer, once this side's actor system
   * has started (which takes a second or so in a fresh JVM).
   */
  public static Outcome ask(ClusterSettings.SeedNode node, String systemName, Duration timeout) {
    InetAddress address;
    try {
      address = InetAddress.getByName(node.host());
    } catch (UnknownHostException e) {
      return new NoAnswer("Unknown host '" + node.host() + "' in --node " + node);
    }
    try (Socket probe = new Socket()) {
      probe.connect(new InetSocketAddress(address, node.port()), millis(timeout));
    } catch (ConnectException e) {
      return new NoAnswer(nothingListens(node));
    } catch (SocketTimeoutException e) {
      return new NoAnswer(noAnswer(node, timeout));
    } catch (IOException e) {
      return new NoAnswer("Cannot reach " + node + ": " + Failures.inSentence(e));
    }
    String local;
    try {
      local = localAddressTowards(address);
    } catch (IOException e) {
      return new NoAnswer("Cannot reach " + node + ": " + Failures.inSentence(e));
    }
    ActorSystem<Void> system;
    try {
      system = ActorSystem.create(Behaviors.empty(), "lochat-status", config(local));
    } catch (RuntimeException e) {
      return new NoAnswer("Cannot listen on " + local + " for the answer: "
          + Failures.inSentence(e));
    }
    try {
      return ask(system, node, systemName, timeout, System.nanoTime() + timeout.toNanos());
    } finally {
      system.terminate();
      try {
        system.getWhenTerminated().toCompletableFuture()
            .get(STOPPING.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        // Stopping took too long: the command exits anyway.
      }
    }
  }

  private static Outcome ask(ActorSystem<Void> system, ClusterSettings.SeedNode node,
      String systemName, Duration timeout, long deadline) {
    String path = "pekko://" + systemName + "@" + node + "/user/" + ClusterMembership.NAME;
    try {
      Object identity = Patterns.ask(Adapter.toClassic(system).actorSelection(path),
              new Identify(path), left(deadline))
          .toCompletableFuture().join();
      Optional<org.apache.pekko.actor.ActorRef> found =
          ((ActorIdentity) identity).getActorRef();
      if (found.isEmpty()) {
        return new NoAnswer(node + " answered, but has no cluster membership to ask: it is"
            + " shutting down, or runs another version of Lochat");
      }
      ActorRef<ClusterMembership.Command> membership = Adapter.toTyped(found.get());
      return new Answered(AskPattern.<ClusterMembership.Command, ClusterMembership.Members>ask(
              membership, ClusterMembership.GetMembers::new, left(deadline), system.scheduler())
          .toCompletableFuture().join());
    } catch (CompletionException e) {
      return new NoAnswer(noAnswer(node, timeout));
    }
  }

  /** The one line for a port nobody listens on. */
  static String nothingListens(ClusterSettings.SeedNode node) {
    return "Nothing listens on " + node + ": check that a Lochat node runs there with its"
        + " cluster on, and that " + node.port() + " is its cluster port (--cluster-port, not"
        + " its chat port)";
  }

  /** The one line for a port that takes connections but where no node answers in time. */
  static String noAnswer(ClusterSettings.SeedNode node, Duration timeout) {
    return "No Lochat cluster node answered at " + node + " within "
        + ConfigChecks.inWords(timeout) + ": check that " + node.port() + " is its cluster port"
        + " and give its address exactly as its --host, or as its log shows it ('Cluster: this"
        + " node is HOST:PORT'); it must also be able to connect back to this machine";
  }

  private static Config config(String local) {
    return ConfigFactory.parseMap(Map.of(
            "pekko.actor.provider", "remote",
            "pekko.remote.artery.transport", "tcp",
            "pekko.remote.artery.canonical.hostname", local,
            "pekko.remote.artery.canonical.port", 0,
            "pekko.remote.warn-about-direct-use", "off",
            "pekko.remote.warn-unsafe-watch-outside-cluster", "off",
            "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off"))
        .withFallback(ClusterConfig.serialization())
        .withFallback(ConfigFactory.load());
  }

  /**
   * This machine's address on the way to {@code node}, for the node to connect back to: the
   * same loopback address for a node on loopback. A UDP socket is connected, which sends
   * nothing, only to ask the system's routes.
   */
  private static String localAddressTowards(InetAddress node) throws IOException {
    if (node.isLoopbackAddress()) {
      return node.getHostAddress();
    }
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(node, 9);
      InetAddress local = socket.getLocalAddress();
      if (local == null || local.isAnyLocalAddress()) {
        throw new IOException("no route to " + node.getHostAddress());
      }
      return local.getHostAddress();
    }
  }

  private static Duration left(long deadline) {
    return Duration.ofNanos(Math.max(deadline - System.nanoTime(), 1_000_000));
  }

  private static int millis(Duration timeout) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
  }
}
