package lochat.client.trust;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedTrustManager;
import lochat.Failures;
import picocli.CommandLine.Option;

/**
 * The client's TLS options, mixed into {@code lochat client}: {@code --tls}, trust on first use
 * with {@code --known-servers} and {@code --accept-new-certificate}, or {@code --ca}. Giving
 * {@code --ca} or {@code --accept-new-certificate} implies {@code --tls}.
 */
public final class TlsOptions {

  @Option(names = "--tls", description = "Connect over TLS; the server's certificate is trusted "
      + "on first use, or by --ca.")
  boolean tls;

  @Option(names = "--accept-new-certificate",
      description = "Trust the certificate the server shows now in place of the one kept for it.")
  boolean acceptNew;

  @Option(names = "--ca", paramLabel = "FILE",
      description = "Trust servers whose certificate is signed by a CA in this PEM file, and that "
          + "name the host given (known servers are then not used).")
  Path ca;

  @Option(names = "--known-servers", paramLabel = "FILE",
      defaultValue = "${sys:lochat.known-servers:-${sys:user.home}/.lochat/known_servers}",
      description = "Where the fingerprints of servers trusted on first use are kept "
          + "(default: ${DEFAULT-VALUE}).")
  String knownServers;

  /** Whether the connection is over TLS. */
  public boolean enabled() {
    return tls || ca != null || acceptNew;
  }

  /** What is wrong with these options, in one line, or empty. */
  public Optional<String> problem() {
    if (ca != null && acceptNew) {
      return Optional.of("Invalid --accept-new-certificate: it is for servers trusted on first "
          + "use, not with --ca");
    }
    try {
      Path.of(knownServers);
    } catch (InvalidPathException e) {
      return Optional.of("Invalid --known-servers: " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * How servers are trusted, read before connecting (the CA file, or the known servers file,
   * whose unreadable lines are each a warning); empty without TLS.
   *
   * @throws TrustSetupException when the CA file or the known servers file cannot be read
   */
  public Optional<ServerTrust.Factory> trust(Consumer<String> warnings)
      throws TrustSetupException {
    if (!enabled()) {
      return Optional.empty();
    }
    if (ca != null) {
      X509ExtendedTrustManager anchors = CaTrust.readAnchors(ca);
      return Optional.of((host, port) ->
          new CaTrust(ca, KnownServers.server(host, port), anchors));
    }
    Path file = Path.of(knownServers);
    try {
      KnownServers known = KnownServers.load(file, warnings);
      return Optional.of((host, port) ->
          new FirstUseTrust(known, KnownServers.server(host, port), acceptNew));
    } catch (IOException e) {
      throw new TrustSetupException("Cannot read --known-servers " + file + ": "
          + Failures.ofFile(e));
    }
  }
}
