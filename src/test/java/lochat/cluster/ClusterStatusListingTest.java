package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterStatusListingTest {

  private static ClusterMembership.Member member(String address, String status,
      boolean reachable) {
    return new ClusterMembership.Member(address, status, reachable);
  }

  @Test
  void aTableListsMembersByAddressMarksTheOneAskedAndSumsUp() {
    ClusterMembership.Members view = new ClusterMembership.Members("127.0.0.1:9999", List.of(
        member("127.0.0.1:10000", "up", false),
        member("127.0.0.1:9999", "up", true),
        member("10.0.0.7:2552", "joining", true)));
    assertEquals(List.of(
        "ADDRESS          STATUS   REACHABLE",
        "10.0.0.7:2552    joining  yes",
        "127.0.0.1:9999   up       yes        (asked)",
        "127.0.0.1:10000  up       no",
        "3 members as 127.0.0.1:9999 sees them: 2 up, 1 unreachable"),
        ClusterStatusListing.table(view));
  }

  @Test
  void aNodeAloneIsOneMemberAndOneThatKnowsNoneSaysSo() {
    assertEquals(List.of(
        "ADDRESS         STATUS  REACHABLE",
        "127.0.0.1:2552  up      yes        (asked)",
        "1 member as 127.0.0.1:2552 sees them: 1 up"),
        ClusterStatusListing.table(new ClusterMembership.Members("127.0.0.1:2552",
            List.of(member("127.0.0.1:2552", "up", true)))));
    assertEquals(List.of("127.0.0.1:2552 knows no members yet: it has not joined a cluster"
            + " (it may still be joining its seed nodes)"),
        ClusterStatusListing.table(new ClusterMembership.Members("127.0.0.1:2552", List.of())));
  }

  @Test
  void jsonHasTheAskedNodeAndEveryMemberSortedAsTheTable() {
    ClusterMembership.Members view = new ClusterMembership.Members("[fd00::7]:2552", List.of(
        member("[fd00::8]:2552", "weakly up", false),
        member("[fd00::7]:2552", "leaving", true)));
    assertEquals("{\"asked\":\"[fd00::7]:2552\",\"members\":["
            + "{\"address\":\"[fd00::7]:2552\",\"status\":\"leaving\",\"reachable\":true,"
            + "\"asked\":true},"
            + "{\"address\":\"[fd00::8]:2552\",\"status\":\"weakly up\",\"reachable\":false,"
            + "\"asked\":false}]}",
        ClusterStatusListing.json(view));
    assertEquals("{\"asked\":\"127.0.0.1:2552\",\"members\":[]}",
        ClusterStatusListing.json(new ClusterMembership.Members("127.0.0.1:2552", List.of())));
  }
}
