package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lochat.discovery.FoundServer;
import lochat.discovery.ServerBrowser;
import lochat.testing.LoopbackDiscovery;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server bound to 127.0.0.1 announces itself on loopback with the ports it really
 * listens on, TLS and password included, and says goodbye at shutdown so that browsers drop it.
 * Skipped, saying why, where loopback cannot multicast.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ServerAnnouncementTest {

  @TempDir Path dataDir;

  @Test
  void aRunningServerIsFoundWithItsPortsAndGoneAfterShutdown() throws Exception {
    LoopbackDiscovery.assumeMulticastWorks();
    String name = LoopbackDiscovery.uniqueName("announced");
    BlockingQueue<String> lost = new LinkedBlockingQueue<>();
    try (TestServer server = TestServer.start(String.join("\n",
            "lochat.discovery.enabled = on",
            "lochat.server-name = " + ConfigUtil.quoteString(name),
            "lochat.password = \"sesame\"",
            "lochat.tls.enabled = on",
            "lochat.data-dir = " + ConfigUtil.quoteString(dataDir.toString())));
        ServerBrowser browser = ServerBrowser.open(List.of(LoopbackDiscovery.LOOPBACK),
            new ServerBrowser.Listener() {
              @Override
              public void lost(String gone) {
                lost.add(gone);
              }
            })) {
      FoundServer found = LoopbackDiscovery.awaitFound(name);
      assertEquals("127.0.0.1", found.address());
      assertTrue(found.password());
      assertTrue(found.tls());
      assertEquals(OptionalInt.of(server.port("native", false)), found.nativePorts().plain());
      assertEquals(OptionalInt.of(server.tlsPort()), found.nativePorts().tls());
      assertEquals(OptionalInt.of(server.port("irc", true)), found.ircPorts().tls());
      assertEquals(OptionalInt.of(server.port("web", false)), found.webPorts().plain());

      server.shutdown(Duration.ofSeconds(15));
      String gone;
      do {
        gone = lost.poll(30, TimeUnit.SECONDS);
      } while (gone != null && !gone.equalsIgnoreCase(name));
      assertEquals(name.toLowerCase(java.util.Locale.ROOT),
          gone == null ? null : gone.toLowerCase(java.util.Locale.ROOT),
          "the browser did not drop the server after its shutdown");
    }
  }
}
