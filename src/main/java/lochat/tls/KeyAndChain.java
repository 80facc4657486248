package lochat.tls;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key and its certificate chain, leaf first, as read from PEM files or a keystore,
 * before they become an {@link javax.net.ssl.SSLContext}; with the file they came from, for
 * messages.
 */
record KeyAndChain(PrivateKey key, List<X509Certificate> chain, Path source) {

  KeyAndChain {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a chain has a certificate at least");
    }
  }

  X509Certificate leaf() {
    return chain.get(0);
  }

  /** Hides the key, which some JDK keys print whole. */
  @Override
  public String toString() {
    return "KeyAndChain[" + leaf().getSubjectX500Principal() + " from " + source + "]";
  }
}
