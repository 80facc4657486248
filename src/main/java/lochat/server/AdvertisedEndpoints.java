package lochat.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import lochat.chat.Profile;
import lochat.cluster.NodeEndpoints;
import lochat.irc.IrcProtocol;
import lochat.line.NativeProtocol;

/**
 * This node's endpoints as the cluster publishes them to the other nodes' clients: the address
 * the start-up log tells clients on the LAN to use (the first, for a wildcard bind; loopback
 * when bound to it), and the port of every listener that is on.
 */
final class AdvertisedEndpoints {

  private AdvertisedEndpoints() {}

  static NodeEndpoints of(LochatServer.Running running) {
    String host = NetworkAddresses.forClients(running.address().getAddress()).get(0);
    return new NodeEndpoints(host,
        port(running.address(NativeProtocol.NAME, false)),
        port(running.address(NativeProtocol.NAME, true)),
        port(running.address(IrcProtocol.NAME, false)),
        port(running.address(IrcProtocol.NAME, true)),
        port(running.address(Profile.WEB, false)),
        port(running.address(Profile.WEB, true)));
  }

  private static int port(Optional<InetSocketAddress> address) {
    return address.map(InetSocketAddress::getPort).orElse(0);
  }
}
