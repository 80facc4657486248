package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.discovery.Announcement;
import lochat.discovery.ListenerPorts;
import lochat.discovery.ServerAnnouncer;
import lochat.testing.LochatProcess;
import lochat.testing.LoopbackDiscovery;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code lochat client} without {@code --host}, run as people run it, finds the one server
 * announced on loopback and joins it. Skipped, saying why, where loopback cannot multicast.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DiscoveryProgramTest {

  @Test
  void aClientWithoutHostJoinsTheOneServerItFinds() throws Exception {
    LoopbackDiscovery.assumeMulticastWorks();
    String name = LoopbackDiscovery.uniqueName("found");
    try (TestServer server = TestServer.start();
        ServerAnnouncer announcer = new ServerAnnouncer(Announcement.of(name, false,
            ListenerPorts.plain(server.port), ListenerPorts.plain(server.ircPort()),
            ListenerPorts.NONE), LoopbackDiscovery.LOOPBACK)) {
      assertEquals(List.of(), announcer.start());
      LoopbackDiscovery.awaitFound(name);
      TestClient bob = server.register("bob");
      LochatProcess client = LochatProcess.start(LochatProcess.command(List.of(), "client",
          "--interface", "127.0.0.1", "--server", name, "--nick", "dora", "--history-file",
          "none"));
      client.stdin("found you\n");
      // A new JVM, a discovery round, then a sign-in: on a busy machine longer than a test
      // client waits for a line, so the program's own echo is waited for first.
      client.awaitStdout("[lobby] <dora> found you");
      bob.expect("MSG lobby dora found you");
      assertEquals(0, client.exitCode());
      List<String> err = client.stderr();
      assertEquals(List.of("Looking for Lochat servers on 127.0.0.1...",
          "Found Lochat server '" + name + "' at 127.0.0.1:" + server.port + "; connecting."),
          err);
      assertTrue(client.stdout().contains("[lobby] <dora> found you"), client.stdout()
          .toString());
    }
  }
}
