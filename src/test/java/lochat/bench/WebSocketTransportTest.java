package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import lochat.protocol.web.WebSocketFrame;
import org.junit.jupiter.api.Test;

/**
 * The generator's WebSocket client side: the upgrade it asks for and the answer it accepts,
 * server frames of every length class, fragments, pings and closes, and the masked frames it
 * sends. No server: bytes in, what the connection would be told out.
 */
class WebSocketTransportTest {

  /** What the transport told its connection. */
  private static final class Heard implements Transport.Receiver {
    final List<String> messages = new ArrayList<>();
    final List<byte[]> replies = new ArrayList<>();
    final List<String> ends = new ArrayList<>();
    int opened;

    @Override
    public boolean message(byte[] bytes, int from, int to) {
      messages.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
      return ends.isEmpty();
    }

    @Override
    public void opened() {
      opened++;
    }

    @Override
    public void reply(byte[] bytes) {
      replies.add(bytes);
    }

    @Override
    public void end(String reason) {
      ends.add(reason);
    }
  }

  /** A transport fed as a connection feeds it: unread bytes are kept for the next chunk. */
  private static final class Feed {
    final WebSocketTransport transport = new WebSocketTransport("127.0.0.1:8080", new Random(7));
    final Heard heard = new Heard();
    byte[] pending = new byte[0];

    Feed open() {
      give(upgradeAnswer(WebSocketFrame.accept(transport.key())));
      assertEquals(1, heard.opened);
      return this;
    }

    void give(byte[] chunk) {
      byte[] all = concat(pending, chunk);
      // Within a larger array, so that the transport must respect from and to.
      byte[] framed = concat(concat(new byte[] {9, 9, 9}, all), new byte[] {8, 8});
      int used = transport.read(framed, 3, 3 + all.length, heard);
      assertTrue(used >= 3 && used <= 3 + all.length, "used " + used);
      pending = Arrays.copyOfRange(framed, used, 3 + all.length);
    }
  }

  private static byte[] upgradeAnswer(String accept) {
    return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "sec-websocket-accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** An unmasked server frame. */
  private static byte[] serverFrame(boolean fin, int opcode, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | opcode);
    int length = payload.length;
    if (length < 126) {
      out.write(length);
    } else if (length <= 0xffff) {
      out.write(126);
      out.write(length >>> 8);
      out.write(length & 0xff);
    } else {
      out.write(127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) length >>> (8 * i)) & 0xff);
      }
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String repeat(char c, int n) {
    return String.valueOf(c).repeat(n);
  }

  /** A client frame as a server reads it: opcode, and the payload unmasked. */
  private record ClientFrame(boolean fin, int opcode, byte[] payload, int headerLength) {
    static ClientFrame parse(byte[] frame) {
      boolean fin = (frame[0] & 0x80) != 0;
      assertTrue((frame[1] & 0x80) != 0, "a client frame must be masked");
      long length = frame[1] & 0x7f;
      int at = 2;
      if (length == 126) {
        length = (frame[2] & 0xff) << 8 | frame[3] & 0xff;
        at = 4;
      } else if (length == 127) {
        length = 0;
        for (int i = 2; i < 10; i++) {
          length = length << 8 | frame[i] & 0xff;
        }
        at = 10;
      }
      byte[] mask = Arrays.copyOfRange(frame, at, at + 4);
      at += 4;
      assertEquals(at + length, frame.length, "frame length");
      byte[] payload = new byte[(int) length];
      for (int i = 0; i < payload.length; i++) {
        payload[i] = (byte) (frame[at + i] ^ mask[i & 3]);
      }
      return new ClientFrame(fin, frame[0] & 0x0f, payload, at);
    }
  }

  @Test
  void acceptIsTheRfcExample() {
    assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
        WebSocketFrame.accept("dGhlIHNhbXBsZSBub25jZQ=="));
  }

  @Test
  void upgradeRequestAsksForTheChatSocketWithoutOrigin() {
    WebSocketTransport transport = new WebSocketTransport("127.0.0.1:8080", new Random(1));
    String request = new String(transport.opening(), StandardCharsets.US_ASCII);
    assertTrue(request.startsWith("GET /ws HTTP/1.1\r\n"), request);
    assertTrue(request.contains("\r\nHost: 127.0.0.1:8080\r\n"), request);
    assertTrue(request.contains("\r\nUpgrade: websocket\r\n"), request);
    assertTrue(request.contains("\r\nConnection: Upgrade\r\n"), request);
    assertTrue(request.contains("\r\nSec-WebSocket-Version: 13\r\n"), request);
    assertTrue(request.contains("\r\nSec-WebSocket-Key: " + transport.key() + "\r\n"), request);
    assertTrue(request.endsWith("\r\n\r\n"), request);
    assertFalse(request.toLowerCase().contains("origin"), request);
    assertEquals(16, Base64.getDecoder().decode(transport.key()).length);
    assertFalse(transport.key().equals(
        new WebSocketTransport("h:1", new Random(2)).key()), "keys differ per connection");
  }

  @Test
  void rightAcceptOpensAndFramesInTheSameReadAreRead() {
    Feed feed = new Feed();
    feed.give(concat(upgradeAnswer(WebSocketFrame.accept(feed.transport.key())),
        serverFrame(true, WebSocketFrame.TEXT, text("{\"type\":\"prompt\"}"))));
    assertEquals(1, feed.heard.opened);
    assertEquals(List.of("{\"type\":\"prompt\"}"), feed.heard.messages);
    assertEquals(List.of(), feed.heard.ends);
  }

  @Test
  void answerInPiecesOpensOnlyWhenComplete() {
    Feed feed = new Feed();
    byte[] answer = upgradeAnswer(WebSocketFrame.accept(feed.transport.key()));
    for (byte b : answer) {
      assertEquals(0, feed.heard.opened);
      feed.give(new byte[] {b});
    }
    assertEquals(1, feed.heard.opened);
    assertEquals(0, feed.pending.length);
  }

  @Test
  void wrongAcceptOrRefusedUpgradeEndsTheConnectionSayingWhy() {
    Feed wrong = new Feed();
    wrong.give(upgradeAnswer(WebSocketFrame.accept("c29tZSBvdGhlciBrZXk=")));
    assertEquals(0, wrong.heard.opened);
    assertEquals(1, wrong.heard.ends.size());
    assertTrue(wrong.heard.ends.get(0).contains("Sec-WebSocket-Accept"), wrong.heard.ends.get(0));

    Feed refused = new Feed();
    refused.give(text("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
    assertEquals(0, refused.heard.opened);
    assertEquals(List.of("the server refused the WebSocket upgrade: HTTP/1.1 403 Forbidden"),
        refused.heard.ends);

    Feed missing = new Feed();
    missing.give(text("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n"));
    assertEquals(0, missing.heard.opened);
    assertEquals(1, missing.heard.ends.size());
  }

  @Test
  void framesSentTogetherAreEachOneMessageInOrder() {
    Feed feed = new Feed().open();
    byte[] first = serverFrame(true, WebSocketFrame.TEXT,
        text("{\"type\":\"msg\",\"text\":\"a],[{\\\"b\"}"));
    byte[] second = serverFrame(true, WebSocketFrame.TEXT, text("{\"type\":\"joined\"}"));
    feed.give(concat(first, second));
    assertEquals(List.of("{\"type\":\"msg\",\"text\":\"a],[{\\\"b\"}",
        "{\"type\":\"joined\"}"), feed.heard.messages);
  }

  @Test
  void serverFramesOfEveryLengthClassAreReadWhole() {
    for (int length : new int[] {0, 1, 125, 126, 127, 65535, 65536}) {
      Feed feed = new Feed().open();
      String message = repeat('a', length);
      feed.give(serverFrame(true, WebSocketFrame.TEXT, text(message)));
      assertEquals(List.of(message), feed.heard.messages, "length " + length);
      assertEquals(List.of(), feed.heard.ends, "length " + length);
      assertEquals(0, feed.pending.length, "length " + length);
    }
  }

  @Test
  void frameLongerThanTheLimitEndsTheConnection() {
    Feed feed = new Feed().open();
    // Its header alone is enough to refuse it.
    byte[] frame = serverFrame(true, WebSocketFrame.TEXT, text(repeat('a', 65537)));
    feed.give(Arrays.copyOf(frame, 10));
    assertEquals(List.of(), feed.heard.messages);
    assertEquals(1, feed.heard.ends.size());
    assertTrue(feed.heard.ends.get(0).contains("65537"), feed.heard.ends.get(0));
  }

  @Test
  void framesSplitAnywhereComeOutWholeAndInOrder() {
    // Byte by byte for short frames; a long one in larger pieces (kept bytes are copied anew
    // on every read, so a 64 KiB frame byte by byte would take seconds).
    int[] lengths = {5, 125, 126, 300, 70};
    assertSplitsRead(lengths, 1, 3, 7);
    assertSplitsRead(new int[] {65535, 5, 126, 65536}, 1000, 4096);
  }

  private static void assertSplitsRead(int[] lengths, int... pieces) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<String> sent = new ArrayList<>();
    for (int length : lengths) {
      String message = (char) ('a' + sent.size()) + repeat('x', length - 1);
      sent.add(message);
      stream.writeBytes(serverFrame(true, WebSocketFrame.TEXT, text(message)));
    }
    byte[] all = stream.toByteArray();
    for (int piece : pieces) {
      Feed feed = new Feed().open();
      for (int at = 0; at < all.length; at += piece) {
        feed.give(Arrays.copyOfRange(all, at, Math.min(all.length, at + piece)));
      }
      assertEquals(sent, feed.heard.messages, "pieces of " + piece);
      assertEquals(0, feed.pending.length);
    }
  }

  @Test
  void fragmentedTextIsReassembledAndAPingBetweenFragmentsIsAnswered() {
    Feed feed = new Feed().open();
    feed.give(serverFrame(false, WebSocketFrame.TEXT, text("{\"type\":")));
    feed.give(serverFrame(true, WebSocketFrame.PING, text("tick")));
    feed.give(serverFrame(false, WebSocketFrame.CONTINUATION, text("\"server\",")));
    assertEquals(List.of(), feed.heard.messages);
    feed.give(serverFrame(true, WebSocketFrame.CONTINUATION, text("\"text\":\"hi\"}")));
    feed.give(serverFrame(true, WebSocketFrame.TEXT, text("{\"type\":\"ok\"}")));
    assertEquals(List.of("{\"type\":\"server\",\"text\":\"hi\"}", "{\"type\":\"ok\"}"),
        feed.heard.messages);
    assertEquals(1, feed.heard.replies.size());
    ClientFrame pong = ClientFrame.parse(feed.heard.replies.get(0));
    assertEquals(WebSocketFrame.PONG, pong.opcode());
    assertTrue(pong.fin());
    assertEquals("tick", new String(pong.payload(), StandardCharsets.UTF_8));
    assertEquals(List.of(), feed.heard.ends);
  }

  @Test
  void pongFromTheServerIsIgnored() {
    Feed feed = new Feed().open();
    feed.give(serverFrame(true, WebSocketFrame.PONG, text("x")));
    assertEquals(List.of(), feed.heard.messages);
    assertEquals(List.of(), feed.heard.replies);
    assertEquals(List.of(), feed.heard.ends);
  }

  @Test
  void closeIsAnsweredWithTheSameStatusAndEndsTheConnection() {
    Feed feed = new Feed().open();
    byte[] close = serverFrame(true, WebSocketFrame.CLOSE, new byte[] {0x03, (byte) 0xe8});
    feed.give(concat(close, serverFrame(true, WebSocketFrame.TEXT, text("after"))));
    assertEquals(List.of(), feed.heard.messages, "nothing is read after a close");
    assertEquals(List.of("closed by the server (WebSocket status 1000)"), feed.heard.ends);
    ClientFrame answer = ClientFrame.parse(feed.heard.replies.get(0));
    assertEquals(WebSocketFrame.CLOSE, answer.opcode());
    assertArrayEquals(new byte[] {0x03, (byte) 0xe8}, answer.payload());
  }

  @Test
  void closeWithoutStatusIsAnsweredEmpty() {
    Feed feed = new Feed().open();
    feed.give(serverFrame(true, WebSocketFrame.CLOSE, new byte[0]));
    assertEquals(List.of("closed by the server"), feed.heard.ends);
    assertEquals(0, ClientFrame.parse(feed.heard.replies.get(0)).payload().length);
  }

  @Test
  void protocolErrorsEndTheConnection() {
    List<byte[]> bad = List.of(
        new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'x'},            // masked
        new byte[] {(byte) 0xC1, 1, 'x'},                                   // RSV1
        new byte[] {(byte) 0x83, 1, 'x'},                                   // opcode 3
        serverFrame(true, WebSocketFrame.CONTINUATION, text("x")),      // no message
        serverFrame(false, WebSocketFrame.PING, text("x")),             // fragmented ping
        serverFrame(true, WebSocketFrame.PING, text(repeat('p', 126))));
    for (byte[] frame : bad) {
      Feed feed = new Feed().open();
      feed.give(frame);
      assertEquals(List.of(), feed.heard.messages, Arrays.toString(frame));
      assertEquals(1, feed.heard.ends.size(), Arrays.toString(frame));
      assertTrue(feed.heard.ends.get(0).startsWith("WebSocket protocol error"),
          feed.heard.ends.get(0));
    }
    Feed nested = new Feed().open();
    nested.give(serverFrame(false, WebSocketFrame.TEXT, text("a")));
    nested.give(serverFrame(true, WebSocketFrame.TEXT, text("b")));
    assertEquals(1, nested.heard.ends.size());
  }

  @Test
  void fragmentedMessageLongerThanTheLimitEndsTheConnection() {
    Feed feed = new Feed().open();
    feed.give(serverFrame(false, WebSocketFrame.TEXT, text(repeat('a', 40_000))));
    feed.give(serverFrame(true, WebSocketFrame.CONTINUATION, text(repeat('a', 40_000))));
    assertEquals(List.of(), feed.heard.messages);
    assertEquals(1, feed.heard.ends.size());
  }

  @Test
  void clientFramesAreMaskedFinalTextFramesOfEveryLengthClass() {
    WebSocketTransport transport = new WebSocketTransport("h:1", new Random(3));
    for (int length : new int[] {0, 125, 126, 65535, 65536}) {
      String message = repeat('m', length);
      ClientFrame framed = ClientFrame.parse(transport.frame(text(message)));
      assertTrue(framed.fin());
      assertEquals(WebSocketFrame.TEXT, framed.opcode());
      assertEquals(message, new String(framed.payload(), StandardCharsets.UTF_8));
      int expectedHeader = length < 126 ? 6 : length <= 65535 ? 8 : 14;
      assertEquals(expectedHeader, framed.headerLength(), "header of a " + length + "-byte frame");
    }
  }

  @Test
  void writeAppendsTheSameFramesOneAfterAnother() {
    WebSocketTransport transport = new WebSocketTransport("h:1", new Random(4));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String first = "{\"type\":\"say\",\"text\":\"b1.0.5 xx\"}";
    String second = "{\"type\":\"say\",\"text\":\"" + repeat('y', 200) + "\"}";
    byte[] expectedFirst = transport.frame(text(first));
    byte[] expectedSecond = transport.frame(text(second));
    transport.write(text(first), out);
    transport.write(text(second), out);
    assertArrayEquals(concat(expectedFirst, expectedSecond), out.toByteArray());
    byte[] all = out.toByteArray();
    ClientFrame one = ClientFrame.parse(Arrays.copyOf(all, expectedFirst.length));
    assertEquals(first, new String(one.payload(), StandardCharsets.UTF_8));
  }
}
