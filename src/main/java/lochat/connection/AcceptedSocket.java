package lochat.connection;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.util.ByteString;

/**
 * A socket a listener has accepted ({@link Sockets}): who is at the other end, and its bytes,
 * already decrypted when it came in over TLS. It is handled once.
 *
 * @param flow bytes for the client in, bytes from the client out
 * @param handshaken over TLS, whether the TLS handshake has finished; empty for plain TCP
 */
public record AcceptedSocket(InetSocketAddress remoteAddress,
    Flow<ByteString, ByteString, NotUsed> flow, Optional<BooleanSupplier> handshaken) {

  /** Runs the connection with {@code handler}; the handler's materialised value is returned. */
  public <M> M handleWith(Flow<ByteString, ByteString, M> handler, ActorSystem<?> system) {
    return flow.joinMat(handler, Keep.right()).run(system);
  }
}
