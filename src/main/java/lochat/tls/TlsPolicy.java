package lochat.tls;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The one place that says which TLS a Lochat server and client speak: TLS 1.3 and 1.2 only,
 * and of the JDK's enabled cipher suites only those with forward secrecy and authenticated
 * encryption (TLS 1.3's suites, and ECDHE or DHE with AES-GCM or ChaCha20-Poly1305). A peer
 * that offers nothing else fails the handshake.
 *
 * <p>It does not choose certificates or trust: the {@link SSLContext} given does.
 */
public final class TlsPolicy {

  /** The protocol versions spoken, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private TlsPolicy() {}

  /** An engine for one accepted connection: server mode, no client certificate asked. */
  public static SSLEngine serverEngine(SSLContext context) {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    restrict(engine);
    return engine;
  }

  /**
   * An engine for a connection to {@code host:port}, in client mode; the JDK sends {@code host}
   * as the server name (SNI) when it is a DNS name. Whether the host name is checked against
   * the certificate is the caller's choice ({@link SSLParameters#setEndpointIdentificationAlgorithm}).
   */
  public static SSLEngine clientEngine(SSLContext context, String host, int port) {
    SSLEngine engine = context.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    restrict(engine);
    return engine;
  }

  /** The strong suites among {@code enabled}, in their order. */
  public static String[] strongSuites(String[] enabled) {
    return Arrays.stream(enabled).filter(TlsPolicy::strong).toArray(String[]::new);
  }

  private static boolean strong(String suite) {
    if (suite.startsWith("TLS_AES_") || suite.startsWith("TLS_CHACHA20_")) {
      return true;
    }
    boolean forwardSecret = suite.startsWith("TLS_ECDHE_") || suite.startsWith("TLS_DHE_");
    boolean aead = suite.contains("_GCM_") || suite.contains("_CHACHA20_POLY1305_");
    return forwardSecret && aead;
  }

  private static void restrict(SSLEngine engine) {
    SSLParameters parameters = engine.getSSLParameters();
    List<String> supported = Arrays.asList(engine.getSupportedProtocols());
    parameters.setProtocols(
        PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
    parameters.setCipherSuites(strongSuites(engine.getEnabledCipherSuites()));
    parameters.setUseCipherSuitesOrder(true);
    engine.setSSLParameters(parameters);
  }
}
