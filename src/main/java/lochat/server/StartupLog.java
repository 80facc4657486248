package lochat.server;

import java.net.InetSocketAddress;
import java.util.Optional;
import lochat.Version;
import lochat.chat.Profile;
import lochat.client.ClientCommand;
import lochat.irc.IrcProtocol;
import lochat.line.NativeProtocol;
import lochat.tls.ServerIdentity;
import org.slf4j.Logger;

/**
 * What the server says once it listens: where, and how each kind of client connects, with the
 * addresses other machines can use, and the fingerprint of its TLS certificate for users to
 * compare with what their client shows. The person who started the server reads these lines to
 * tell everyone else how to join.
 */
final class StartupLog {

  private final ServerSettings settings;
  private final Logger log;

  StartupLog(ServerSettings settings, Logger log) {
    this.settings = settings;
    this.log = log;
  }

  void listening(LochatServer.Running running, Optional<ServerIdentity> identity) {
    InetSocketAddress bound = running.address();
    log.info("Lochat {} ({}) listening on {}:{}", Version.CURRENT,
        settings.connection().serverName(), host(bound, settings.host()), bound.getPort());
    identity.ifPresent(this::certificate);
    running.address(NativeProtocol.NAME, false).ifPresent(plain -> {
      for (String address : NetworkAddresses.forClients(plain.getAddress())) {
        log.info("Clients can connect with: ./lochat client --host {}{}   or: nc {} {}",
            address, portOption(plain, ClientCommand.DEFAULT_PORT), address, plain.getPort());
      }
    });
    running.address(NativeProtocol.NAME, true).ifPresent(tls -> {
      for (String address : NetworkAddresses.forClients(tls.getAddress())) {
        log.info("Clients can connect over TLS with: ./lochat client --tls --host {}{}"
                + "   or: openssl s_client -connect {}:{}",
            address, portOption(tls, ClientCommand.DEFAULT_TLS_PORT), bracketed(address),
            tls.getPort());
      }
    });
    for (boolean tls : new boolean[] {false, true}) {
      running.address(IrcProtocol.NAME, tls).ifPresent(irc -> {
        log.info("IRC{} listening on {}:{}", tls ? " over TLS" : "",
            host(irc, settings.irc().host()), irc.getPort());
        for (String address : NetworkAddresses.forClients(irc.getAddress())) {
          log.info("IRC clients can connect with: /connect {}{} {}", tls ? "-tls " : "",
              address, irc.getPort());
        }
      });
      running.address(Profile.WEB, tls).ifPresent(web -> {
        for (String address : NetworkAddresses.forClients(web.getAddress())) {
          log.info("Open {}://{}:{}/ in a browser", tls ? "https" : "http", bracketed(address),
              web.getPort());
        }
      });
    }
  }

  private void certificate(ServerIdentity identity) {
    log.info("TLS certificate SHA-256 fingerprint: {}", identity.fingerprint());
    identity.selfSignedDirectory().ifPresentOrElse(
        directory -> log.info("The certificate is self-signed{}, kept in {}: clients trust it on"
                + " first use, and users can compare the fingerprint above with what they see",
            identity.created() ? " and was made now" : "", directory),
        () -> log.info("The certificate is {}", settings.tls().certificate()));
    identity.warnings().forEach(log::warn);
  }

  private static String host(InetSocketAddress bound, String configured) {
    return bound.getAddress().isAnyLocalAddress()
        ? configured : bound.getAddress().getHostAddress();
  }

  private static String portOption(InetSocketAddress bound, int defaultPort) {
    return bound.getPort() == defaultPort ? "" : " --port " + bound.getPort();
  }

  private static String bracketed(String address) {
    return address.contains(":") ? "[" + address + "]" : address;
  }
}
