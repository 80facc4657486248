package lochat.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.InboundLine;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
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
}
