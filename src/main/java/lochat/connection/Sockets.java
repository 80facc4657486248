package lochat.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import lochat.CompletingThread;
import lochat.tls.TlsPolicy;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.TLSProtocol;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.TLS;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * Where every listener's sockets come from: Pekko Streams {@link Tcp}, plain or over TLS, with
 * the listen backlog given, so that a burst of connects is queued by the operating system
 * rather than refused.
 *
 * <p>Over TLS every connection gets an engine from {@link TlsPolicy} and Pekko's {@link TLS}
 * stage, and its flow carries the decrypted bytes, so that nothing above knows TLS is there. A
 * TLS session ends when either side ends ({@link TLSClosing#eagerClose}): what the server writes
 * last is followed by close_notify, as FIN follows it on plain TCP. A failed handshake fails the
 * flow like any broken connection. TLS then waits for the client's own close_notify, which a
 * hostile client never sends: so once the server's side has ended, the socket gets {@code
 * tlsCloseWithin} to finish closing and is then cut.
 */
public final class Sockets {

  private Sockets() {}

  /** The connections accepted at {@code host:port}, over TLS when {@code tls} is given. */
  public static Source<AcceptedSocket, CompletionStage<Tcp.ServerBinding>> accepted(
      String host, int port, int backlog, Optional<SSLContext> tls, Duration tlsCloseWithin,
      ActorSystem<?> system) {
    Source<Tcp.IncomingConnection, CompletionStage<Tcp.ServerBinding>> sockets =
        Tcp.get(system).bind(host, port, backlog, List.of(), true, Optional.empty());
    if (tls.isEmpty()) {
      return sockets.map(socket ->
          new AcceptedSocket(socket.remoteAddress(), socket.flow(), Optional.empty()));
    }
    SSLContext context = tls.get();
    return sockets.map(socket -> {
      AtomicBoolean handshaken = new AtomicBoolean();
      return new AcceptedSocket(socket.remoteAddress(),
          overTls(socket.flow(), context, handshaken, tlsCloseWithin, system),
          Optional.of(handshaken::get));
    });
  }

  /**
   * {@code tcp}'s bytes through TLS, cut {@code closeWithin} after the server's side ended;
   * {@code handshaken} is set once the handshake has finished.
   */
  private static Flow<ByteString, ByteString, NotUsed> overTls(
      Flow<ByteString, ByteString, ?> tcp, SSLContext context, AtomicBoolean handshaken,
      Duration closeWithin, ActorSystem<?> system) {
    BidiFlow<ByteString, TLSProtocol.SslTlsOutbound, TLSProtocol.SslTlsInbound, ByteString,
        NotUsed> plain = BidiFlow.fromFunctions(
            TLSProtocol.SendBytes::new,
            inbound -> inbound instanceof TLSProtocol.SessionBytes bytes
                ? bytes.bytes() : ByteString.emptyByteString());
    Flow<ByteString, ByteString, UniqueKillSwitch> cuttable =
        tcp.viaMat(KillSwitches.single(), Keep.right());
    Flow<ByteString, ByteString, UniqueKillSwitch> decrypted = plain
        .atop(TLS.create(() -> TlsPolicy.serverEngine(context),
            session -> handshaken.set(true), TLSClosing.eagerClose()))
        .join(cuttable, Keep.right());
    return Flow.<ByteString>create()
        .watchTermination(Keep.right())
        .viaMat(decrypted, Keep.both())
        .filter(bytes -> !bytes.isEmpty())
        .mapMaterializedValue(ends -> cutAfter(ends, closeWithin, system));
  }

  private static NotUsed cutAfter(Pair<CompletionStage<Done>, UniqueKillSwitch> ends,
      Duration closeWithin, ActorSystem<?> system) {
    ends.first().whenCompleteAsync((done, failure) -> system.scheduler().scheduleOnce(
        closeWithin,
        () -> ends.second().abort(new IOException("the TLS close was not finished in time")),
        system.executionContext()), CompletingThread.EXECUTOR);
    return NotUsed.getInstance();
  }
}
