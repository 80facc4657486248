package lochat.web;

import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class ControlFramesTest {

  @Test
  void pongCarriesThePingsPayload() {
    ByteString pong = ControlFrames.pong(ByteString.fromString("tick"));
    assertEquals(0x80 | PONG, pong.apply(0) & 0xff);
    assertEquals(4, pong.apply(1));
    assertEquals(ByteString.fromString("tick"), pong.drop(2));
  }

  @Test
  void closeCarriesItsStatus() {
    ByteString close = ControlFrames.close(1000);
    assertEquals(0x80 | CLOSE, close.apply(0) & 0xff);
    assertEquals(2, close.apply(1));
    assertEquals(ByteString.fromArray(new byte[] {0x03, (byte) 0xe8}), close.drop(2));
  }
}
