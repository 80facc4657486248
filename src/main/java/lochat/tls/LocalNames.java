package lochat.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names and addresses by which this machine may be reached, for the subject alternative
 * names of its self-signed certificate: {@code localhost}, the host name and its mDNS form
 * ({@code host.local}, which LAN discovery makes reachable), 127.0.0.1, ::1 and the addresses of
 * the network interfaces that are up.
 *
 * <p>No name is looked up on the network: {@code InetAddress.getLocalHost()} may ask DNS, so the
 * host name is read from the kernel ({@code /proc/sys/kernel/hostname}, then {@code /etc/hostname})
 * or Windows' {@code COMPUTERNAME}, and skipped when it is not a valid DNS name. Link-local
 * addresses are left out (they mean nothing without their interface). A certificate keeps the
 * addresses of the day it was made.
 */
final class LocalNames {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private LocalNames() {}

  /** The DNS names: localhost, then the host name and host.local when there is one. */
  static List<String> dnsNames() {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    hostName().ifPresent(host -> {
      names.add(host);
      if (!host.contains(".")) {
        names.add(host + ".local");
      }
    });
    return List.copyOf(names);
  }

  /** The IP addresses: 127.0.0.1, ::1, then every up interface's non-loopback address. */
  static List<InetAddress> addresses() {
    Set<InetAddress> addresses = new LinkedHashSet<>();
    addresses.add(literal(new byte[] {127, 0, 0, 1}));
    addresses.add(literal(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
    try {
      Enumeration<NetworkInterface> faces = NetworkInterface.getNetworkInterfaces();
      for (NetworkInterface face : faces == null ? List.<NetworkInterface>of()
          : Collections.list(faces)) {
        if (!face.isUp() || face.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(face.getInetAddresses())) {
          if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            addresses.add(literal(address.getAddress()));
          }
        }
      }
    } catch (SocketException e) {
      // No interfaces to list: loopback is still there.
    }
    return new ArrayList<>(addresses);
  }

  /** Whether {@code name} is a DNS host name: dot-separated labels of letters, digits, '-'. */
  static boolean validDnsName(String name) {
    if (name.isEmpty() || name.length() > 253 || name.endsWith(".")) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> hostName() {
    List<String> candidates = new ArrayList<>();
    for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
      try {
        candidates.add(Files.readString(Path.of(file), StandardCharsets.US_ASCII));
      } catch (IOException | SecurityException e) {
        // Not this system's way.
      }
    }
    Optional.ofNullable(System.getenv("COMPUTERNAME")).ifPresent(candidates::add);
    return candidates.stream()
        .map(name -> name.strip().toLowerCase(Locale.ROOT))
        .filter(name -> !name.equals("localhost") && validDnsName(name))
        .findFirst();
  }

  private static InetAddress literal(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an address length: " + bytes.length, e);
    }
  }
}
