package lochat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The cluster's flags of {@code lochat server}, as the settings they stand for. */
class ServerCommandFlagsTest {

  private static Map<String, Object> flags(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command.flags();
  }

  @Test
  void clusterPortTurnsTheClusterOnAsTheFirstNode() {
    Map<String, Object> flags = flags("--cluster-port", "2600");
    assertEquals(true, flags.get("lochat.cluster.enabled"));
    assertEquals(2600, flags.get("lochat.cluster.port"));
    assertFalse(flags.containsKey("lochat.cluster.seed-nodes"));
  }

  @Test
  void joinIsRepeatableAndTurnsTheClusterOn() {
    Map<String, Object> flags =
        flags("--join", "192.168.1.7:2552", "--join", "192.168.1.8:2552");
    assertEquals(true, flags.get("lochat.cluster.enabled"));
    assertEquals(List.of("192.168.1.7:2552", "192.168.1.8:2552"),
        flags.get("lochat.cluster.seed-nodes"));
    assertFalse(flags.containsKey("lochat.cluster.port"));
  }

  @Test
  void withoutEitherTheClusterIsLeftToTheSettings() {
    Map<String, Object> flags = flags("--port", "0");
    assertFalse(flags.keySet().stream().anyMatch(path -> path.startsWith("lochat.cluster")),
        flags.toString());
  }
}
