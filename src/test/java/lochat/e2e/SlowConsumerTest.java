package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that connects and then never reads, while another chats as fast as the readers take
 * the lines: everyone else gets every line in order, the reader is dropped as too slow, and
 * everyone sees why it left. The writer is never held up by the reader that stopped, so it
 * finishes sending, which it could not if the room waited for that reader.
 *
 * <p>The writer keeps at most {@link #WINDOW} lines ahead of what its own echo shows it, so that
 * the clients that do read are never further behind than their send buffer (on two busy cores
 * a test thread can be descheduled long enough for an unthrottled flood to outrun it).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowConsumerTest {

  /** Bytes a client may leave unread. */
  private static final int SEND_BUFFER = 65_536;
  private static final int LINES = 12_000;
  private static final String PAYLOAD = "y".repeat(800);
  private static final int WINDOW = 200;

  @Test
  void clientThatStopsReadingIsDroppedWithoutSlowingTheRoom() throws Exception {
    try (TestServer server = TestServer.start(
        "lochat.connection.send-buffer = " + SEND_BUFFER
            + "\nlochat.connection.input-lines-per-second = 0")) {
      TestClient alice = server.register("alice");
      TestClient bob = server.register("bob");
      TestClient slow = TestClient.connectWithoutReading(server.port);
      slow.send("slow");
      alice.expect("JOINED lobby slow");
      bob.expect("JOINED lobby slow");

      Semaphore window = new Semaphore(WINDOW);
      ExecutorService writer = Executors.newSingleThreadExecutor();
      try {
        Future<?> sent = writer.submit(() -> {
          for (int i = 0; i < LINES; i++) {
            if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
              throw new IllegalStateException("no echo of line " + (i - WINDOW));
            }
            alice.send(i + " " + PAYLOAD);
          }
          return null;
        });
        for (TestClient reader : List.of(alice, bob)) {
          int next = 0;
          boolean slowLeft = false;
          while (next < LINES || !slowLeft) {
            String line = reader.nextLine();
            if (line.startsWith("MSG lobby alice ")) {
              assertEquals(next++, Integer.parseInt(line.split(" ", 5)[3]), "order of posts");
              if (reader == alice) {
                window.release();
              }
            } else if (line.startsWith("LEFT lobby slow ")) {
              assertEquals("LEFT lobby slow too slow: more than " + SEND_BUFFER
                  + " bytes unread", line);
              slowLeft = true;
            }
          }
        }
        sent.get(30, TimeUnit.SECONDS);
      } finally {
        writer.shutdownNow();
      }
      bob.send("/who");
      bob.expect("WHO lobby @alice bob");
      slow.close();
    }
  }
}
