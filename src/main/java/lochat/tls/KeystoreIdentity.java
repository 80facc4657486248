package lochat.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads a PKCS#12 keystore (.p12, .pfx): its first entry with a private key, and that entry's
 * certificate chain. The keystore's password opens the key too, as {@code openssl pkcs12
 * -export} and {@code keytool} make them.
 *
 * <p>A keystore with several keys serves the first; make one with only the server's key to
 * choose.
 */
final class KeystoreIdentity {

  private KeystoreIdentity() {}

  static KeyAndChain load(Path file, String password) throws TlsUnavailable {
    KeyStore store = open(file, password.toCharArray());
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          continue;
        }
        Key key = store.getKey(alias, password.toCharArray());
        Certificate[] chain = store.getCertificateChain(alias);
        if (key instanceof PrivateKey privateKey && chain != null && chain.length > 0) {
          return new KeyAndChain(privateKey, x509(file, chain), file);
        }
      }
    } catch (UnrecoverableKeyException e) {
      throw new TlsUnavailable("The key in the TLS keystore " + file + " has a password other"
          + " than the keystore's (lochat.tls.password): export it again with one password", e);
    } catch (GeneralSecurityException e) {
      throw new TlsUnavailable("The TLS keystore " + file + " cannot be read ("
          + TlsUnavailable.reason(e) + ")", e);
    }
    throw new TlsUnavailable("The TLS keystore " + file + " holds no private key with its"
        + " certificate: export the server's key and certificate into it (openssl pkcs12"
        + " -export -inkey KEY -in CERTIFICATE -out " + file + ")");
  }

  private static KeyStore open(Path file, char[] password) throws TlsUnavailable {
    byte[] bytes;
    try {
      if (Files.size(file) > PemIdentity.LIMIT) {
        throw new TlsUnavailable("The TLS keystore " + file + " is over "
            + PemIdentity.LIMIT / 1024 + " KiB: it is not a server's keystore");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new TlsUnavailable("The TLS keystore " + file + " does not exist"
          + " (lochat.tls.certificate)");
    } catch (IOException e) {
      throw new TlsUnavailable("Cannot read the TLS keystore " + file + ": "
          + TlsUnavailable.reason(e), e);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(new ByteArrayInputStream(bytes), password);
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new TlsUnavailable("The password for the TLS keystore " + file
            + " is wrong: set lochat.tls.password to the one it was exported with", e);
      }
      throw new TlsUnavailable("The TLS keystore " + file + " is not a PKCS#12 keystore or is"
          + " damaged (" + TlsUnavailable.reason(e) + ")", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new TlsUnavailable("The TLS keystore " + file + " cannot be read ("
          + TlsUnavailable.reason(e) + ")", e);
    }
  }

  private static List<X509Certificate> x509(Path file, Certificate[] chain)
      throws TlsUnavailable {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Certificate certificate : chain) {
      if (!(certificate instanceof X509Certificate x509)) {
        throw new TlsUnavailable("The TLS keystore " + file + " holds a "
            + certificate.getType() + " certificate; TLS needs X.509");
      }
      certificates.add(x509);
    }
    return certificates;
  }
}
