package lochat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import lochat.cluster.ClusterMembership;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Several Lochat servers in this JVM forming one Pekko cluster, as Pekko's own cluster tests
 * do: each a {@link TestServer} on 127.0.0.1 with its cluster on an ephemeral port, the first
 * joining itself and the others joining the first's real address.
 *
 * <p>Failure detection and the split brain resolver are faster than in production ({@link
 * #FAST}), so that a test sees a node downed within seconds, yet with margins wide enough for a
 * busy machine. Node {@code i} may be stopped gracefully ({@link #stop}) or crashed ({@link
 * #crash}); closing terminates every node still running, without leaving, which is quick.
 */
public final class ClusterNodes implements AutoCloseable {

  /** The cluster's test settings, on top of {@link TestServer}'s. */
  public static final String FAST = """
      lochat.cluster.enabled = on
      lochat.cluster.port = 0
      lochat.cluster.down-unreachable-after = 2s
      pekko.cluster.failure-detector.heartbeat-interval = 500ms
      pekko.cluster.failure-detector.acceptable-heartbeat-pause = 3s
      pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
      pekko.cluster.gossip-interval = 300ms
      pekko.cluster.leader-actions-interval = 300ms
      pekko.coordinated-shutdown.run-by-actor-system-terminate = off
      """;

  /** How long a test waits for the cluster to settle: generous, for a busy machine. */
  public static final Duration SETTLE = Duration.ofSeconds(40);

  private final List<TestServer> nodes = new ArrayList<>();
  private final List<Boolean> running = new ArrayList<>();
  private final String overrides;

  private ClusterNodes(String overrides) {
    this.overrides = overrides;
  }

  /** Starts {@code count} nodes and waits until every one sees all of them up. */
  public static ClusterNodes start(int count) throws Exception {
    return start(count, "");
  }

  /**
   * Like {@link #start(int)}, with {@code overrides} (HOCON) for every node, over {@link #FAST}
   * (e.g. a longer {@code lochat.cluster.down-unreachable-after}).
   */
  public static ClusterNodes start(int count, String overrides) throws Exception {
    ClusterNodes cluster = new ClusterNodes(overrides);
    try {
      for (int i = 0; i < count; i++) {
        cluster.nodes.add(cluster.startNode(i == 0 ? "[]" : "[\"" + cluster.hostPort(0) + "\"]"));
        cluster.running.add(true);
      }
      cluster.awaitAllUp(count);
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public TestServer node(int i) {
    return nodes.get(i);
  }

  /** Node {@code i}'s cluster address. */
  public Address address(int i) {
    return Cluster.get(nodes.get(i).system).selfMember().address();
  }

  /** Node {@code i}'s cluster address as HOST:PORT, as {@code --join} takes it. */
  public String hostPort(int i) {
    Address address = address(i);
    return address.getHost().orElseThrow() + ":" + address.getPort().orElseThrow();
  }

  /** What node {@code i}'s {@link ClusterMembership} answers. */
  public ClusterMembership.Members members(int i) {
    TestServer node = nodes.get(i);
    return AskPattern.<ClusterMembership.Command, ClusterMembership.Members>ask(
            node.clusterMembership(), ClusterMembership.GetMembers::new, Duration.ofSeconds(10),
            node.system.scheduler())
        .toCompletableFuture().join();
  }

  /** Waits until node {@code i}'s {@link ClusterMembership} answers what {@code expected} likes. */
  public ClusterMembership.Members awaitMembers(
      int i, Predicate<ClusterMembership.Members> expected) {
    TestProbe<Object> probe = TestProbe.create(nodes.get(i).system);
    return probe.awaitAssert(SETTLE, Duration.ofMillis(100), () -> {
      ClusterMembership.Members seen = members(i);
      assertTrue(expected.test(seen), () -> "node " + i + " sees " + seen);
      return seen;
    });
  }

  /** Waits until every running node sees {@code count} members, all up and reachable. */
  public void awaitAllUp(int count) {
    for (int i = 0; i < nodes.size(); i++) {
      if (running.get(i)) {
        awaitMembers(i, members -> members.members().size() == count
            && members.members().stream()
                .allMatch(member -> member.status().equals("up") && member.reachable()));
      }
    }
  }

  /** Whether node {@code i}'s own cluster sees it up. */
  public boolean isUp(int i) {
    return Cluster.get(nodes.get(i).system).selfMember().status() == MemberStatus.up();
  }

  /** Stops node {@code i} as Ctrl-C would: it leaves the cluster, then its system stops. */
  public void stop(int i, Duration within) throws Exception {
    running.set(i, false);
    nodes.get(i).shutdown(within);
  }

  /**
   * Restarts node {@code i} as an operator's rolling restart would: it is stopped as by {@link
   * #stop}, then a new node (new ports, a new store) joins the nodes still running, and this
   * returns once every running node sees all of them up.
   */
  public void restart(int i, Duration within) throws Exception {
    stop(i, within);
    int seed = running.indexOf(true);
    nodes.set(i, startNode("[\"" + hostPort(seed) + "\"]"));
    running.set(i, true);
    awaitAllUp((int) running.stream().filter(up -> up).count());
  }

  private TestServer startNode(String seeds) throws Exception {
    return TestServer.start(FAST + "\n" + overrides + "\nlochat.cluster.seed-nodes = " + seeds);
  }

  /**
   * Terminates node {@code i}'s actor system without leaving the cluster (no coordinated
   * shutdown): to the other nodes, a node that crashed.
   */
  public void crash(int i) throws Exception {
    running.set(i, false);
    nodes.get(i).close();
  }

  /**
   * Waits until {@code member} is in {@code room} as {@code asker}, a native user in it, sees
   * it, asking again after each answer without it. (A member's join may come while the room,
   * lost with its node, is starting again elsewhere, before {@code asker} is in it again to see
   * it.)
   */
  public static void awaitMember(TestClient asker, String room, String member) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (true) {
      asker.send("/who " + room);
      AtomicReference<String> who = new AtomicReference<>();
      asker.expectMatching(
          line -> line.startsWith("WHO " + room + " ") && who.compareAndSet(null, line),
          "the members of " + room);
      if (Arrays.stream(who.get().replaceAll(" [@+]+", " ").split(" ")).skip(2)
          .anyMatch(member::equals)) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, member + " not in " + room + ": " + who.get());
    }
  }

  @Override
  public void close() throws Exception {
    for (int i = 0; i < nodes.size(); i++) {
      running.set(i, false);
      nodes.get(i).close();
    }
  }
}
