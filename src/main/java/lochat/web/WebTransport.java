package lochat.web;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import lochat.CompletingThread;
import lochat.connection.IncomingConnection;
import lochat.connection.Sockets;
import lochat.connection.Transport;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.TLSPlacebo;
import org.apache.pekko.util.ByteString;
import scala.concurrent.duration.FiniteDuration;

/**
 * Browsers' connections: TCP connections (HTTP, or HTTPS with TLS), bound with {@link Sockets},
 * each routed by its first request ({@link WebConnection}). A WebSocket handshake for {@code /ws} becomes a
 * chat connection for the listener, framed by {@link WebSocketFraming}; every other request is
 * served by pekko-http's HTTP server layer with {@link WebRoutes} (the page, its assets, the jar).
 *
 * <p>Why not pekko-http's own WebSocket support: it runs every message through a stream of its
 * own and some twenty stages, which made a browser's delivery cost about twice a native one's
 * (docs/performance.md, issue 13).
 *
 * @param host address to bind
 * @param port TCP port; 0 picks a free one
 * @param backlog the listen backlog
 * @param maxConnections most connections open at once that are not yet chat connections
 *     (reading their first request, or fetching pages); more wait in the backlog
 * @param firstRequestTimeout how long a new connection has to send its first request's head
 *     (over TLS, the handshake counts against it)
 * @param tls the server's TLS context for HTTPS and {@code wss://}, or empty for plain HTTP
 * @param tlsCloseWithin how long a TLS socket has to finish closing once the server's side ended
 * @param trusted the other pages, besides this server's, whose WebSockets it takes
 */
public record WebTransport(String host, int port, int backlog, int maxConnections,
    Duration firstRequestTimeout, Optional<SSLContext> tls, Duration tlsCloseWithin,
    TrustedOrigins trusted) implements Transport {

  /** The resource directory the page and its assets are read from. */
  static final String RESOURCES = "web";

  @Override
  public CompletionStage<Binding> bind(
      Consumer<IncomingConnection> accepted, ActorSystem<?> system) {
    Flow<ByteString, ByteString, NotUsed> http = httpServer(
        new WebRoutes(new WebAssets(RESOURCES), WebRoutes.runningJar(), trusted), system);
    return Sockets.accepted(host, port, backlog, tls, tlsCloseWithin, system)
        .mapAsyncUnordered(maxConnections, incoming -> {
          WebConnection connection =
              new WebConnection(incoming.remoteAddress(), http, accepted, trusted);
          incoming.flow()
              .watchTermination((notUsed, ended) -> {
                ended.whenCompleteAsync((done, failure) ->
                    connection.socketEnded(incoming.handshaken(), failure),
                    CompletingThread.EXECUTOR);
                return notUsed;
              })
              .join(connection.flow(firstRequestTimeout))
              .run(system);
          return connection.served();
        })
        .toMat(Sink.ignore(), Keep.left())
        .run(system)
        .thenApply(binding -> Binding.of(binding.localAddress(), binding::unbind));
  }

  /** pekko-http's server for one connection's requests, as bytes in and bytes out. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Flow<ByteString, ByteString, NotUsed> httpServer(
      WebRoutes routes, ActorSystem<?> system) {
    ServerSettings settings = ServerSettings.create(system.classicSystem());
    // The placebo's inbound SessionBytes are the server layer's SslTlsInbound.
    BidiFlow<TLSProtocol.SslTlsOutbound, ByteString, ByteString, TLSProtocol.SslTlsInbound,
        NotUsed> plain = (BidiFlow) TLSPlacebo.getInstance();
    Flow<ByteString, ByteString, NotUsed> server = Http.get(system).serverLayer(settings)
        .atop(plain)
        .reversed()
        .join(Flow.<HttpRequest>create().<HttpResponse>mapAsync(1, routes::handle));
    scala.concurrent.duration.Duration idle = settings.getTimeouts().idleTimeout();
    if (!idle.isFinite()) {
      return server;
    }
    return BidiFlow.<ByteString, ByteString>bidirectionalIdleTimeout(
            Duration.ofNanos(((FiniteDuration) idle).toNanos()))
        .join(server);
  }
}
