package lochat.client.trust;

import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import lochat.ConfigChecks;
import lochat.Failures;
import lochat.tls.TlsPolicy;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.TLSClosing$;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * The terminal client's connection over TLS to one server: the engine ({@link TlsPolicy}'s
 * versions and suites, the {@link ServerTrust} chosen, the host name checked when that trust
 * says so), what happens once the handshake has succeeded, and what the user is told when it
 * did not: a refused certificate, a server that does not speak TLS on that port, a handshake
 * that does not finish within {@link #HANDSHAKE_TIMEOUT}.
 *
 * <p>Everything here is said through {@code notices} (standard error, or the terminal's console),
 * never mixed into the conversation on standard output.
 */
public final class ClientTls {

  /** How long a connected server has to finish the TLS handshake. */
  public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * The client's end of input is not TLS's end: after {@code /quit} the client sends nothing
   * more but must read the server's goodbye, and TLS 1.2 has no half-close (a peer answers
   * close_notify by closing). So the client never sends close_notify first (ignoreComplete): its
   * {@code /quit} makes the server answer and close, and that close ends the client's reading.
   * eagerClose would send close_notify at /quit and risk losing the goodbye.
   */
  private static final TLSClosing CLOSING = TLSClosing$.MODULE$.ignoreComplete();

  private final String host;
  private final int port;
  private final String server;
  private final ServerTrust trust;
  private final Consumer<String> notices;
  private final Duration handshakeTimeout;
  private final SSLContext context;
  private volatile boolean handshaken;

  /** @param notices where the user is told about the server's certificate */
  public ClientTls(String host, int port, ServerTrust trust, Consumer<String> notices) {
    this(host, port, trust, notices, HANDSHAKE_TIMEOUT);
  }

  /** With another handshake timeout, for tests. */
  public ClientTls(String host, int port, ServerTrust trust, Consumer<String> notices,
      Duration handshakeTimeout) {
    this.host = host;
    this.port = port;
    this.server = KnownServers.server(host, port);
    this.trust = trust;
    this.notices = notices;
    this.handshakeTimeout = handshakeTimeout;
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trust.trustManager()}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has TLS", e);
    }
  }

  /** The connection to {@code address}, bytes in and out in clear. */
  public Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> connection(
      Tcp tcp, InetSocketAddress address, Duration connectTimeout) {
    return tcp.outgoingConnectionWithTls(address, this::engine, Optional.empty(), List.of(),
        Optional.of(connectTimeout), Optional.empty(), this::verified, CLOSING);
  }

  /** Whether the handshake has succeeded. */
  public boolean handshaken() {
    return handshaken;
  }

  /**
   * Once connected: if the handshake has not succeeded within the timeout and {@code exit} is
   * not yet decided, tells the user and ends with status 1.
   */
  public void awaitHandshake(CompletableFuture<Integer> exit) {
    CompletableFuture.runAsync(() -> {
      if (!handshaken && !exit.isDone()) {
        notices.accept("No TLS answer from " + server + " within "
            + ConfigChecks.inWords(handshakeTimeout) + ": is it the TLS port?");
        exit.complete(1);
      }
    }, CompletableFuture.delayedExecutor(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  /**
   * Tells the user why the connection ended, {@code failure} or null for a close, when TLS is the
   * reason: the server's certificate was refused, or the handshake never succeeded.
   *
   * @return whether the user was told; false when the connection ended after the handshake
   */
  public boolean explainEnd(Throwable failure) {
    Optional<String> refusal = failure == null ? Optional.empty() : trust.refusal(failure);
    if (refusal.isPresent()) {
      notices.accept(refusal.get());
      return true;
    }
    if (handshaken) {
      return false;
    }
    if (failure instanceof SSLHandshakeException) {
      notices.accept("The TLS handshake with " + server + " failed: "
          + Failures.inSentence(failure));
    } else {
      notices.accept("The server did not speak TLS on " + server + ": is it the TLS port?");
    }
    return true;
  }

  private SSLEngine engine() {
    SSLEngine engine = TlsPolicy.clientEngine(context, host, port);
    if (trust.checksHostName()) {
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
    }
    return engine;
  }

  /** After each handshake; TLS 1.3's session tickets count as one, so only the first acts. */
  private synchronized Optional<Throwable> verified(SSLSession session) {
    if (!handshaken) {
      handshaken = true;
      trust.trusted(notices);
    }
    return Optional.empty();
  }
}
