package lochat.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lochat.testing.LoopbackDiscovery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Announcers and browsers on 127.0.0.1 only: what is announced is found with its ports, by the
 * browser and by {@code lochat discover --json}, and an announcer's close takes the server off
 * a browser's list. Skipped, saying why, where loopback cannot multicast.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoopbackDiscoveryTest {

  private static final String NAME = LoopbackDiscovery.uniqueName("test.home");
  private static final Announcement ANNOUNCED = new Announcement(NAME, "9.8.7", true,
      ListenerPorts.both(4444, 4443), ListenerPorts.plain(6667), ListenerPorts.tlsOnly(8443));
  private static ServerAnnouncer announcer;

  @BeforeAll
  static void announce() {
    LoopbackDiscovery.assumeMulticastWorks();
    announcer = new ServerAnnouncer(ANNOUNCED, LoopbackDiscovery.LOOPBACK);
    assertEquals(List.of(), announcer.start());
    assertEquals(List.of("127.0.0.1"), announcer.announcedOn());
  }

  @AfterAll
  static void withdraw() {
    if (announcer != null) {
      announcer.close();
    }
  }

  @Test
  void aBrowserOnLoopbackFindsTheServerWithEverythingItAnnounced() throws Exception {
    assertEquals(new FoundServer(NAME, "127.0.0.1", "9.8.7", true,
            ListenerPorts.both(4444, 4443), ListenerPorts.plain(6667),
            ListenerPorts.tlsOnly(8443)),
        LoopbackDiscovery.awaitFound(NAME));
  }

  @Test
  void discoverJsonListsTheServerAndExitsZero() throws Exception {
    LoopbackDiscovery.awaitFound(NAME);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = new CommandLine(new DiscoverCommand()).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute("--interface", "127.0.0.1", "--json", "--timeout", "2");
    assertEquals(0, status, err.toString());
    String json = out.toString().strip();
    assertTrue(json.startsWith("[") && json.endsWith("]") && !json.contains("\n"), json);
    assertTrue(json.contains("{\"name\":\"" + NAME + "\",\"address\":\"127.0.0.1\","
        + "\"version\":\"9.8.7\",\"tls\":true,\"password\":true,"
        + "\"native\":{\"port\":4444,\"tls-port\":4443},"
        + "\"irc\":{\"port\":6667,\"tls-port\":null},"
        + "\"web\":{\"port\":null,\"tls-port\":8443}}"), json);
    assertEquals("", err.toString());
  }

  @Test
  void closingSaysGoodbyeSoALiveBrowserDropsTheServer() throws Exception {
    String name = LoopbackDiscovery.uniqueName("leaving");
    ServerAnnouncer leaving = new ServerAnnouncer(new Announcement(name, "1", false,
        ListenerPorts.plain(4444), ListenerPorts.NONE, ListenerPorts.NONE),
        LoopbackDiscovery.LOOPBACK);
    BlockingQueue<FoundServer> found = new LinkedBlockingQueue<>();
    BlockingQueue<String> lost = new LinkedBlockingQueue<>();
    try (ServerBrowser browser = ServerBrowser.open(List.of(LoopbackDiscovery.LOOPBACK),
        new ServerBrowser.Listener() {
          @Override
          public void found(FoundServer server) {
            found.add(server);
          }

          @Override
          public void lost(String gone) {
            lost.add(gone);
          }
        })) {
      assertEquals(List.of(), leaving.start());
      LoopbackDiscovery.next(found, name);
      long closing = System.nanoTime();
      leaving.close();
      System.out.printf("ServerAnnouncer.close() returned after %d ms%n",
          (System.nanoTime() - closing) / 1_000_000);
      // jmdns drops a record 1 s after its goodbye, when it next cleans its cache (every 10 s).
      String gone;
      do {
        gone = lost.poll(20, TimeUnit.SECONDS);
        assertNotNull(gone, name + " still listed 20 s after its announcer closed");
      } while (!gone.equals(name));
      System.out.printf("Dropped by the browser %d ms after close%n",
          (System.nanoTime() - closing) / 1_000_000);
      assertTrue(browser.servers().stream().noneMatch(server -> server.name().equals(name)));
    }
  }
}
