package lochat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedOriginsTest {

  @Test
  void thePageMayConnectToTheOtherNodesWebSocketsAndNowhereElse() {
    TrustedOrigins cluster = new TrustedOrigins();
    assertEquals(List.of(), cluster.sockets());
    cluster.set(List.of("http://10.0.0.8:8080", "https://10.0.0.8:8443"));
    assertEquals(List.of("ws://10.0.0.8:8080", "wss://10.0.0.8:8443"), cluster.sockets());
    String policy = WebRoutes.contentSecurityPolicy(cluster.sockets());
    assertTrue(policy.contains("connect-src 'self' ws://10.0.0.8:8080 wss://10.0.0.8:8443;"),
        policy);
    assertEquals(WebRoutes.CONTENT_SECURITY_POLICY, WebRoutes.contentSecurityPolicy(List.of()),
        "without the cluster, the page's own server alone");
    assertTrue(policy.startsWith("default-src 'self'; script-src 'self';"), policy);
  }

  @Test
  void aNodeThatLeftStaysTrustedForThePagesItServed() {
    TrustedOrigins cluster = new TrustedOrigins();
    cluster.set(List.of("http://10.0.0.8:8080", "http://10.0.0.9:8080"));
    cluster.set(List.of("http://10.0.0.9:8080"));

    assertEquals(List.of("ws://10.0.0.9:8080"), cluster.sockets(), "pages try live nodes only");
    assertTrue(cluster.accepts("HTTP://10.0.0.8:8080"), "a page of the node that left");
    assertTrue(cluster.accepts("http://10.0.0.9:8080"));
    assertFalse(cluster.accepts("http://10.0.0.66:8080"), "never a node of the cluster");
  }
}
