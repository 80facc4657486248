package lochat.testing;

import com.typesafe.config.ConfigUtil;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * The certificates under {@code src/test/resources/tls-client/} (see its README): two
 * self-signed ones for 127.0.0.1 and localhost, a CA and two certificates it signed. The
 * fingerprints are those {@code openssl x509 -fingerprint -sha256} shows.
 */
public final class TlsFixtures {

  /** {@code first.crt}'s SHA-256 fingerprint. */
  public static final String FIRST = "F5:45:97:26:DE:3A:DB:3A:F2:32:35:D4:00:31:B6:96:"
      + "E2:D3:21:08:D9:9E:88:6C:18:6B:DB:0A:DF:75:B9:8B";
  /** {@code second.crt}'s SHA-256 fingerprint. */
  public static final String SECOND = "FE:AA:B9:E7:98:E5:99:52:9A:27:68:05:A0:EA:57:FD:"
      + "F3:1F:A6:ED:D8:CF:AA:E0:3C:3B:1C:5C:A6:FD:47:73";

  private TlsFixtures() {}

  /** The file {@code name} (such as {@code ca.crt}). */
  public static Path path(String name) {
    try {
      return Path.of(TlsFixtures.class.getResource("/tls-client/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Lochat server with TLS on, serving the PKCS#12 fixture {@code keystore}. */
  public static TestServer server(String keystore) throws Exception {
    return TestServer.start("lochat.tls.enabled = on\nlochat.tls.certificate = "
        + ConfigUtil.quoteString(path(keystore).toString()) + "\nlochat.tls.password = test\n");
  }

  /** The PEM certificate {@code name}. */
  public static X509Certificate certificate(String name) {
    try (InputStream in = TlsFixtures.class.getResourceAsStream("/tls-client/" + name)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
