package lochat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;

/**
 * What a node's chat page may connect to: its Content-Security-Policy names the WebSockets of
 * the cluster's other nodes once this node knows them, and a page loaded before that could not
 * fail over to them. Tests of failover wait for it before loading the page.
 */
public final class PageOrigins {

  private PageOrigins() {}

  /**
   * Waits, at most {@code within}, until the page served on {@code webPort} allows the
   * WebSockets on each of {@code otherWebPorts}; {@code probe} does the polling.
   */
  public static void awaitAllowed(TestProbe<?> probe, Duration within, int webPort,
      List<Integer> otherWebPorts) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webPort + "/")).build();
    probe.awaitAssert(within, Duration.ofMillis(100), () -> {
      String policy = http.send(request, HttpResponse.BodyHandlers.discarding()).headers()
          .firstValue("Content-Security-Policy").orElse("");
      for (int other : otherWebPorts) {
        assertTrue(policy.contains("ws://127.0.0.1:" + other), policy);
      }
      return null;
    });
  }
}
