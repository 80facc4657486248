package lochat.connection;

import static lochat.ConfigChecks.positive;
import static lochat.ConfigChecks.positiveOrZero;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;

/**
 * What one client connection needs to know, read from the {@code lochat} configuration block.
 *
 * @param serverName shown in the welcome banner
 * @param motd message of the day, may be empty; one banner line per line of text
 * @param defaultRoom the room every native user enters after choosing a nickname; "" for none
 * @param maxLineBytes longest accepted input line in bytes, terminator excluded
 * @param sendBuffer bytes that may wait unread for a client before its rooms wait for it
 * @param writeCoalesceBytes most bytes gathered into one socket write
 * @param slowReaderTimeout how long a client with more than {@code sendBuffer} unread may read
 *     nothing before it is dropped as too slow
 * @param inputTimeout longest a received line may wait for the session to take it
 * @param inputLinesPerSecond most lines per second taken from one client; 0 for no limit
 * @param inputBurst lines a client may send at once before the rate applies
 * @param registrationTimeout how long a new connection has to choose a nickname
 * @param closeTimeout how long a closing connection has to read what is queued for it
 * @param maxRoomsPerUser most rooms one user can be in at once
 * @param password the password every client must give before choosing a nickname, if any
 */
public record ConnectionSettings(
    String serverName,
    String motd,
    String defaultRoom,
    int maxLineBytes,
    long sendBuffer,
    int writeCoalesceBytes,
    Duration slowReaderTimeout,
    Duration inputTimeout,
    int inputLinesPerSecond,
    int inputBurst,
    Duration registrationTimeout,
    Duration closeTimeout,
    int maxRoomsPerUser,
    Optional<String> password) {

  /** Whether {@code given} is the server's password; compared in constant time. */
  public boolean passwordMatches(String given) {
    return password.isPresent() && MessageDigest.isEqual(
        password.get().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** @throws ConfigException when a setting is missing or out of range */
  public static ConnectionSettings fromConfig(Config lochat) {
    return new ConnectionSettings(
        lochat.getString("server-name"),
        lochat.getString("motd"),
        lochat.getString("default-room"),
        positive(lochat, "max-line-bytes", lochat.getBytes("max-line-bytes")),
        positive(lochat, "connection.send-buffer", lochat.getBytes("connection.send-buffer")),
        positive(lochat, "connection.write-coalesce-bytes",
            lochat.getBytes("connection.write-coalesce-bytes")),
        positive(lochat, "connection.slow-reader-timeout",
            lochat.getDuration("connection.slow-reader-timeout")),
        positive(lochat, "connection.input-timeout", lochat.getDuration("connection.input-timeout")),
        positiveOrZero(lochat, "connection.input-lines-per-second",
            lochat.getInt("connection.input-lines-per-second")),
        positive(lochat, "connection.input-burst", lochat.getInt("connection.input-burst")),
        positive(lochat, "connection.registration-timeout",
            lochat.getDuration("connection.registration-timeout")),
        positive(lochat, "connection.close-timeout", lochat.getDuration("connection.close-timeout")),
        positive(lochat, "max-rooms-per-user", lochat.getInt("max-rooms-per-user")),
        Optional.of(lochat.getString("password")).filter(p -> !p.isEmpty()));
  }
}
