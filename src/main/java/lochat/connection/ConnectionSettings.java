package lochat.connection;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * What one client connection needs to know, read from the {@code lochat} configuration block.
 *
 * @param serverName shown in the welcome banner
 * @param motd message of the day, may be empty; one banner line per line of text
 * @param defaultRoom the room every user enters after choosing a nickname
 * @param maxLineBytes longest accepted input line in bytes, terminator excluded
 * @param sendBuffer lines queued for a client before it counts as too slow and is dropped
 * @param writeCoalesceBytes most bytes gathered into one socket write
 * @param inputTimeout longest a received line may wait for the session to take it
 */
public record ConnectionSettings(
    String serverName,
    String motd,
    String defaultRoom,
    int maxLineBytes,
    int sendBuffer,
    int writeCoalesceBytes,
    Duration inputTimeout) {

  public static ConnectionSettings fromConfig(Config lochat) {
    return new ConnectionSettings(
        lochat.getString("server-name"),
        lochat.getString("motd"),
        lochat.getString("default-room"),
        lochat.getInt("max-line-bytes"),
        lochat.getInt("connection.send-buffer"),
        (int) lochat.getBytes("connection.write-coalesce-bytes").longValue(),
        lochat.getDuration("connection.input-timeout"));
  }
}
