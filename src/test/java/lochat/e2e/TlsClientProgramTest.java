package lochat.e2e;

import static lochat.testing.TlsFixtures.FIRST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.testing.LochatProcess;
import lochat.testing.TestServer;
import lochat.testing.TlsFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lochat client --tls} as people run it, in a process of its own: what it says about the
 * server's certificate goes to standard error, the conversation to standard output; TLS options
 * that cannot work are refused in one line, exit status 2, before connecting.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TlsClientProgramTest {

  @TempDir Path dir;

  @Test
  void theFirstUseNoticeGoesToStandardErrorAndTheChatToStandardOutput() throws Exception {
    try (TestServer server = TlsFixtures.server("first.p12")) {
      int port = server.tlsPort();
      LochatProcess client = client("--port", String.valueOf(port), "--tls", "--nick", "zed");
      client.stdin("hello over TLS\n");
      assertEquals(0, client.exitCode());
      assertEquals(List.of("New server 127.0.0.1:" + port + ": certificate SHA-256 fingerprint "
          + FIRST, "It is now trusted and kept in " + knownServers() + "; compare this fingerprint"
          + " with the one the server logged when it started."), client.stderr());
      List<String> out = client.stdout();
      assertTrue(out.contains("[lobby] <zed> hello over TLS"), out.toString());
      assertEquals(List.of("127.0.0.1:" + port + " " + FIRST),
          Files.readAllLines(knownServers()));
    }
  }

  @Test
  void aMissingCaFileIsRefusedInOneLineBeforeConnecting() throws Exception {
    Path missing = dir.resolve("no-ca.pem");
    LochatProcess client = client("--port", "1", "--ca", missing.toString(), "--nick", "zed");
    client.stdin("");
    assertEquals(2, client.exitCode());
    assertEquals(List.of("Cannot read --ca " + missing + ": no such file"), client.stderr());
    assertEquals(List.of(), client.stdout());
  }

  @Test
  void acceptingANewCertificateMeansNothingWithACa() throws Exception {
    LochatProcess client = client("--port", "1", "--ca", "ca.pem", "--accept-new-certificate");
    client.stdin("");
    assertEquals(2, client.exitCode());
    assertEquals(List.of("Invalid --accept-new-certificate: it is for servers trusted on first "
        + "use, not with --ca"), client.stderr());
  }

  private Path knownServers() {
    return dir.resolve("lochat/known_servers");
  }

  private LochatProcess client(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("client", "--host", "127.0.0.1",
        "--history-file", "none", "--known-servers", knownServers().toString()));
    all.addAll(List.of(args));
    return LochatProcess.start(LochatProcess.command(List.of(), all.toArray(String[]::new)));
  }
}
