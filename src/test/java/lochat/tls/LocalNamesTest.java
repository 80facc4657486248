package lochat.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalNamesTest {

  @Test
  void validDnsNamesAreLettersDigitsAndHyphensBetweenDots() {
    for (String name : List.of("localhost", "vm", "chat-1.example.org", "a".repeat(63))) {
      assertTrue(LocalNames.validDnsName(name), name);
    }
    for (String name : List.of("", "-vm", "vm-", "my_host", "Host", "a..b", "vm.", "é",
        "a".repeat(64), ("a".repeat(60) + ".").repeat(5))) {
      assertFalse(LocalNames.validDnsName(name), name);
    }
  }

  @Test
  void namesStartWithLocalhostAndAreAllValid() {
    List<String> names = LocalNames.dnsNames();
    assertEquals("localhost", names.get(0));
    assertTrue(names.stream().allMatch(LocalNames::validDnsName), names.toString());
  }

  @Test
  void addressesStartWithLoopbackAndHoldNoOtherLoopbackOrLinkLocal() throws Exception {
    List<InetAddress> addresses = LocalNames.addresses();
    assertEquals(InetAddress.getByName("127.0.0.1"), addresses.get(0));
    assertEquals(InetAddress.getByName("::1"), addresses.get(1));
    for (InetAddress address : addresses.subList(2, addresses.size())) {
      assertFalse(address.isLoopbackAddress() || address.isLinkLocalAddress(),
          address.toString());
    }
    assertEquals(addresses.size(), addresses.stream().distinct().count());
  }
}
