package lochat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class WebSocketHandshakeTest {

  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  private static ByteString head(String... lines) {
    return ByteString.fromString(String.join("\r\n", lines) + "\r\n\r\n",
        StandardCharsets.ISO_8859_1);
  }

  private static ByteString browser() {
    return head("GET /ws HTTP/1.1", "Host: 192.168.1.7:8080", "Upgrade: websocket",
        "Connection: keep-alive, Upgrade", "Sec-WebSocket-Key: " + KEY,
        "Sec-WebSocket-Version: 13", "Origin: http://192.168.1.7:8080");
  }

  private static WebSocketHandshake.Refused refused(ByteString head) {
    return assertInstanceOf(WebSocketHandshake.Refused.class, WebSocketHandshake.read(head));
  }

  @Test
  void theEndOfAHeadIsFoundWhereverTheSearchResumes() {
    ByteString bytes = ByteString.fromString("GET / HTTP/1.1\r\nHost: x\r\n\r\nrest");
    assertEquals(bytes.size() - 4, WebSocketHandshake.headLength(bytes, 0));
    assertEquals(bytes.size() - 4, WebSocketHandshake.headLength(bytes, bytes.size() - 9));
    assertEquals(-1, WebSocketHandshake.headLength(bytes.take(bytes.size() - 5), 0));
  }

  @Test
  void aBrowsersHandshakeIsAnsweredWithTheAcceptTheRfcGives() {
    WebSocketHandshake.Upgrade upgrade = assertInstanceOf(WebSocketHandshake.Upgrade.class,
        WebSocketHandshake.read(browser()));
    String answer = upgrade.switching().utf8String();
    assertTrue(answer.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), answer);
    assertTrue(answer.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"),
        answer);
    assertTrue(answer.contains("\r\nUpgrade: websocket\r\n"), answer);
    assertTrue(answer.endsWith("\r\n\r\n"), answer);
  }

  @Test
  void headerNamesAndTokensAreReadInAnyCaseAndAQueryIsAllowed() {
    ByteString head = head("GET /ws?nick=ann HTTP/1.1", "host: h:1", "UPGRADE: WebSocket",
        "connection: upgrade", "sec-websocket-key: " + KEY, "sec-websocket-version: 13");
    assertInstanceOf(WebSocketHandshake.Upgrade.class, WebSocketHandshake.read(head));
  }

  @Test
  void everyOtherRequestIsLeftToTheHttpServer() {
    for (ByteString head : new ByteString[] {
        head("GET / HTTP/1.1", "Host: h"),
        head("GET /ws HTTP/1.1", "Host: h"),
        head("GET /wsx HTTP/1.1", "Host: h", "Upgrade: websocket"),
        head("GET /assets/app.js HTTP/1.1", "Host: h", "Upgrade: websocket"),
        head("nonsense"),
        head("GET /ws HTTP/1.1", " folded: header")}) {
      assertInstanceOf(WebSocketHandshake.NotWebSocket.class, WebSocketHandshake.read(head),
          head.utf8String());
    }
  }

  @Test
  void aBadHandshakeIsToldWhatIsWrong() {
    assertEquals(400, refused(head("POST /ws HTTP/1.1", "Host: h", "Upgrade: websocket",
        "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"))
        .status());
    assertEquals(400, refused(head("GET /ws HTTP/1.1", "Host: h", "Upgrade: websocket",
        "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13")).status(),
        "no Connection: Upgrade");
    assertEquals(400, refused(head("GET /ws HTTP/1.1", "Host: h", "Upgrade: websocket",
        "Connection: Upgrade", "Sec-WebSocket-Key: c2hvcnQ=", "Sec-WebSocket-Version: 13"))
        .status(), "a key of 5 bytes");
    assertEquals(400, refused(head("GET /ws HTTP/1.1", "Upgrade: websocket",
        "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13"))
        .status(), "no Host");
    WebSocketHandshake.Refused oldVersion = refused(head("GET /ws HTTP/1.1", "Host: h",
        "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY,
        "Sec-WebSocket-Version: 8"));
    assertEquals(426, oldVersion.status());
    assertTrue(oldVersion.answer(ZonedDateTime.now()).utf8String()
        .contains("\r\nSec-WebSocket-Version: 13\r\n"));
  }

  @Test
  void aPageOfAnotherOriginIsRefusedAndLogged() {
    WebSocketHandshake.Refused refused = refused(head("GET /ws HTTP/1.1",
        "Host: 192.168.1.7:8080", "Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13",
        "Origin: http://evil.example"));
    assertEquals(403, refused.status());
    assertTrue(refused.warning().orElseThrow().contains("http://evil.example"));
    assertInstanceOf(WebSocketHandshake.Upgrade.class, WebSocketHandshake.read(head(
        "GET /ws HTTP/1.1", "Host: h:1", "Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13")),
        "a program sends no Origin");
    assertTrue(WebSocketHandshake.sameOrigin("HTTPS://H:1", "h:1"));
  }

  @Test
  void thePagesOfTheClustersOtherNodesMayOpenTheChatAndNoOthers() {
    TrustedOrigins cluster = new TrustedOrigins();
    cluster.set(new lochat.cluster.NodeEndpoints("192.168.1.8", 4444, 0, 0, 0, 8080, 8443)
        .pageOrigins());
    ByteString fromNode8 = head("GET /ws HTTP/1.1", "Host: 192.168.1.7:8080",
        "Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY,
        "Sec-WebSocket-Version: 13", "Origin: http://192.168.1.8:8080");
    assertInstanceOf(WebSocketHandshake.Upgrade.class,
        WebSocketHandshake.read(fromNode8, cluster::accepts));
    assertInstanceOf(WebSocketHandshake.Upgrade.class, WebSocketHandshake.read(head(
        "GET /ws HTTP/1.1", "Host: 192.168.1.7:8080", "Upgrade: websocket",
        "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13",
        "Origin: HTTPS://192.168.1.8:8443"), cluster::accepts), "its TLS page, in any case");
    assertEquals(403, refused(fromNode8).status(), "without the cluster, another origin");
    for (String other : new String[] {"http://192.168.1.8:8081", "https://192.168.1.8:8080",
        "http://192.168.1.9:8080", "http://192.168.1.8:8080.evil.example"}) {
      assertInstanceOf(WebSocketHandshake.Refused.class, WebSocketHandshake.read(head(
          "GET /ws HTTP/1.1", "Host: 192.168.1.7:8080", "Upgrade: websocket",
          "Connection: Upgrade", "Sec-WebSocket-Key: " + KEY, "Sec-WebSocket-Version: 13",
          "Origin: " + other), cluster::accepts), other);
    }
    cluster.set(java.util.List.of());
    assertInstanceOf(WebSocketHandshake.Upgrade.class,
        WebSocketHandshake.read(fromNode8, cluster::accepts),
        "a page of a node gone still goes on from here");
  }

  @Test
  void aRefusalIsAWholeAnswerThatClosesTheConnection() {
    String answer = WebSocketHandshake.tooLarge()
        .answer(ZonedDateTime.of(2026, 12, 6, 12, 0, 0, 0, ZoneOffset.UTC)).utf8String();
    int bodyAt = answer.indexOf("\r\n\r\n") + 4;
    assertTrue(answer.startsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n"), answer);
    assertTrue(answer.contains("\r\nDate: Sun, 6 Dec 2026 12:00:00 GMT\r\n"), answer);
    assertTrue(answer.contains("\r\nConnection: close\r\n"), answer);
    assertTrue(answer.contains("\r\nContent-Security-Policy: "), answer);
    assertTrue(answer.contains("\r\nContent-Length: "
        + answer.substring(bodyAt).getBytes(StandardCharsets.UTF_8).length + "\r\n"), answer);
    assertEquals(Optional.empty(), WebSocketHandshake.tooLarge().warning());
  }
}
