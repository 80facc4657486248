package lochat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import lochat.tls.TlsPolicy;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * A TLS port on 127.0.0.1 in front of a plain one, as stunnel would be: each TLS connection is
 * passed on, in clear, to a new connection to the plain port. Put in front of a
 * {@link TestServer}, it is a Lochat server with TLS settings the real one never has (such as
 * weak cipher suites only), for testing how the client takes them. The certificate is a PKCS#12
 * resource (password {@code test}); the session is closed, close_notify first, when the plain
 * side closes, as a TLS server must.
 */
public final class TlsTerminator implements AutoCloseable {

  private final ActorSystem<Void> system;
  public final int port;

  private TlsTerminator(ActorSystem<Void> system, int port) {
    this.system = system;
    this.port = port;
  }

  /**
   * Serves {@code keystore} (a resource path such as {@code /tls-client/first.p12}) with engines
   * as {@code adjust} changes them.
   */
  public static TlsTerminator start(String keystore, int plainPort,
      UnaryOperator<SSLEngine> adjust) throws Exception {
    SSLContext context = serverContext(keystore);
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "tls-terminator");
    Tcp tcp = Tcp.get(system);
    try {
      int port = tcp.bindWithTls("127.0.0.1", 0,
              () -> adjust.apply(TlsPolicy.serverEngine(context)), 100, List.of(),
              Optional.empty(), session -> Optional.empty(), TLSClosing.eagerClose())
          .to(Sink.foreach(connection -> connection.handleWith(
              tcp.outgoingConnection("127.0.0.1", plainPort), system)))
          .run(system)
          .toCompletableFuture().get(20, TimeUnit.SECONDS)
          .localAddress().getPort();
      return new TlsTerminator(system, port);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  /** A server context with the key and certificate chain of the PKCS#12 {@code resource}. */
  public static SSLContext serverContext(String resource) {
    char[] password = "test".toCharArray();
    try (InputStream in = TlsTerminator.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(in, password);
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
