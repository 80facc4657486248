package lochat.discovery;

import java.util.OptionalInt;

/**
 * The ports one listener (native, IRC or web) serves on: plain and TLS, each absent when not
 * served (the listener is off, TLS is off, or plain ports are off and it serves TLS only).
 */
public record ListenerPorts(OptionalInt plain, OptionalInt tls) {

  /** A listener that is off. */
  public static final ListenerPorts NONE =
      new ListenerPorts(OptionalInt.empty(), OptionalInt.empty());

  public ListenerPorts {
    check(plain);
    check(tls);
  }

  public static ListenerPorts plain(int port) {
    return new ListenerPorts(OptionalInt.of(port), OptionalInt.empty());
  }

  public static ListenerPorts tlsOnly(int port) {
    return new ListenerPorts(OptionalInt.empty(), OptionalInt.of(port));
  }

  public static ListenerPorts both(int plain, int tls) {
    return new ListenerPorts(OptionalInt.of(plain), OptionalInt.of(tls));
  }

  /** True when any of {@code listeners} serves TLS: the server's "TLS: yes". */
  public static boolean anyTls(ListenerPorts... listeners) {
    for (ListenerPorts listener : listeners) {
      if (listener.tls.isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** True when the listener serves on some port. */
  public boolean offered() {
    return plain.isPresent() || tls.isPresent();
  }

  /** The port a service record names: the plain one, else the TLS one. */
  public OptionalInt preferred() {
    return plain.isPresent() ? plain : tls;
  }

  /** As people read it: {@code 4444}, {@code 4444/4443}, {@code -/4443}, or {@code -} when off. */
  public String shown() {
    if (!offered()) {
      return "-";
    }
    String first = plain.isPresent() ? String.valueOf(plain.getAsInt()) : "-";
    return tls.isPresent() ? first + "/" + tls.getAsInt() : first;
  }

  private static void check(OptionalInt port) {
    if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
      throw new IllegalArgumentException("Not a port: " + port.getAsInt());
    }
  }
}
