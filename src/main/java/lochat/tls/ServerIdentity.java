package lochat.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Who the server is to TLS clients: its certificate chain and private key, from the files
 * {@code lochat.tls} names (PEM or PKCS#12) or from the self-signed certificate it makes once
 * and keeps in {@code <data-dir>/tls/}, as an {@link SSLContext} that every TLS listener shares.
 * Engines are made from {@link #context()} with {@link TlsPolicy#serverEngine}.
 *
 * <p>Anything wrong with the files is a {@link TlsUnavailable} with one line for people; a
 * certificate outside its validity is served anyway, with a {@link #warnings() warning} to log,
 * because clients that trust it by fingerprint still can. The files are read once, at start: a
 * renewed certificate needs a restart.
 */
public final class ServerIdentity {

  private static final char[] IN_MEMORY_PASSWORD = "lochat".toCharArray();

  private final SSLContext context;
  private final X509Certificate certificate;
  private final String fingerprint;
  private final boolean created;
  private final Optional<Path> selfSignedDirectory;
  private final List<String> warnings;

  private ServerIdentity(SSLContext context, X509Certificate certificate, boolean created,
      Optional<Path> selfSignedDirectory, List<String> warnings) {
    this.context = context;
    this.certificate = certificate;
    this.fingerprint = Fingerprint.sha256(certificate);
    this.created = created;
    this.selfSignedDirectory = selfSignedDirectory;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The identity {@code settings} describe: a PKCS#12 keystore, a PEM certificate and key, or
   * (certificate "") the self-signed one in {@code dataDir}, made for {@code serverName} now if
   * there is none yet.
   */
  public static ServerIdentity load(TlsSettings settings, Path dataDir, String serverName)
      throws TlsUnavailable {
    if (settings.selfSigned()) {
      return selfSigned(new SelfSignedFiles(dataDir), serverName);
    }
    Path certificateFile = path(settings.certificate(), "lochat.tls.certificate");
    Path keyFile = settings.keystore() ? null
        : path(settings.privateKey(), "lochat.tls.private-key");
    KeyAndChain loaded = settings.keystore()
        ? KeystoreIdentity.load(certificateFile, settings.password())
        : PemIdentity.load(certificateFile, keyFile);
    if (settings.keystore() && !PrivateKeys.matches(loaded.key(), loaded.leaf().getPublicKey())) {
      throw new TlsUnavailable("The key in the TLS keystore " + certificateFile + " does not"
          + " belong to its certificate: export the key with the certificate made for it");
    }
    List<String> warnings = new ArrayList<>(validityWarnings(loaded, Instant.now()));
    if (!settings.keystore()) {
      keyPermissionWarning(keyFile).ifPresent(warnings::add);
    }
    return of(loaded, false, Optional.empty(), warnings);
  }

  /** The context every TLS listener makes its engines from. */
  public SSLContext context() {
    return context;
  }

  /** The server's own certificate (the chain's first). */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate's SHA-256 {@link Fingerprint}, for the log and for users to compare. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Whether a self-signed certificate was made by this load (the server's first TLS start). */
  public boolean created() {
    return created;
  }

  /** Where the self-signed certificate and its key are kept; empty with files given. */
  public Optional<Path> selfSignedDirectory() {
    return selfSignedDirectory;
  }

  /** What the server should log as warnings: an expired certificate, a key others can read. */
  public List<String> warnings() {
    return warnings;
  }

  private static Path path(String value, String setting) throws TlsUnavailable {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new TlsUnavailable(setting + " is not a file name here: " + e.getReason());
    }
  }

  private static ServerIdentity selfSigned(SelfSignedFiles files, String serverName)
      throws TlsUnavailable {
    boolean create = files.absent();
    if (create) {
      files.write(SelfSignedCertificate.create(serverName));
    }
    KeyAndChain loaded;
    try {
      loaded = PemIdentity.load(files.certificate(), files.privateKey());
    } catch (TlsUnavailable e) {
      throw new TlsUnavailable(e.getMessage() + files.deleteHint(), e);
    }
    List<String> warnings = new ArrayList<>(validityWarnings(loaded, Instant.now()));
    keyPermissionWarning(files.privateKey()).ifPresent(warnings::add);
    return of(loaded, create, Optional.of(files.directory()), warnings);
  }

  private static ServerIdentity of(KeyAndChain loaded, boolean created,
      Optional<Path> selfSignedDirectory, List<String> warnings) throws TlsUnavailable {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", loaded.key(), IN_MEMORY_PASSWORD,
          loaded.chain().toArray(X509Certificate[]::new));
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, IN_MEMORY_PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return new ServerIdentity(context, loaded.leaf(), created, selfSignedDirectory, warnings);
    } catch (GeneralSecurityException | IOException e) {
      throw new TlsUnavailable("The TLS key and certificate from " + loaded.source()
          + " cannot be used for TLS (" + TlsUnavailable.reason(e) + ")", e);
    }
  }

  static List<String> validityWarnings(KeyAndChain loaded, Instant now) {
    List<String> warnings = new ArrayList<>();
    for (X509Certificate certificate : loaded.chain()) {
      String which = certificate == loaded.leaf() ? "The TLS certificate " + loaded.source()
          : "The intermediate certificate " + certificate.getSubjectX500Principal().getName()
              + " in " + loaded.source();
      try {
        certificate.checkValidity(Date.from(now));
      } catch (CertificateExpiredException e) {
        warnings.add(which + " expired on "
            + certificate.getNotAfter().toInstant() + ": clients that check it will refuse"
            + " to connect; renew it");
      } catch (CertificateNotYetValidException e) {
        warnings.add(which + " is not valid before "
            + certificate.getNotBefore().toInstant() + ": clients that check it will refuse"
            + " to connect until then (is this machine's clock right?)");
      }
    }
    return warnings;
  }

  private static Optional<String> keyPermissionWarning(Path key) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(key);
      if (permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ)) {
        return Optional.of("The TLS private key " + key + " can be read by other users of this"
            + " machine: `chmod 600 " + key + "`");
      }
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
