package lochat.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import lochat.connection.AcceptedSocket;
import lochat.connection.ConnectionFlow;
import lochat.connection.IncomingConnection;
import lochat.connection.SessionSide;
import lochat.connection.Sockets;
import lochat.connection.Transport;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;

/**
 * TCP connections, plain or over TLS ({@link Sockets}), each joined whole to its session's
 * stream. Over TLS the handshake counts against the session's registration timeout.
 *
 * @param tls the server's TLS context, or empty for plain TCP
 * @param tlsCloseWithin how long a TLS socket has to finish closing once the server's side ended
 */
public record TcpTransport(String host, int port, int backlog, Optional<SSLContext> tls,
    Duration tlsCloseWithin) implements Transport {

  @Override
  public CompletionStage<Binding> bind(
      Consumer<IncomingConnection> accepted, ActorSystem<?> system) {
    return Sockets.accepted(host, port, backlog, tls, tlsCloseWithin, system)
        .toMat(Sink.foreach(incoming -> accepted.accept(new Socket(incoming))), Keep.left())
        .run(system)
        .thenApply(binding -> Binding.of(binding.localAddress(), binding::unbind));
  }

  /** One accepted socket. */
  private record Socket(AcceptedSocket connection) implements IncomingConnection {

    @Override
    public InetSocketAddress remoteAddress() {
      return connection.remoteAddress();
    }

    @Override
    public void refuse(ByteString bytes, Duration linger, ActorSystem<?> system) {
      connection.handleWith(ConnectionFlow.sayAndClose(bytes, linger), system);
    }

    @Override
    public CompletionStage<Done> run(SessionSide side, ActorSystem<?> system) {
      return connection.flow()
          .watchTermination((notUsed, closed) -> closed)
          .joinMat(ConnectionFlow.create(side), Keep.left())
          .run(system);
    }
  }
}
