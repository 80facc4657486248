package lochat.tls;

import static lochat.tls.ServerIdentityTest.assertFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The identity a server reads from the files {@code lochat.tls} names. The fixtures in
 * {@code src/test/resources/tls/} were made once with OpenSSL 3.0 ({@code genrsa -traditional},
 * {@code ecparam -genkey [-noout]}, {@code pkcs8 -topk8}, {@code rsa -aes256 -traditional},
 * {@code req -x509 -days 36500}, {@code x509 -req -CA}, {@code pkcs12 -export}; password
 * "secret"); their certificates are valid until 2125.
 */
class ServerIdentityFilesTest {

  @TempDir
  Path dir;

  static Path fixture(String name) {
    try {
      return Path.of(ServerIdentityFilesTest.class.getResource("/tls/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test fixture tls/" + name, e);
    }
  }

  static TlsSettings pem(Path certificate, Path key) {
    return new TlsSettings(true, 0, certificate.toString(), key.toString(), "", true);
  }

  private static TlsSettings keystore(Path file, String password) {
    return new TlsSettings(true, 0, file.toString(), "", password, true);
  }

  private ServerIdentity load(TlsSettings settings) throws TlsUnavailable {
    return ServerIdentity.load(settings, dir, "unused");
  }

  private static X509Certificate firstCertificate(Path file) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(file)));
  }

  @ParameterizedTest
  @CsvSource({
      "rsa.crt, rsa-pkcs1.key",
      "ec-p256.crt, ec-p256-sec1.key",
      "ec-p384.crt, ec-p384-sec1.key",
      "ec-p521.crt, ec-p521-sec1.key",
      "leaf-chain.crt, leaf-pkcs8.key"})
  void readsEachPemKeyForm(String certificate, String key) throws Exception {
    ServerIdentity identity = load(pem(fixture(certificate), fixture(key)));
    assertEquals(firstCertificate(fixture(certificate)), identity.certificate());
    assertEquals(Optional.empty(), identity.selfSignedDirectory());
    assertFalse(identity.created());
    Handshakes.Result result = Handshakes.withPolicy(identity.context(), socket -> {});
    assertNull(result.clientFailure());
    assertEquals(identity.certificate(), result.client().getPeerCertificates()[0]);
    assertEquals("TLSv1.3", result.client().getProtocol());
  }

  @Test
  void servesTheWholeChainLeafFirst() throws Exception {
    ServerIdentity identity = load(pem(fixture("leaf-chain.crt"), fixture("leaf-pkcs8.key")));
    Certificate[] peer = Handshakes.withPolicy(identity.context(), socket -> {})
        .client().getPeerCertificates();
    assertEquals(2, peer.length);
    assertEquals("CN=leaf.test", ((X509Certificate) peer[0]).getSubjectX500Principal().getName());
    assertEquals(firstCertificate(fixture("ca.crt")), peer[1]);
  }

  @ParameterizedTest
  @CsvSource({"rsa-encrypted-pkcs8.key", "rsa-encrypted-pkcs1.key"})
  void anEncryptedKeyIsRefusedWithTheCommandThatDecryptsIt(String key) {
    assertFailure(() -> load(pem(fixture("rsa.crt"), fixture(key))),
        "The TLS private key " + fixture(key) + " is encrypted",
        "openssl pkey -in " + fixture(key) + " -out");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() {
    assertFailure(() -> load(pem(fixture("rsa.crt"), fixture("ec-p256-sec1.key"))),
        "The TLS private key " + fixture("ec-p256-sec1.key") + " does not belong to the"
            + " certificate " + fixture("rsa.crt"));
    assertFailure(() -> load(pem(fixture("ec-p384.crt"), fixture("ec-p521-sec1.key"))),
        "does not belong");
  }

  @Test
  void missingFilesAreNamed() {
    Path nowhere = dir.resolve("nowhere.pem");
    assertFailure(() -> load(pem(nowhere, fixture("rsa-pkcs1.key"))),
        "The TLS certificate " + nowhere + " does not exist (lochat.tls.certificate)");
    assertFailure(() -> load(pem(fixture("rsa.crt"), nowhere)),
        "The TLS private key " + nowhere + " does not exist (lochat.tls.private-key)");
  }

  @Test
  void swappedFilesSayWhatIsMissing() {
    assertFailure(() -> load(pem(fixture("rsa-pkcs1.key"), fixture("rsa.crt"))),
        "The TLS certificate " + fixture("rsa-pkcs1.key") + " holds no PEM certificate");
    assertFailure(() -> load(pem(fixture("rsa.crt"), fixture("rsa.crt"))),
        "The TLS private key " + fixture("rsa.crt") + " holds no PEM private key");
  }

  @Test
  void aKeyOfAnotherKindIsNamed() throws Exception {
    Path key = Files.writeString(dir.resolve("dsa.key"),
        Pem.encode("DSA PRIVATE KEY", Der.sequence(Der.integer(0))));
    assertFailure(() -> load(pem(fixture("rsa.crt"), key)),
        "The TLS private key " + key + " is a \"DSA PRIVATE KEY\"");
  }

  @Test
  void anExpiredCertificateIsServedWithAWarning() throws Exception {
    Instant now = Instant.now();
    ServerIdentity identity = loadMade(now.minus(Duration.ofDays(30)),
        now.minus(Duration.ofDays(1)));
    assertEquals(1, identity.warnings().size(), identity.warnings().toString());
    assertTrue(identity.warnings().get(0).startsWith("The TLS certificate "
        + dir.resolve("made.crt") + " expired on "), identity.warnings().get(0));
    assertNull(Handshakes.withPolicy(identity.context(), socket -> {}).clientFailure());
  }

  @Test
  void aCertificateNotYetValidIsServedWithAWarning() throws Exception {
    Instant now = Instant.now();
    ServerIdentity identity = loadMade(now.plus(Duration.ofDays(2)),
        now.plus(Duration.ofDays(30)));
    assertEquals(1, identity.warnings().size(), identity.warnings().toString());
    assertTrue(identity.warnings().get(0).contains("is not valid before"),
        identity.warnings().get(0));
  }

  @Test
  void aKeystoreWithItsPasswordServesItsKeyAndChain() throws Exception {
    ServerIdentity identity = load(keystore(fixture("leaf.p12"), "secret"));
    assertEquals(firstCertificate(fixture("leaf-chain.crt")), identity.certificate());
    assertEquals(List.of(), identity.warnings());
    Certificate[] peer = Handshakes.withPolicy(identity.context(), socket -> {})
        .client().getPeerCertificates();
    assertEquals(2, peer.length);
    assertEquals(identity.certificate(), peer[0]);
  }

  @Test
  void aKeystoreWithTheWrongPasswordIsRefused() {
    assertFailure(() -> load(keystore(fixture("leaf.p12"), "wrong")),
        "The password for the TLS keystore " + fixture("leaf.p12") + " is wrong",
        "lochat.tls.password");
  }

  @Test
  void aMissingOrDamagedKeystoreIsNamed() throws Exception {
    Path missing = dir.resolve("missing.p12");
    assertFailure(() -> load(keystore(missing, "secret")),
        "The TLS keystore " + missing + " does not exist");
    Path damaged = Files.writeString(dir.resolve("damaged.pfx"), "not a keystore");
    assertFailure(() -> load(keystore(damaged, "secret")),
        "The TLS keystore " + damaged + " is not a PKCS#12 keystore");
  }

  @Test
  void aKeystoreWithoutAKeyIsRefused() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", firstCertificate(fixture("ca.crt")));
    Path file = dir.resolve("trust-only.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "secret".toCharArray());
    }
    assertFailure(() -> load(keystore(file, "secret")),
        "The TLS keystore " + file + " holds no private key", "openssl pkcs12 -export");
  }

  private ServerIdentity loadMade(Instant notBefore, Instant notAfter) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair keys = generator.generateKeyPair();
    SelfSignedCertificate made = SelfSignedCertificate.create("dated", keys,
        List.of("localhost"), List.of(), notBefore, notAfter);
    Path certificate = Files.writeString(dir.resolve("made.crt"), made.certificatePem());
    Path key = Files.writeString(dir.resolve("made.key"), made.privateKeyPem());
    if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
    }
    return load(pem(certificate, key));
  }
}
