package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.typesafe.config.ConfigUtil;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import lochat.testing.TestTls;
import lochat.testing.WebTestClient;
import lochat.tls.Fingerprint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Every listener over TLS, on a server with its self-signed certificate: native, IRC and web
 * users on TLS ports chat with users on the plain ports in one room, and a TLS port shrugs off
 * what is not a good TLS client (plain text, an old protocol version, weak cipher suites, a
 * handshake that never finishes, a reset mid-handshake) with one log line each.
 */
class TlsListenersTest {

  @TempDir Path dataDir;

  private TestServer server;
  private final TestTls tls = new TestTls();
  private final BlockingQueue<String> logLines = new LinkedBlockingQueue<>();
  private final AppenderBase<ILoggingEvent> log = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      logLines.add(event.getFormattedMessage());
    }
  };
  private Logger listenerLog;

  @BeforeEach
  void start() throws Exception {
    listenerLog = (Logger) LoggerFactory.getLogger("lochat.server.Listener");
    log.start();
    listenerLog.addAppender(log);
    listenerLog.setLevel(Level.INFO);
    listenerLog.setAdditive(false);
    server = TestServer.start(settings(""));
  }

  private String settings(String more) {
    return "lochat.tls.enabled = on\nlochat.data-dir = "
        + ConfigUtil.quoteString(dataDir.toString()) + "\n"
        + "lochat.per-address.max-unregistered = 0\n" + more;
  }

  @AfterEach
  void stop() throws Exception {
    listenerLog.detachAppender(log);
    listenerLog.setLevel(null);
    listenerLog.setAdditive(true);
    if (server != null) {
      server.close();
    }
  }

  @Test
  void nativeIrcAndWebUsersOnTlsPortsChatWithPlainUsers() throws Exception {
    try (TestClient plain = server.register("plain");
        TestClient secure = TestClient.connectTls(tls, server.tlsPort());
        IrcTestClient irc = IrcTestClient.connectTls(tls, server.port("irc", true));
        WebTestClient web = WebTestClient.connectTls(tls, server.port("web", true))) {
      secure.expectKind("PROMPT");
      secure.send("secure");
      secure.expectStartsWith("SERVER Hello secure");
      irc.register("ircs");
      irc.send("JOIN #lobby");
      irc.expect("366");
      web.signIn("webs");

      plain.send("hello from the plain port");
      secure.expect("MSG lobby plain hello from the plain port");
      irc.expect(m -> m.command().equals("PRIVMSG")
          && m.params().get(1).equals("hello from the plain port"), "the plain user's post");
      web.expect(m -> "hello from the plain port".equals(m.path("text").asText()),
          "the plain user's post");

      secure.send("and back over TLS");
      plain.expect("MSG lobby secure and back over TLS");

      secure.send("/quit done");
      secure.expectStartsWith("OK quit");
      secure.expectClosed();
    }
    assertFalse(tls.presented.isEmpty());
    String fingerprint = Fingerprint.sha256(tls.presented.get(0));
    for (var certificate : tls.presented) {
      assertEquals(fingerprint, Fingerprint.sha256(certificate), "one certificate everywhere");
    }
  }

  @Test
  void thePageIsServedOverHttps() throws Exception {
    HttpClient https = HttpClient.newBuilder().sslContext(tls.context).build();
    HttpResponse<String> page = https.send(HttpRequest.newBuilder(
            URI.create("https://127.0.0.1:" + server.port("web", true) + "/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<html"), page.body());
  }

  @Test
  void theSelfSignedCertificateIsKeptAcrossRestarts() throws Exception {
    try (TestClient first = TestClient.connectTls(tls, server.tlsPort())) {
      first.expectKind("PROMPT");
    }
    server.close();
    server = TestServer.start(settings(""));
    try (TestClient second = TestClient.connectTls(tls, server.tlsPort())) {
      second.expectKind("PROMPT");
    }
    assertEquals(Fingerprint.sha256(tls.presented.get(0)),
        Fingerprint.sha256(tls.presented.get(tls.presented.size() - 1)));
  }

  @Test
  void plainTextOnATlsPortIsClosedWithOneLineAndOthersCarryOn() throws Exception {
    try (TestClient bystander = TestClient.connectTls(tls, server.tlsPort());
        TestClient confused = TestClient.connect(server.tlsPort())) {
      bystander.expectKind("PROMPT");
      bystander.send("bystander");
      bystander.expectStartsWith("SERVER Hello bystander");
      confused.send("/nick confused");
      confused.expectClosed();
      awaitLogLine("TLS handshake failed: ");
      bystander.send("still here");
      bystander.expect("MSG lobby bystander still here");
    }
  }

  @Test
  void plainHttpOnTheHttpsPortIsClosedWithOneLine() throws Exception {
    Logger webLog = (Logger) LoggerFactory.getLogger("lochat.web.WebConnection");
    webLog.addAppender(log);
    webLog.setLevel(Level.INFO);
    webLog.setAdditive(false);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port("web", true)), 5000);
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(
          "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertAlertThenClose(socket.getInputStream());
      awaitLogLine("Browser (127.0.0.1:" + socket.getLocalPort()
          + ") disconnected: TLS handshake failed: ");
    } finally {
      webLog.detachAppender(log);
      webLog.setLevel(null);
      webLog.setAdditive(true);
    }
  }

  @Test
  void anOldProtocolVersionIsRefused() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.tlsPort()), 5000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      // TLS 1.1 with TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, a suite the certificate could serve.
      out.write(clientHello(0x0302, 0xc009));
      out.flush();
      assertAlertThenClose(socket.getInputStream());
    }
    awaitLogLine("TLS handshake failed: ");
  }

  @Test
  void weakCipherSuitesAreRefused() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.tlsPort()), 5000);
      socket.setSoTimeout(10_000);
      // TLS 1.2 offering only TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: the certificate could
      // serve it, but it is not authenticated encryption.
      socket.getOutputStream().write(clientHello(0x0303, 0xc023));
      assertAlertThenClose(socket.getInputStream());
    }
    SSLSocket weak = (SSLSocket) tls.context.getSocketFactory()
        .createSocket("127.0.0.1", server.tlsPort());
    weak.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
    weak.setEnabledProtocols(new String[] {"TLSv1.2"});
    weak.setSoTimeout(10_000);
    assertThrows(SSLHandshakeException.class, weak::startHandshake);
    weak.close();
    awaitLogLine("TLS handshake failed: ");
  }

  @Test
  void aHandshakeThatNeverFinishesCountsAgainstTheRegistrationTimeout() throws Exception {
    server.close();
    server = TestServer.start(settings("lochat.connection.registration-timeout = 2s"));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.tlsPort()), 5000);
      socket.setSoTimeout(20_000);
      byte[] hello = clientHello(0x0303, 0x1301);
      socket.getOutputStream().write(hello, 0, hello.length / 2);
      InputStream in = socket.getInputStream();
      long started = System.nanoTime();
      try {
        while (in.read() >= 0) {
          // whatever the server says before it closes
        }
      } catch (SocketException reset) {
        // cut: the client never finished its part of closing either
      }
      assertTrue(System.nanoTime() - started < Duration.ofSeconds(15).toNanos(),
          "closed after the registration timeout, not the read timeout");
    }
  }

  @Test
  void aResetMidHandshakeFreesItsPlace() throws Exception {
    server.close();
    server = TestServer.start(settings("lochat.max-connections = 1"));
    for (int i = 0; i < 5; i++) {
      Socket socket = new Socket();
      socket.connect(new InetSocketAddress("127.0.0.1", server.tlsPort()), 5000);
      byte[] hello = clientHello(0x0303, 0x1301);
      socket.getOutputStream().write(hello, 0, 20);
      socket.setSoLinger(true, 0);
      socket.close();
      awaitLogLine("disconnected", 1);
    }
    try (TestClient after = TestClient.connectTls(tls, server.tlsPort())) {
      after.expectKind("PROMPT");
    }
  }

  @Test
  void plainPortsOffServesTlsOnly() throws Exception {
    server.close();
    server = TestServer.start(settings("lochat.tls.plain-ports = off"));
    assertThrows(IllegalStateException.class, () -> server.port("native", false));
    assertThrows(IllegalStateException.class, () -> server.port("irc", false));
    assertThrows(IllegalStateException.class, () -> server.port("web", false));
    try (TestClient secure = TestClient.connectTls(tls, server.tlsPort())) {
      secure.expectKind("PROMPT");
    }
  }

  private void awaitLogLine(String text) throws InterruptedException {
    awaitLogLine(text, 1);
  }

  /** Waits until {@code count} more lines of the listener's log contain {@code text}. */
  private void awaitLogLine(String text, int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    int seen = 0;
    java.util.List<String> read = new java.util.ArrayList<>();
    while (seen < count) {
      String line = logLines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no log line with '" + text + "' in " + read);
      }
      read.add(line);
      if (line.contains(text)) {
        seen++;
      }
    }
  }

  /** A TLS alert record, then the end of the stream; or the end at once. */
  private static void assertAlertThenClose(InputStream in) throws Exception {
    int first = in.read();
    if (first >= 0) {
      assertEquals(0x15, first, "a TLS alert record");
      while (in.read() >= 0) {
        // the rest of the alert
      }
    }
  }

  /** A minimal ClientHello record offering {@code version} and one cipher suite. */
  private static byte[] clientHello(int version, int suite) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    int bodyLength = 2 + 32 + 1 + 2 + 2 + 1 + 1;
    byte[] record = new byte[5 + 4 + bodyLength];
    int i = 0;
    record[i++] = 0x16;
    record[i++] = 0x03;
    record[i++] = 0x01;
    record[i++] = (byte) ((4 + bodyLength) >> 8);
    record[i++] = (byte) (4 + bodyLength);
    record[i++] = 0x01;
    record[i++] = 0;
    record[i++] = (byte) (bodyLength >> 8);
    record[i++] = (byte) bodyLength;
    record[i++] = (byte) (version >> 8);
    record[i++] = (byte) version;
    System.arraycopy(random, 0, record, i, 32);
    i += 32;
    record[i++] = 0;
    record[i++] = 0;
    record[i++] = 2;
    record[i++] = (byte) (suite >> 8);
    record[i++] = (byte) suite;
    record[i++] = 1;
    record[i] = 0;
    return record;
  }
}
