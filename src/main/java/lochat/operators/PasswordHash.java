package lochat.operators;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted, slow password hashes, so that the configuration holds no password an operator could
 * have reused elsewhere, and a stolen configuration costs an attacker {@value #ITERATIONS}
 * HMAC-SHA256 rounds per guess.
 *
 * <p>A hash is written {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}, salt and hash in standard
 * Base64: PBKDF2 with HMAC-SHA256 from the JDK, a random {@value #SALT_BYTES}-byte salt and a
 * {@value #HASH_BYTES}-byte result. {@link #matches} compares in constant time
 * ({@link MessageDigest#isEqual}) and accepts any iteration count from {@value #ITERATIONS} to
 * {@value #MOST_ITERATIONS}, so that hashes made stronger later still verify.
 *
 * <p>Limits: pure, thread-safe, and slow on purpose (a fraction of a second per call): never
 * call {@link #hash} or {@link #matches} on an actor's own thread.
 */
public final class PasswordHash {

  /** The work factor of new hashes, and the least accepted (OWASP's advice for 2023). */
  public static final int ITERATIONS = 210_000;
  /** The most iterations a hash may ask for, so that a hash cannot make checking hang. */
  static final int MOST_ITERATIONS = 10_000_000;
  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  static final String SCHEME = "pbkdf2-sha256";

  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final Pattern FORMAT = Pattern.compile(
      Pattern.quote(SCHEME) + "\\$([0-9]{1,9})\\$([A-Za-z0-9+/]+={0,2})\\$([A-Za-z0-9+/]+={0,2})");
  private static final SecureRandom RANDOM = new SecureRandom();

  private PasswordHash() {}

  /** A new hash of {@code password}, with a fresh salt. */
  public static String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return encode(ITERATIONS, salt, derive(password, salt, ITERATIONS, HASH_BYTES));
  }

  /** Whether {@code password} is the one {@code encoded} was made of; false if not a hash. */
  public static boolean matches(char[] password, String encoded) {
    Parsed parsed = parse(encoded);
    if (parsed == null || password.length == 0) {
      return false;
    }
    byte[] derived = derive(password, parsed.salt, parsed.iterations, parsed.hash.length);
    return MessageDigest.isEqual(derived, parsed.hash);
  }

  /** Whether {@code text} is a hash {@link #hash} could have made. */
  public static boolean isHash(String text) {
    return text != null && parse(text) != null;
  }

  static String encode(int iterations, byte[] salt, byte[] hash) {
    Base64.Encoder base64 = Base64.getEncoder();
    return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
        + base64.encodeToString(hash);
  }

  private record Parsed(int iterations, byte[] salt, byte[] hash) {}

  private static Parsed parse(String encoded) {
    Matcher matcher = FORMAT.matcher(encoded.strip());
    if (!matcher.matches()) {
      return null;
    }
    int iterations = Integer.parseInt(matcher.group(1));
    if (iterations < ITERATIONS || iterations > MOST_ITERATIONS) {
      return null;
    }
    try {
      byte[] salt = Base64.getDecoder().decode(matcher.group(2));
      byte[] hash = Base64.getDecoder().decode(matcher.group(3));
      if (salt.length < SALT_BYTES || hash.length < HASH_BYTES || hash.length > 64) {
        return null;
      }
      return new Parsed(iterations, salt, hash);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException missing) {
      throw new IllegalStateException(ALGORITHM + " is missing from this Java runtime", missing);
    } finally {
      spec.clearPassword();
    }
  }

  /** Overwrites {@code password}, once it is no longer needed. */
  public static void forget(char[] password) {
    Arrays.fill(password, '\0');
  }
}
