package lochat.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.jmdns.JmDNS;

/**
 * Where jmdns is opened and closed, so that the rules hold in one place: a {@link JmDNS} is
 * always bound to one given address (its multicast socket sends and joins the group on that
 * address's interface only), and is handed the host name with the address, so that jmdns
 * makes no DNS lookup (it would otherwise ask for the address's name). Closing is bounded:
 * jmdns sends its first goodbye at once, then takes about 2 s for its repeats.
 */
final class Mdns {

  /** How long an announcer's close may hold up its caller: jmdns usually needs 2 s. */
  static final Duration CLOSE_WAIT = Duration.ofMillis(2500);

  private Mdns() {}

  /**
   * A jmdns instance on {@code address}'s interface, its host {@code <label>.local.}. Refused
   * when no interface has that address: jmdns would then join the group and send on the
   * system's default interface.
   */
  static JmDNS open(InetAddress address, String label) throws IOException {
    if (NetworkInterface.getByInetAddress(address) == null) {
      throw new IOException("no network interface has address " + address.getHostAddress());
    }
    InetAddress named = InetAddress.getByAddress(label, address.getAddress());
    return JmDNS.create(named, label);
  }

  /** {@code name} as one host-name label: letters, digits and '-' only. */
  static String hostLabel(String name) {
    String label = name.replaceAll("[^A-Za-z0-9-]", "-").replaceAll("^-+|-+$", "");
    label = label.length() > 63 ? label.substring(0, 63) : label;
    return label.isEmpty() ? "lochat" : label;
  }

  /**
   * Closes every one of {@code instances} on threads of their own, waiting at most
   * {@code wait} in all; true when all finished in that time. Those that did not finish go on
   * closing in the background.
   */
  static boolean close(List<JmDNS> instances, Duration wait) {
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (JmDNS mdns : instances) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      Thread thread = new Thread(() -> {
        try {
          mdns.close();
        } catch (IOException | RuntimeException e) {
          // Nothing more to do: the socket is gone either way.
        }
        done.complete(null);
      }, "lochat-mdns-close");
      thread.setDaemon(true);
      thread.start();
      closing.add(done);
    }
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The IPv4 address of every interface that is up, not loopback and can multicast: where
   * servers on 0.0.0.0 announce and where clients look by default.
   */
  static List<InetAddress> lanAddresses() throws SocketException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback() || !nic.supportsMulticast()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address) {
          addresses.add(address);
        }
      }
    }
    return addresses;
  }

  /**
   * The local IPv4 address written as {@code text}, a literal (never a name to look up).
   *
   * @throws IllegalArgumentException saying why it cannot be used
   */
  static InetAddress localAddress(String text) {
    if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException(
          "not an IPv4 address such as 192.168.1.10 or 127.0.0.1: '" + text + "'");
    }
    byte[] bytes = new byte[4];
    String[] parts = text.split("\\.");
    for (int i = 0; i < 4; i++) {
      int part = Integer.parseInt(parts[i]);
      if (part > 255) {
        throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
      }
      bytes[i] = (byte) part;
    }
    try {
      InetAddress address = InetAddress.getByAddress(bytes);
      if (NetworkInterface.getByInetAddress(address) == null) {
        throw new IllegalArgumentException("no interface of this machine has address " + text);
      }
      return address;
    } catch (UnknownHostException | SocketException e) {
      throw new IllegalArgumentException("cannot use " + text + ": " + e.getMessage());
    }
  }
}
