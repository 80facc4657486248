package lochat.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * A certificate's SHA-256 fingerprint as people compare them: upper-case hex bytes joined by
 * colons, the form {@code openssl x509 -fingerprint -sha256} and browsers' certificate viewers
 * show. The server logs it; the client shows it and keeps it in its known servers.
 */
public final class Fingerprint {

  private static final HexFormat HEX = HexFormat.ofDelimiter(":").withUpperCase();

  private Fingerprint() {}

  /** The SHA-256 fingerprint of {@code certificate}'s DER encoding. */
  public static String sha256(X509Certificate certificate) {
    try {
      return sha256(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** The SHA-256 fingerprint of {@code der}. */
  public static String sha256(byte[] der) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
