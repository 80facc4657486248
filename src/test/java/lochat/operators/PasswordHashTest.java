package lochat.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

  private static final String HASH = PasswordHash.hash("correct horse".toCharArray());

  @Test
  void aHashMatchesItsPasswordAndNoOther() {
    assertTrue(PasswordHash.matches("correct horse".toCharArray(), HASH));
    assertFalse(PasswordHash.matches("correct hors".toCharArray(), HASH));
    assertFalse(PasswordHash.matches("Correct horse".toCharArray(), HASH));
    assertFalse(PasswordHash.matches(new char[0], HASH));
  }

  @Test
  void aHashIsSaltedSlowAndSaysHowItWasMade() {
    String again = PasswordHash.hash("correct horse".toCharArray());
    assertNotEquals(HASH, again, "a fresh salt each time");
    String[] parts = HASH.split("\\$");
    assertEquals("pbkdf2-sha256", parts[0]);
    assertTrue(Integer.parseInt(parts[1]) >= 210_000);
    assertEquals(16, Base64.getDecoder().decode(parts[2]).length);
    assertEquals(32, Base64.getDecoder().decode(parts[3]).length);
    assertTrue(PasswordHash.isHash(HASH));
  }

  @Test
  void whatIsNotAHashIsNeitherAcceptedNorMatched() {
    String[] parts = HASH.split("\\$");
    for (String notAHash : new String[] {"", "secret", "pbkdf2-sha256$210000$$",
        "bcrypt$210000$" + parts[2] + "$" + parts[3],
        "pbkdf2-sha256$1000$" + parts[2] + "$" + parts[3],
        "pbkdf2-sha256$99999999$" + parts[2] + "$" + parts[3],
        "pbkdf2-sha256$210000$c2hvcnQ=$" + parts[3],
        "pbkdf2-sha256$210000$" + parts[2] + "$not*base64",
        HASH + "$extra"}) {
      assertFalse(PasswordHash.isHash(notAHash), notAHash);
      assertFalse(PasswordHash.matches("correct horse".toCharArray(), notAHash), notAHash);
    }
  }

  @Test
  void moreIterationsThanTheLeastStillVerify() {
    byte[] salt = new byte[16];
    String stronger = PasswordHash.encode(300_000, salt,
        Base64.getDecoder().decode(PasswordHash.hash("x".toCharArray()).split("\\$")[3]));
    assertTrue(PasswordHash.isHash(stronger));
    assertFalse(PasswordHash.matches("x".toCharArray(), stronger), "other salt, other hash");
  }

  @Test
  void comparisonIsInConstantTime() throws IOException {
    // Timing cannot be asserted in a unit test; what can be is that the hashes are compared
    // with MessageDigest.isEqual, which the JDK documents as constant time, and nothing else.
    String source = Files.readString(
        Path.of("src/main/java/lochat/operators/PasswordHash.java"), StandardCharsets.UTF_8);
    assertTrue(source.contains("MessageDigest.isEqual(derived, parsed.hash)"));
    assertFalse(source.contains("Arrays.equals("));
    String[] parts = HASH.split("\\$");
    byte[] hash = Base64.getDecoder().decode(parts[3]);
    for (int at : new int[] {0, hash.length - 1}) {
      byte[] other = hash.clone();
      other[at] ^= 1;
      String near = String.join("$", parts[0], parts[1], parts[2],
          Base64.getEncoder().encodeToString(other));
      assertFalse(PasswordHash.matches("correct horse".toCharArray(), near));
    }
  }

  @Test
  void theCommandPrintsAHashOfTheFirstLineAndRefusesAnEmptyOne() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    char[] line = HashPasswordCommand.firstLine(new ByteArrayInputStream(
        "s3cret pass\nignored\n".getBytes(StandardCharsets.UTF_8)));
    assertEquals(0, HashPasswordCommand.hashed(line, new PrintStream(out), new PrintStream(err)));
    assertTrue(PasswordHash.matches("s3cret pass".toCharArray(), out.toString().strip()));

    out.reset();
    assertEquals(2, HashPasswordCommand.hashed(
        HashPasswordCommand.firstLine(new ByteArrayInputStream(new byte[0])),
        new PrintStream(out), new PrintStream(err)));
    assertEquals("", out.toString());
    assertTrue(err.toString().startsWith("No password given"), err.toString());
  }
}
