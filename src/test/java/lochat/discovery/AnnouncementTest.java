package lochat.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnnouncementTest {

  @Test
  void everyListenerWithPlainAndTlsPortsGetsAServiceWithEveryPortInItsTxt() {
    Announcement all = new Announcement("home", "1.2", true, ListenerPorts.both(4444, 4443),
        ListenerPorts.both(6667, 6697), ListenerPorts.both(8080, 8443));
    Map<String, String> text = new LinkedHashMap<>();
    text.put("version", "1.2");
    text.put("tls", "yes");
    text.put("password", "yes");
    text.put("port", "4444");
    text.put("tls-port", "4443");
    text.put("irc-port", "6667");
    text.put("irc-tls-port", "6697");
    text.put("web-port", "8080");
    text.put("web-tls-port", "8443");
    Map<String, String> web = new LinkedHashMap<>(text);
    web.put("path", "/");
    List<ServiceRecord> services = all.services();
    assertEquals(List.of(
        new ServiceRecord("_lochat._tcp.local.", "home", 4444, text),
        new ServiceRecord("_irc._tcp.local.", "home", 6667, text),
        new ServiceRecord("_http._tcp.local.", "home", 8080, web)), services);
    assertEquals(List.copyOf(text.keySet()), List.copyOf(services.get(0).text().keySet()));
  }

  @Test
  void tlsOnlyListenersAnnounceTheirTlsPortAndTheWebBecomesHttps() {
    Announcement tlsOnly = new Announcement("home", "1.2", false, ListenerPorts.tlsOnly(4443),
        ListenerPorts.tlsOnly(6697), ListenerPorts.tlsOnly(8443));
    List<ServiceRecord> services = tlsOnly.services();
    assertEquals(List.of("_lochat._tcp.local.:4443", "_irc._tcp.local.:6697",
        "_https._tcp.local.:8443"), services.stream().map(s -> s.type() + ":" + s.port()).toList());
    assertEquals(Map.of("version", "1.2", "tls", "yes", "password", "no", "tls-port", "4443",
        "irc-tls-port", "6697", "web-tls-port", "8443"), services.get(0).text());
    assertEquals("/", services.get(2).text().get("path"));
  }

  @Test
  void aListenerThatIsOffHasNoServiceAndNoPortsInTxt() {
    Announcement nativeOnly = new Announcement("home", "1.2", false, ListenerPorts.plain(4444),
        ListenerPorts.NONE, ListenerPorts.NONE);
    List<ServiceRecord> services = nativeOnly.services();
    assertEquals(1, services.size());
    assertEquals(Map.of("version", "1.2", "tls", "no", "password", "no", "port", "4444"),
        services.get(0).text());
  }

  @Test
  void theWayToConnectByAddressNamesTheNativePortAndTlsWhenOnlyTlsIsServed() {
    assertEquals("./lochat client --host 192.168.1.5 --port 4444", new Announcement("h", "1",
        false, ListenerPorts.both(4444, 4443), ListenerPorts.NONE, ListenerPorts.NONE)
        .connectCommand("192.168.1.5"));
    assertEquals("./lochat client --tls --host 10.0.0.2 --port 4443", new Announcement("h",
        "1", false, ListenerPorts.tlsOnly(4443), ListenerPorts.NONE, ListenerPorts.NONE)
        .connectCommand("10.0.0.2"));
  }

  @Test
  void portsAreShownPlainSlashTlsAndPortZeroIsRefused() {
    assertEquals("4444/4443", ListenerPorts.both(4444, 4443).shown());
    assertEquals("4444", ListenerPorts.plain(4444).shown());
    assertEquals("-/4443", ListenerPorts.tlsOnly(4443).shown());
    assertEquals("-", ListenerPorts.NONE.shown());
    assertThrows(IllegalArgumentException.class, () -> ListenerPorts.plain(0));
  }

  @Test
  void theHostNameGivenToJmdnsIsOneLabelMadeFromTheServerName() {
    assertEquals("lochat", Mdns.hostLabel("lochat"));
    assertEquals("chat-home-lan", Mdns.hostLabel("chat.home_lan"));
    assertEquals("lochat", Mdns.hostLabel("..."));
  }
}
