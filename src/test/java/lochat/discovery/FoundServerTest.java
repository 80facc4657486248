package lochat.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FoundServerTest {

  private static final Map<String, String> FULL = Map.of("version", "1.2", "tls", "yes",
      "password", "yes", "port", "4444", "tls-port", "4443", "irc-port", "6667",
      "irc-tls-port", "6697", "web-tls-port", "8443");

  @Test
  void whatAnAnnouncementSaysIsWhatIsFound() {
    Announcement announced = new Announcement("home", "1.2", true,
        ListenerPorts.both(4444, 4443), ListenerPorts.plain(6667), ListenerPorts.tlsOnly(8443));
    ServiceRecord service = announced.services().get(0);
    assertEquals(Optional.of(new FoundServer("home", "10.0.0.2", "1.2", true,
            ListenerPorts.both(4444, 4443), ListenerPorts.plain(6667),
            ListenerPorts.tlsOnly(8443))),
        FoundServer.fromService(service.name(), List.of("10.0.0.2"), service.port(),
            service.text()));
  }

  @Test
  void aBadPortSkipsTheServerWithoutThrowing() {
    for (String bad : List.of("", "0", "65536", "-1", "44a4", "99999999999", " 4444")) {
      Map<String, String> text = new HashMap<>(FULL);
      text.put("irc-port", bad);
      assertEquals(Optional.empty(),
          FoundServer.fromService("home", List.of("10.0.0.2"), 4444, text), bad);
    }
  }

  @Test
  void noAddressSkipsTheServer() {
    assertEquals(Optional.empty(), FoundServer.fromService("home", List.of(), 4444, FULL));
  }

  @Test
  void missingRecordsAreToleratedAndTheSrvPortServesWhenNoPortIsListed() {
    FoundServer server = FoundServer.fromService("home", List.of("10.0.0.2", "10.0.0.3"), 4444,
        Map.of("junk", "x")).orElseThrow();
    assertEquals(new FoundServer("home", "10.0.0.2", "?", false, ListenerPorts.plain(4444),
        ListenerPorts.NONE, ListenerPorts.NONE), server);
    assertEquals(ListenerPorts.tlsOnly(4443), FoundServer.fromService("home",
        List.of("10.0.0.2"), 4443, Map.of("tls", "yes")).orElseThrow().nativePorts());
    assertEquals(Optional.empty(),
        FoundServer.fromService("home", List.of("10.0.0.2"), 0, Map.of()));
  }

  @Test
  void controlAndFormatCharactersFromTheNetworkAreNotPrinted() {
    FoundServer server = FoundServer.fromService("evil\u001b[2J\u202ename",
        List.of("10.0.0.2"), 4444, Map.of("version", "1\n2" + "x".repeat(100))).orElseThrow();
    assertEquals("evil?[2J?name", server.name());
    assertEquals("1?2" + "x".repeat(29), server.version());
  }

  @Test
  void theNativeEndpointIsThePlainOrTlsPortWhenOffered() {
    FoundServer both = new FoundServer("home", "10.0.0.2", "1", false,
        ListenerPorts.both(4444, 4443), ListenerPorts.NONE, ListenerPorts.NONE);
    assertEquals(Optional.of(new FoundServer.Endpoint("10.0.0.2", 4444)),
        both.nativeEndpoint(false));
    assertEquals(Optional.of(new FoundServer.Endpoint("10.0.0.2", 4443)),
        both.nativeEndpoint(true));
    FoundServer plain = new FoundServer("home", "10.0.0.2", "1", false,
        ListenerPorts.plain(4444), ListenerPorts.NONE, ListenerPorts.NONE);
    assertEquals(Optional.empty(), plain.nativeEndpoint(true));
  }
}
