package lochat.web;

import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static lochat.protocol.web.WebSocketFrame.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class FrameWriterTest {

  /** One frame as a client reads it: its first byte, and its payload as text. */
  record Frame(int first, String payload) {}

  /** Reads the one unmasked frame {@code bytes} holds, checking its length. */
  static Frame frame(ByteString bytes) {
    byte[] b = bytes.toArray();
    assertEquals(0, b[1] & 0x80, "a server's frames are not masked");
    int length = b[1] & 0x7f;
    int at = 2;
    if (length == 126) {
      length = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
      at = 4;
    } else if (length == 127) {
      long longLength = 0;
      for (int i = 0; i < 8; i++) {
        longLength = (longLength << 8) | (b[2 + i] & 0xff);
      }
      length = (int) longLength;
      at = 10;
    }
    assertEquals(at + length, b.length, "one frame, exactly");
    return new Frame(b[0] & 0xff, new String(b, at, length, StandardCharsets.UTF_8));
  }

  private static Frame text(String payload) {
    return new Frame(0x80 | TEXT, payload);
  }

  @Test
  void aLineAloneIsOneMessage() {
    assertEquals(text("{\"a\":1}"),
        frame(new FrameWriter().messages(ByteString.fromString("{\"a\":1}\n"))));
  }

  @Test
  void linesWrittenTogetherGoOutAsOneArrayInTheirOrder() {
    FrameWriter writer = new FrameWriter();
    ByteString pieces = ByteString.fromString("{\"a\":1}\n")
        .concat(ByteString.fromString("{\"b\":\"é\"}\n{\"c\":\"x,y\"}\n"))
        .concat(ByteString.fromString("{\"d\""));
    assertEquals(text("[{\"a\":1},{\"b\":\"é\"},{\"c\":\"x,y\"}]"),
        frame(writer.messages(pieces)));
    assertEquals(text("{\"d\":4}"), frame(writer.messages(ByteString.fromString(":4}\n"))));
  }

  @Test
  void aLineCutBetweenWritesIsKeptUntilItsEnd() {
    FrameWriter writer = new FrameWriter();
    ByteString all = ByteString.fromString("{\"t\":\"é\"}\n", StandardCharsets.UTF_8);
    assertTrue(writer.messages(all.slice(0, 8)).isEmpty(), "cut inside the two bytes of é");
    assertEquals(text("{\"t\":\"é\"}"), frame(writer.messages(all.drop(8))));
  }

  @Test
  void longMessagesCarryTheirLengthInTheLongerForms() {
    for (int length : new int[] {125, 126, 65_535, 65_536, 200_000}) {
      String line = "x".repeat(length);
      assertEquals(text(line), frame(new FrameWriter().messages(ByteString.fromString(line + "\n"))),
          "length " + length);
    }
    String half = "y".repeat(62);
    assertEquals(text("[" + half + "," + half + "]"), frame(new FrameWriter()
        .messages(ByteString.fromString(half + "\n" + half + "\n"))),
        "an array of 127 bytes from lines of 125");
  }

  @Test
  void controlFramesCarryTheirPayload() {
    assertEquals(new Frame(0x80 | PONG, "tick"), frame(FrameWriter.pong(ByteString.fromString("tick"))));
    ByteString close = FrameWriter.close(1000);
    assertEquals(0x80 | CLOSE, close.apply(0) & 0xff);
    assertEquals(ByteString.fromArray(new byte[] {0x03, (byte) 0xe8}), close.drop(2));
  }
}
