package lochat.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.jmdns.JmDNS;

/**
 * Announces a server with DNS-SD over multicast DNS on the addresses it is bound to: a
 * loopback or LAN address announces on that address; a wildcard bind announces on every IPv4
 * address of every interface that is up, not loopback and can multicast (one jmdns each).
 * {@link #close()} withdraws the services (jmdns sends goodbyes, records with TTL 0), waiting
 * for jmdns at most 2.5 s.
 *
 * <p>Never throws at its caller and never stops a start: whatever fails (no interface, no
 * multicast, a socket error) becomes a warning, in words, that says what still works. Limits:
 * IPv4 only for a wildcard bind; jmdns renames a service whose name another server already
 * announces ({@code lochat (2)}); jmdns's socket listens on port 5353 of every address, so where
 * another program (avahi) has joined the group on a LAN interface, a server announced on
 * loopback also hears, and may answer, queries from that LAN.
 */
public final class ServerAnnouncer implements AutoCloseable {

  private final Announcement announcement;
  private final InetAddress bound;
  private final List<JmDNS> running = new ArrayList<>();
  private final List<String> announcedOn = new ArrayList<>();

  public ServerAnnouncer(Announcement announcement, InetAddress bound) {
    this.announcement = announcement;
    this.bound = bound;
  }

  /**
   * Registers the services on every address to announce on, without waiting for jmdns's
   * probes; returns the warnings for what could not be announced (empty when all went well).
   * Once started, it does nothing until closed.
   */
  public synchronized List<String> start() {
    if (!running.isEmpty()) {
      return List.of();
    }
    List<String> warnings = new ArrayList<>();
    List<InetAddress> addresses;
    if (bound.isAnyLocalAddress()) {
      try {
        addresses = Mdns.lanAddresses();
      } catch (SocketException e) {
        warnings.add("Cannot list the network interfaces to announce the server on ("
            + e.getMessage() + "): LAN discovery is off. " + byAddress("ADDRESS"));
        return warnings;
      }
      if (addresses.isEmpty()) {
        warnings.add("No network interface that can multicast to announce the server on: LAN"
            + " discovery is off. " + byAddress("ADDRESS"));
        return warnings;
      }
    } else {
      addresses = List.of(bound);
    }
    String label = Mdns.hostLabel(announcement.serverName());
    for (InetAddress address : addresses) {
      String host = address.getHostAddress();
      JmDNS mdns = null;
      try {
        mdns = Mdns.open(address, label);
        for (ServiceRecord service : announcement.services()) {
          mdns.registerService(service.toServiceInfo());
        }
        running.add(mdns);
        announcedOn.add(host);
      } catch (IOException | RuntimeException e) {
        if (mdns != null) {
          Mdns.close(List.of(mdns), Duration.ZERO);
        }
        warnings.add("Cannot announce the server on " + host + " (" + describe(e)
            + "): clients there will not find it by themselves. " + byAddress(host));
      }
    }
    return warnings;
  }

  /** The addresses the server is announced on, once started. */
  public synchronized List<String> announcedOn() {
    return List.copyOf(announcedOn);
  }

  /**
   * Withdraws the services and closes every jmdns, waiting for them at most 2.5 s (usually
   * 2 s): the first goodbyes go out at once; what is left finishes in the background.
   */
  @Override
  public synchronized void close() {
    Mdns.close(running, Mdns.CLOSE_WAIT);
    running.clear();
    announcedOn.clear();
  }

  private String byAddress(String host) {
    return "Clients can still connect by address: " + announcement.connectCommand(host);
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
