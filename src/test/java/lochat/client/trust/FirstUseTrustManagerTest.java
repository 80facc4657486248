package lochat.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import lochat.client.trust.FirstUseTrustManager.Changed;
import lochat.client.trust.FirstUseTrustManager.FirstUse;
import lochat.client.trust.FirstUseTrustManager.Replaced;
import lochat.client.trust.FirstUseTrustManager.Same;
import lochat.testing.TlsFixtures;
import lochat.tls.Fingerprint;
import org.junit.jupiter.api.Test;

/** The trust manager's verdicts on the fixtures' two self-signed certificates. */
class FirstUseTrustManagerTest {

  private static final X509Certificate FIRST = TlsFixtures.certificate("first.crt");
  private static final X509Certificate SECOND = TlsFixtures.certificate("second.crt");
  private static final X509Certificate[] FIRST_CHAIN = {FIRST};

  @Test
  void aServerMetForTheFirstTimeIsTrustedAndItsCertificateNoted() throws Exception {
    FirstUseTrustManager manager = new FirstUseTrustManager(Optional.empty(), false);
    assertEquals(Optional.empty(), manager.verdict());
    manager.checkServerTrusted(FIRST_CHAIN, "ECDHE_ECDSA", (SSLEngine) null);
    assertEquals(Optional.of(new FirstUse(Fingerprint.sha256(FIRST))), manager.verdict());
  }

  @Test
  void theKnownCertificateIsTrustedSilently() throws Exception {
    FirstUseTrustManager manager =
        new FirstUseTrustManager(Optional.of(Fingerprint.sha256(FIRST)), false);
    manager.checkServerTrusted(FIRST_CHAIN, "ECDHE_ECDSA", (SSLEngine) null);
    assertEquals(Optional.of(new Same(Fingerprint.sha256(FIRST))), manager.verdict());
  }

  @Test
  void anotherCertificateIsRefusedAndBothFingerprintsAreNoted() {
    FirstUseTrustManager manager =
        new FirstUseTrustManager(Optional.of(Fingerprint.sha256(SECOND)), false);
    assertThrows(CertificateException.class, () -> manager.checkServerTrusted(FIRST_CHAIN,
        "ECDHE_ECDSA", (SSLEngine) null));
    assertEquals(Optional.of(new Changed(Fingerprint.sha256(SECOND), Fingerprint.sha256(FIRST))),
        manager.verdict());
  }

  @Test
  void anotherCertificateIsTrustedWhenTheUserAcceptsIt() throws Exception {
    FirstUseTrustManager manager =
        new FirstUseTrustManager(Optional.of(Fingerprint.sha256(SECOND)), true);
    manager.checkServerTrusted(FIRST_CHAIN, "ECDHE_ECDSA", (Socket) null);
    assertEquals(Optional.of(new Replaced(Fingerprint.sha256(SECOND), Fingerprint.sha256(FIRST))),
        manager.verdict());
  }

  @Test
  void onlyTheLeafCountsAndAServerWithoutACertificateIsRefused() throws Exception {
    FirstUseTrustManager manager =
        new FirstUseTrustManager(Optional.of(Fingerprint.sha256(FIRST)), false);
    manager.checkServerTrusted(new X509Certificate[] {FIRST, SECOND}, "ECDHE_ECDSA");
    assertEquals(Optional.of(new Same(Fingerprint.sha256(FIRST))), manager.verdict());
    assertThrows(CertificateException.class,
        () -> manager.checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"));
  }

  @Test
  void noClientCertificateIsTrusted() {
    FirstUseTrustManager manager = new FirstUseTrustManager(Optional.empty(), true);
    assertThrows(CertificateException.class,
        () -> manager.checkClientTrusted(FIRST_CHAIN, "ECDHE_ECDSA"));
    assertEquals(0, manager.getAcceptedIssuers().length);
  }
}
