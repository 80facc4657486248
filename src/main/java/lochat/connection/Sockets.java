package lochat.connection;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLContext;
import lochat.tls.TlsPolicy;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * Where every listener's sockets come from: Pekko Streams {@link Tcp}, plain or over TLS, with
 * the listen backlog given, so that a burst of connects is queued by the operating system
 * rather than refused.
 *
 * <p>Over TLS every connection gets an engine from {@link TlsPolicy}, and its stream carries
 * the decrypted bytes, so that nothing above knows TLS is there. A TLS session ends when either
 * side ends ({@link TLSClosing#eagerClose}): what the server writes last is followed by
 * close_notify and the close, as FIN follows it on plain TCP. A failed handshake fails the
 * connection's stream like any broken connection.
 */
public final class Sockets {

  private Sockets() {}

  /** The connections accepted at {@code host:port}, over TLS when {@code tls} is given. */
  public static Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> accepted(
      String host, int port, int backlog, Optional<SSLContext> tls, ActorSystem<?> system) {
    if (tls.isEmpty()) {
      return Tcp.get(system).bind(host, port, backlog, List.of(), true, Optional.empty());
    }
    SSLContext context = tls.get();
    return Tcp.get(system).bindWithTls(host, port, () -> TlsPolicy.serverEngine(context),
        backlog, List.of(), Optional.empty(), session -> Optional.empty(),
        TLSClosing.eagerClose());
  }
}
