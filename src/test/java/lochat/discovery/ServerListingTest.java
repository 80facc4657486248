package lochat.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerListingTest {

  private static final FoundServer HOME = new FoundServer("home", "192.168.1.5", "1.2", true,
      ListenerPorts.both(4444, 4443), ListenerPorts.plain(6667), ListenerPorts.NONE);
  private static final FoundServer LAB = new FoundServer("lab \"2\"\\", "10.0.0.20", "1.3",
      false, ListenerPorts.tlsOnly(4443), ListenerPorts.NONE, ListenerPorts.tlsOnly(8443));

  @Test
  void theTableHasAlignedColumnsAndPortsAsPlainSlashTls() {
    assertEquals(List.of(
        "NAME      ADDRESS      NATIVE     IRC   WEB     TLS  PASSWORD  VERSION",
        "home      192.168.1.5  4444/4443  6667  -       yes  yes       1.2",
        "lab \"2\"\\  10.0.0.20    -/4443     -     -/8443  yes  no        1.3"),
        ServerListing.table(List.of(HOME, LAB)));
  }

  @Test
  void theNumberedTableLeadsEachServerWithItsNumber() {
    List<String> lines = ServerListing.numbered(List.of(HOME, LAB));
    assertEquals("#  NAME", lines.get(0).substring(0, 7));
    assertEquals("1  home", lines.get(1).substring(0, 7));
    assertEquals("2  lab", lines.get(2).substring(0, 6));
  }

  @Test
  void jsonIsOneArrayWithEscapedStringsAndNullForPortsNotServed() {
    assertEquals("[{\"name\":\"home\",\"address\":\"192.168.1.5\",\"version\":\"1.2\","
        + "\"tls\":true,\"password\":true,\"native\":{\"port\":4444,\"tls-port\":4443},"
        + "\"irc\":{\"port\":6667,\"tls-port\":null},\"web\":{\"port\":null,\"tls-port\":null}},"
        + "{\"name\":\"lab \\\"2\\\"\\\\\",\"address\":\"10.0.0.20\",\"version\":\"1.3\","
        + "\"tls\":true,\"password\":false,\"native\":{\"port\":null,\"tls-port\":4443},"
        + "\"irc\":{\"port\":null,\"tls-port\":null},\"web\":{\"port\":null,\"tls-port\":8443}}]",
        ServerListing.json(List.of(HOME, LAB)));
    assertEquals("[]", ServerListing.json(List.of()));
  }
}
