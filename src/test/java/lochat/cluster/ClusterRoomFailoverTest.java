package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import lochat.testing.ClusterNodes;
import lochat.testing.TestClient;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A room's node is lost (its actor system ends without leaving, as a crash would) or stopped
 * (it leaves the cluster first, and its shards are handed over): the room
 * starts again on a node that is left, with its history and topic; its members there are in it
 * again without having to join, what they said while it was unreachable is said once the room
 * is back, and they go on in one order.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterRoomFailoverTest {

  @Test
  void whenTheRoomsNodeIsLostItsMembersOnTheOtherNodesCarryOnInIt() throws Exception {
    theRoomGoesOnWhenItsNodeGoes(true);
  }

  @Test
  void whenTheRoomsNodeIsStoppedTheRoomMovesWithItsHistory() throws Exception {
    theRoomGoesOnWhenItsNodeGoes(false);
  }

  private void theRoomGoesOnWhenItsNodeGoes(boolean crash) throws Exception {
    String room = "vault";
    List<TestClient> clients = new ArrayList<>();
    try (ClusterNodes cluster = ClusterNodes.start(3,
        "lochat.per-address.max-connections = 0\nlochat.per-address.max-unregistered = 0")) {
      List<String> nicks = List.of("ann", "bob", "cyd");
      for (int i = 0; i < 3; i++) {
        TestClient client = cluster.node(i).register(nicks.get(i));
        clients.add(client);
        client.send("/join " + room);
        client.expectStartsWith("WHO " + room);
      }
      clients.get(0).send("/topic kept across the loss");
      for (TestClient client : clients) {
        client.expectMatching(line -> line.startsWith("TOPIC " + room + " ann ")
            && line.endsWith(" kept across the loss"), "the topic ann set");
      }
      int host = hostOf(cluster, room);
      int first = (host + 1) % 3;
      int second = (host + 2) % 3;
      TestClient one = clients.get(first);
      TestClient two = clients.get(second);
      one.send("before the loss");
      two.expect("MSG " + room + " " + nicks.get(first) + " before the loss");
      // ann, who made the room, runs it: the survivors are given roles to keep.
      clients.get(0).send("/voice " + nicks.get(first));
      two.expect("MODE " + room + " ann +v " + nicks.get(first));
      if (second != 0) {
        clients.get(0).send("/op " + nicks.get(second));
        two.expect("MODE " + room + " ann +o " + nicks.get(second));
      }

      if (crash) {
        cluster.crash(host);
      } else {
        cluster.stop(host, Duration.ofSeconds(30));
      }
      one.send("said while the room was lost");
      cluster.awaitMembers(first, members -> members.members().size() == 2);
      List<String> oneSaw = new ArrayList<>(
          one.expect("MSG " + room + " " + nicks.get(first) + " said while the room was lost"));
      List<String> twoSaw = new ArrayList<>(
          two.expect("MSG " + room + " " + nicks.get(first) + " said while the room was lost"));
      two.send("and after");
      oneSaw.addAll(one.expect("MSG " + room + " " + nicks.get(second) + " and after"));
      twoSaw.addAll(two.expect("MSG " + room + " " + nicks.get(second) + " and after"));

      // Seen from the room as its node went, or told by the room's next incarnation.
      String lost = "LEFT " + room + " " + nicks.get(host) + " ";
      if (oneSaw.stream().noneMatch(line -> line.startsWith(lost))) {
        one.expectMatching(line -> line.startsWith(lost), "the member lost with the room's node");
      }
      if (twoSaw.stream().noneMatch(line -> line.startsWith(lost))) {
        two.expectMatching(line -> line.startsWith(lost), "the member lost with the room's node");
      }
      one.send("/who " + room);
      List<String> who = new ArrayList<>();
      one.expectMatching(line -> line.startsWith("WHO " + room + " ")
          && members(line).equals(Set.of(nicks.get(first), nicks.get(second)))
          && who.addAll(Arrays.asList(line.split(" "))),
          "the room with the members of the nodes left, and no one else");
      assertTrue(who.contains("@" + nicks.get(second))
          && (first == 0 || who.contains("+" + nicks.get(first))),
          "the roles they had before the loss: " + who);
      assertTrue(hostOf(cluster, room, first, second) != host);

      TestClient dee = cluster.node(second).register("dee");
      clients.add(dee);
      dee.send("/join " + room);
      List<String> history = dee.expect("JOINED " + room + " dee").stream()
          .filter(line -> line.startsWith("HISTORY ")).toList();
      assertEquals(3, history.size(), "the room's history, kept by every node: " + history);
      assertTrue(history.get(0).endsWith(" before the loss"), history.get(0));
      assertTrue(history.get(1).endsWith(" said while the room was lost"), history.get(1));
      assertTrue(history.get(2).endsWith(" and after"), history.get(2));
      dee.expectStartsWith("WHO " + room);
      dee.expectMatching(line -> line.startsWith("TOPIC " + room + " ")
          && line.endsWith(" kept across the loss"), "the topic, kept by every node");
    } finally {
      for (TestClient client : clients) {
        client.close();
      }
    }
  }

  private static Set<String> members(String whoLine) {
    return Arrays.stream(whoLine.split(" ")).skip(2)
        .map(nick -> nick.replaceAll("^[@+]+", "")).collect(Collectors.toSet());
  }

  private static int hostOf(ClusterNodes cluster, String room) {
    return hostOf(cluster, room, 0, 1, 2);
  }

  /** Which of {@code nodes} runs {@code room}, by its shard region's own account. */
  private static int hostOf(ClusterNodes cluster, String room, int... nodes) {
    List<Integer> hosts = new ArrayList<>();
    for (int node : nodes) {
      TestProbe<ShardRegion.CurrentShardRegionState> probe =
          TestProbe.create(cluster.node(node).system);
      ClusterSharding.get(cluster.node(node).system).shardState()
          .tell(new GetShardRegionState(ShardedRooms.TYPE_KEY, probe.ref()));
      boolean runsIt = probe.receiveMessage().getShards().stream()
          .anyMatch(shard -> shard.getEntityIds().contains(room));
      if (runsIt) {
        hosts.add(node);
      }
    }
    assertEquals(1, hosts.size(), "nodes running " + room + ": " + hosts);
    return hosts.get(0);
  }
}
