package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lochat.server.ServerSystem;
import lochat.testing.ClusterNodes;
import lochat.testing.TestClient;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lochat servers in one JVM form a Pekko cluster, see each other come and go, and a node the
 * split brain resolver downs shuts its server down ({@link ClusterNodes}: 127.0.0.1 only).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterMembershipTest {

  @Test
  void twoNodesFormAClusterAndEachSeesBothUp() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(2)) {
      for (int i = 0; i < 2; i++) {
        ClusterMembership.Members members = cluster.members(i);
        assertEquals(cluster.hostPort(i), members.self());
        assertEquals(Set.of(cluster.hostPort(0), cluster.hostPort(1)),
            members.members().stream().map(ClusterMembership.Member::address)
                .collect(Collectors.toSet()));
        assertTrue(members.members().stream().allMatch(
            member -> member.status().equals("up") && member.reachable()), members.toString());
      }
      assertTrue(cluster.hostPort(0).startsWith("127.0.0.1:"), cluster.hostPort(0));
    }
  }

  @Test
  void threeNodesFormAClusterAndEachSeesAllUp() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(3, cluster.members(i).members().size());
      }
    }
  }

  @Test
  void aNodeStoppedGracefullyLeavesAndIsRemovedFromTheOthersView() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      Address leaving = cluster.address(2);
      TestProbe<ClusterEvent.MemberEvent> events = memberEvents(cluster, 0);
      long start = System.nanoTime();
      cluster.stop(2, Duration.ofSeconds(30));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      ClusterEvent.MemberRemoved removed = removal(events, leaving);
      assertEquals(MemberStatus.exiting(), removed.previousStatus(),
          "a node stopped gracefully leaves rather than being downed");
      for (int i = 0; i < 2; i++) {
        cluster.awaitMembers(i, members -> members.members().size() == 2
            && members.members().stream().noneMatch(
                member -> member.address().equals(hostPort(leaving))));
      }
      assertTrue(tookMillis < 15_000, "the shutdown took " + tookMillis + " ms");
      System.out.println("Graceful shutdown of a cluster node took " + tookMillis + " ms");
    }
  }

  @Test
  void aCrashedNodeIsDownedByTheResolverAndRemoved() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      Address crashed = cluster.address(2);
      TestProbe<ClusterEvent.MemberEvent> events = memberEvents(cluster, 0);
      long start = System.nanoTime();
      cluster.crash(2);
      ClusterEvent.MemberRemoved removed = removal(events, crashed);
      System.out.println("A crashed node was removed after "
          + (System.nanoTime() - start) / 1_000_000 + " ms");
      assertEquals(MemberStatus.down(), removed.previousStatus(),
          "a crashed node is downed by the split brain resolver before it is removed");
      cluster.awaitAllUp(2);
      assertTrue(cluster.isUp(0) && cluster.isUp(1), "the majority stays up");
    }
  }

  @Test
  void aNodeLeftInTheMinorityIsDownedAndItsServerShutsDown() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      TestClient user = cluster.node(0).register("alice");
      cluster.crash(1);
      cluster.crash(2);
      cluster.node(0).system.getWhenTerminated().toCompletableFuture()
          .get(ClusterNodes.SETTLE.toSeconds(), TimeUnit.SECONDS);
      assertTrue(ServerSystem.removedFromCluster(cluster.node(0).system),
          "the node stopped because the cluster downed it");
      user.expectClosed();
      assertThrows(IOException.class, () -> cluster.node(0).connect(),
          "nobody listens on the downed node any more");
    }
  }

  private static TestProbe<ClusterEvent.MemberEvent> memberEvents(ClusterNodes cluster, int i) {
    TestProbe<ClusterEvent.MemberEvent> probe = TestProbe.create(cluster.node(i).system);
    Cluster.get(cluster.node(i).system).subscriptions()
        .tell(Subscribe.create(probe.ref(), ClusterEvent.MemberEvent.class));
    return probe;
  }

  private static ClusterEvent.MemberRemoved removal(
      TestProbe<ClusterEvent.MemberEvent> events, Address node) {
    List<ClusterEvent.MemberEvent> seen = events.fishForMessage(ClusterNodes.SETTLE,
        event -> event instanceof ClusterEvent.MemberRemoved
            && event.member().address().equals(node)
            ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return (ClusterEvent.MemberRemoved) seen.get(seen.size() - 1);
  }

  private static String hostPort(Address address) {
    return address.getHost().orElseThrow() + ":" + address.getPort().orElseThrow();
  }

}
