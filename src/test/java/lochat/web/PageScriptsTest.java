package lochat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat page's pure modules (commands, links, state, sign-in, the connection's backoff),
 * unit tested with Node's own test runner: {@code node --test src/test/js/}. Skipped where
 * Node is missing, except under CI ({@code CI} set, as {@code .ci/run} runs, which installs
 * it), where it fails.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PageScriptsTest {

  @Test
  void thePagesModulesPassTheirTests() throws Exception {
    boolean node = hasNode();
    if (System.getenv("CI") != null) {
      assertTrue(node, "Node is not installed; the page's script tests need it."
          + " Install the Debian package nodejs and run again.");
    }
    assumeTrue(node, "Node is not installed: the page's script tests are skipped");
    Path output = Files.createTempFile("lochat-node-tests", ".txt");
    try {
      Process tests = new ProcessBuilder("node", "--test", "src/test/js/")
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      assertTrue(tests.waitFor(100, TimeUnit.SECONDS), "node --test did not finish");
      assertEquals(0, tests.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static boolean hasNode() {
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      return version.waitFor(20, TimeUnit.SECONDS) && version.exitValue() == 0;
    } catch (IOException | InterruptedException absent) {
      return false;
    }
  }
}
