package lochat.web;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import lochat.connection.IncomingConnection;
import lochat.connection.Transport;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;

/**
 * Browsers' connections: an HTTP server (pekko-http) that serves the chat page and hands each
 * WebSocket upgrade at {@code /ws} to the listener ({@link WebRoutes}).
 *
 * @param host address to bind
 * @param port TCP port; 0 picks a free one
 * @param backlog the listen backlog
 * @param maxConnections most HTTP connections open at once: the listener's own cap on chat
 *     connections, and as many again for pages and assets being fetched
 */
public record WebTransport(String host, int port, int backlog, int maxConnections)
    implements Transport {

  /** The resource directory the page and its assets are read from. */
  static final String RESOURCES = "web";

  @Override
  public CompletionStage<Binding> bind(
      Consumer<IncomingConnection> accepted, ActorSystem<?> system) {
    WebRoutes routes = new WebRoutes(new WebAssets(RESOURCES), WebRoutes.runningJar(), accepted);
    return Http.get(system)
        .newServerAt(host, port)
        .adaptSettings(settings -> settings.withBacklog(backlog)
            .withMaxConnections(2 * maxConnections)
            .withRemoteAddressAttribute(true))
        .bind(routes::handle)
        .thenApply(binding -> new Binding() {
          @Override
          public InetSocketAddress address() {
            return binding.localAddress();
          }

          @Override
          public void unbind() {
            binding.unbind();
          }
        });
  }
}
