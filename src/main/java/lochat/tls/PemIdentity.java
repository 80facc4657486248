package lochat.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a PEM certificate file (the server's certificate, then any intermediates) and its PEM
 * private key ({@link PrivateKeys}), and checks that the key belongs to the first certificate.
 *
 * <p>It does not check that the chain is in order or complete: a client that cannot build a
 * path to its trusted roots says so itself. Files larger than {@value #LIMIT} bytes are refused
 * as not being certificates or keys.
 */
final class PemIdentity {

  static final int LIMIT = 1024 * 1024;

  private PemIdentity() {}

  static KeyAndChain load(Path certificateFile, Path keyFile) throws TlsUnavailable {
    List<X509Certificate> chain = certificates(certificateFile,
        read("certificate", certificateFile, "lochat.tls.certificate"));
    PrivateKey key = PrivateKeys.read(keyFile,
        read("private key", keyFile, "lochat.tls.private-key"));
    if (!PrivateKeys.matches(key, chain.get(0).getPublicKey())) {
      throw new TlsUnavailable("The TLS private key " + keyFile + " does not belong to the"
          + " certificate " + certificateFile + " (its first certificate)");
    }
    return new KeyAndChain(key, chain, certificateFile);
  }

  private static List<X509Certificate> certificates(Path file, String text)
      throws TlsUnavailable {
    List<Pem.Block> blocks;
    try {
      blocks = Pem.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TlsUnavailable("The TLS certificate " + file + " is damaged: " + e.getMessage());
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Pem.Block block : blocks) {
        if (block.type().equals("CERTIFICATE")) {
          chain.add((X509Certificate) factory.generateCertificate(
              new ByteArrayInputStream(block.der())));
        }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TlsUnavailable("The TLS certificate " + file + " is damaged ("
          + TlsUnavailable.reason(e) + ")", e);
    }
    if (chain.isEmpty()) {
      throw new TlsUnavailable("The TLS certificate " + file + " holds no PEM certificate"
          + " (a \"-----BEGIN CERTIFICATE-----\" block)");
    }
    return chain;
  }

  private static String read(String what, Path file, String setting) throws TlsUnavailable {
    try {
      if (Files.size(file) > LIMIT) {
        throw new TlsUnavailable("The TLS " + what + " " + file + " is over " + LIMIT / 1024
            + " KiB: it is not a PEM " + what);
      }
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new TlsUnavailable("The TLS " + what + " " + file + " does not exist (" + setting
          + ")");
    } catch (IOException e) {
      throw new TlsUnavailable("Cannot read the TLS " + what + " " + file + ": "
          + TlsUnavailable.reason(e), e);
    }
  }
}
