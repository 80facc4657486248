package lochat.e2e;


import java.util.concurrent.TimeUnit;
import lochat.testing.SlowReaderRun;
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

      SlowReaderRun.postUntilTheSlowReaderIsDropped(alice, bob, LINES, PAYLOAD, WINDOW,
          SEND_BUFFER);
      bob.send("/who");
      bob.expect("WHO lobby @alice bob");
      slow.close();
    }
  }
}
