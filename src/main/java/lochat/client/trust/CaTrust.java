package lochat.client.trust;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import lochat.Failures;

/**
 * Trust in the CAs of one PEM file ({@code --ca FILE}) and in nothing else: the JDK's PKIX
 * validation of the server's chain against them, and the server's certificate must name the host
 * connected to (its subject alternative names, as HTTPS checks them). Known servers are not used.
 * Revocation is not checked.
 */
public final class CaTrust implements ServerTrust {

  private final Path file;
  private final String server;
  private final X509ExtendedTrustManager manager;

  /**
   * @param file where {@code anchors} were read, for messages
   * @param server the server connected to, as {@link KnownServers#server} names it
   * @param anchors {@link #readAnchors}'s trust manager
   */
  CaTrust(Path file, String server, X509ExtendedTrustManager anchors) {
    this.file = file;
    this.server = server;
    this.manager = anchors;
  }

  /**
   * PKIX validation against the certificates of {@code file}, and nothing else.
   *
   * @throws TrustSetupException when the file cannot be read or holds no certificate
   */
  static X509ExtendedTrustManager readAnchors(Path file) throws TrustSetupException {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException e) {
      throw new TrustSetupException("Cannot read --ca " + file + ": " + Failures.ofFile(e));
    } catch (CertificateException e) {
      throw new TrustSetupException("Invalid --ca " + file + ": not PEM certificates ("
          + Failures.inSentence(e) + ")");
    }
    if (certificates.isEmpty()) {
      throw new TrustSetupException("Invalid --ca " + file
          + ": no certificate in it (PEM, -----BEGIN CERTIFICATE-----)");
    }
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        anchors.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(anchors);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager extended) {
          return extended;
        }
      }
      throw new IllegalStateException("the JDK's PKIX trust manager is an extended one");
    } catch (GeneralSecurityException | IOException e) {
      throw new TrustSetupException("Invalid --ca " + file + ": " + Failures.inSentence(e));
    }
  }

  @Override
  public X509ExtendedTrustManager trustManager() {
    return manager;
  }

  @Override
  public boolean checksHostName() {
    return true;
  }

  @Override
  public void trusted(Consumer<String> notices) {}

  @Override
  public Optional<String> refusal(Throwable failure) {
    Optional<String> why = Optional.empty();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CertPathBuilderException) {
        return Optional.of(notTrusted("it is not signed by a CA in " + file));
      }
      if (cause instanceof CertPathValidatorException invalid) {
        return Optional.of(notTrusted("its chain is not valid (" + Failures.inSentence(invalid)
            + ")"));
      }
      if (cause instanceof CertificateException named && why.isEmpty()) {
        why = Optional.of(notTrusted("it does not name the host connected to ("
            + Failures.inSentence(named) + ")"));
      }
    }
    return why;
  }

  private String notTrusted(String why) {
    return "The certificate of " + server + " is not trusted: " + why;
  }
}
