package lochat.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate a server makes for itself when it is given none: an X.509 v3 certificate
 * signed by its own key, built with {@link Der} and {@link Signature} because the JDK has no
 * public API for making certificates. Subject and issuer are {@code CN=<server name>, O=Lochat};
 * it is valid from a day ago (clocks differ) for ten years; its key is EC P-256 signed with
 * SHA256withECDSA; it is a TLS server's certificate (basicConstraints CA:false, keyUsage
 * digitalSignature, extendedKeyUsage serverAuth), for the names and addresses given.
 *
 * <p>No client trusts it by a CA: clients trust it on first use and compare its fingerprint.
 * Browsers warn about it; that is the price of no configuration.
 *
 * @param privateKey its key
 * @param certificate the certificate, as the JDK parses it
 */
public record SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {

  private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
  private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
  private static final int COMMON_NAME_LIMIT = 64;

  /** A certificate for this machine's names and addresses ({@link LocalNames}). */
  public static SelfSignedCertificate create(String serverName) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      Instant now = Instant.now();
      return create(serverName, generator.generateKeyPair(), LocalNames.dnsNames(),
          LocalNames.addresses(), now.minus(Duration.ofDays(1)),
          now.atOffset(ZoneOffset.UTC).plusYears(10).toInstant());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK makes EC P-256 keys", e);
    }
  }

  /** A certificate for {@code keys} (EC or RSA), these names and this validity. */
  static SelfSignedCertificate create(String serverName, KeyPair keys, List<String> dnsNames,
      List<InetAddress> addresses, Instant notBefore, Instant notAfter) {
    boolean rsa = keys.getPublic().getAlgorithm().equals("RSA");
    byte[] algorithm = rsa ? Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nullValue())
        : Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    byte[] name = name(serverName);
    byte[] publicKeyInfo = keys.getPublic().getEncoded();
    byte[] tbs = Der.sequence(
        Der.explicit(0, Der.integer(2)),
        Der.integer(serial()),
        algorithm,
        name,
        Der.sequence(Der.time(notBefore), Der.time(notAfter)),
        name,
        publicKeyInfo,
        Der.explicit(3, Der.sequence(
            extension("2.5.29.19", true, Der.sequence()),
            extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0x80}, 7)),
            extension("2.5.29.37", false, Der.sequence(Der.oid("1.3.6.1.5.5.7.3.1"))),
            extension("2.5.29.17", false, alternativeNames(dnsNames, addresses)),
            extension("2.5.29.14", false, Der.octetString(keyIdentifier(publicKeyInfo))))));
    try {
      Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new SelfSignedCertificate(keys.getPrivate(), certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK refused the certificate it signed", e);
    }
  }

  /** The certificate as a PEM file's text. */
  public String certificatePem() {
    try {
      return Pem.encode("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a certificate we parsed cannot be encoded", e);
    }
  }

  /** The private key as an unencrypted PKCS#8 PEM file's text. */
  public String privateKeyPem() {
    return Pem.encode("PRIVATE KEY", privateKey.getEncoded());
  }

  /** The certificate's subject, never the key. */
  @Override
  public String toString() {
    return "SelfSignedCertificate[" + certificate.getSubjectX500Principal() + "]";
  }

  private static byte[] name(String serverName) {
    String common = serverName.isBlank() ? "Lochat" : serverName.strip();
    if (common.codePointCount(0, common.length()) > COMMON_NAME_LIMIT) {
      common = common.substring(0, common.offsetByCodePoints(0, COMMON_NAME_LIMIT));
    }
    return Der.sequence(
        Der.set(Der.sequence(Der.oid("2.5.4.10"), Der.utf8String("Lochat"))),
        Der.set(Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(common))));
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }

  private static byte[] alternativeNames(List<String> dnsNames, List<InetAddress> addresses) {
    List<byte[]> names = new ArrayList<>();
    dnsNames.forEach(dns -> names.add(Der.implicit(2, dns.getBytes(StandardCharsets.US_ASCII))));
    addresses.forEach(address -> names.add(Der.implicit(7, address.getAddress())));
    return Der.sequence(names.toArray(byte[][]::new));
  }

  /** RFC 5280's method 1: the SHA-1 of the public key's bits. */
  private static byte[] keyIdentifier(byte[] publicKeyInfo) {
    byte[] bits = DerReader.read(publicKeyInfo).children().get(1).content();
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(bits, 1, bits.length - 1);
      return sha1.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  private static BigInteger serial() {
    SecureRandom random = new SecureRandom();
    BigInteger serial;
    do {
      serial = new BigInteger(127, random);
    } while (serial.signum() == 0);
    return serial;
  }
}
