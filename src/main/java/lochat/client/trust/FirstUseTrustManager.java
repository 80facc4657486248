package lochat.client.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import lochat.tls.Fingerprint;

/**
 * Trust on first use for one connection to one server: the server's certificate is trusted when
 * its SHA-256 fingerprint is the one kept for the server, or when no fingerprint is kept yet; a
 * different one fails the handshake, unless the user accepted a new certificate. The verdict is
 * kept for the client to tell the user and to record once the handshake has succeeded; this
 * class writes nothing.
 *
 * <p>The pin is the whole check: neither the chain nor the host name is checked against any CA
 * or name, as SSH checks no name against its host keys. Client certificates are not trusted.
 */
public final class FirstUseTrustManager extends X509ExtendedTrustManager {

  /** What the certificate the server showed means. */
  public sealed interface Verdict {
    /** The fingerprint of the certificate the server showed. */
    String presented();
  }

  /** A server met for the first time: trusted, to be remembered. */
  public record FirstUse(String presented) implements Verdict {}

  /** The certificate kept for the server: trusted. */
  public record Same(String presented) implements Verdict {}

  /** Another certificate than the one kept: refused. */
  public record Changed(String known, String presented) implements Verdict {}

  /** Another certificate than the one kept, accepted as the user asked: to be remembered. */
  public record Replaced(String known, String presented) implements Verdict {}

  private final Optional<String> known;
  private final boolean acceptNew;
  private volatile Verdict verdict;

  /**
   * @param known the fingerprint kept for the server, if any
   * @param acceptNew whether a certificate other than the known one is accepted and replaces it
   */
  public FirstUseTrustManager(Optional<String> known, boolean acceptNew) {
    this.known = known;
    this.acceptNew = acceptNew;
  }

  /** What a server showing {@code presented} means, with {@code known} kept for it. */
  public static Verdict judge(Optional<String> known, String presented, boolean acceptNew) {
    if (known.isEmpty()) {
      return new FirstUse(presented);
    }
    if (known.get().equals(presented)) {
      return new Same(presented);
    }
    return acceptNew ? new Replaced(known.get(), presented) : new Changed(known.get(), presented);
  }

  /** The verdict on the certificate the server showed; empty before it has shown one. */
  public Optional<Verdict> verdict() {
    return Optional.ofNullable(verdict);
  }

  private void check(X509Certificate[] chain) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server showed no certificate");
    }
    Verdict judged = judge(known, Fingerprint.sha256(chain[0]), acceptNew);
    verdict = judged;
    if (judged instanceof Changed changed) {
      throw new CertificateException("the server's certificate has changed: SHA-256 fingerprint "
          + changed.presented() + ", not " + changed.known());
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a client trusts no client certificate");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
