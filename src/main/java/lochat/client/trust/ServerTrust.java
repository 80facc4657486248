package lochat.client.trust;

import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How the terminal client decides whether to trust a server's certificate: by the fingerprint it
 * met first ({@link FirstUseTrust}) or by CAs the user gave ({@link CaTrust}). One is made per
 * connection.
 */
public sealed interface ServerTrust permits FirstUseTrust, CaTrust {

  /** Trust as the user chose it, read before connecting, made for the server connected to. */
  @FunctionalInterface
  interface Factory {
    ServerTrust forServer(String host, int port);
  }

  /** The trust manager the connection's TLS engine asks. */
  X509ExtendedTrustManager trustManager();

  /** Whether the server's certificate must name the host connected to. */
  boolean checksHostName();

  /** Called once the handshake has succeeded: records what is to be kept, tells what is new. */
  void trusted(Consumer<String> notices);

  /** What to tell the user when {@code failure} is this trust refusing the server; else empty. */
  Optional<String> refusal(Throwable failure);
}
