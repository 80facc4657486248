package lochat.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

/**
 * Looks for Lochat servers ({@code _lochat._tcp.local.}) on given interface addresses, one
 * jmdns on each, and keeps what it finds, by name: a server seen on several interfaces is
 * listed once (DNS-SD instance names are unique on a link), first address first; one that says
 * goodbye is dropped (jmdns drops it within about 10 s of the goodbye, when it next cleans its
 * cache). Services whose records cannot be used are skipped.
 *
 * <p>Failures to open an interface are kept as text; browsing fails only when no interface
 * could be opened. Limits: IPv4 addresses only; what a server announces is trusted as it is
 * (anyone on the LAN can announce anything), and at most {@value #MOST_SERVERS} servers are
 * kept, so that a flood of announcements cannot fill memory. jmdns's socket is bound to port
 * 5353 on every address and only joins the group on the interface given; if another program
 * (avahi) has joined it on a LAN interface, this one receives that interface's announcements
 * too, so a browse on loopback may list LAN servers.
 */
public final class ServerBrowser implements AutoCloseable {

  /** Told of each change, on jmdns's threads. */
  public interface Listener {
    default void found(FoundServer server) {}

    default void lost(String name) {}
  }

  /** What a browse found, where it looked, and what failed, in words. */
  public record Result(List<FoundServer> servers, List<String> lookedOn, List<String> failures) {
    /** True when no interface could be looked on at all. */
    public boolean failed() {
      return lookedOn.isEmpty();
    }
  }

  private static final String BROWSER_HOST = "lochat-browser";

  private final Listener listener;
  /** By lower-case name, then by interface: what each interface saw. */
  /** Most servers one browse keeps. */
  static final int MOST_SERVERS = 256;

  private final Map<String, Map<String, FoundServer>> seen = new LinkedHashMap<>();
  private final List<JmDNS> running = new ArrayList<>();
  private final List<String> lookedOn = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  private ServerBrowser(Listener listener) {
    this.listener = listener;
  }

  /** Starts looking on every one of {@code interfaces}; close it to stop. */
  public static ServerBrowser open(List<InetAddress> interfaces, Listener listener) {
    ServerBrowser browser = new ServerBrowser(listener);
    for (InetAddress address : interfaces) {
      browser.lookOn(address);
    }
    return browser;
  }

  /** Looks for {@code duration} on {@code interfaces}, then stops. */
  public static Result browse(List<InetAddress> interfaces, Duration duration)
      throws InterruptedException {
    try (ServerBrowser browser = open(interfaces, new Listener() {})) {
      if (!browser.lookedOn().isEmpty()) {
        Thread.sleep(duration.toMillis());
      }
      return new Result(browser.servers(), browser.lookedOn(), browser.failures());
    }
  }

  /**
   * The IPv4 address of every interface that is up, not loopback and can multicast: where a
   * browse looks by default. Empty when there is none or they cannot be listed.
   */
  public static List<InetAddress> lanInterfaces() {
    try {
      return Mdns.lanAddresses();
    } catch (SocketException e) {
      return List.of();
    }
  }

  /**
   * The local IPv4 address {@code text} names ({@code --interface ADDR}): a literal, never a
   * name to look up, and an address of this machine.
   *
   * @throws IllegalArgumentException saying why it cannot be used
   */
  public static InetAddress interfaceAddress(String text) {
    return Mdns.localAddress(text);
  }

  /** The servers found so far, each once, by name. */
  public synchronized List<FoundServer> servers() {
    List<FoundServer> servers = new ArrayList<>();
    for (Map<String, FoundServer> byInterface : seen.values()) {
      servers.add(byInterface.values().iterator().next());
    }
    servers.sort(Comparator.comparing(FoundServer::name, String.CASE_INSENSITIVE_ORDER));
    return servers;
  }

  public synchronized List<String> lookedOn() {
    return List.copyOf(lookedOn);
  }

  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /** Stops looking at once; jmdns finishes closing (about 2 s) in the background. */
  @Override
  public void close() {
    List<JmDNS> closing;
    synchronized (this) {
      closing = List.copyOf(running);
      running.clear();
    }
    Mdns.close(closing, Duration.ZERO);
  }

  private synchronized void lookOn(InetAddress address) {
    String where = address.getHostAddress();
    JmDNS mdns = null;
    try {
      mdns = Mdns.open(address, BROWSER_HOST);
      mdns.addServiceListener(Announcement.NATIVE_TYPE, new Watch(where));
      running.add(mdns);
      lookedOn.add(where);
    } catch (IOException | RuntimeException e) {
      if (mdns != null) {
        Mdns.close(List.of(mdns), Duration.ZERO);
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      failures.add("Cannot look for servers on " + where + ": " + message);
    }
  }

  private void onResolved(String where, ServiceInfo info) {
    List<String> addresses = Arrays.stream(info.getInet4Addresses())
        .map(Inet4Address::getHostAddress).toList();
    Map<String, String> text = new HashMap<>();
    for (String key : Collections.list(info.getPropertyNames())) {
      Optional.ofNullable(info.getPropertyString(key)).ifPresent(value -> text.put(key, value));
    }
    if (text.isEmpty()) {
      return; // jmdns resolves the address before the TXT records: the full answer follows.
    }
    Optional<FoundServer> found =
        FoundServer.fromService(info.getName(), addresses, info.getPort(), text);
    if (found.isEmpty()) {
      return;
    }
    boolean isNew;
    synchronized (this) {
      if (seen.size() >= MOST_SERVERS && !seen.containsKey(key(info.getName()))) {
        return;
      }
      Map<String, FoundServer> byInterface = seen.computeIfAbsent(key(info.getName()),
          name -> new LinkedHashMap<>());
      isNew = byInterface.isEmpty();
      byInterface.put(where, found.get());
    }
    if (isNew) {
      listener.found(found.get());
    }
  }

  private void onRemoved(String where, String name) {
    FoundServer removed;
    synchronized (this) {
      Map<String, FoundServer> byInterface = seen.get(key(name));
      removed = byInterface == null ? null : byInterface.remove(where);
      if (removed == null || !byInterface.isEmpty()) {
        return;
      }
      seen.remove(key(name));
    }
    listener.lost(removed.name());
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** One interface's jmdns listener. */
  private final class Watch implements ServiceListener {
    private final String where;

    Watch(String where) {
      this.where = where;
    }

    @Override
    public void serviceAdded(ServiceEvent event) {
      event.getDNS().requestServiceInfo(event.getType(), event.getName(), false, 1);
    }

    @Override
    public void serviceRemoved(ServiceEvent event) {
      onRemoved(where, event.getName());
    }

    @Override
    public void serviceResolved(ServiceEvent event) {
      onResolved(where, event.getInfo());
    }
  }
}
