package lochat.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What a connection's socket is given: which lines go out together, and when. */
class WriteCoalescingTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration LONG = Duration.ofSeconds(30);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static List<String> writes(int maxBytes, Duration window, String... lines)
      throws Exception {
    return Source.from(List.of(lines))
        .map(ByteString::fromString)
        .via(new WriteCoalescing(maxBytes, window))
        .map(ByteString::utf8String)
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void theFirstLineGoesAtOnceAndTheNextOnesWaitForEachOther() throws Exception {
    // The window is far longer than the test: the end of input is what flushes.
    assertEquals(List.of("a\n", "b\nc\nd\n"), writes(1024, LONG, "a\n", "b\n", "c\n", "d\n"));
  }

  @Test
  void withoutAWindowEveryLineIsWrittenWhenTheSocketIsFree() throws Exception {
    assertEquals(List.of("a\n", "b\n", "c\n"), writes(1024, Duration.ZERO, "a\n", "b\n", "c\n"));
  }

  @Test
  void aFullWriteGoesAtOnceEvenWithinTheWindow() throws Exception {
    assertEquals(List.of("a\n", "bb\ncc\n", "d\n"),
        writes(6, LONG, "a\n", "bb\n", "cc\n", "d\n"));
  }

  @Test
  void linesThatWaitAreWrittenWhenTheWindowEnds() throws Exception {
    Pair<BoundedSourceQueue<ByteString>, SinkQueueWithCancel<ByteString>> stream =
        Source.<ByteString>queue(16)
            .via(new WriteCoalescing(1024, Duration.ofMillis(200)))
            .toMat(Sink.queue(), org.apache.pekko.stream.javadsl.Keep.both())
            .run(testKit.system());
    BoundedSourceQueue<ByteString> lines = stream.first();
    SinkQueueWithCancel<ByteString> socket = stream.second();
    lines.offer(ByteString.fromString("a\n"));
    assertEquals(Optional.of("a\n"), next(socket));
    lines.offer(ByteString.fromString("b\n"));
    lines.offer(ByteString.fromString("c\n"));
    // Input stays open: only the window's timer can let these out.
    assertEquals(Optional.of("b\nc\n"), next(socket));
    lines.complete();
    assertEquals(Optional.empty(), next(socket));
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new WriteCoalescing(0, Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> new WriteCoalescing(10, Duration.ofMillis(-1)));
  }

  private static Optional<String> next(SinkQueueWithCancel<ByteString> socket) throws Exception {
    return socket.pull().toCompletableFuture().get(5, TimeUnit.SECONDS)
        .map(ByteString::utf8String);
  }
}
