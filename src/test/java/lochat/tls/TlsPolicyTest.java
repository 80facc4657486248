package lochat.tls;

import static lochat.tls.ServerIdentityFilesTest.fixture;
import static lochat.tls.ServerIdentityFilesTest.pem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsPolicyTest {

  private static final Pattern FORWARD_SECRET_AEAD = Pattern.compile(
      "TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256"
          + "|(ECDHE|DHE)_(ECDSA|RSA|DSS)_WITH_"
          + "(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256))");
  private static final String WEAK = "TLS_RSA_WITH_AES_128_GCM_SHA256";

  private static SSLContext rsaServer;

  @BeforeAll
  static void loadAnRsaIdentity(@TempDir Path dataDir) throws Exception {
    rsaServer = ServerIdentity.load(pem(fixture("rsa.crt"), fixture("rsa-pkcs1.key")), dataDir,
        "rsa").context();
  }

  @Test
  void theServerEngineSpeaksTls13And12Only() {
    SSLEngine engine = TlsPolicy.serverEngine(rsaServer);
    assertFalse(engine.getUseClientMode());
    assertEquals(Set.of("TLSv1.3", "TLSv1.2"), Set.of(engine.getEnabledProtocols()));
    assertEquals(2, engine.getEnabledProtocols().length);
    SSLEngine client = TlsPolicy.clientEngine(rsaServer, "localhost", 4443);
    assertTrue(client.getUseClientMode());
    assertEquals(Set.of("TLSv1.3", "TLSv1.2"), Set.of(client.getEnabledProtocols()));
  }

  @Test
  void everyEnabledSuiteIsForwardSecretAuthenticatedEncryption() {
    List<String> suites = Arrays.asList(TlsPolicy.serverEngine(rsaServer)
        .getEnabledCipherSuites());
    assertTrue(suites.contains("TLS_AES_128_GCM_SHA256"), suites.toString());
    assertTrue(suites.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), suites.toString());
    for (String suite : suites) {
      assertTrue(FORWARD_SECRET_AEAD.matcher(suite).matches(), suite);
    }
    assertEquals(suites, Arrays.asList(TlsPolicy.clientEngine(rsaServer, "localhost", 4443)
        .getEnabledCipherSuites()));
  }

  @Test
  void strongSuitesKeepsTheStrongInTheirOrder() {
    assertArrayEquals(
        new String[] {"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"},
        TlsPolicy.strongSuites(new String[] {"TLS_CHACHA20_POLY1305_SHA256", WEAK,
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"}));
  }

  @Test
  void aClientOfferingOnlyRsaKeyExchangeFailsTheHandshake() throws Exception {
    Handshakes.Result result = Handshakes.withPolicy(rsaServer, TlsPolicyTest::offerOnlyWeak);
    assertInstanceOf(SSLHandshakeException.class, result.clientFailure());
    assertInstanceOf(SSLHandshakeException.class, result.serverFailure());
  }

  @Test
  void thatClientWouldBeServedWithoutThePolicy() throws Exception {
    Handshakes.Result result = Handshakes.withoutPolicy(rsaServer, TlsPolicyTest::offerOnlyWeak);
    assertNull(result.clientFailure());
    assertEquals(WEAK, result.client().getCipherSuite());
  }

  private static void offerOnlyWeak(SSLSocket socket) {
    socket.setEnabledProtocols(new String[] {"TLSv1.2"});
    socket.setEnabledCipherSuites(new String[] {WEAK});
  }
}
