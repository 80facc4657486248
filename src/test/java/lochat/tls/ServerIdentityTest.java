package lochat.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed identity a server makes and keeps in its data directory. */
class ServerIdentityTest {

  static final TlsSettings SELF_SIGNED = new TlsSettings(true, 0, "", "", "", true);

  @TempDir
  Path dataDir;

  private Path tls() {
    return dataDir.resolve("tls");
  }

  @Test
  void makesACertificateAtTheFirstLoadAndReusesItAfter() throws Exception {
    ServerIdentity first = ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    assertTrue(first.created());
    assertEquals(Optional.of(tls()), first.selfSignedDirectory());
    assertTrue(Files.isRegularFile(tls().resolve("certificate.pem")));
    assertTrue(Files.isRegularFile(tls().resolve("private-key.pem")));
    assertEquals("CN=kitchen,O=Lochat", first.certificate().getSubjectX500Principal().getName());
    assertEquals(Fingerprint.sha256(first.certificate()), first.fingerprint());
    assertEquals(List.of(), first.warnings());

    ServerIdentity second = ServerIdentity.load(SELF_SIGNED, dataDir, "renamed");
    assertFalse(second.created());
    assertEquals(first.fingerprint(), second.fingerprint());
    assertEquals(first.certificate(), second.certificate());
  }

  @Test
  void thePrivateKeyIsReadableByItsOwnerOnly() throws Exception {
    assumePosix();
    ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tls().resolve("private-key.pem"))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tls().resolve("certificate.pem"))));
    try (var left = Files.list(tls())) {
      assertEquals(2, left.count(), "no temporary file is left behind");
    }
  }

  @Test
  void aKeyOthersCanReadIsAWarning() throws Exception {
    assumePosix();
    ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    Path key = tls().resolve("private-key.pem");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(List.of("The TLS private key " + key + " can be read by other users"
            + " of this machine: `chmod 600 " + key + "`"),
        ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen").warnings());
  }

  @Test
  void aTlsClientSeesTheCertificateOverTls13() throws Exception {
    ServerIdentity identity = ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    Handshakes.Result result = Handshakes.withPolicy(identity.context(), socket -> {});
    assertNull(result.clientFailure());
    assertEquals("TLSv1.3", result.client().getProtocol());
    assertEquals(identity.certificate(), result.client().getPeerCertificates()[0]);
    assertEquals(1, result.client().getPeerCertificates().length);
    assertEquals("TLSv1.3", result.server().getNow(null));
  }

  @Test
  void aTls12ClientIsServedToo() throws Exception {
    ServerIdentity identity = ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    Handshakes.Result result = Handshakes.withPolicy(identity.context(),
        socket -> socket.setEnabledProtocols(new String[] {"TLSv1.2"}));
    assertNull(result.clientFailure());
    assertEquals("TLSv1.2", result.client().getProtocol());
    assertTrue(result.client().getCipherSuite().startsWith("TLS_ECDHE_ECDSA_WITH_"),
        result.client().getCipherSuite());
  }

  @Test
  void aCertificateWithoutItsKeySaysWhatToDo() throws Exception {
    ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    Path key = tls().resolve("private-key.pem");
    Files.delete(key);
    assertFailure(() -> ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen"),
        "is incomplete", key + " is not", "delete " + tls().resolve("certificate.pem"), "changed");
  }

  @Test
  void aKeyWithoutItsCertificateSaysWhatToDo() throws Exception {
    ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    Path certificate = tls().resolve("certificate.pem");
    Files.delete(certificate);
    assertFailure(() -> ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen"),
        certificate + " is not", "delete " + tls().resolve("private-key.pem"));
    assertFalse(Files.exists(certificate), "the half pair is not replaced");
  }

  @Test
  void aDamagedCertificateIsNamed() throws Exception {
    ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    Path certificate = tls().resolve("certificate.pem");
    Files.writeString(certificate, "-----BEGIN CERTIFICATE-----\nAAAA\n"
        + "-----END CERTIFICATE-----\n");
    assertFailure(() -> ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen"),
        "The TLS certificate " + certificate + " is damaged", "delete both");
  }

  @Test
  void aTruncatedKeyIsNamed() throws Exception {
    ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    Path key = tls().resolve("private-key.pem");
    Files.writeString(key, Files.readString(key).substring(0, 60));
    assertFailure(() -> ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen"),
        "The TLS private key " + key + " is damaged", "delete both");
  }

  @Test
  void aKeyFromAnotherCertificateIsRefused() throws Exception {
    ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen");
    Path key = tls().resolve("private-key.pem");
    Files.writeString(key, SelfSignedCertificate.create("other").privateKeyPem());
    assertFailure(() -> ServerIdentity.load(SELF_SIGNED, dataDir, "kitchen"),
        "The TLS private key " + key + " does not belong to the certificate", "delete both");
  }

  @Test
  void aDataDirectoryThatCannotBeWrittenIsNamed() throws Exception {
    Path notADirectory = Files.writeString(dataDir.resolve("file"), "x");
    assertFailure(() -> ServerIdentity.load(SELF_SIGNED, notADirectory, "kitchen"),
        "Cannot keep the self-signed TLS certificate in " + notADirectory.resolve("tls"),
        "lochat.data-dir");
  }

  private static void assumePosix() {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews()
        .contains("posix"), "this file system has no POSIX permissions");
  }

  /** {@code load} fails with one line holding every fragment. */
  static TlsUnavailable assertFailure(Executable load, String... fragments) {
    TlsUnavailable failure = assertThrows(TlsUnavailable.class, load);
    String message = failure.getMessage();
    assertFalse(message.contains("\n"), "one line: " + message);
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), "\"" + fragment + "\" in: " + message);
    }
    return failure;
  }
}
