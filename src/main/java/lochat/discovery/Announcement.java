package lochat.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import lochat.Version;

/**
 * What a server says about itself on the LAN, and the DNS-SD services that say it: one
 * {@code _lochat._tcp} for the native protocol, one {@code _irc._tcp} for IRC and one
 * {@code _http._tcp} (or {@code _https._tcp} when the web listener serves TLS only) for the
 * browser, each named after the server, each with the same TXT records (docs/protocol.md,
 * "Finding servers on the LAN"). A listener that is off gets no service.
 */
public record Announcement(String serverName, String version, boolean password,
    ListenerPorts nativePorts, ListenerPorts ircPorts, ListenerPorts webPorts) {

  public static final String NATIVE_TYPE = "_lochat._tcp.local.";
  public static final String IRC_TYPE = "_irc._tcp.local.";
  public static final String HTTP_TYPE = "_http._tcp.local.";
  public static final String HTTPS_TYPE = "_https._tcp.local.";

  static final String VERSION = "version";
  static final String TLS = "tls";
  static final String PASSWORD = "password";
  static final String PORT = "port";
  static final String TLS_PORT = "tls-port";
  static final String IRC_PORT = "irc-port";
  static final String IRC_TLS_PORT = "irc-tls-port";
  static final String WEB_PORT = "web-port";
  static final String WEB_TLS_PORT = "web-tls-port";
  static final String PATH = "path";

  /** This build's announcement. */
  public static Announcement of(String serverName, boolean password, ListenerPorts nativePorts,
      ListenerPorts ircPorts, ListenerPorts webPorts) {
    return new Announcement(serverName, Version.CURRENT, password, nativePorts, ircPorts,
        webPorts);
  }

  /** True when some listener serves TLS. */
  public boolean tls() {
    return ListenerPorts.anyTls(nativePorts, ircPorts, webPorts);
  }

  /** The TXT records every service carries, in the order written. */
  public Map<String, String> text() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put(VERSION, version);
    text.put(TLS, yesNo(tls()));
    text.put(PASSWORD, yesNo(password));
    put(text, PORT, nativePorts.plain());
    put(text, TLS_PORT, nativePorts.tls());
    put(text, IRC_PORT, ircPorts.plain());
    put(text, IRC_TLS_PORT, ircPorts.tls());
    put(text, WEB_PORT, webPorts.plain());
    put(text, WEB_TLS_PORT, webPorts.tls());
    return text;
  }

  /** The services to register: one per listener that is on. */
  public List<ServiceRecord> services() {
    List<ServiceRecord> services = new ArrayList<>(3);
    Map<String, String> text = text();
    nativePorts.preferred().ifPresent(
        port -> services.add(new ServiceRecord(NATIVE_TYPE, serverName, port, text)));
    ircPorts.preferred().ifPresent(
        port -> services.add(new ServiceRecord(IRC_TYPE, serverName, port, text)));
    webPorts.preferred().ifPresent(port -> {
      Map<String, String> web = new LinkedHashMap<>(text);
      web.put(PATH, "/");
      String type = webPorts.plain().isPresent() ? HTTP_TYPE : HTTPS_TYPE;
      services.add(new ServiceRecord(type, serverName, port, web));
    });
    return services;
  }

  /** How a client reaches this server at {@code host} without discovery. */
  public String connectCommand(String host) {
    boolean tlsOnly = nativePorts.plain().isEmpty() && nativePorts.tls().isPresent();
    OptionalInt port = nativePorts.preferred();
    return "./lochat client" + (tlsOnly ? " --tls" : "") + " --host " + host
        + (port.isPresent() ? " --port " + port.getAsInt() : "");
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  private static void put(Map<String, String> text, String key, OptionalInt port) {
    port.ifPresent(value -> text.put(key, String.valueOf(value)));
  }
}
