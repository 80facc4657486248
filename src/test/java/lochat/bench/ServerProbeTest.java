package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
  void serversOfSeveralProcessesAreSummedAndTheirCpuTimeKeptProcessByProcess() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      long self = ProcessHandle.current().pid();
      ServerProbe both = ServerProbe.of(List.of(self, 0L, other.pid()));
      ServerProbe.CpuTime each = both.cpuTime();
      assertEquals(2, each.each().size());
      assertTrue(each.each().get(0) > 0);
      assertEquals(each.each().get(0) + each.each().get(1), each.total().orElseThrow(), 1e-9);
      assertTrue(both.rssKb().orElseThrow() > ServerProbe.of(other.pid()).rssKb().orElseThrow(),
          "both processes' memory");
      ServerProbe.CpuTime used = both.cpuTime().since(each);
      assertEquals(2, used.each().size());
      assertTrue(used.each().stream().allMatch(seconds -> seconds >= 0), used.toString());
    } finally {
      other.destroy();
      other.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aSumIsUnknownWhenOneProcessIsGone() {
    ServerProbe gone = ServerProbe.of(List.of(ProcessHandle.current().pid(), Long.MAX_VALUE));
    assertTrue(gone.cpuTime().total().isEmpty());
    assertTrue(gone.rssKb().isEmpty());
    assertTrue(ServerProbe.of(List.of()).cpuSeconds().isEmpty());
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
