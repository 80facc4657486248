package lochat.web;

import static lochat.testing.WebTestClient.type;

import java.util.concurrent.TimeUnit;
import lochat.testing.SlowReaderRun;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import lochat.testing.WebTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The native rules of flow on the web: a browser that floods is slowed, never cut off or
 * losing a message; a browser that stops reading is dropped as too slow, without slowing the
 * room.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebFlowControlTest {

  @Test
  void aFloodingBrowserIsSlowedAndLosesNothing() throws Exception {
    try (TestServer server = TestServer.start(
            "lochat.connection.input-lines-per-second = 20\nlochat.connection.input-burst = 5");
        TestClient alice = server.register("alice");
        WebTestClient web = WebTestClient.connect(server.webPort()).signIn("wendy")) {
      int messages = 40;
      for (int i = 0; i < messages; i++) {
        web.send("say", "text", "flood " + i);
      }
      for (int i = 0; i < messages; i++) {
        alice.expect("MSG lobby wendy flood " + i);
        String text = "flood " + i;
        web.expect(m -> type(m).equals("msg") && m.path("text").asText().equals(text),
            "the echo of " + text);
      }
    }
  }

  @Test
  void aBrowserThatStopsReadingIsDroppedWithoutSlowingTheRoom() throws Exception {
    int sendBuffer = 65_536;
    int lines = 12_000;
    String payload = "y".repeat(800);
    try (TestServer server = TestServer.start("lochat.connection.send-buffer = " + sendBuffer
            + "\nlochat.connection.input-lines-per-second = 0");
        TestClient alice = server.register("alice");
        TestClient bob = server.register("bob");
        WebTestClient slow = WebTestClient.connect(server.webPort()).signIn("slow")) {
      alice.expect("JOINED lobby slow");
      slow.stopReading();
      SlowReaderRun.postUntilTheSlowReaderIsDropped(alice, bob, lines, payload, 200,
          sendBuffer);
    }
  }
}
