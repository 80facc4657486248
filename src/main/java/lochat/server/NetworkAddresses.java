package lochat.server;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The addresses other machines can use to reach a server bound to a given address. */
final class NetworkAddresses {

  private NetworkAddresses() {}

  /**
   * For a wildcard bind, the IPv4 addresses of every interface that is up and not loopback
   * (IPv6 when there is no IPv4), or loopback when the machine has no network; for a specific
   * bind, that address.
   */
  static List<String> forClients(InetAddress bound) {
    if (!bound.isAnyLocalAddress()) {
      return List.of(host(bound));
    }
    List<String> ipv4 = new ArrayList<>();
    List<String> ipv6 = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (address instanceof Inet4Address) {
            ipv4.add(host(address));
          } else if (address instanceof Inet6Address && !address.isLinkLocalAddress()) {
            ipv6.add(host(address));
          }
        }
      }
    } catch (SocketException e) {
      return List.of("127.0.0.1");
    }
    if (!ipv4.isEmpty()) {
      return ipv4;
    }
    return ipv6.isEmpty() ? List.of("127.0.0.1") : ipv6;
  }

  private static String host(InetAddress address) {
    String host = address.getHostAddress();
    int scope = host.indexOf('%');
    return scope < 0 ? host : host.substring(0, scope);
  }
}
