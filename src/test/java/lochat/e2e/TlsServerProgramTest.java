package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lochat.testing.LochatProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lochat server --tls} as people run it: it makes its certificate, logs the fingerprint
 * and how to connect over TLS, and {@code lochat client --tls} shows the same fingerprint on
 * first use; a certificate that cannot be read stops the server in one line.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsServerProgramTest {

  @TempDir Path dir;

  @Test
  void theFingerprintTheServerLogsIsTheOneTheClientShows() throws Exception {
    LochatProcess server = LochatProcess.start(LochatProcess.command(List.of(), "server",
        "--host", "127.0.0.1", "--port", "0", "--irc-port", "0", "--tls",
        "--data-dir", dir.resolve("data").toString()));
    try {
      Matcher logged = server.awaitStderr(
          Pattern.compile(".*TLS certificate SHA-256 fingerprint: ([0-9A-F:]{95})"));
      String fingerprint = logged.group(1);
      Matcher tls = server.awaitStderr(Pattern.compile(
          ".*Clients can connect over TLS with: \\./lochat client --tls --host 127\\.0\\.0\\.1"
              + " --port (\\d+) .*"));
      server.awaitStderr(Pattern.compile(".*IRC over TLS listening on 127\\.0\\.0\\.1:\\d+"));
      server.awaitStderr(Pattern.compile(".*Open https://127\\.0\\.0\\.1:\\d+/ in a browser"));
      LochatProcess client = LochatProcess.start(LochatProcess.command(List.of(), "client",
          "--tls", "--host", "127.0.0.1", "--port", tls.group(1), "--nick", "tess",
          "--history-file", "none", "--known-servers", dir.resolve("known").toString()));
      client.stdin("over tls by hand\n");
      assertEquals(0, client.exitCode());
      assertTrue(client.stderr().get(0).endsWith("certificate SHA-256 fingerprint "
          + fingerprint), client.stderr().toString());
      assertTrue(client.stdout().contains("[lobby] <tess> over tls by hand"),
          client.stdout().toString());
    } finally {
      server.process().destroy();
      server.process().waitFor(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void aCertificateThatCannotBeReadStopsTheServerInOneLine() throws Exception {
    Path missing = dir.resolve("missing.pem");
    LochatProcess server = LochatProcess.start(LochatProcess.command(List.of(), "server",
        "--host", "127.0.0.1", "--port", "0", "--irc-port", "0", "--tls",
        "--certificate", missing.toString(), "--private-key", dir.resolve("key.pem").toString()));
    server.stdin("");
    assertEquals(1, server.exitCode());
    List<String> err = server.stderr();
    assertEquals(1, err.size(), err.toString());
    assertTrue(err.get(0).contains(missing.toString()), err.toString());
    assertFalse(err.get(0).contains("Exception"), err.toString());
  }
}
