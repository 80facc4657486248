package lochat.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a server leaves in its data directory, with each history store. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerDataDirTest {

  @TempDir
  Path temp;

  @Test
  void theSqliteStoreCreatesLochatDbAndReleasesItWhenTheServerStops() throws Exception {
    Path dataDir = temp.resolve("data");
    try (TestServer server = TestServer.persistent(dataDir, "")) {
      assertTrue(Files.isRegularFile(dataDir.resolve("lochat.db")));
    }
    try (TestServer again = TestServer.persistent(dataDir, "")) {
      again.shutdown(Duration.ofSeconds(15));
    }
    try (TestServer third = TestServer.persistent(dataDir, "")) {
      assertTrue(Files.isRegularFile(dataDir.resolve("lochat.db")));
    }
  }

  @Test
  void theMemoryStoreWritesNothing() throws Exception {
    Path dataDir = temp.resolve("data");
    try (TestServer server = TestServer.start("lochat.history.store = memory\n"
        + "lochat.data-dir = " + ConfigUtil.quoteString(dataDir.toString()))) {
      server.register("ann").close();
    }
    assertFalse(Files.exists(dataDir), "the data directory was created");
  }
}
