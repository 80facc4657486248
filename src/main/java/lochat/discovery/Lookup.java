package lochat.discovery;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One look for servers as {@code lochat discover} and {@code lochat client} without
 * {@code --host} take it: on the {@code --interface} given or on every LAN interface, for a
 * while; a bad {@code --interface}, nowhere to look or no interface that could be opened is a
 * problem in words, with the exit status the commands use, and the way to connect by address.
 */
public final class Lookup {

  /** What to tell people about connecting without discovery. */
  public static final String BY_ADDRESS = "./lochat client --host ADDRESS [--port PORT]";

  /** The look's outcome: servers found (perhaps none, with warnings), or a problem. */
  public sealed interface Outcome {}

  /** Looked: what was found, where, and the interfaces that could not be used. */
  public record Looked(ServerBrowser.Result result) implements Outcome {}

  /** Could not look: lines to print on stderr and the exit status (2 for a bad option). */
  public record Problem(int status, List<String> lines) implements Outcome {}

  private Lookup() {}

  /** Looks for {@code duration} on {@code iface}, or on every LAN interface when empty. */
  public static Outcome look(Optional<String> iface, Duration duration)
      throws InterruptedException {
    List<InetAddress> interfaces;
    if (iface.isPresent()) {
      try {
        interfaces = List.of(ServerBrowser.interfaceAddress(iface.get()));
      } catch (IllegalArgumentException e) {
        return new Problem(2, List.of("Invalid --interface: " + e.getMessage()));
      }
    } else {
      interfaces = ServerBrowser.lanInterfaces();
      if (interfaces.isEmpty()) {
        return new Problem(1, List.of("No network interface to look for servers on (none is"
            + " up, IPv4 and able to multicast). Use --interface 127.0.0.1 for servers on this"
            + " machine, or connect by address: " + BY_ADDRESS));
      }
    }
    ServerBrowser.Result result = ServerBrowser.browse(interfaces, duration);
    if (result.failed()) {
      List<String> lines = new ArrayList<>(result.failures());
      lines.add("Cannot look for servers (multicast may be blocked here). Connect by address"
          + " instead: " + BY_ADDRESS);
      return new Problem(1, lines);
    }
    return new Looked(result);
  }

  /** The line that says nothing was found, where, and what to do instead. */
  public static String noneFound(List<String> lookedOn, Duration duration) {
    return "No Lochat servers found on " + String.join(", ", lookedOn) + " in "
        + seconds(duration) + ". Connect by address instead: " + BY_ADDRESS
        + (lookedOn.contains("127.0.0.1") ? "" : " (or --interface 127.0.0.1 for servers"
        + " on this machine)");
  }

  /** Warnings for the interfaces that could not be used, when others could. */
  public static List<String> warnings(ServerBrowser.Result result) {
    return result.failures().stream().map(line -> "Warning: " + line)
        .collect(Collectors.toList());
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : (millis / 1000.0) + " s";
  }
}
