package lochat.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import lochat.connection.ConnectionFlow;
import lochat.connection.IncomingConnection;
import lochat.connection.SessionSide;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to the web listener, routed by its first request ({@link RequestHead},
 * {@link WebRoute}): a good WebSocket handshake for the chat goes to the listener, which admits
 * or refuses it ({@link WebSocketConnection}); a bad one is answered and closed
 * ({@link WebSocketHandshake.Refused}); anything else is served by pekko-http ({@code http}).
 *
 * <p>The chat stack (the WebSocket's framing and the session's stages) is part of every
 * connection's stream from the start, waiting for its session, so that a chat connection's
 * messages cross no stream boundary; a connection that turns out to be something else closes
 * it and runs its own flow in a sub-stream. Each connection's flow is materialised once.
 */
final class WebConnection implements RequestHead.Reader {

  private static final Logger log = LoggerFactory.getLogger(WebConnection.class);

  /** How long a refused request's client has to read the answer before the socket is cut. */
  private static final Duration ANSWER_LINGER = Duration.ofSeconds(2);

  private final InetSocketAddress remote;
  private final Flow<ByteString, ByteString, NotUsed> http;
  private final Consumer<IncomingConnection> accepted;
  private final CompletableFuture<WebRoute.Route> route = new CompletableFuture<>();
  private final CompletableFuture<SessionSide> session = new CompletableFuture<>();
  private final CompletableFuture<Done> served = new CompletableFuture<>();
  private final CompletableFuture<Done> socketClosed = new CompletableFuture<>();
  private final TrustedOrigins trusted;
  private volatile boolean chat;

  /**
   * @param http pekko-http's server for the page and its assets
   * @param accepted where a chat WebSocket goes
   * @param trusted the other pages whose WebSockets are taken
   */
  WebConnection(InetSocketAddress remote, Flow<ByteString, ByteString, NotUsed> http,
      Consumer<IncomingConnection> accepted, TrustedOrigins trusted) {
    this.remote = remote;
    this.trusted = trusted;
    this.http = http;
    this.accepted = accepted;
  }

  /** The connection's flow: its first request read within {@code timeout}, then its route. */
  Flow<ByteString, ByteString, NotUsed> flow(Duration timeout) {
    return BidiFlow.fromFlows(Flow.fromGraph(new RequestHead(this, timeout)),
            Flow.<ByteString>create())
        .atop(WebRoute.create(route))
        .atop(WebSocketFraming.create())
        .join(ConnectionFlow.awaiting(session));
  }

  /**
   * Completes when the connection is no longer the web server's own: handed to the listener as a
   * chat connection, or done with.
   */
  CompletionStage<Done> served() {
    return served;
  }

  @Override
  public boolean onHead(ByteString head) {
    WebSocketHandshake.Request request = WebSocketHandshake.read(head, trusted::accepts);
    if (request instanceof WebSocketHandshake.Upgrade upgrade) {
      chat = true;
      served.complete(Done.getInstance());
      accepted.accept(
          new WebSocketConnection(remote, upgrade.switching(), route, session, socketClosed));
      return false;
    }
    if (request instanceof WebSocketHandshake.Refused refused) {
      refused.warning().ifPresent(warning -> log.warn("Refused a WebSocket from {}: {}",
          remote.getAddress().getHostAddress(), warning));
      answer(refused);
      return false;
    }
    route.complete(new WebRoute.Served(http));
    return true;
  }

  @Override
  public void onNoHead(boolean tooLarge) {
    if (tooLarge) {
      answer(WebSocketHandshake.tooLarge());
    } else {
      route.complete(new WebRoute.Served(Flow.fromSinkAndSource(Sink.ignore(), Source.empty())));
    }
  }

  /**
   * The socket has ended, with {@code failure} if it broke: over TLS ({@code handshaken}
   * present), a handshake that never finished is logged here in one line, as the listener logs
   * a chat connection's end.
   */
  void socketEnded(Optional<BooleanSupplier> handshaken, Throwable failure) {
    socketClosed.complete(Done.getInstance());
    if (handshaken.isPresent() && !handshaken.get().getAsBoolean() && !chat) {
      log.info("Browser ({}:{}) disconnected: TLS handshake failed: {}",
          remote.getAddress().getHostAddress(), remote.getPort(),
          failure instanceof SSLException ? failure.getMessage() : "it was not finished");
    }
  }

  @Override
  public void onStop() {
    served.complete(Done.getInstance());
  }

  private void answer(WebSocketHandshake.Refused refused) {
    route.complete(new WebRoute.Served(
        ConnectionFlow.sayAndClose(refused.answer(ZonedDateTime.now()), ANSWER_LINGER)));
  }
}
