package lochat.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where a server keeps the self-signed certificate it made: {@code <data-dir>/tls/
 * certificate.pem} and {@code private-key.pem}. Made once, at the first start with TLS on and no
 * certificate given, and reused after, so that clients that trusted it on first use keep
 * trusting it.
 *
 * <p>Each file is written to a temporary file and moved into place, the key first and readable
 * by its owner only where the file system has POSIX permissions; a key whose certificate cannot
 * be written is removed. A half pair found at start (a crash between the two) is reported, not
 * silently replaced, because replacing it changes what clients see. It does not lock: two
 * servers must not share a data directory.
 */
final class SelfSignedFiles {

  static final String CERTIFICATE = "certificate.pem";
  static final String PRIVATE_KEY = "private-key.pem";

  private static final String CHANGED =
      " (clients that trusted the old one will then warn that it changed)";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path directory;

  SelfSignedFiles(Path dataDir) {
    this.directory = dataDir.resolve("tls");
  }

  Path directory() {
    return directory;
  }

  Path certificate() {
    return directory.resolve(CERTIFICATE);
  }

  Path privateKey() {
    return directory.resolve(PRIVATE_KEY);
  }

  /** Whether neither file is there, so that a new pair may be made. */
  boolean absent() throws TlsUnavailable {
    boolean certificate = Files.exists(certificate());
    boolean key = Files.exists(privateKey());
    if (certificate != key) {
      Path present = certificate ? certificate() : privateKey();
      Path missing = certificate ? privateKey() : certificate();
      throw new TlsUnavailable("The self-signed TLS certificate in " + directory + " is"
          + " incomplete: " + present + " is there but " + missing + " is not; delete "
          + present + " to have a new certificate made" + CHANGED);
    }
    return !certificate;
  }

  /** Keeps {@code made}; the files must be {@link #absent()}. */
  void write(SelfSignedCertificate made) throws TlsUnavailable {
    try {
      Files.createDirectories(directory);
      writeAtomically(privateKey(), made.privateKeyPem(), true);
      try {
        writeAtomically(certificate(), made.certificatePem(), false);
      } catch (IOException e) {
        Files.deleteIfExists(privateKey());
        throw e;
      }
    } catch (IOException e) {
      throw new TlsUnavailable("Cannot keep the self-signed TLS certificate in " + directory
          + ": " + TlsUnavailable.reason(e) + " (check lochat.data-dir)", e);
    }
  }

  /** What to add to a message about a damaged pair: how to get a new one, and its cost. */
  String deleteHint() {
    return "; delete both " + CERTIFICATE + " and " + PRIVATE_KEY + " in " + directory
        + " to have a new certificate made" + CHANGED;
  }

  private void writeAtomically(Path target, String text, boolean secret) throws IOException {
    boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
    FileAttribute<?>[] attributes = secret && posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
    Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp",
        attributes);
    try {
      Files.writeString(temporary, text, StandardCharsets.US_ASCII);
      if (!secret && posix) {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
      }
      move(temporary, target);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void move(Path temporary, Path target) throws IOException {
    if (Files.exists(target)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "another program made " + target + " meanwhile");
    }
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target);
    }
  }
}
