package lochat.web;

import static lochat.testing.WebTestClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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
      Semaphore window = new Semaphore(200);
      ExecutorService writer = Executors.newSingleThreadExecutor();
      try {
        Future<?> sent = writer.submit(() -> {
          for (int i = 0; i < lines; i++) {
            if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
              throw new IllegalStateException("no echo of line " + (i - 200));
            }
            alice.send(i + " " + payload);
          }
          return null;
        });
        for (TestClient reader : java.util.List.of(alice, bob)) {
          int next = 0;
          boolean slowLeft = false;
          while (next < lines || !slowLeft) {
            String line = reader.nextLine();
            if (line.startsWith("MSG lobby alice ")) {
              assertEquals(next++, Integer.parseInt(line.split(" ", 5)[3]), "order of posts");
              if (reader == alice) {
                window.release();
              }
            } else if (line.startsWith("LEFT lobby slow ")) {
              assertEquals("LEFT lobby slow too slow: more than " + sendBuffer
                  + " bytes unread", line);
              slowLeft = true;
            }
          }
        }
        sent.get(30, TimeUnit.SECONDS);
      } finally {
        writer.shutdownNow();
      }
    }
  }
}
