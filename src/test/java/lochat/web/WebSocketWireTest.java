package lochat.web;

import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.PING;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static lochat.protocol.web.WebSocketFrame.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lochat.testing.RawWebSocket;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat's WebSocket on the wire, byte by byte, as the web listener frames it itself: frames
 * cut anywhere, control frames, the closing handshake, broken frames and bad handshakes.
 */
@Timeout(60)
class WebSocketWireTest {

  private static RawWebSocket signedIn(TestServer server, String nick) throws Exception {
    RawWebSocket socket = RawWebSocket.connect(server.webPort());
    socket.readText("\"prompt\"");
    socket.send(RawWebSocket.text("{\"type\":\"nick\",\"nick\":\"" + nick + "\"}"));
    socket.readText("Hello ");
    return socket;
  }

  @Test
  void framesCutIntoSingleBytesAreReadAndPingsAreAnswered() throws Exception {
    try (TestServer server = TestServer.start();
        TestClient alice = server.register("alice");
        RawWebSocket web = signedIn(server, "raw")) {
      alice.expect("JOINED lobby raw");
      byte[] first = RawWebSocket.frame(false, TEXT, bytes("{\"type\":\"say\",\"te"));
      byte[] ping = RawWebSocket.frame(true, PING, bytes("are you there"));
      byte[] rest = RawWebSocket.frame(true, 0, bytes("xt\":\"one byte at a time\"}"));
      web.sendByteByByte(concat(first, ping, rest));
      assertEquals("are you there", web.readFrame(PONG).text());
      web.readText("one byte at a time");
      alice.expect("MSG lobby raw one byte at a time");
    }
  }

  @Test
  void aCloseIsAnsweredWithACloseAndThenTheConnectionCloses() throws Exception {
    try (TestServer server = TestServer.start();
        TestClient alice = server.register("alice");
        RawWebSocket web = signedIn(server, "raw")) {
      alice.expect("JOINED lobby raw");
      web.send(RawWebSocket.frame(true, CLOSE, new byte[] {0x03, (byte) 0xe9}));
      RawWebSocket.Frame close = web.readFrame(CLOSE);
      assertEquals(1001, close.closeCode(), "the server echoes the browser's code");
      assertTrue(web.closedByServer());
      alice.expectStartsWith("LEFT lobby raw");
    }
  }

  @Test
  void theServerClosingSendsACloseFrameAfterItsLastMessage() throws Exception {
    try (TestServer server = TestServer.start();
        RawWebSocket web = signedIn(server, "raw")) {
      web.send(RawWebSocket.text("{\"type\":\"quit\",\"reason\":\"bye\"}"));
      RawWebSocket.Frame close = web.readFrame(CLOSE);
      assertEquals(1000, close.closeCode());
      web.send(RawWebSocket.frame(true, CLOSE, new byte[] {0x03, (byte) 0xe8}));
      assertTrue(web.closedByServer());
    }
  }

  @Test
  void anUnmaskedFrameIsAProtocolErrorThatEndsOnlyThatConnection() throws Exception {
    try (TestServer server = TestServer.start();
        TestClient alice = server.register("alice");
        RawWebSocket web = signedIn(server, "raw")) {
      alice.expect("JOINED lobby raw");
      byte[] unmasked = bytes("{\"type\":\"say\",\"text\":\"sneaky\"}");
      byte[] frame = new byte[2 + unmasked.length];
      frame[0] = (byte) 0x81;
      frame[1] = (byte) unmasked.length;
      System.arraycopy(unmasked, 0, frame, 2, unmasked.length);
      web.send(frame);
      assertEquals(1002, web.readFrame(CLOSE).closeCode());
      assertTrue(web.closedByServer());
      List<String> seen = alice.expectStartsWith("LEFT lobby raw");
      assertFalse(seen.stream().anyMatch(line -> line.contains("sneaky")), seen.toString());
      alice.send("still here");
      alice.expect("MSG lobby alice still here");
    }
  }

  @Test
  void aMessageThatIsNotUtf8IsClosedWithInvalidDataAndNeverSaid() throws Exception {
    try (TestServer server = TestServer.start();
        TestClient alice = server.register("alice");
        RawWebSocket web = signedIn(server, "raw")) {
      alice.expect("JOINED lobby raw");
      byte[] say = bytes("{\"type\":\"say\",\"text\":\"bad \u0000\"}");
      say[say.length - 3] = (byte) 0xff;
      web.send(RawWebSocket.frame(true, TEXT, say));
      assertEquals(1007, web.readFrame(CLOSE).closeCode());
      assertTrue(web.closedByServer());
      List<String> seen = alice.expectStartsWith("LEFT lobby raw");
      assertFalse(seen.stream().anyMatch(line -> line.contains("bad")), seen.toString());
    }
  }

  @Test
  void aMessageCutShortByTheConnectionsEndIsNeverSaid() throws Exception {
    try (TestServer server = TestServer.start();
        TestClient alice = server.register("alice");
        RawWebSocket web = signedIn(server, "raw")) {
      alice.expect("JOINED lobby raw");
      web.send(RawWebSocket.frame(false, TEXT, bytes("{\"type\":\"say\",\"text\":\"half")));
      web.close();
      List<String> seen = alice.expectStartsWith("LEFT lobby raw");
      assertFalse(seen.stream().anyMatch(line -> line.contains("half")), seen.toString());
    }
  }

  @Test
  void aBrowserThatClosesRightAfterItsHandshakeIsLetGo() throws Exception {
    try (TestServer server = TestServer.start();
        RawWebSocket socket = RawWebSocket.open(server.webPort())) {
      socket.send(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: " + RawWebSocket.KEY + "\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.finishSending();
      assertTrue(socket.readHead().startsWith("HTTP/1.1 101 "));
      assertEquals(1000, socket.readFrame(CLOSE).closeCode(),
          "the session saw its input end and closed");
      assertTrue(socket.closedByServer());
    }
  }

  @Test
  void aBrowserResetWhileItsAdmissionIsPendingFreesItsPlace() throws Exception {
    try (TestServer server = TestServer.start("lochat.max-connections = 1")) {
      for (int i = 0; i < 20; i++) {
        RawWebSocket socket = RawWebSocket.open(server.webPort());
        socket.send(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: " + RawWebSocket.KEY + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.reset();
      }
      admittedThenGone(server, "the reset browsers' places were never freed");
    }
  }

  /**
   * A browser's end is seen by callbacks on Pekko's completion stages, which, run the plain way,
   * would each start a thread on a machine of two cores: thousands at once when a burst of
   * browsers leaves, and the room's latency with them.
   */
  @Test
  void browsersThatComeAndGoStartNoThreadEach() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (TestServer server = TestServer.start("lochat.max-connections = 1")) {
      admittedThenGone(server, "the first browser was not admitted");
      long before = threads.getTotalStartedThreadCount();
      int browsers = 60;
      for (int i = 0; i < browsers; i++) {
        admittedThenGone(server, "browser " + i + " was not admitted");
      }
      long started = threads.getTotalStartedThreadCount() - before;
      assertTrue(started < browsers / 2, started + " threads started for " + browsers
          + " browsers, each admitted only once the one before it had gone");
    }
  }

  /**
   * Connects a browser, again while the server is full, until it is admitted (prompted for its
   * nickname), then closes it.
   */
  private static void admittedThenGone(TestServer server, String otherwise) throws Exception {
    long deadline = System.nanoTime() + TestClient.TIMEOUT.toNanos();
    while (true) {
      try (RawWebSocket next = RawWebSocket.connect(server.webPort())) {
        String said = next.readFrame(TEXT).text();
        while (!said.contains("\"prompt\"") && !said.contains("server-full")) {
          said = next.readFrame(TEXT).text();
        }
        if (said.contains("\"prompt\"")) {
          return;
        }
        assertTrue(System.nanoTime() < deadline, otherwise);
      }
    }
  }

  @Test
  void aHandshakeOfAnotherVersionIsToldWhichOneIsSpoken() throws Exception {
    try (TestServer server = TestServer.start();
        RawWebSocket socket = RawWebSocket.open(server.webPort())) {
      socket.send(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: " + RawWebSocket.KEY + "\r\n"
          + "Sec-WebSocket-Version: 8\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = socket.readToEnd();
      assertTrue(answer.startsWith("HTTP/1.1 426 Upgrade Required\r\n"), answer);
      assertTrue(answer.contains("\r\nSec-WebSocket-Version: 13\r\n"), answer);
      assertTrue(answer.endsWith("This server speaks WebSocket version 13\n"), answer);
    }
  }

  @Test
  void aRequestHeadTooLongIsRefused() throws Exception {
    try (TestServer server = TestServer.start();
        RawWebSocket socket = RawWebSocket.open(server.webPort())) {
      socket.send(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "a".repeat(20_000)
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String answer = socket.readToEnd();
      assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
    }
  }

  @Test
  void aConnectionThatSendsNoRequestIsClosed() throws Exception {
    try (TestServer server = TestServer.start("lochat.web.first-request-timeout = 300ms");
        RawWebSocket silent = RawWebSocket.open(server.webPort());
        RawWebSocket slow = RawWebSocket.open(server.webPort())) {
      slow.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
      assertTrue(silent.closedByServer());
      assertTrue(slow.closedByServer());
      try (RawWebSocket prompt = signedIn(server, "prompt")) {
        prompt.send(RawWebSocket.text("{\"type\":\"say\",\"text\":\"fine\"}"));
        prompt.readText("fine");
      }
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
