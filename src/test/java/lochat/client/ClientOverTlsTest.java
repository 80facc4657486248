package lochat.client;

import static lochat.testing.TlsFixtures.FIRST;
import static lochat.testing.TlsFixtures.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import lochat.client.trust.ClientTls;
import lochat.client.trust.ServerTrust;
import lochat.client.trust.TlsOptions;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import lochat.testing.TlsFixtures;
import lochat.testing.TlsTerminator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The terminal client over TLS, run in this JVM against a real server with TLS on (and, for a
 * server with odd TLS settings, behind a {@link TlsTerminator}): trust on first use (the
 * fingerprint shown first and kept, silence the second time, a changed certificate refused with
 * nothing sent, {@code --accept-new-certificate}), {@code --ca}, and the clear lines for a port
 * that does not speak TLS or fails the handshake.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ClientOverTlsTest {

  private static final Path CA = TlsFixtures.path("ca.crt");

  @TempDir Path dir;

  // Trust on first use

  @Test
  void aNewServersFingerprintIsShownFirstAndKeptAndTheChatWorks() throws Exception {
    try (TestServer server = TlsFixtures.server("first.p12");
        TestClient ann = server.register("ann")) {
      int port = server.tlsPort();
      try (InProcessClient zed = InProcessClient.start(port, "zed", tls(port, "--tls"))) {
        zed.await("out: OK nick zed");
        ann.expect("JOINED lobby zed");
        zed.type("hello over TLS");
        ann.expect("MSG lobby zed hello over TLS");
        ann.send("hi zed");
        zed.await("out: MSG lobby ann hi zed");
        zed.endInput();
        zed.await("out: OK quit Bye zed");
        assertEquals(0, zed.exitCode());
        List<String> said = zed.transcript();
        assertEquals(List.of(
            "tls: New server 127.0.0.1:" + port + ": certificate SHA-256 fingerprint " + FIRST,
            "tls: It is now trusted and kept in " + knownServers() + "; compare this fingerprint"
                + " with the one the server logged when it started."),
            said.stream().filter(line -> line.startsWith("tls: ")).toList(), said.toString());
        assertTrue(said.get(0).startsWith("tls: "), said.toString());
        assertEquals(List.of("127.0.0.1:" + port + " " + FIRST),
            Files.readAllLines(knownServers()));
      }
    }
  }

  @Test
  void aServerMetBeforeIsTrustedSilently() throws Exception {
    try (TestServer server = TlsFixtures.server("first.p12")) {
      int port = server.tlsPort();
      assertEquals(0, quitAtOnce(port, tls(port, "--tls")).exitCode());
      String kept = Files.readString(knownServers());

      InProcessClient again = quitAtOnce(port, tls(port, "--tls"));
      assertEquals(0, again.exitCode());
      List<String> said = again.transcript();
      assertTrue(said.contains("out: OK quit Bye zed"), said.toString());
      assertFalse(said.stream().anyMatch(line -> line.startsWith("tls: ")), said.toString());
      assertEquals(kept, Files.readString(knownServers()));
    }
  }

  @Test
  void aChangedCertificateIsRefusedWithAWarningAndNothingIsSent() throws Exception {
    try (TestServer server = TlsFixtures.server("first.p12");
        TestClient ann = server.register("ann")) {
      int port = server.tlsPort();
      String kept = "# servers I trust\n127.0.0.1:" + port + " " + SECOND + "\n";
      Files.createDirectories(knownServers().getParent());
      Files.writeString(knownServers(), kept);
      try (InProcessClient zed = InProcessClient.start(port, "zed", tls(port, "--tls"))) {
        zed.type("hello");
        assertEquals(1, zed.exitCode());
        List<String> said = zed.transcript();
        assertEquals("tls: WARNING: THE CERTIFICATE OF 127.0.0.1:" + port + " HAS CHANGED!",
            said.get(0), said.toString());
        assertTrue(said.stream().allMatch(line -> line.startsWith("tls: ")), said.toString());
        String warning = String.join("\n", said);
        assertTrue(warning.contains("Someone may be in the middle"), warning);
        assertTrue(warning.contains("Kept in " + knownServers() + ": SHA-256 " + SECOND), warning);
        assertTrue(warning.contains("Shown by the server now: SHA-256 " + FIRST), warning);
        assertTrue(warning.contains("--accept-new-certificate"), warning);
      }
      assertEquals(kept, Files.readString(knownServers()));
      ann.send("/who");
      assertEquals(List.of(), ann.expect("WHO lobby @ann"));
    }
  }

  @Test
  void acceptingTheNewCertificateReplacesTheKeptOneAndKeepsTheRest() throws Exception {
    try (TestServer server = TlsFixtures.server("first.p12")) {
      int port = server.tlsPort();
      Files.createDirectories(knownServers().getParent());
      Files.writeString(knownServers(), "# servers I trust\n127.0.0.1:" + port + " " + SECOND
          + "\nlocalhost:4443 " + SECOND + "\n");
      InProcessClient zed = quitAtOnce(port, tls(port, "--tls", "--accept-new-certificate"));
      assertEquals(0, zed.exitCode());
      List<String> said = zed.transcript();
      assertEquals(List.of("tls: The certificate of 127.0.0.1:" + port
          + " was replaced, as asked: SHA-256 fingerprint " + FIRST, "tls: (it was " + SECOND
          + "); the new one is kept in " + knownServers() + "."),
          said.stream().filter(line -> line.startsWith("tls: ")).toList(), said.toString());
      assertTrue(said.contains("out: OK quit Bye zed"), said.toString());
      assertEquals(List.of("# servers I trust", "127.0.0.1:" + port + " " + FIRST,
          "localhost:4443 " + SECOND), Files.readAllLines(knownServers()));

      InProcessClient again = quitAtOnce(port, tls(port, "--tls"));
      assertEquals(0, again.exitCode());
      assertFalse(again.transcript().stream().anyMatch(line -> line.startsWith("tls: ")),
          again.transcript().toString());
    }
  }

  // A CA

  @Test
  void aServerSignedByTheCaGivenIsTrustedAndNothingIsKept() throws Exception {
    try (TestServer server = TlsFixtures.server("leaf.p12");
        TestClient ann = server.register("ann")) {
      int port = server.tlsPort();
      try (InProcessClient zed =
          InProcessClient.start(port, "zed", tls(port, "--ca", CA.toString()))) {
        zed.type("signed hello");
        ann.expect("MSG lobby zed signed hello");
        zed.endInput();
        zed.await("out: OK quit Bye zed");
        assertEquals(0, zed.exitCode());
        assertFalse(zed.transcript().stream().anyMatch(line -> line.startsWith("tls: ")),
            zed.transcript().toString());
        assertFalse(Files.exists(knownServers()));
      }
    }
  }

  @Test
  void aServerNotSignedByTheCaIsRefusedInOneLine() throws Exception {
    try (TestServer server = TlsFixtures.server("first.p12")) {
      int port = server.tlsPort();
      InProcessClient zed = quitAtOnce(port, tls(port, "--ca", CA.toString()));
      assertEquals(1, zed.exitCode());
      assertEquals(List.of("tls: The certificate of 127.0.0.1:" + port
          + " is not trusted: it is not signed by a CA in " + CA), zed.transcript());
    }
  }

  @Test
  void aCertificateForAnotherNameIsRefusedInOneLine() throws Exception {
    try (TestServer server = TlsFixtures.server("elsewhere.p12")) {
      int port = server.tlsPort();
      InProcessClient zed = quitAtOnce(port, tls(port, "--ca", CA.toString()));
      assertEquals(1, zed.exitCode());
      assertEquals(List.of("tls: The certificate of 127.0.0.1:" + port
          + " is not trusted: it does not name the host connected to (no subject alternative"
          + " names matching IP address 127.0.0.1 found)"), zed.transcript());
    }
  }

  // Not TLS

  @Test
  void aPlainServerOnTheTlsPortIsSaidInOneLine() throws Exception {
    try (TestServer server = TestServer.start()) {
      InProcessClient zed = quitAtOnce(server.port, tls(server.port, "--tls"));
      assertEquals(1, zed.exitCode());
      assertEquals(List.of("tls: The server did not speak TLS on 127.0.0.1:" + server.port
          + ": is it the TLS port?"), zed.transcript());
      assertFalse(Files.exists(knownServers()));
    }
  }

  @Test
  void aPlainClientOnTheTlsPortIsToldToAddTls() throws Exception {
    try (TestServer server = TlsFixtures.server("first.p12")) {
      InProcessClient zed = InProcessClient.startPlain(server.tlsPort(), "zed");
      zed.endInput();
      assertEquals(1, zed.exitCode());
      assertEquals(List.of("out: Connection closed by server before it said anything; if that is a"
          + " TLS port, add --tls"), zed.transcript());
    }
  }

  @Test
  void aServerWithOnlyWeakSuitesFailsTheHandshakeInOneLine() throws Exception {
    try (TestServer server = TestServer.start();
        TlsTerminator tls = TlsTerminator.start("/tls-client/first.p12", server.port, engine -> {
          engine.setEnabledProtocols(new String[] {"TLSv1.2"});
          engine.setEnabledCipherSuites(
              new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
          return engine;
        })) {
      InProcessClient zed = quitAtOnce(tls.port, tls(tls.port, "--tls"));
      assertEquals(1, zed.exitCode());
      assertEquals(List.of("tls: The TLS handshake with 127.0.0.1:" + tls.port
          + " failed: received fatal alert: handshake_failure"), zed.transcript());
      assertFalse(Files.exists(knownServers()));
    }
  }

  @Test
  void aServerThatNeverAnswersTheHandshakeIsGivenUpOn() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      int port = silent.getLocalPort();
      InProcessClient zed = InProcessClient.start(port, "zed", notices -> new ClientTls(
          "127.0.0.1", port, trust(port, notices, "--tls"), notices, Duration.ofSeconds(1)));
      assertEquals(1, zed.exitCode());
      assertEquals(List.of("tls: No TLS answer from 127.0.0.1:" + port
          + " within 1 second: is it the TLS port?"), zed.transcript());
      zed.close();
    }
  }

  private Path knownServers() {
    return dir.resolve("home/.lochat/known_servers");
  }

  /** A client that connects, signs in as zed and quits at once. */
  private static InProcessClient quitAtOnce(int port, Function<Consumer<String>, ClientTls> tls)
      throws Exception {
    InProcessClient client = InProcessClient.start(port, "zed", tls);
    client.endInput();
    return client;
  }

  /** The connection's TLS as {@code lochat client OPTIONS} sets it up. */
  private Function<Consumer<String>, ClientTls> tls(int port, String... options) {
    return notices -> new ClientTls("127.0.0.1", port, trust(port, notices, options), notices);
  }

  private ServerTrust trust(int port, Consumer<String> notices, String... options) {
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(List.of("--known-servers", knownServers().toString()));
    TlsOptions parsed = CommandLine.populateCommand(new TlsOptions(), all.toArray(String[]::new));
    try {
      return parsed.trust(notices).orElseThrow().forServer("127.0.0.1", port);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
