package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.protocol.web.JsonRenderer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a benchmark client speaks Lochat's web protocol (docs/protocol.md, part III): the JSON it
 * sends, the {@code msg} messages it counts as deliveries (where their text starts and ends, on
 * bytes), and how it follows sign-in and join.
 */
class WebWireTest {

  private static final Wire WEB = new Wire.Web();

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The first word of the text {@link Wire.Web} finds in {@code message}, placed inside a
   * larger array between other bytes so that it must respect its bounds; null when it is not a
   * delivery.
   */
  private static String delivered(String message) {
    String before = "{\"type\":\"msg\",\"text\":\"no\"}";
    String after = "\"}junk";
    byte[] bytes = (before + message + after).getBytes(StandardCharsets.UTF_8);
    int from = before.length();
    int to = from + message.length();
    int start = WEB.deliveryText(bytes, from, to);
    if (start < 0) {
      return null;
    }
    int end = WEB.deliveryWordEnd(bytes, start, to);
    return new String(bytes, start, end - start, StandardCharsets.UTF_8);
  }

  private static String msg(String text) {
    return "{\"type\":\"msg\",\"room\":\"bench0\",\"nick\":\"ab1\",\"text\":\"" + text
        + "\",\"kind\":\"text\",\"id\":42,\"time\":\"2026-12-06T10:04:19.123Z\"}";
  }

  @Test
  void webIsNamedAsOnTheCommandLineAndSpeaksOverAWebSocket() {
    assertEquals("web", WEB.name());
    assertInstanceOf(Wire.Web.class, Wire.named("web"));
    assertInstanceOf(WebSocketTransport.class,
        WEB.transport(new InetSocketAddress("127.0.0.1", 8080)));
    assertEquals(Transport.LINES,
        new Wire.Native().transport(new InetSocketAddress("127.0.0.1", 4444)));
  }

  @Test
  void greetingPostJoinAndQuitAreJsonMessages() {
    assertEquals("{\"type\":\"nick\",\"nick\":\"ab1\"}", text(WEB.greeting("ab1")));
    assertEquals("{\"type\":\"say\",\"text\":\"b1.2.3 xxxx\"}",
        text(WEB.post("bench0", "b1.2.3 xxxx")));
    assertEquals("{\"type\":\"say\",\"text\":\"say \\\"hi\\\" \\\\ bye\"}",
        text(WEB.post("bench0", "say \"hi\" \\ bye")));
    assertEquals("{\"type\":\"quit\"}", text(WEB.quit()));
  }

  @Test
  void firstWordOfTheTextEndsAtASpaceItsClosingQuoteOrAnEscape() {
    assertEquals("b1.2.3", delivered(msg("b1.2.3 xxxx")));
    assertEquals("b1.2.-3", delivered(msg("b1.2.-3")));
    assertEquals("", delivered(msg("")));
    assertEquals("say", delivered(msg("say \\\"hi\\\" \\\\")));
    assertEquals("b1", delivered(msg("b1\\\"2\\\"")));
    assertEquals("hi", delivered("{\"type\":\"msg\",\"text\":\"hi\"}"));
  }

  @Test
  void payloadWithoutPaddingDecodesFromTheQuotedText() {
    Payload sent = new Payload(7, 42, -918273645L);
    byte[] bytes = msg(sent.text(10)).getBytes(StandardCharsets.UTF_8);
    int start = WEB.deliveryText(bytes, 0, bytes.length);
    assertEquals(sent, Payload.decodeFirst(bytes, start, WEB.deliveryWordEnd(bytes, start,
        bytes.length)));
    Payload padded = new Payload(7, 43, 5L);
    bytes = msg(padded.text(100)).getBytes(StandardCharsets.UTF_8);
    start = WEB.deliveryText(bytes, 0, bytes.length);
    assertEquals(padded, Payload.decodeFirst(bytes, start, WEB.deliveryWordEnd(bytes, start,
        bytes.length)));
  }

  @Test
  void historyAndOtherMessagesAreNotDeliveries() {
    for (String message : List.of(
        msg("b1.2.3").replace("}", ",\"history\":true}"),
        "{\"type\":\"msg\",\"room\":\"bench0\",\"nick\":\"ab1\",\"history\":true,\"text\":\"b1\"}",
        "{\"type\":\"priv\",\"from\":\"ab1\",\"to\":\"ab2\",\"text\":\"b1.2.3\",\"kind\":\"text\"}",
        "{\"type\":\"topic\",\"room\":\"bench0\",\"nick\":\"ab1\",\"text\":\"b1.2.3\"}",
        "{\"type\":\"server\",\"text\":\"Hello ab1!\"}",
        "{\"type\":\"joined\",\"room\":\"bench0\",\"nick\":\"ab1\"}",
        "{\"type\":\"msg\",\"room\":\"bench0\",\"nick\":\"ab1\"}",
        "{\"type\":\"msg\",",
        "{\"type\":\"ms",
        "")) {
      assertNull(delivered(message), message);
    }
  }

  @Test
  void textKeyInsideAnotherValueIsNotTakenForTheText() {
    String message = "{\"type\":\"msg\",\"note\":\"a \\\"text\\\":\\\"b9.9.9\","
        + "\"text\":\"b1.2.3\",\"kind\":\"text\"}";
    assertEquals("b1.2.3", delivered(message));
  }

  @Test
  void membersWithNestedValuesAreSkippedWhole() {
    String message = "{\"type\":\"msg\",\"tags\":{\"text\":\"b9.9.9\",\"x\":[1,{\"y\":\"]\"}]},"
        + "\"id\":12,\"flags\":[true,\"history\"],\"text\":\"b1.2.3\",\"history\":false}";
    assertEquals("b1.2.3", delivered(message));
    assertNull(delivered(message.replace("\"history\":false", "\"history\":true")));
    assertNull(delivered(message.replace("\"id\":12,", "\"history\":true,")));
    assertNull(delivered("{\"type\":\"msg\",\"tags\":{\"text\":\"b1.2.3\"}}"));
  }

  @Test
  void livePostsAsTheServerRendersThemAreDeliveriesAndItsHistoryReplaysAreNot() {
    ChatEvent.Posted posted = new ChatEvent.Posted("bench0", "ab1", "ab1", Profile.NATIVE,
        "b1.2.3", MessageKind.TEXT, Map.of(), Instant.parse("2026-12-06T18:00:00Z"));
    assertEquals("b1.2.3", delivered(JsonRenderer.INSTANCE.event(posted)));
    assertNull(delivered(JsonRenderer.INSTANCE.history(posted)));
  }

  @Test
  void okNickSignsInAndJoinsTheRoom() {
    List<String> sent = new ArrayList<>();
    assertEquals(Wire.Progress.REGISTERED,
        WEB.onLine("{\"type\":\"ok\",\"what\":\"nick\",\"detail\":\"ab1\"}", "bench0",
            bytes -> sent.add(text(bytes))));
    assertEquals(List.of("{\"type\":\"join\",\"room\":\"bench0\"}"), sent);
    sent.clear();
    assertEquals(Wire.Progress.REGISTERED,
        WEB.onLine("{\"type\":\"ok\",\"what\":\"nick\",\"detail\":\"ab1\"}", null,
            bytes -> sent.add(text(bytes))));
    assertEquals(List.of(), sent);
  }

  @Test
  void joinedOrCurrentForTheRoomIsJoined() {
    List<String> sent = new ArrayList<>();
    assertEquals(Wire.Progress.JOINED, WEB.onLine(
        "{\"type\":\"joined\",\"room\":\"bench0\",\"nick\":\"ab1\"}", "bench0",
        bytes -> sent.add(text(bytes))));
    assertEquals(Wire.Progress.JOINED, WEB.onLine(
        "{\"type\":\"ok\",\"what\":\"current\",\"detail\":\"bench0\"}", "bench0",
        bytes -> sent.add(text(bytes))));
    for (String message : List.of(
        "{\"type\":\"joined\",\"room\":\"lobby\",\"nick\":\"ab1\"}",
        "{\"type\":\"joined\",\"room\":\"bench01\",\"nick\":\"ab1\"}",
        "{\"type\":\"ok\",\"what\":\"current\",\"detail\":\"lobby\"}")) {
      assertEquals(Wire.Progress.NONE, WEB.onLine(message, "bench0",
          bytes -> sent.add(text(bytes))), message);
    }
    assertEquals(Wire.Progress.NONE, WEB.onLine(
        "{\"type\":\"joined\",\"room\":\"bench0\",\"nick\":\"ab1\"}", null,
        bytes -> sent.add(text(bytes))));
    assertEquals(List.of(), sent);
  }

  @Test
  void errorIsARefusal() {
    List<String> sent = new ArrayList<>();
    assertEquals(Wire.Progress.REFUSED, WEB.onLine(
        "{\"type\":\"error\",\"code\":\"nick-taken\",\"text\":\"Nickname ab1 is in use\"}",
        "bench0", bytes -> sent.add(text(bytes))));
    assertEquals(Wire.Progress.REFUSED, WEB.onLine(
        "{\"type\":\"error\",\"code\":\"server-full\"}", null, bytes -> sent.add(text(bytes))));
    assertEquals(Wire.Progress.RETRY, WEB.onLine("{\"type\":\"error\",\"code\":"
        + "\"nick-unavailable\",\"text\":\"try again\"}", "bench0", bytes -> sent.add(text(bytes))));
    assertEquals(List.of(), sent);
  }

  @Test
  void pingIsAnsweredWithPongOfTheSameToken() {
    List<String> sent = new ArrayList<>();
    for (String ping : List.of("{\"type\":\"ping\",\"token\":\"a \\\"b\\\"\"}",
        "{\"type\":\"ping\",\"token\":17}", "{\"type\":\"ping\"}")) {
      assertEquals(Wire.Progress.NONE, WEB.onLine(ping, "bench0",
          bytes -> sent.add(text(bytes))), ping);
    }
    assertEquals(List.of("{\"type\":\"pong\",\"token\":\"a \\\"b\\\"\"}",
        "{\"type\":\"pong\",\"token\":17}", "{\"type\":\"pong\"}"), sent);
  }

  @Test
  void otherMessagesAreNoProgress() {
    List<String> sent = new ArrayList<>();
    for (String message : List.of(
        "{\"type\":\"prompt\",\"text\":\"Choose a nickname\"}",
        "{\"type\":\"server\",\"text\":\"Hello ab1! You are in lobby.\"}",
        "{\"type\":\"who\",\"room\":\"bench0\",\"members\":[{\"nick\":\"ab1\",\"op\":true}]}",
        "{\"type\":\"ok\",\"what\":\"away\"}",
        "{\"type\":\"pong\",\"token\":\"x\"}",
        "not json",
        "")) {
      assertEquals(Wire.Progress.NONE, WEB.onLine(message, "bench0",
          bytes -> sent.add(text(bytes))), message);
    }
    assertEquals(List.of(), sent);
  }
}
