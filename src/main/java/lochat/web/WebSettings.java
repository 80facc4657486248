package lochat.web;

import static lochat.ConfigChecks.positive;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import lochat.ConfigChecks;

/**
 * The web listener's settings, from the {@code lochat.web} block of the configuration.
 *
 * @param enabled whether the server serves the chat page and its WebSocket at all
 * @param host address to bind
 * @param port TCP port; 0 picks a free one
 * @param tlsPort the HTTPS port, listened on when TLS is on ({@code lochat.tls.enabled})
 * @param pingInterval how long a browser may be quiet before the server sends it a ping
 * @param pingTimeout how long a pinged browser has to answer before it is disconnected
 * @param firstRequestTimeout how long a new connection has to send its first request's head
 */
public record WebSettings(boolean enabled, String host, int port, int tlsPort,
    Duration pingInterval,
    Duration pingTimeout, Duration firstRequestTimeout) {

  /** @throws ConfigException when a setting is missing or out of range */
  public static WebSettings fromConfig(Config lochat) {
    Config web = lochat.getConfig("web");
    return new WebSettings(
        web.getBoolean("enabled"),
        web.getString("host"),
        ConfigChecks.port(lochat, "web.port"),
        ConfigChecks.port(lochat, "web.tls-port"),
        positive(lochat, "web.ping-interval", web.getDuration("ping-interval")),
        positive(lochat, "web.ping-timeout", web.getDuration("ping-timeout")),
        positive(lochat, "web.first-request-timeout", web.getDuration("first-request-timeout")));
  }
}
