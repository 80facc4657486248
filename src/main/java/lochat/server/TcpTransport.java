package lochat.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import lochat.connection.ConnectionFlow;
import lochat.connection.IncomingConnection;
import lochat.connection.Transport;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * Plain TCP connections, bound with Pekko Streams {@link Tcp}, with a raised backlog so that a
 * burst of connects is queued by the operating system rather than refused.
 */
public record TcpTransport(String host, int port, int backlog) implements Transport {

  @Override
  public CompletionStage<Binding> bind(
      Consumer<IncomingConnection> accepted, ActorSystem<?> system) {
    return Tcp.get(system)
        .bind(host, port, backlog, List.of(), true, Optional.empty())
        .toMat(Sink.foreach(incoming -> accepted.accept(new Socket(incoming))), Keep.left())
        .run(system)
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

  /** One accepted socket. */
  private record Socket(Tcp.IncomingConnection connection) implements IncomingConnection {

    @Override
    public InetSocketAddress remoteAddress() {
      return connection.remoteAddress();
    }

    @Override
    public void refuse(ByteString bytes, Duration linger, ActorSystem<?> system) {
      connection.handleWith(ConnectionFlow.sayAndClose(bytes, linger), system);
    }

    @Override
    public CompletionStage<Done> run(
        Flow<ByteString, ByteString, NotUsed> flow, ActorSystem<?> system) {
      return connection.flow()
          .watchTermination((notUsed, closed) -> closed)
          .joinMat(flow, Keep.left())
          .run(system);
    }
  }
}
