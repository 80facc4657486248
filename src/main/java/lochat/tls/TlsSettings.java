package lochat.tls;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.Locale;
import java.util.Optional;
import lochat.ConfigChecks;

/**
 * The {@code lochat.tls} block: whether the listeners also listen for TLS, where the native
 * one does, and the server's certificate.
 *
 * @param enabled whether every listener has a TLS port beside its plain one
 * @param port the native protocol's TLS port; 0 picks a free one
 * @param certificate a PEM certificate chain or a PKCS#12 keystore; "" for the self-signed one
 *     kept in the data directory
 * @param privateKey the PEM private key of a PEM certificate; "" with a keystore
 * @param password a PKCS#12 keystore's password
 * @param plainPorts whether the plain (not TLS) ports are listened on too
 */
public record TlsSettings(boolean enabled, int port, String certificate, String privateKey,
    String password, boolean plainPorts) {

  /** Whether {@link #certificate} names a PKCS#12 keystore rather than a PEM file. */
  public boolean keystore() {
    String name = certificate.toLowerCase(Locale.ROOT);
    return name.endsWith(".p12") || name.endsWith(".pfx");
  }

  /** Whether the server makes (or reuses) its own self-signed certificate. */
  public boolean selfSigned() {
    return certificate.isEmpty();
  }

  /** @throws ConfigException when the settings do not go together */
  public static TlsSettings fromConfig(Config lochat) {
    Config tls = lochat.getConfig("tls");
    TlsSettings settings = new TlsSettings(
        tls.getBoolean("enabled"),
        ConfigChecks.port(lochat, "tls.port"),
        tls.getString("certificate"),
        tls.getString("private-key"),
        tls.getString("password"),
        tls.getBoolean("plain-ports"));
    settings.problem().ifPresent(problem -> {
      throw new ConfigException.BadValue(problem.path(), problem.text());
    });
    return settings;
  }

  private record Problem(String path, String text) {}

  private Optional<Problem> problem() {
    if (certificate.isEmpty() && !privateKey.isEmpty()) {
      return Optional.of(new Problem("lochat.tls.private-key",
          "is set but lochat.tls.certificate is not: give both, or neither for a self-signed"
              + " certificate"));
    }
    if (!certificate.isEmpty() && keystore() && !privateKey.isEmpty()) {
      return Optional.of(new Problem("lochat.tls.private-key",
          "must be \"\" with a PKCS#12 keystore (" + certificate + "), which holds the key"));
    }
    if (!certificate.isEmpty() && !keystore() && privateKey.isEmpty()) {
      return Optional.of(new Problem("lochat.tls.private-key",
          "is needed with the PEM certificate " + certificate
              + " (or give a .p12 keystore as the certificate)"));
    }
    if (!enabled && !plainPorts) {
      return Optional.of(new Problem("lochat.tls.plain-ports",
          "is off but TLS is off too (lochat.tls.enabled): nothing would be listened on"));
    }
    return Optional.empty();
  }
}
