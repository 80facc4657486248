package lochat.server;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import lochat.ConfigChecks;
import lochat.chat.Names;
import lochat.cluster.ClusterSettings;
import lochat.connection.ConnectionSettings;
import lochat.guard.GuardSettings;
import lochat.irc.IrcSettings;
import lochat.operators.OperatorAccounts;
import lochat.registry.RoomLimits;
import lochat.store.HistorySettings;
import lochat.tls.TlsSettings;
import lochat.web.WebSettings;

/**
 * The server's settings, read from the {@code lochat} block of the configuration.
 *
 * @param host address to bind, {@code 0.0.0.0} for every interface
 * @param port TCP port; 0 picks a free one
 * @param backlog the listen backlog: connection attempts the OS queues before accepting
 * @param historySize posts each room keeps and replays to joiners
 * @param rooms how many rooms may exist, in all and per creator and address
 * @param shutdownGrace how long connections get to flush their goodbye before being cut
 * @param maxConnections most connections open at once on each listener; more are told so and
 *     closed
 * @param registrationTimeoutUnderPressure how long a connection may go without a nickname once
 *     a listener has three quarters of {@code maxConnections} open
 * @param guard what one client address may do across every listener
 * @param irc the IRC listener's settings
 * @param web the web listener's settings
 * @param history where and how rooms' history is kept
 * @param operators who may become a server operator, with their password hashes
 * @param tls whether the listeners also speak TLS, and with which certificate
 * @param discovery whether the server announces itself on the LAN (DNS-SD over multicast DNS)
 * @param cluster whether the server is a node of a Pekko cluster, and which nodes it joins
 */
public record ServerSettings(
    String host,
    int port,
    int backlog,
    int historySize,
    RoomLimits rooms,
    Duration shutdownGrace,
    int maxConnections,
    Duration registrationTimeoutUnderPressure,
    GuardSettings guard,
    ConnectionSettings connection,
    IrcSettings irc,
    WebSettings web,
    HistorySettings history,
    OperatorAccounts operators,
    TlsSettings tls,
    boolean discovery,
    ClusterSettings cluster) {

  /** Where the native protocol is served: its plain port, its TLS port, or both. */
  public List<ListenerSettings> nativeListeners() {
    return listenersAt(host, port, tls.port());
  }

  /** Where IRC is served, when it is enabled. */
  public List<ListenerSettings> ircListeners() {
    return irc.enabled() ? listenersAt(irc.host(), irc.port(), irc.tlsPort()) : List.of();
  }

  /** Where browsers are served, when the web listener is enabled. */
  public List<ListenerSettings> webListeners() {
    return web.enabled() ? listenersAt(web.host(), web.port(), web.tlsPort()) : List.of();
  }

  /**
   * The plain listener at {@code host:port} unless plain ports are off, and the TLS one at
   * {@code host:tlsPort} when TLS is on, with the limits every listener has.
   */
  private List<ListenerSettings> listenersAt(String host, int port, int tlsPort) {
    List<ListenerSettings> listeners = new ArrayList<>(2);
    if (tls.plainPorts()) {
      listeners.add(new ListenerSettings(
          host, port, backlog, maxConnections, registrationTimeoutUnderPressure, false));
    }
    if (tls.enabled()) {
      listeners.add(new ListenerSettings(
          host, tlsPort, backlog, maxConnections, registrationTimeoutUnderPressure, true));
    }
    return listeners;
  }

  /**
   * {@code overrides} on top of the packaged {@code application.conf} and the libraries'
   * {@code reference.conf}, resolved only then, so that a setting that refers to another (the
   * IRC listener's host is {@code ${lochat.host}}) follows that setting's override.
   */
  public static Config withDefaults(Config overrides) {
    return overrides
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve();
  }

  /** The registration timeout under pressure, never longer than the one without. */
  private static Duration underPressure(Config lochat) {
    Duration underPressure = ConfigChecks.positive(lochat,
        "connection.registration-timeout-under-pressure",
        lochat.getDuration("connection.registration-timeout-under-pressure"));
    Duration always = lochat.getDuration("connection.registration-timeout");
    return underPressure.compareTo(always) > 0 ? always : underPressure;
  }

  /** @throws ConfigException when a setting is missing or has no sensible value */
  public static ServerSettings fromConfig(Config config) {
    Config lochat = config.getConfig("lochat");
    String defaultRoom = lochat.getString("default-room");
    if (!defaultRoom.isEmpty()) {
      Names.roomProblem(defaultRoom).ifPresent(problem -> {
        throw new ConfigException.BadValue("lochat.default-room", problem);
      });
    }
    String serverName = lochat.getString("server-name");
    if (!serverName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw new ConfigException.BadValue("lochat.server-name", "must be 1-63 letters, digits,"
          + " '.', '-' or '_', starting with a letter or digit, not '" + serverName + "'");
    }
    int port = ConfigChecks.port(lochat, "port");
    int historySize = lochat.getInt("room.history-size");
    if (historySize < 0) {
      throw new ConfigException.BadValue("lochat.room.history-size", "must not be negative");
    }
    return new ServerSettings(
        lochat.getString("host"),
        port,
        ConfigChecks.positive(lochat, "connection.backlog",
            lochat.getInt("connection.backlog")),
        historySize,
        new RoomLimits(
            ConfigChecks.positive(lochat, "max-rooms", lochat.getInt("max-rooms")),
            ConfigChecks.positiveOrZero(lochat, "max-rooms-created-per-user",
                lochat.getInt("max-rooms-created-per-user")),
            ConfigChecks.positiveOrZero(lochat, "per-address.max-rooms-created",
                lochat.getInt("per-address.max-rooms-created"))),
        ConfigChecks.positive(lochat, "shutdown-grace", lochat.getDuration("shutdown-grace")),
        ConfigChecks.positive(lochat, "max-connections", lochat.getInt("max-connections")),
        underPressure(lochat),
        GuardSettings.fromConfig(lochat),
        ConnectionSettings.fromConfig(lochat),
        IrcSettings.fromConfig(lochat),
        WebSettings.fromConfig(lochat),
        HistorySettings.fromConfig(lochat),
        OperatorAccounts.fromConfig(lochat),
        TlsSettings.fromConfig(lochat),
        lochat.getBoolean("discovery.enabled"),
        ClusterSettings.fromConfig(lochat));
  }
}
