package lochat.web;

import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static lochat.protocol.web.WebSocketFrame.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class FrameWriterTest {

  /** One frame as a client reads it: its first byte, and its payload as text. */
  record Frame(int first, String payload) {}

  /** The unmasked frames {@code bytes} holds, exactly. */
  static List<Frame> frames(ByteString bytes) {
    byte[] b = bytes.toArray();
    List<Frame> frames = new ArrayList<>();
    int at = 0;
    while (at < b.length) {
      assertEquals(0, b[at + 1] & 0x80, "a server's frames are not masked");
      int length = b[at + 1] & 0x7f;
      int payload = at + 2;
      if (length == 126) {
        length = ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        payload = at + 4;
      } else if (length == 127) {
        long longLength = 0;
        for (int i = 0; i < 8; i++) {
          longLength = (longLength << 8) | (b[at + 2 + i] & 0xff);
        }
        length = (int) longLength;
        payload = at + 10;
      }
      frames.add(new Frame(b[at] & 0xff, new String(b, payload, length, StandardCharsets.UTF_8)));
      at = payload + length;
    }
    assertEquals(b.length, at, "whole frames, nothing after them");
    return frames;
  }

  static Frame frame(ByteString bytes) {
    List<Frame> frames = frames(bytes);
    assertEquals(1, frames.size(), "one frame");
    return frames.get(0);
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
  void linesWrittenTogetherGoOutAsOneFrameEachInTheirOrder() {
    FrameWriter writer = new FrameWriter();
    ByteString pieces = ByteString.fromString("{\"a\":1}\n")
        .concat(ByteString.fromString("{\"b\":\"é\"}\n{\"c\":\"x,y\"}\n"))
        .concat(ByteString.fromString("{\"d\""));
    assertEquals(List.of(text("{\"a\":1}"), text("{\"b\":\"é\"}"), text("{\"c\":\"x,y\"}")),
        frames(writer.messages(pieces)));
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
  }

  @Test
  void controlFramesCarryTheirPayload() {
    assertEquals(new Frame(0x80 | PONG, "tick"), frame(FrameWriter.pong(ByteString.fromString("tick"))));
    ByteString close = FrameWriter.close(1000);
    assertEquals(0x80 | CLOSE, close.apply(0) & 0xff);
    assertEquals(ByteString.fromArray(new byte[] {0x03, (byte) 0xe8}), close.drop(2));
  }
}
