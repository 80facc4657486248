package lochat.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import lochat.testing.TlsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading {@code --ca FILE}: every certificate in it, or one line saying what is wrong. */
class CaTrustTest {

  @TempDir Path dir;

  @Test
  void everyCertificateInTheFileIsTrusted() throws Exception {
    Path file = dir.resolve("cas.pem");
    Files.writeString(file, Files.readString(TlsFixtures.path("ca.crt")) + "\n"
        + Files.readString(TlsFixtures.path("first.crt")));
    assertEquals(Set.of("CN=Lochat Test CA", "CN=localhost"),
        Arrays.stream(CaTrust.readAnchors(file).getAcceptedIssuers())
        .map(certificate -> certificate.getSubjectX500Principal().getName())
        .collect(Collectors.toSet()));
  }

  @Test
  void aMissingFileIsSaidInOneLine() {
    Path file = dir.resolve("nothing.pem");
    assertEquals("Cannot read --ca " + file + ": no such file",
        assertThrows(TrustSetupException.class, () -> CaTrust.readAnchors(file)).getMessage());
  }

  @Test
  void aFileWithoutCertificatesIsSaidInOneLine() throws Exception {
    Path key = TlsFixtures.path("first.key");
    String message =
        assertThrows(TrustSetupException.class, () -> CaTrust.readAnchors(key)).getMessage();
    assertEquals(1, message.lines().count(), message);
    assertEquals("Invalid --ca " + key, message.substring(0, message.indexOf(':')));
  }

  @Test
  void garbageIsSaidInOneLine() throws Exception {
    Path file = dir.resolve("garbage.pem");
    Files.writeString(file, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n"
        + "-----END CERTIFICATE-----\n");
    String message =
        assertThrows(TrustSetupException.class, () -> CaTrust.readAnchors(file)).getMessage();
    assertEquals(1, message.lines().count(), message);
    assertEquals("Invalid --ca " + file, message.substring(0, message.indexOf(':')));
  }
}
