package lochat.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import lochat.connection.ConnectionFlow;
import lochat.connection.IncomingConnection;
import lochat.connection.SessionSide;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.util.ByteString;

/**
 * A browser's WebSocket handshake, waiting for the listener's answer: the {@code 101} that
 * completes it is sent only once the listener has admitted the connection ({@link #run}) or
 * refused it ({@link #refuse}). Admitted, the connection's stream, already running, gets its
 * session ({@link ConnectionFlow#awaiting}). A refused browser is still upgraded, so that the
 * page can show why: it gets the one message and the close.
 *
 * <p>A browser whose connection broke before the answer has no stream left to run: its session,
 * if it gets one, is told at once that its input and output ended, and the listener frees its
 * place.
 */
final class WebSocketConnection implements IncomingConnection {

  private final InetSocketAddress remote;
  private final ByteString switching;
  private final CompletableFuture<WebRoute.Route> route;
  private final CompletableFuture<SessionSide> session;
  private final CompletionStage<Done> socketClosed;

  /**
   * @param switching the {@code 101} answer to the handshake
   * @param route completed with where the socket goes
   * @param session completed with the session the connection's stream waits for
   * @param socketClosed completes when the socket's stream has ended
   */
  WebSocketConnection(InetSocketAddress remote, ByteString switching,
      CompletableFuture<WebRoute.Route> route, CompletableFuture<SessionSide> session,
      CompletionStage<Done> socketClosed) {
    this.remote = remote;
    this.switching = switching;
    this.route = route;
    this.session = session;
    this.socketClosed = socketClosed;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public void refuse(ByteString bytes, Duration linger, ActorSystem<?> system) {
    route.complete(new WebRoute.Served(
        WebSocketFraming.create(switching).join(ConnectionFlow.sayAndClose(bytes, linger))));
  }

  @Override
  public CompletionStage<Done> run(SessionSide side, ActorSystem<?> system) {
    session.complete(side);
    route.complete(new WebRoute.ToChat(switching));
    return socketClosed;
  }
}
