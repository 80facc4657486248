package lochat.discovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A Lochat server found on the LAN, as its {@code _lochat._tcp} service and TXT records said:
 * its name, the IPv4 address it announced, its version, whether it asks for a password, and
 * the ports of each listener. What came from the network is shown to people, so the name and
 * version are kept printable and short.
 */
public record FoundServer(String name, String address, String version, boolean password,
    ListenerPorts nativePorts, ListenerPorts ircPorts, ListenerPorts webPorts) {

  private static final int MAX_NAME = 63;
  private static final int MAX_VERSION = 32;

  /** Where to connect: a host and a port. */
  public record Endpoint(String host, int port) {}

  /** True when some listener serves TLS. */
  public boolean tls() {
    return ListenerPorts.anyTls(nativePorts, ircPorts, webPorts);
  }

  /** Where a native client connects, over TLS or not; empty when the server offers no such port. */
  public Optional<Endpoint> nativeEndpoint(boolean tls) {
    OptionalInt port = tls ? nativePorts.tls() : nativePorts.plain();
    return port.isPresent() ? Optional.of(new Endpoint(address, port.getAsInt()))
        : Optional.empty();
  }

  /**
   * The server that a {@code _lochat._tcp} service describes: instance {@code name}, its IPv4
   * {@code addresses}, its SRV port and its TXT records. Empty when it cannot be used: no
   * address, no native port, or a port that is not a number from 1 to 65535. Without TXT
   * records, the SRV port is taken as the native plain port.
   */
  public static Optional<FoundServer> fromService(String name, List<String> addresses,
      int srvPort, Map<String, String> text) {
    if (addresses.isEmpty()) {
      return Optional.empty();
    }
    try {
      ListenerPorts nativePorts = ports(text, Announcement.PORT, Announcement.TLS_PORT);
      if (!nativePorts.offered()) {
        if (srvPort < 1 || srvPort > 65535) {
          return Optional.empty();
        }
        nativePorts = "yes".equalsIgnoreCase(text.get(Announcement.TLS))
            ? ListenerPorts.tlsOnly(srvPort) : ListenerPorts.plain(srvPort);
      }
      return Optional.of(new FoundServer(printable(name, MAX_NAME), addresses.get(0),
          printable(text.getOrDefault(Announcement.VERSION, "?"), MAX_VERSION),
          "yes".equalsIgnoreCase(text.get(Announcement.PASSWORD)), nativePorts,
          ports(text, Announcement.IRC_PORT, Announcement.IRC_TLS_PORT),
          ports(text, Announcement.WEB_PORT, Announcement.WEB_TLS_PORT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static ListenerPorts ports(Map<String, String> text, String plain, String tls) {
    return new ListenerPorts(port(text.get(plain)), port(text.get(tls)));
  }

  /** The port written as {@code value}, empty when absent; IllegalArgumentException when bad. */
  private static OptionalInt port(String value) {
    if (value == null) {
      return OptionalInt.empty();
    }
    if (!value.matches("\\d{1,5}")) {
      throw new IllegalArgumentException("Not a port: " + value);
    }
    return OptionalInt.of(Integer.parseInt(value));
  }

  /** {@code text} with control and format characters as '?', cut to {@code max} characters. */
  private static String printable(String text, int max) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), max));
    text.codePoints().limit(max).forEach(c -> {
      int type = Character.getType(c);
      boolean hidden = Character.isISOControl(c) || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
      out.appendCodePoint(hidden ? '?' : c);
    });
    return out.toString();
  }
}
