package lochat.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import lochat.connection.ConnectionFlow;
import lochat.connection.IncomingConnection;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A browser's WebSocket handshake, waiting for the listener's answer: the {@code 101} that
 * completes it is sent only once the listener has admitted the connection ({@link #run}) or
 * refused it ({@link #refuse}), with the connection's flow behind {@link WebSocketFraming}. A
 * refused browser is still upgraded, so that the page can show why: it gets the one message and
 * the close.
 *
 * <p>A browser whose connection broke before the answer never runs that flow on its socket
 * ({@code routed} fails): the flow is then run on nothing, so that its session sees its input
 * end and closes, and the listener frees its place.
 */
final class WebSocketConnection implements IncomingConnection {

  private final InetSocketAddress remote;
  private final ByteString switching;
  private final CompletableFuture<Flow<ByteString, ByteString, NotUsed>> route;
  private final CompletionStage<NotUsed> routed;

  /**
   * @param switching the {@code 101} answer to the handshake
   * @param route completed with the flow that serves the socket
   * @param routed completes when that flow runs on the socket, fails when it never will
   */
  WebSocketConnection(InetSocketAddress remote, ByteString switching,
      CompletableFuture<Flow<ByteString, ByteString, NotUsed>> route,
      CompletionStage<NotUsed> routed) {
    this.remote = remote;
    this.switching = switching;
    this.route = route;
    this.routed = routed;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public void refuse(ByteString bytes, Duration linger, ActorSystem<?> system) {
    offer(WebSocketFraming.create(switching).join(ConnectionFlow.sayAndClose(bytes, linger)),
        system);
  }

  @Override
  public CompletionStage<Done> run(
      Flow<ByteString, ByteString, NotUsed> flow, ActorSystem<?> system) {
    CompletableFuture<Done> closed = new CompletableFuture<>();
    offer(WebSocketFraming.create(switching).join(flow)
        .watchTermination((notUsed, ended) -> {
          ended.whenCompleteAsync((done, failure) -> closed.complete(Done.getInstance()),
              ConnectionFlow.COMPLETING_THREAD);
          return notUsed;
        }), system);
    return closed;
  }

  private void offer(Flow<ByteString, ByteString, NotUsed> flow, ActorSystem<?> system) {
    route.complete(flow);
    routed.whenCompleteAsync((ran, never) -> {
      if (never != null) {
        runOnNothing(flow, system);
      }
    }, ConnectionFlow.COMPLETING_THREAD);
  }

  private static void runOnNothing(Flow<ByteString, ByteString, NotUsed> flow,
      ActorSystem<?> system) {
    Source.<ByteString>empty().via(flow).runWith(Sink.ignore(), system);
  }
}
