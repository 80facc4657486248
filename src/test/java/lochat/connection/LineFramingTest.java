package lochat.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import lochat.protocol.InboundLine;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The framer as a stream stage: what reaches the session for a given sequence of packets. */
class LineFramingTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static List<InboundLine> frame(String... packets) throws Exception {
    return Source.from(List.of(packets))
        .map(packet -> ByteString.fromString(packet, StandardCharsets.UTF_8))
        .via(LineFraming.flow(100))
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void unterminatedLastLineIsDeliveredWhenInputEndsCleanly() throws Exception {
    assertEquals(List.of(new InboundLine.Text("u1"), new InboundLine.Text("/who")),
        frame("u1\n/wh", "o"));
  }

  @Test
  void linesSplitAcrossPacketsArriveWhole() throws Exception {
    assertEquals(List.of(new InboundLine.Text("hello"), new InboundLine.Text("world")),
        frame("hel", "lo\r", "\nworld\n"));
  }

  @Test
  void halfReceivedLineIsDroppedWhenTheConnectionBreaks() throws Exception {
    BlockingQueue<InboundLine> received = new LinkedBlockingQueue<>();
    Pair<BoundedSourceQueue<ByteString>, CompletionStage<Done>> socket =
        Source.<ByteString>queue(8)
            .via(LineFraming.flow(100))
            .toMat(Sink.foreach(received::add), Keep.both())
            .run(testKit.system());
    socket.first().offer(ByteString.fromString("hello\nhalf-typ", StandardCharsets.UTF_8));
    assertEquals(new InboundLine.Text("hello"), received.poll(5, TimeUnit.SECONDS));

    socket.first().fail(new IOException("Connection reset by peer"));

    ExecutionException failure = assertThrows(ExecutionException.class,
        () -> socket.second().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals("Connection reset by peer", failure.getCause().getMessage());
    assertEquals(List.of(), List.copyOf(received), "the unfinished line never arrives");
  }

  @Test
  void manyLinesInOnePacketAllArriveInOrder() throws Exception {
    assertEquals(List.of(new InboundLine.Text("a"), new InboundLine.Text("b"),
        new InboundLine.Text("c"), new InboundLine.Text("d")), frame("a\nb\nc\nd"));
  }
}
