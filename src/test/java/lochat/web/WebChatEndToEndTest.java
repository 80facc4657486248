package lochat.web;

import static lochat.testing.WebTestClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import lochat.testing.WebTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Browsers' chat end to end, through the JDK's WebSocket client against a real server on port
 * 0: web users talk with native users in the same rooms, get every native reply as a JSON
 * message, and meet the same rules (bad input answered, flood slowed, a reader that stops
 * dropped, a silent browser disconnected, a full server said so).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebChatEndToEndTest {

  @Test
  void browserAndNativeUsersTalkInTheSameRoom() throws Exception {
    try (TestServer server = TestServer.start();
        TestClient alice = server.register("alice");
        WebTestClient web = WebTestClient.connect(server.webPort()).signIn("wendy")) {
      alice.expect("JOINED lobby wendy");
      web.send("who");
      JsonNode who = web.expectType("who");
      assertEquals("lobby", who.path("room").asText());
      assertEquals("alice", who.path("members").get(0).path("nick").asText());
      assertTrue(who.path("members").get(0).path("op").asBoolean(), "alice made the room");
      assertEquals("wendy", who.path("members").get(1).path("nick").asText());

      web.send("say", "text", "hello from the browser \"quoted\" <b>not bold</b>");
      alice.expect("MSG lobby wendy hello from the browser \"quoted\" <b>not bold</b>");
      JsonNode echo = web.expect(m -> type(m).equals("msg"), "the echo");
      assertEquals("wendy", echo.path("nick").asText());
      assertEquals("hello from the browser \"quoted\" <b>not bold</b>",
          echo.path("text").asText());
      assertEquals("text", echo.path("kind").asText());
      assertTrue(echo.path("id").asLong() > 0, "posts carry their history id");
      Instant.parse(echo.path("time").asText());

      alice.send("hi wendy");
      JsonNode post = web.expect(m -> type(m).equals("msg")
          && m.path("nick").asText().equals("alice"), "alice's post");
      assertEquals("hi wendy", post.path("text").asText());
      assertTrue(post.path("id").asLong() > echo.path("id").asLong());

      web.send("me", "text", "waves");
      alice.expect("ACTION lobby wendy waves");
      alice.send("/whois wendy");
      alice.expect("WHOIS wendy web lobby wendy");
    }
  }

  @Test
  void historyOnJoinIsMarkedAndPrivateMessagesGoBothWays() throws Exception {
    try (TestServer server = TestServer.start();
        TestClient alice = server.register("alice")) {
      alice.send("before you came");
      alice.expect("MSG lobby alice before you came");
      try (WebTestClient web = WebTestClient.connect(server.webPort())) {
        web.expectType("prompt");
        web.send("nick", "nick", "wendy");
        JsonNode old = web.expect(m -> type(m).equals("msg"), "the history");
        assertEquals("before you came", old.path("text").asText());
        assertTrue(old.path("history").asBoolean());
        web.expectType("joined");

        web.send("msg", "to", "alice", "text", "psst");
        alice.expect("PRIV wendy alice psst");
        JsonNode receipt = web.expectType("priv");
        assertEquals("alice", receipt.path("to").asText());
        alice.send("/msg wendy /me nods");
        JsonNode action = web.expect(m -> type(m).equals("priv")
            && m.path("from").asText().equals("alice"), "alice's action");
        assertEquals("action", action.path("kind").asText());
        assertEquals("nods", action.path("text").asText());

        web.send("join", "room", "games");
        web.expect(m -> type(m).equals("joined") && m.path("room").asText().equals("games"),
            "the join");
        web.send("history");
        JsonNode end = web.expectType("end-history");
        assertEquals("games", end.path("room").asText());
        assertEquals(0, end.path("count").asInt());
      }
    }
  }

  @Test
  void lineMessagesAreNativeCommandsWithTheirAnswersInJson() throws Exception {
    try (TestServer server = TestServer.start();
        TestClient alice = server.register("alice");
        WebTestClient web = WebTestClient.connect(server.webPort()).signIn("wendy")) {
      web.send("line", "text", "/whois alice");
      JsonNode whois = web.expectType("whois");
      assertEquals("native", whois.path("protocol").asText());
      assertEquals("lobby", whois.path("rooms").get(0).asText());

      web.send("line", "text", "/mode");
      JsonNode modes = web.expectType("modes");
      assertEquals("+nt", modes.path("modes").asText());

      web.send("line", "text", "/kick alice");
      JsonNode refused = web.expectType("error");
      assertEquals("not-operator", refused.path("code").asText());

      web.send("line", "text", "/nosuch");
      assertEquals("unknown-command", web.expectType("error").path("code").asText());

      web.send("ping", "token", "t1");
      assertEquals("t1", web.expectType("pong").path("token").asText());
    }
  }

  @Test
  void roomsAreRunFromTheBrowserWithEveryAnswerInJson() throws Exception {
    try (TestServer server = TestServer.start();
        WebTestClient web = WebTestClient.connect(server.webPort()).signIn("wendy");
        TestClient bob = server.register("bob")) {
      web.send("join", "room", "garden");
      web.expect(m -> type(m).equals("joined") && m.path("room").asText().equals("garden"),
          "the join");
      bob.send("/join garden");
      bob.expect("JOINED garden bob");
      web.expect(m -> type(m).equals("joined") && m.path("nick").asText().equals("bob"),
          "bob's join");

      web.send("topic", "text", "Seeds and plants");
      JsonNode topic = web.expectType("topic");
      assertEquals("Seeds and plants", topic.path("text").asText());
      assertEquals("wendy", topic.path("nick").asText());
      bob.expectStartsWith("TOPIC garden wendy ");

      web.send("line", "text", "/mode +m");
      assertEquals("+m", web.expectType("mode").path("changes").asText());
      web.send("line", "text", "/ban *!*@10.9.9.9");
      web.expectType("mode");
      web.send("line", "text", "/bans");
      JsonNode ban = web.expectType("list-entry");
      assertEquals("b", ban.path("list").asText());
      assertEquals("*!*@10.9.9.9", ban.path("mask").asText());
      assertEquals("b", web.expectType("list-end").path("list").asText());

      web.send("line", "text", "/kick bob weeds");
      JsonNode kicked = web.expectType("kicked");
      assertEquals("bob", kicked.path("nick").asText());
      assertEquals("weeds", kicked.path("reason").asText());
      bob.expect("KICKED garden wendy bob weeds");
      web.send("line", "text", "/invite bob");
      bob.expect("INVITED garden wendy");

      web.send("list");
      JsonNode listed = web.expect(m -> type(m).equals("room")
          && m.path("name").asText().equals("garden"), "garden in the list");
      assertEquals("Seeds and plants", listed.path("topic").asText());
      assertTrue(web.expectType("rooms").path("rooms").size() >= 2);

      web.send("away", "message", "watering");
      web.expect(m -> type(m).equals("ok") && m.path("what").asText().equals("away"),
          "the away answer");
      bob.send("/who lobby");
      bob.expect("AWAY wendy watering");

      web.send("nick", "nick", "wanda");
      web.expect(m -> type(m).equals("ok") && m.path("detail").asText().equals("wanda"),
          "the new nick");
      JsonNode renamed = web.expectType("renamed");
      assertEquals("wendy", renamed.path("old").asText());
      assertEquals("wanda", renamed.path("new").asText());
      bob.expect("RENAMED lobby wendy wanda");

      web.send("part", "room", "garden");
      JsonNode left = web.expectType("left");
      assertEquals("garden", left.path("room").asText());
    }
  }

  @Test
  void badMessagesAreAnsweredAndTheConnectionStays() throws Exception {
    try (TestServer server = TestServer.start();
        WebTestClient web = WebTestClient.connect(server.webPort()).signIn("wendy")) {
      web.sendRaw("this is not json");
      assertEquals("bad-message", web.expectType("error").path("code").asText());
      web.sendRaw("[1,2,3]");
      assertEquals("bad-message", web.expectType("error").path("code").asText());
      web.sendRaw("{\"type\":\"teleport\"}");
      assertEquals("unknown-command", web.expectType("error").path("code").asText());
      web.sendRaw("{\"type\":\"say\",\"text\":42}");
      assertEquals("bad-argument", web.expectType("error").path("code").asText());
      web.send("say", "text", "x".repeat(5000));
      assertEquals("line-too-long", web.expectType("error").path("code").asText());
      web.send("say", "text", "x".repeat(2_000_000));
      assertEquals("line-too-long", web.expectType("error").path("code").asText(),
          "a message of megabytes is discarded as it streams in");
      web.sendRaw("{\"type\":\"say\",\"text\":\"still here\\u0007\"}");
      JsonNode echo = web.expectType("msg");
      assertEquals("still here", echo.path("text").asText().strip(),
          "control characters sent as JSON escapes are removed");
    }
  }

  @Test
  void pagesOfOtherOriginsCannotOpenTheChat() throws Exception {
    try (TestServer server = TestServer.start()) {
      ExecutionException refused = assertThrows(ExecutionException.class,
          () -> WebTestClient.connect(server.webPort(), Optional.of("http://evil.example")));
      assertTrue(refused.getCause() instanceof WebSocketHandshakeException,
          "refused at the handshake: " + refused.getCause());
      assertEquals(403,
          ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
      try (WebTestClient program = WebTestClient.connect(server.webPort(), Optional.empty())) {
        program.signIn("bot");
      }
    }
  }

  @Test
  void aFullServerSaysSoAndCloses() throws Exception {
    try (TestServer server = TestServer.start("lochat.max-connections = 1");
        WebTestClient first = WebTestClient.connect(server.webPort()).signIn("wendy");
        WebTestClient second = WebTestClient.connect(server.webPort())) {
      JsonNode full = second.expectType("error");
      assertEquals("server-full", full.path("code").asText());
      second.expectClosed();
      first.send("say", "text", "still fine");
      first.expectType("msg");
    }
  }

  @Test
  void aSilentBrowserIsPingedAndDroppedWhileOneThatAnswersStays() throws Exception {
    try (TestServer server = TestServer.start(
            "lochat.web.ping-interval = 300ms\nlochat.web.ping-timeout = 300ms");
        TestClient alice = server.register("alice");
        WebTestClient answering = WebTestClient.connect(server.webPort()).signIn("ann");
        WebTestClient silent = WebTestClient.connect(server.webPort()).signIn("sil")) {
      alice.expect("JOINED lobby sil");
      JsonNode ping = answering.expectType("ping");
      answering.send("pong", "token", ping.path("token").asText());
      silent.expectType("ping");
      alice.expect("LEFT lobby sil ping timeout: 300 ms");
      silent.expectClosed();
      JsonNode again = answering.expectType("ping");
      answering.send("pong", "token", again.path("token").asText());
      answering.send("say", "text", "still here");
      alice.expect("MSG lobby ann still here");
    }
  }

  @Test
  void aShutdownSaysGoodbyeAndCloses() throws Exception {
    TestServer server = TestServer.start();
    try (server; WebTestClient web = WebTestClient.connect(server.webPort()).signIn("wendy")) {
      server.shutdown(java.time.Duration.ofSeconds(10));
      JsonNode goodbye = web.expect(m -> type(m).equals("server")
          && m.path("text").asText().contains("shutting down"), "the goodbye");
      assertFalse(goodbye.path("text").asText().isEmpty());
      web.expectClosed();
    }
  }

  @Test
  void aWebSocketRequestWithoutUpgradeIsToldWhatTheAddressIs() throws Exception {
    try (TestServer server = TestServer.start()) {
      var response = HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.webPort() + "/ws")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(400, response.statusCode());
      assertTrue(response.body().contains("WebSocket"), response.body());
    }
  }
}
