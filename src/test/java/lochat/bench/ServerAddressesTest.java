package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which servers {@code lochat bench} spreads its clients over, from its options. */
class ServerAddressesTest {

  private static InetSocketAddress at(String host, int port) {
    return new InetSocketAddress(host, port);
  }

  @Test
  void withoutServersItIsHostAndPortOrTheProtocolsDefaultPort() {
    assertEquals(List.of(at("127.0.0.1", 5555)),
        ServerAddresses.of(List.of(), "127.0.0.1", 5555, 4444));
    assertEquals(List.of(at("127.0.0.1", 4444)),
        ServerAddresses.of(List.of(), "127.0.0.1", null, 4444));
  }

  @Test
  void serversRepeatedOrCommaSeparatedKeepTheirOrder() {
    assertEquals(List.of(at("127.0.0.1", 4445), at("127.0.0.1", 4444), at("::1", 4446)),
        ServerAddresses.of(List.of("127.0.0.1:4445,127.0.0.1:4444", " [::1]:4446"),
            "127.0.0.1", null, 4444));
  }

  @Test
  void aValueThatIsNotHostAndPortSaysSo() {
    for (String bad : List.of("127.0.0.1", "127.0.0.1:", ":4444", "127.0.0.1:99999",
        "127.0.0.1:4444,", "::1:4444", "host name:1")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ServerAddresses.of(List.of(bad), "127.0.0.1", null, 4444), bad);
      assertTrue(e.getMessage().startsWith("--server must be HOST:PORT"), e.getMessage());
    }
  }

  @Test
  void serversAndAPortTogetherAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServerAddresses.of(List.of("127.0.0.1:4445"), "127.0.0.1", 4444, 4444));
    assertTrue(e.getMessage().contains("not both"), e.getMessage());
  }
}
