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
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;

/**
 * A browser's WebSocket upgrade, waiting for the listener's answer: the HTTP response to the
 * upgrade is sent only once the listener has admitted the connection ({@link #run}) or refused
 * it ({@link #refuse}). A refused browser is still upgraded, so that the page can show why: it
 * gets the one message and the close.
 */
final class WebSocketConnection implements IncomingConnection {

  private final InetSocketAddress remote;
  private final WebSocketUpgrade upgrade;
  private final CompletableFuture<HttpResponse> response;

  WebSocketConnection(InetSocketAddress remote, WebSocketUpgrade upgrade,
      CompletableFuture<HttpResponse> response) {
    this.remote = remote;
    this.upgrade = upgrade;
    this.response = response;
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public void refuse(ByteString bytes, Duration linger, ActorSystem<?> system) {
    response.complete(upgrade.handleMessagesWith(
        WebSocketBridge.messages(ConnectionFlow.sayAndClose(bytes, linger))));
  }

  @Override
  public CompletionStage<Done> run(
      Flow<ByteString, ByteString, NotUsed> flow, ActorSystem<?> system) {
    CompletableFuture<Done> closed = new CompletableFuture<>();
    response.complete(upgrade.handleMessagesWith(
        WebSocketBridge.messages(flow).watchTermination((notUsed, ended) -> {
          ended.whenCompleteAsync((done, failure) -> closed.complete(Done.getInstance()),
              ConnectionFlow.COMPLETING_THREAD);
          return notUsed;
        })));
    return closed;
  }
}
