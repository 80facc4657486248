package lochat.tls;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a server's PEM private key in the forms people have: PKCS#8 ({@code BEGIN PRIVATE
 * KEY}: RSA, EC, Ed25519, Ed448), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN
 * EC PRIVATE KEY} on P-256, P-384 or P-521), the older two rewrapped as PKCS#8 for the JDK; and
 * checks that a key belongs to a certificate by signing and verifying a message.
 *
 * <p>Encrypted keys are refused with the {@code openssl} command that decrypts them: the server
 * starts unattended, so it has no one to ask for a passphrase. DSA keys are not read.
 */
final class PrivateKeys {

  static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
  static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

  private static final Map<String, String> ALGORITHMS = Map.of(
      RSA_ENCRYPTION, "RSA", EC_PUBLIC_KEY, "EC", "1.3.101.112", "Ed25519",
      "1.3.101.113", "Ed448");
  private static final Map<String, String> CURVES = Map.of(
      "1.2.840.10045.3.1.7", "P-256", "1.3.132.0.34", "P-384", "1.3.132.0.35", "P-521");
  private static final Map<String, String> SIGNATURES = Map.of(
      "RSA", "SHA256withRSA", "EC", "SHA256withECDSA", "EdDSA", "EdDSA",
      "Ed25519", "Ed25519", "Ed448", "Ed448");

  private PrivateKeys() {}

  /** The private key in the PEM text of {@code file}. */
  static PrivateKey read(Path file, String text) throws TlsUnavailable {
    List<Pem.Block> blocks;
    try {
      blocks = Pem.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TlsUnavailable("The TLS private key " + file + " is damaged: " + e.getMessage());
    }
    Optional<Pem.Block> key = blocks.stream()
        .filter(block -> block.type().endsWith("PRIVATE KEY")).findFirst();
    if (key.isEmpty()) {
      throw new TlsUnavailable("The TLS private key " + file
          + " holds no PEM private key (a \"-----BEGIN PRIVATE KEY-----\" block)");
    }
    Pem.Block block = key.get();
    if (block.type().equals("ENCRYPTED PRIVATE KEY") || block.encryptedHeader()) {
      throw new TlsUnavailable("The TLS private key " + file + " is encrypted, and the server"
          + " cannot ask for its passphrase: decrypt it with `openssl pkey -in " + file
          + " -out decrypted-key.pem`, keep that file readable by the server's user only,"
          + " and give it as lochat.tls.private-key");
    }
    try {
      return decode(file, block);
    } catch (RuntimeException | GeneralSecurityException e) {
      throw new TlsUnavailable("The TLS private key " + file + " is damaged ("
          + TlsUnavailable.reason(e) + ")", e);
    }
  }

  /** Whether {@code key} signs what {@code certificateKey} verifies. */
  static boolean matches(PrivateKey key, PublicKey certificateKey) {
    String algorithm = SIGNATURES.get(key.getAlgorithm());
    if (algorithm == null) {
      return false;
    }
    byte[] message = "Lochat checks that this key belongs to its certificate"
        .getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(message);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificateKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static PrivateKey decode(Path file, Pem.Block block)
      throws TlsUnavailable, GeneralSecurityException {
    byte[] pkcs8 = switch (block.type()) {
      case "PRIVATE KEY" -> block.der();
      case "RSA PRIVATE KEY" -> Der.sequence(Der.integer(0),
          Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nullValue()), Der.octetString(block.der()));
      case "EC PRIVATE KEY" -> Der.sequence(Der.integer(0),
          Der.sequence(Der.oid(EC_PUBLIC_KEY), Der.oid(sec1Curve(file, block.der()))),
          Der.octetString(block.der()));
      default -> throw new TlsUnavailable("The TLS private key " + file + " is a \""
          + block.type() + "\", which Lochat does not read: give an RSA or EC key"
          + " (\"PRIVATE KEY\", \"RSA PRIVATE KEY\" or \"EC PRIVATE KEY\")");
    };
    String oid = DerReader.read(pkcs8).children().get(1).children().get(0).oid();
    String algorithm = ALGORITHMS.get(oid);
    if (algorithm == null) {
      throw new TlsUnavailable("The TLS private key " + file + " is for an algorithm Lochat"
          + " does not read (OID " + oid + "): give an RSA, EC or Ed25519 key");
    }
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
  }

  private static String sec1Curve(Path file, byte[] sec1) throws TlsUnavailable {
    Optional<DerReader.Value> parameters = DerReader.read(sec1).child(0xA0);
    if (parameters.isEmpty()) {
      throw new TlsUnavailable("The TLS private key " + file + " does not name its curve:"
          + " rewrite it with `openssl pkey -in " + file + " -out key.pem` and give that");
    }
    String curve = DerReader.read(parameters.get().content()).oid();
    if (!CURVES.containsKey(curve)) {
      throw new TlsUnavailable("The TLS private key " + file + " is on a curve Lochat does not"
          + " read (OID " + curve + "): use P-256, P-384 or P-521");
    }
    return curve;
  }
}
