package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.testing.LochatProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lochat server} run as a process with misspelt settings and settings of the wrong kind,
 * given the three ways people give them: a {@code --config} file, {@code -D} after
 * {@code server}, and a JVM system property.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfigurationProgramTest {

  @Test
  void misspeltSettingsAreWarnedAboutAndTheServerStarts(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("my.conf");
    Files.writeString(config, "lochat { room { histroy-size = 10 } }\n");
    Process server = start(List.of("-Dlochat.irc.pnig-interval=1m"), "server", "--host",
        "127.0.0.1", "--port", "0", "--irc-port", "0", "-Dlochat.prot=4445",
        "--config", config.toString());
    try (BufferedReader err = new BufferedReader(
        new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = err.readLine()) != null && !line.contains("listening on 127.0.0.1:")) {
        lines.add(line);
      }
      assertTrue(line != null, "the server did not start: " + lines);
      assertEquals(List.of(
          "WARN  ServerCommand - Unknown setting lochat.irc.pnig-interval"
              + " (did you mean lochat.irc.ping-interval?)",
          "WARN  ServerCommand - Unknown setting lochat.prot (did you mean lochat.port?)",
          "WARN  ServerCommand - Unknown setting lochat.room.histroy-size"
              + " (did you mean lochat.room.history-size?)"),
          lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).toList());
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void settingsOfTheWrongKindAreNamedOneLineEachAndTheServerExitsWithStatusTwo(
      @TempDir Path dir) throws Exception {
    Path config = dir.resolve("my.conf");
    Files.writeString(config, "lochat.room.history-size = lots\n");
    Process server = start(List.of("-Dlochat.connection.close-timeout=soon"), "server",
        "--host", "127.0.0.1", "--port", "0", "--irc-port", "0",
        "-Dlochat.irc.enabled=maybe", "--config", config.toString());
    server.getOutputStream().close();
    assertTrue(server.waitFor(30, TimeUnit.SECONDS));
    List<String> err = new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
        .lines().toList();
    assertEquals(2, server.exitValue(), err.toString());
    assertEquals(List.of(
        "Invalid configuration: lochat.connection.close-timeout: must be a duration such as"
            + " 500ms, 30s or 15m, not \"soon\"",
        "Invalid configuration: lochat.irc.enabled: must be on or off, not \"maybe\"",
        "Invalid configuration: lochat.room.history-size: must be a whole number, not \"lots\" ("
            + config + ", line 1)"), err);
    assertFalse(new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .contains("Exception"));
  }

  /** {@code lochat ARGS} on this JVM's classpath, with {@code jvmOptions} before the class. */
  private static Process start(List<String> jvmOptions, String... args) throws IOException {
    return new ProcessBuilder(LochatProcess.command(jvmOptions, args)).start();
  }
}
