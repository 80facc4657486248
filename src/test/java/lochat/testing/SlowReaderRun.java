package lochat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A room with a member who stopped reading, whatever its protocol: {@code poster}, who is
 * alice, posts
 * {@code lines} numbered lines to the lobby, at most {@code window} ahead of its own echoes,
 * and both it and {@code other} must read every one in order and see the member called
 * {@code slow} leave as too slow.
 */
public final class SlowReaderRun {

  private SlowReaderRun() {}

  public static void postUntilTheSlowReaderIsDropped(TestClient poster, TestClient other,
      int lines, String payload, int window, int sendBuffer) throws Exception {
    Semaphore ahead = new Semaphore(window);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<?> sent = writer.submit(() -> {
        for (int i = 0; i < lines; i++) {
          if (!ahead.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no echo of line " + (i - window));
          }
          poster.send(i + " " + payload);
        }
        return null;
      });
      for (TestClient reader : List.of(poster, other)) {
        int next = 0;
        boolean slowLeft = false;
        while (next < lines || !slowLeft) {
          String line = reader.nextLine();
          if (line.startsWith("MSG lobby alice ")) {
            assertEquals(next++, Integer.parseInt(line.split(" ", 5)[3]), "order of posts");
            if (reader == poster) {
              ahead.release();
            }
          } else if (line.startsWith("LEFT lobby slow ")) {
            assertEquals("LEFT lobby slow too slow: more than " + sendBuffer + " bytes unread",
                line);
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
