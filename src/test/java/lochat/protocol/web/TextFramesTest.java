package lochat.protocol.web;

import static lochat.protocol.web.WebSocketFrame.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/**
 * The web's line encoding as a browser reads it: each line one final, unmasked text frame,
 * whose length is written in the form its size needs, and lines encoded together as frames in
 * their order.
 */
class TextFramesTest {

  /** One frame as a browser reads it: its first byte, and its payload as text. */
  record Frame(int first, String payload) {}

  /** The frames {@code bytes} holds, all of them, each checked to be whole and unmasked. */
  static List<Frame> frames(ByteString bytes) {
    byte[] b = bytes.toArray();
    List<Frame> frames = new ArrayList<>();
    int at = 0;
    while (at < b.length) {
      assertEquals(0, b[at + 1] & 0x80, "a server's frames are not masked");
      long length = b[at + 1] & 0x7f;
      int payload = at + 2;
      if (length == 126) {
        length = ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        payload = at + 4;
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | (b[at + 2 + i] & 0xff);
        }
        payload = at + 10;
      }
      int end = payload + (int) length;
      assertEquals(true, end <= b.length, "a whole frame");
      frames.add(new Frame(b[at] & 0xff, new String(b, payload, (int) length,
          StandardCharsets.UTF_8)));
      at = end;
    }
    return frames;
  }

  private static Frame text(String payload) {
    return new Frame(0x80 | TEXT, payload);
  }

  @Test
  void aLineIsOneFinalTextFrame() {
    assertEquals(List.of(text("{\"a\":1}")),
        frames(TextFrames.INSTANCE.encode("{\"a\":1}")));
    assertEquals(List.of(text("{\"t\":\"é ☃\"}")),
        frames(TextFrames.INSTANCE.encode(List.of("{\"t\":\"é ☃\"}"))));
  }

  @Test
  void linesEncodedTogetherAreOneFrameEachInTheirOrder() {
    assertEquals(List.of(text("{\"a\":1}"), text("{\"b\":\"é\"}"), text("{\"c\":\"x,y\"}")),
        frames(TextFrames.INSTANCE.encode(
            List.of("{\"a\":1}", "{\"b\":\"é\"}", "{\"c\":\"x,y\"}"))));
    assertEquals(List.of(), frames(TextFrames.INSTANCE.encode(List.of())));
  }

  @Test
  void longMessagesCarryTheirLengthInTheLongerForms() {
    for (int length : new int[] {0, 125, 126, 65_535, 65_536, 200_000}) {
      String line = "x".repeat(length);
      ByteString one = TextFrames.INSTANCE.encode(line);
      assertEquals(List.of(text(line)), frames(one), "length " + length);
      assertEquals(WebSocketFrame.headerLength(length) + length, one.size());
      assertEquals(List.of(text(line), text("y")),
          frames(TextFrames.INSTANCE.encode(List.of(line, "y"))), "length " + length);
    }
  }
}
