package lochat.client.trust;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.X509ExtendedTrustManager;
import lochat.Failures;
import lochat.client.trust.FirstUseTrustManager.Changed;
import lochat.client.trust.FirstUseTrustManager.Replaced;

/**
 * Trust on first use, as SSH does it: a server met for the first time is trusted and its
 * certificate's fingerprint kept in {@link KnownServers}, with a notice so that the user can
 * compare it with the one the server logged; a server showing another certificate later is
 * refused with a warning, unless the user accepts the new certificate. The file is written only
 * after a handshake that succeeded.
 */
public final class FirstUseTrust implements ServerTrust {

  private final KnownServers known;
  private final String server;
  private final FirstUseTrustManager manager;

  /**
   * @param server the server as {@link KnownServers#server} names it
   * @param acceptNew whether a certificate other than the known one replaces it
   */
  public FirstUseTrust(KnownServers known, String server, boolean acceptNew) {
    this.known = known;
    this.server = server;
    this.manager = new FirstUseTrustManager(known.fingerprint(server), acceptNew);
  }

  @Override
  public X509ExtendedTrustManager trustManager() {
    return manager;
  }

  @Override
  public boolean checksHostName() {
    return false;
  }

  @Override
  public void trusted(Consumer<String> notices) {
    Optional<FirstUseTrustManager.Verdict> verdict = manager.verdict();
    if (verdict.isEmpty() || verdict.get() instanceof FirstUseTrustManager.Same) {
      return;
    }
    String fingerprint = verdict.get().presented();
    try {
      known.remember(server, fingerprint);
    } catch (IOException e) {
      notices.accept("Could not keep the fingerprint of " + server + " in " + known.file() + ": "
          + Failures.ofFile(e) + "; it will be shown again next time");
    }
    List<String> lines = verdict.get() instanceof Replaced replaced
        ? replacedNotice(server, replaced, known.file())
        : firstUseNotice(server, fingerprint, known.file());
    lines.forEach(notices);
  }

  @Override
  public Optional<String> refusal(Throwable failure) {
    return manager.verdict()
        .filter(Changed.class::isInstance)
        .map(changed -> String.join("\n", changedWarning(server, (Changed) changed, known.file())));
  }

  /** What the user is told on meeting a server for the first time. */
  static List<String> firstUseNotice(String server, String fingerprint, Path file) {
    return List.of(
        "New server " + server + ": certificate SHA-256 fingerprint " + fingerprint,
        "It is now trusted and kept in " + file + "; compare this fingerprint with the one "
            + "the server logged when it started.");
  }

  /** What the user is told when a new certificate was accepted. */
  static List<String> replacedNotice(String server, Replaced replaced, Path file) {
    return List.of(
        "The certificate of " + server + " was replaced, as asked: SHA-256 fingerprint "
            + replaced.presented(),
        "(it was " + replaced.known() + "); the new one is kept in " + file + ".");
  }

  /** The warning for a server whose certificate is not the one kept. */
  static List<String> changedWarning(String server, Changed changed, Path file) {
    return List.of(
        "WARNING: THE CERTIFICATE OF " + server + " HAS CHANGED!",
        "Someone may be in the middle of this connection, reading and changing what you send;",
        "or the server may have got a new certificate.",
        "  Kept in " + file + ": SHA-256 " + changed.known(),
        "  Shown by the server now: SHA-256 " + changed.presented(),
        "Nothing was sent. Ask whoever runs the server which fingerprint it logged; if it is the",
        "new one, connect again with --accept-new-certificate to trust it from now on.");
  }
}
