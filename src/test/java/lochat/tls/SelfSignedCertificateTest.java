package lochat.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

  private static SelfSignedCertificate made;
  private static Instant madeAt;

  @TempDir
  Path dir;

  @BeforeAll
  static void make() {
    madeAt = Instant.now();
    made = SelfSignedCertificate.create("Salle de réunion");
  }

  @Test
  void isAnX509v3CertificateSignedByItsOwnKey() throws Exception {
    X509Certificate certificate = made.certificate();
    assertEquals(3, certificate.getVersion());
    certificate.verify(certificate.getPublicKey());
    assertEquals("SHA256withECDSA", certificate.getSigAlgName());
    assertEquals("EC", certificate.getPublicKey().getAlgorithm());
    assertEquals(256, ((ECPublicKey) certificate.getPublicKey()).getParams().getCurve()
        .getField().getFieldSize());
    assertTrue(PrivateKeys.matches(made.privateKey(), certificate.getPublicKey()));
  }

  @Test
  void namesTheServerAsSubjectAndIssuer() {
    assertEquals("CN=Salle de réunion,O=Lochat",
        made.certificate().getSubjectX500Principal().getName());
    assertEquals(made.certificate().getSubjectX500Principal(),
        made.certificate().getIssuerX500Principal());
  }

  @Test
  void aLongServerNameIsCutToTheCommonNameLimit() {
    String name = "x".repeat(100);
    String subject = SelfSignedCertificate.create(name).certificate()
        .getSubjectX500Principal().getName();
    assertEquals("CN=" + "x".repeat(64) + ",O=Lochat", subject);
  }

  @Test
  void isForTlsServersOnly() throws Exception {
    X509Certificate certificate = made.certificate();
    assertEquals(-1, certificate.getBasicConstraints());
    boolean[] usage = certificate.getKeyUsage();
    assertTrue(usage[0], "digitalSignature");
    for (int bit = 1; bit < usage.length; bit++) {
      assertFalse(usage[bit], "key usage bit " + bit);
    }
    assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage());
    assertEquals(Set.of("2.5.29.19", "2.5.29.15"), certificate.getCriticalExtensionOIDs());
    assertEquals(Set.of("2.5.29.37", "2.5.29.17", "2.5.29.14"),
        certificate.getNonCriticalExtensionOIDs());
  }

  @Test
  void namesLocalhostAndTheLoopbackAddresses() throws Exception {
    List<List<Object>> names = alternativeNames(made.certificate());
    assertTrue(names.contains(List.of(2, "localhost")), names.toString());
    assertTrue(names.contains(List.of(7, "127.0.0.1")), names.toString());
    assertTrue(names.contains(List.of(7, "0:0:0:0:0:0:0:1")), names.toString());
  }

  @Test
  void namesExactlyTheNamesAndAddressesItIsGiven() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("t",
        keys(), List.of("localhost", "chat.example"),
        List.of(InetAddress.getByAddress(new byte[] {10, 0, 0, 7})),
        madeAt, madeAt.plus(Duration.ofDays(1)));
    assertEquals(List.of(List.of(2, "localhost"), List.of(2, "chat.example"),
            List.of(7, "10.0.0.7")),
        alternativeNames(certificate.certificate()));
  }

  @Test
  void isValidFromADayAgoForTenYears() {
    Instant notBefore = made.certificate().getNotBefore().toInstant();
    Instant notAfter = made.certificate().getNotAfter().toInstant();
    Instant dayAgo = madeAt.minus(Duration.ofDays(1));
    assertTrue(Duration.between(notBefore, dayAgo).abs().compareTo(Duration.ofMinutes(5)) < 0,
        notBefore.toString());
    Instant tenYears = madeAt.atOffset(ZoneOffset.UTC).plusYears(10).toInstant();
    assertTrue(Duration.between(notAfter, tenYears).abs().compareTo(Duration.ofMinutes(5)) < 0,
        notAfter.toString());
  }

  @Test
  void hasARandomPositiveSerialOf127BitsAtMost() {
    assertEquals(1, made.certificate().getSerialNumber().signum());
    assertTrue(made.certificate().getSerialNumber().bitLength() <= 127);
    assertNotEquals(made.certificate().getSerialNumber(),
        SelfSignedCertificate.create("other").certificate().getSerialNumber());
  }

  @Test
  void itsKeyIdentifierIsTheSha1OfItsPublicKeyPoint() throws Exception {
    ECPublicKey key = (ECPublicKey) made.certificate().getPublicKey();
    byte[] point = new byte[65];
    point[0] = 4;
    copyUnsigned(key.getW().getAffineX().toByteArray(), point, 1);
    copyUnsigned(key.getW().getAffineY().toByteArray(), point, 33);
    byte[] expected = MessageDigest.getInstance("SHA-1").digest(point);
    byte[] extension = made.certificate().getExtensionValue("2.5.29.14");
    byte[] inner = DerReader.read(DerReader.read(extension).content()).content();
    assertArrayEquals(expected, inner);
  }

  @Test
  void itsPemFilesReadBack() throws Exception {
    String pem = made.certificatePem();
    assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----\n"));
    assertTrue(pem.lines().allMatch(line -> line.length() <= 64));
    X509Certificate read = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(made.certificate(), read);
    String keyPem = made.privateKeyPem();
    assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertTrue(PrivateKeys.matches(PrivateKeys.read(dir.resolve("k"), keyPem),
        read.getPublicKey()));
    assertFalse(made.toString().contains("private"), made.toString());
  }

  @Test
  void opensslReadsIt() throws Exception {
    String missing = "openssl is not on the PATH; this test checks that it accepts the"
        + " self-signed certificate (sudo apt-get install openssl)";
    if (System.getenv("CI") != null) {
      assertTrue(opensslInstalled(), missing);
    } else {
      Assumptions.assumeTrue(opensslInstalled(), missing);
    }
    Path file = Files.writeString(dir.resolve("certificate.pem"), made.certificatePem());
    Process openssl = new ProcessBuilder("openssl", "x509", "-noout", "-text", "-in",
        file.toString()).redirectErrorStream(true).start();
    String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(openssl.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, openssl.exitValue(), output);
    assertTrue(output.contains("TLS Web Server Authentication"), output);
    assertTrue(output.contains("DNS:localhost"), output);
    assertTrue(output.contains("IP Address:127.0.0.1"), output);
    assertTrue(output.contains("CA:FALSE"), output);
  }

  private static List<List<Object>> alternativeNames(X509Certificate certificate)
      throws Exception {
    return certificate.getSubjectAlternativeNames().stream()
        .map(name -> List.<Object>copyOf(name)).toList();
  }

  private static boolean opensslInstalled() {
    try {
      Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true)
          .start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static KeyPair keys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static void copyUnsigned(byte[] value, byte[] into, int at) {
    byte[] unsigned = value.length > 32 ? Arrays.copyOfRange(value, value.length - 32,
        value.length) : value;
    System.arraycopy(unsigned, 0, into, at + 32 - unsigned.length, unsigned.length);
  }
}
