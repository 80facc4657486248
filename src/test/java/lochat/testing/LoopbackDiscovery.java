package lochat.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lochat.discovery.FoundServer;
import lochat.discovery.ServerBrowser;

/**
 * Discovery in tests, on loopback only. {@link #assumeMulticastWorks} finds whether multicast
 * works on loopback here by sending one datagram to a group on the loopback interface (TTL 1)
 * and receiving it, and skips the calling test, saying why, when it does not.
 * {@link #awaitFound} waits for an announcement to be seen, with a browser on 127.0.0.1.
 */
public final class LoopbackDiscovery {

  public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final String GROUP = "239.255.77.77";
  private static final int WAIT_SECONDS = 20;
  private static Boolean works;

  private LoopbackDiscovery() {}

  /** Skips the calling test, saying why, when multicast does not work on loopback. */
  public static synchronized void assumeMulticastWorks() {
    if (works == null) {
      works = probe();
    }
    assumeTrue(works, "multicast does not work on the loopback interface here (a datagram sent"
        + " to " + GROUP + " on 127.0.0.1 did not come back within 2 s): discovery untested");
  }

  /** A name no other test run announces at the same time. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100_000;
  }

  /** The server announced as {@code name}, once a browser on 127.0.0.1 has seen it. */
  public static FoundServer awaitFound(String name) throws InterruptedException {
    BlockingQueue<FoundServer> found = new LinkedBlockingQueue<>();
    try (ServerBrowser browser = ServerBrowser.open(List.of(LOOPBACK),
        new ServerBrowser.Listener() {
          @Override
          public void found(FoundServer server) {
            found.add(server);
          }
        })) {
      return next(found, name);
    }
  }

  /** The next of {@code found} named {@code name}, waiting at most 20 s for each. */
  public static FoundServer next(BlockingQueue<FoundServer> found, String name)
      throws InterruptedException {
    while (true) {
      FoundServer server = found.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(server, name + " not found on 127.0.0.1 within " + WAIT_SECONDS + " s");
      if (server.name().equals(name)) {
        return server;
      }
    }
  }

  private static boolean probe() {
    try (MulticastSocket socket = new MulticastSocket(0)) {
      NetworkInterface loopback = NetworkInterface.getByInetAddress(LOOPBACK);
      InetAddress group = InetAddress.getByName(GROUP);
      socket.setNetworkInterface(loopback);
      socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
      socket.setTimeToLive(1);
      socket.joinGroup(new InetSocketAddress(group, 0), loopback);
      socket.setSoTimeout(2000);
      byte[] hello = "lochat probe".getBytes(StandardCharsets.US_ASCII);
      socket.send(new DatagramPacket(hello, hello.length, group, socket.getLocalPort()));
      DatagramPacket received = new DatagramPacket(new byte[64], 64);
      socket.receive(received);
      return new String(received.getData(), 0, received.getLength(), StandardCharsets.US_ASCII)
          .equals("lochat probe");
    } catch (IOException e) {
      return false;
    }
  }
}
