package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the generator reads about a server process, and that it never harms one. */
class ServerProbeTest {

  @Test
  void withoutAPidThereAreNoFigures() {
    ServerProbe nothing = ServerProbe.of(0);
    assertTrue(nothing.cpuSeconds().isEmpty());
    assertTrue(nothing.rssKb().isEmpty());
    assertTrue(nothing.heapAfterGcKb().isEmpty());
  }

  @Test
  void aJvmServerHasCpuTimeResidentMemoryAndHeap() {
    ServerProbe self = ServerProbe.of(ProcessHandle.current().pid());
    assertTrue(self.cpuSeconds().orElseThrow() > 0);
    assertTrue(self.rssKb().orElseThrow() > 0);
    assertTrue(self.heapAfterGcKb().orElseThrow() > 0);
  }

  @Test
  void aServerThatIsNotAJvmIsNeverSentJcmdsSignal() throws Exception {
    // jcmd's SIGQUIT stops ngircd; a plain process stands in for it here.
    Process server = new ProcessBuilder("sleep", "60").start();
    try {
      ServerProbe probe = ServerProbe.of(server.pid());
      assertTrue(probe.heapAfterGcKb().isEmpty());
      assertTrue(probe.rssKb().isPresent());
      assertTrue(server.isAlive(), "the server was stopped by the probe");
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
