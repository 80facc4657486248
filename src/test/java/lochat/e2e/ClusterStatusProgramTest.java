package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lochat.testing.LochatProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code lochat cluster status}, run as people run it, against {@code lochat server} started as
 * the first node of a cluster on 127.0.0.1: what it prints, and that it prints nothing else.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterStatusProgramTest {

  @Test
  void statusOfARunningNodeListsItUpAndNothingElse() throws Exception {
    LochatProcess server = LochatProcess.start(LochatProcess.command(List.of(), "server",
        "--host", "127.0.0.1", "--port", "0", "--irc-port", "0", "--cluster-port", "0"));
    try {
      Matcher node = server.awaitStderr(
          Pattern.compile(".*Cluster: (127\\.0\\.0\\.1:\\d+) \\(this node\\) is up.*"));
      String address = node.group(1);
      long start = System.nanoTime();
      LochatProcess status = LochatProcess.start(LochatProcess.command(List.of(), "cluster",
          "status", "--node", address));
      assertEquals(0, status.exitCode(), () -> "stderr: " + stderr(status));
      System.out.println("cluster status answered in "
          + (System.nanoTime() - start) / 1_000_000 + " ms, JVM start included");
      assertEquals(List.of(
          "ADDRESS" + " ".repeat(address.length() - 5) + "STATUS  REACHABLE",
          address + "  up      yes        (asked)",
          "1 member as " + address + " sees them: 1 up"), status.stdout());
      assertEquals(List.of(), status.stderr());
    } finally {
      server.process().destroy();
      assertEquals(0, server.exitCode());
    }
  }

  @Test
  void aPortThatNeverAnswersIsOneLineOnStandardErrorAndExitStatusOne() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + silent.getLocalPort();
      LochatProcess status = LochatProcess.start(LochatProcess.command(List.of(), "cluster",
          "status", "--node", address, "--timeout", "1"));
      assertEquals(1, status.exitCode());
      assertEquals(List.of(), status.stdout());
      List<String> err = status.stderr();
      assertEquals(1, err.size(), err.toString());
      assertTrue(err.get(0).startsWith("No Lochat cluster node answered at " + address
          + " within 1 second: "), err.get(0));
    }
  }

  private static List<String> stderr(LochatProcess process) {
    try {
      return process.stderr();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
