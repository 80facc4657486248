package lochat.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lochat.protocol.InboundLine;
import lochat.protocol.LineFramer;
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

/**
 * How a connection's input ends once the server has said its last line: the session hears no
 * more, the socket is still read until the client closes, for at most the linger time.
 */
class InputDrainTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A socket's input (a queue), the gate, and what the session side receives. */
  private static final class Connection {
    final InputDrain drain = new InputDrain();
    final AtomicInteger read = new AtomicInteger();
    final BlockingQueue<String> passed = new LinkedBlockingQueue<>();
    final BoundedSourceQueue<ByteString> socket;
    final CompletableFuture<Done> socketInputEnded;
    final CompletableFuture<Done> sessionSideEnded;

    Connection() {
      Pair<Pair<BoundedSourceQueue<ByteString>, CompletionStage<Done>>,
          CompletionStage<Done>> running =
          Source.<ByteString>queue(10_000)
              .map(bytes -> {
                read.incrementAndGet();
                return bytes;
              })
              .watchTermination(Keep.both())
              .via(drain.lines(() -> new LineFramer(100)))
              .toMat(Sink.<InboundLine>foreach(line -> passed.add(((InboundLine.Text) line).text())), Keep.both())
              .run(testKit.system());
      socket = running.first().first();
      socketInputEnded = running.first().second().toCompletableFuture();
      sessionSideEnded = running.second().toCompletableFuture();
    }
  }

  @Test
  void afterDrainNothingMoreIsPassedOnButTheSocketIsReadUntilTheClientCloses()
      throws Exception {
    Connection connection = new Connection();
    connection.socket.offer(ByteString.fromString("hello\n"));
    assertEquals("hello", connection.passed.poll(5, TimeUnit.SECONDS));

    connection.drain.drain(Duration.ofMinutes(5));
    connection.sessionSideEnded.get(5, TimeUnit.SECONDS);
    for (int i = 0; i < 5000; i++) {
      assertTrue(connection.socket.offer(ByteString.fromString("more\n")).isEnqueued());
    }
    connection.socket.complete();

    connection.socketInputEnded.get(5, TimeUnit.SECONDS);
    assertEquals(5001, connection.read.get(), "every byte sent was read");
    assertTrue(connection.passed.isEmpty(), connection.passed.toString());
  }

  @Test
  void aClientThatNeverClosesIsCutWhenTheLingerIsOver() throws Exception {
    Connection connection = new Connection();
    connection.drain.drain(Duration.ofMillis(200));
    connection.sessionSideEnded.get(5, TimeUnit.SECONDS);
    connection.socketInputEnded.get(10, TimeUnit.SECONDS);
  }

  @Test
  void cutEndsBothSidesAtOnce() throws Exception {
    Connection connection = new Connection();
    connection.drain.cut();
    connection.sessionSideEnded.get(5, TimeUnit.SECONDS);
    connection.socketInputEnded.get(5, TimeUnit.SECONDS);
  }

  @Test
  void anOrderGivenBeforeTheConnectionStartsTakesEffectWhenItDoes() throws Exception {
    InputDrain drain = new InputDrain();
    drain.drain(Duration.ofMinutes(5));
    AtomicInteger read = new AtomicInteger();
    Pair<CompletionStage<Done>, CompletionStage<List<InboundLine>>> running =
        Source.repeat(ByteString.fromString("x\n")).take(1000)
            .map(bytes -> {
              read.incrementAndGet();
              return bytes;
            })
            .watchTermination(Keep.right())
            .via(drain.lines(() -> new LineFramer(100)))
            .toMat(Sink.seq(), Keep.both())
            .run(testKit.system());
    assertEquals(List.of(), running.second().toCompletableFuture().get(5, TimeUnit.SECONDS));
    running.first().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertEquals(1000, read.get(), "every byte sent was read");
  }
}
