package lochat.irc;

import static lochat.ConfigChecks.positive;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import lochat.ConfigChecks;

/**
 * The IRC listener's settings, from the {@code lochat.irc} block of the configuration.
 *
 * @param enabled whether the server listens for IRC clients at all
 * @param host address to bind
 * @param port TCP port; 0 picks a free one
 * @param tlsPort the TLS port, listened on when TLS is on ({@code lochat.tls.enabled})
 * @param network the network name announced in {@code RPL_ISUPPORT} ({@code NETWORK=})
 * @param pingInterval how long a client may be quiet before the server sends it a PING
 * @param pingTimeout how long a pinged client has to answer before it is disconnected
 */
public record IrcSettings(
    boolean enabled,
    String host,
    int port,
    int tlsPort,
    String network,
    Duration pingInterval,
    Duration pingTimeout) {

  /** @throws ConfigException when a setting is missing or out of range */
  public static IrcSettings fromConfig(Config lochat) {
    Config irc = lochat.getConfig("irc");
    String network = irc.getString("network");
    if (!network.matches("[A-Za-z0-9_.-]{1,32}")) {
      throw new ConfigException.BadValue("lochat.irc.network",
          "must be 1-32 letters, digits, '_', '-' or '.', not '" + network + "'");
    }
    return new IrcSettings(
        irc.getBoolean("enabled"),
        irc.getString("host"),
        ConfigChecks.port(lochat, "irc.port"),
        ConfigChecks.port(lochat, "irc.tls-port"),
        network,
        positive(lochat, "irc.ping-interval", irc.getDuration("ping-interval")),
        positive(lochat, "irc.ping-timeout", irc.getDuration("ping-timeout")));
  }
}
