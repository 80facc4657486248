package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointBoardTest {

  private static NodeEndpoints node(String host) {
    return new NodeEndpoints(host, 4444, 0, 0, 0, 8080, 0);
  }

  @Test
  void theOtherNodesAreEveryNodeButThisOneInTheOrderOfTheirAddresses() {
    Map<String, NodeEndpoints> map = Map.of(
        "pekko://lochat@10.0.0.9:2552", node("10.0.0.9"),
        "pekko://lochat@10.0.0.7:2552", node("10.0.0.7"),
        "pekko://lochat@10.0.0.8:2552", node("10.0.0.8"));
    assertEquals(List.of(node("10.0.0.7"), node("10.0.0.9")),
        EndpointBoard.others(map, "pekko://lochat@10.0.0.8:2552").nodes());
    assertEquals(List.of(), EndpointBoard.others(
        Map.of("pekko://lochat@10.0.0.8:2552", node("10.0.0.8")),
        "pekko://lochat@10.0.0.8:2552").nodes(), "a node alone knows no other");
  }

  @Test
  void aNodeOffersTheOriginsOfItsPagesAndItsAddressesInBracketsWhenIpv6() {
    assertEquals(List.of("http://[fd00::7]:8080", "https://[fd00::7]:8443"),
        new NodeEndpoints("fd00::7", 4444, 0, 0, 0, 8080, 8443).pageOrigins());
    assertEquals(List.of(), new NodeEndpoints("10.0.0.7", 4444, 0, 0, 0, 0, 0).pageOrigins());
  }
}
