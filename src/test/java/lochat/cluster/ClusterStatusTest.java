package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.testing.ClusterNodes;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code lochat cluster status}, its logic called in this JVM, asks nodes of a cluster formed
 * here ({@link ClusterNodes}: 127.0.0.1 only) from an actor system that is not a member.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterStatusTest {

  @Test
  void aNodeListsEveryMemberUpThenTheTwoLeftAfterOneCrashed() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(3)) {
      Run run = status("--node", cluster.hostPort(1));
      assertEquals(0, run.status, run.toString());
      assertEquals(List.of("ADDRESS", "STATUS", "REACHABLE"), List.of(run.out.get(0).split(" +")));
      for (int i = 0; i < 3; i++) {
        String line = lineOf(run.out, cluster.hostPort(i));
        assertTrue(line.matches("\\S+ +up +yes" + (i == 1 ? " +\\(asked\\)" : "")), line);
      }
      assertEquals("3 members as " + cluster.hostPort(1) + " sees them: 3 up",
          run.out.get(run.out.size() - 1));
      assertEquals(5, run.out.size(), run.toString());

      String crashed = cluster.hostPort(2);
      cluster.crash(2);
      cluster.awaitMembers(1, members -> members.members().size() == 2);
      Run after = status("--node", cluster.hostPort(1), "--json");
      assertEquals(0, after.status, after.toString());
      boolean firstIsLower = cluster.address(0).getPort().orElseThrow()
          < cluster.address(1).getPort().orElseThrow();
      String first = member(cluster.hostPort(0), false);
      String second = member(cluster.hostPort(1), true);
      assertEquals(List.of("{\"asked\":\"" + cluster.hostPort(1) + "\",\"members\":["
          + (firstIsLower ? first + "," + second : second + "," + first) + "]}"), after.out,
          "not " + crashed);
    }
  }

  @Test
  void nothingListeningIsOneLineAndExitStatusOne() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Run run = status("--node", "127.0.0.1:" + port, "--timeout", "2");
    assertEquals(1, run.status);
    assertEquals(List.of(), run.out);
    assertEquals(List.of("Nothing listens on 127.0.0.1:" + port + ": check that a Lochat node"
        + " runs there with its cluster on, and that " + port + " is its cluster port"
        + " (--cluster-port, not its chat port)"), run.err);
  }

  @Test
  void aPortThatNeverAnswersIsOneLineWithinTheTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      long start = System.nanoTime();
      Run run = status("--node", "127.0.0.1:" + silent.getLocalPort(), "--timeout", "2");
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(1, run.status);
      assertEquals(1, run.err.size(), run.toString());
      assertTrue(run.err.get(0).startsWith("No Lochat cluster node answered at 127.0.0.1:"
          + silent.getLocalPort() + " within 2 seconds: check that"), run.err.get(0));
      assertTrue(tookMillis < 15_000, "took " + tookMillis + " ms");
      System.out.println("cluster status gave up on a silent port after " + tookMillis + " ms");
    }
  }

  @Test
  void aNodeAskedByAnotherNameThanItsOwnDoesNotAnswer() throws Exception {
    try (ClusterNodes cluster = ClusterNodes.start(1)) {
      int port = cluster.address(0).getPort().orElseThrow();
      Run run = status("--node", "localhost:" + port, "--timeout", "2");
      assertEquals(1, run.status, run.toString());
      assertTrue(run.err.get(0).startsWith("No Lochat cluster node answered at localhost:"
          + port + " within 2 seconds"), run.err.get(0));
      assertEquals(0, status("--node", "127.0.0.1:" + port).status);
    }
  }

  @Test
  void aNodeInUntrustedModeAnswersOnlyWhenItTrustsTheMembershipsPath() throws Exception {
    String untrusted = "pekko.remote.artery.untrusted-mode = on\n";
    try (ClusterNodes trusting = ClusterNodes.start(1, untrusted
        + "pekko.remote.artery.trusted-selection-paths = [\"/user/cluster-membership\"]");
        ClusterNodes distrustful = ClusterNodes.start(1, untrusted)) {
      assertEquals(0, status("--node", trusting.hostPort(0)).status);
      Run refused = status("--node", distrustful.hostPort(0), "--timeout", "2");
      assertEquals(1, refused.status, refused.toString());
      assertTrue(refused.err.get(0).startsWith("No Lochat cluster node answered"),
          refused.err.get(0));
    }
  }

  @Test
  void aBadNodeOrTimeoutIsOneLineAndExitStatusTwo() {
    Run badNode = status("--node", "2552");
    assertEquals(2, badNode.status);
    assertEquals(List.of("Invalid --node: must be HOST:PORT, e.g. 192.168.1.7:2552, not"
        + " \"2552\""), badNode.err);
    Run badTimeout = status("--timeout", "soon");
    assertEquals(2, badTimeout.status);
    assertEquals(List.of("Invalid --timeout: a number of seconds from 0.1 to 300, such as 3,"
        + " 1.5 or 500ms, not 'soon'"), badTimeout.err);
  }

  private static String member(String address, boolean asked) {
    return "{\"address\":\"" + address + "\",\"status\":\"up\",\"reachable\":true,\"asked\":"
        + asked + "}";
  }

  private static String lineOf(List<String> lines, String address) {
    return lines.stream().filter(line -> line.startsWith(address + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + address + " in " + lines));
  }

  private record Run(int status, List<String> out, List<String> err) {}

  private static Run status(String... args) {
    ClusterStatusCommand command = new ClusterStatusCommand();
    command.systemName = TestServer.SYSTEM_NAME;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = new CommandLine(command).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute(args);
    return new Run(status, out.toString().lines().toList(), err.toString().lines().toList());
  }
}
