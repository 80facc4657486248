package lochat.web;

import static lochat.protocol.web.WebSocketFrame.BINARY;
import static lochat.protocol.web.WebSocketFrame.CLOSE;
import static lochat.protocol.web.WebSocketFrame.CONTINUATION;
import static lochat.protocol.web.WebSocketFrame.INVALID_DATA;
import static lochat.protocol.web.WebSocketFrame.NO_STATUS;
import static lochat.protocol.web.WebSocketFrame.PING;
import static lochat.protocol.web.WebSocketFrame.PONG;
import static lochat.protocol.web.WebSocketFrame.PROTOCOL_ERROR;
import static lochat.protocol.web.WebSocketFrame.TEXT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import lochat.testing.RawWebSocket;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

  private static byte[] clientFrame(boolean fin, int opcode, byte[] payload) {
    return RawWebSocket.frame(fin, opcode, payload);
  }

  private static byte[] text(String text) {
    return RawWebSocket.text(text);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String lines(FrameReader.Read read) {
    return read.lines().utf8String();
  }

  @Test
  void eachMessageIsOneLineWithItsLineBreaksAsSpaces() throws Exception {
    FrameReader reader = new FrameReader();
    FrameReader.Read read = reader.read(ByteString.fromArray(
        concat(text("{\"type\":\"say\",\n\"text\":\"é\"}"), text("{\r\n}"))));
    assertEquals("{\"type\":\"say\", \"text\":\"é\"}\n{  }\n", lines(read));
    assertEquals(Optional.empty(), read.ping());
    assertEquals(Optional.empty(), read.close());
  }

  @Test
  void framesCutAnywhereReadTheSame() throws Exception {
    byte[] input = concat(text("a".repeat(300)), clientFrame(false, TEXT, bytes("one ")),
        clientFrame(true, CONTINUATION, bytes("two")), text("x".repeat(70_000)));
    FrameReader reader = new FrameReader();
    StringBuilder read = new StringBuilder();
    for (byte b : input) {
      read.append(lines(reader.read(ByteString.fromArray(new byte[] {b}))));
    }
    assertEquals("a".repeat(300) + "\none two\n" + "x".repeat(70_000) + "\n", read.toString());
    assertFalse(reader.unfinished());
  }

  @Test
  void aFragmentedMessageIsOneLineAndPingsMayComeBetweenItsFragments() throws Exception {
    FrameReader reader = new FrameReader();
    FrameReader.Read read = reader.read(ByteString.fromArray(concat(
        clientFrame(false, BINARY, bytes("{\"a\":")), clientFrame(true, PING, bytes("tick")),
        clientFrame(true, PONG, bytes("unasked")))));
    assertEquals("{\"a\":", lines(read));
    assertEquals(Optional.of(ByteString.fromString("tick")), read.ping());
    assertTrue(reader.unfinished(), "half a message");
    assertEquals("1}\n", lines(reader.read(ByteString.fromArray(
        clientFrame(true, CONTINUATION, bytes("1}"))))));
    assertFalse(reader.unfinished());
  }

  @Test
  void anEmptyMessageIsAnEmptyLine() throws Exception {
    assertEquals("\n", lines(new FrameReader().read(ByteString.fromArray(text("")))));
  }

  @Test
  void theClientsCloseEndsTheReading() throws Exception {
    FrameReader reader = new FrameReader();
    FrameReader.Read read = reader.read(ByteString.fromArray(concat(text("bye"),
        clientFrame(true, CLOSE, new byte[] {0x03, (byte) 0xe9}), text("after"))));
    assertEquals("bye\n", lines(read));
    assertEquals(Optional.of(new FrameReader.Close(1001)), read.close());
    assertEquals("", lines(reader.read(ByteString.fromArray(text("later")))));
    assertEquals(Optional.of(new FrameReader.Close(NO_STATUS)), new FrameReader()
        .read(ByteString.fromArray(clientFrame(true, CLOSE, new byte[0]))).close(),
        "an empty close frame, whose header alone ends the input");
  }

  @Test
  void aCutInTheMiddleOfAFrameIsUnfinished() throws Exception {
    FrameReader reader = new FrameReader();
    byte[] frame = text("hello");
    reader.read(ByteString.fromArray(frame).take(3));
    assertTrue(reader.unfinished());
  }

  @Test
  void everyBrokenRuleIsAProtocolError() {
    byte[] unmasked = {(byte) 0x81, 0x02, 'h', 'i'};
    byte[] reserved = text("hi");
    reserved[0] |= 0x40;
    byte[] unknownOpcode = clientFrame(true, 3, bytes("x"));
    byte[] longPing = clientFrame(true, PING, new byte[126]);
    byte[] fragmentedPing = clientFrame(false, PING, bytes("x"));
    byte[] orphanContinuation = clientFrame(true, CONTINUATION, bytes("x"));
    byte[] textInText = concat(clientFrame(false, TEXT, bytes("a")), text("b"));
    byte[] oneByteClose = clientFrame(true, CLOSE, new byte[] {0x03});
    byte[] reservedCode = clientFrame(true, CLOSE, new byte[] {0x03, (byte) 0xed});
    for (byte[] input : new byte[][] {unmasked, reserved, unknownOpcode, longPing,
        fragmentedPing, orphanContinuation, textInText, oneByteClose, reservedCode}) {
      FrameReader.Violation violation = assertThrows(FrameReader.Violation.class,
          () -> new FrameReader().read(ByteString.fromArray(input)));
      assertEquals(PROTOCOL_ERROR, violation.code());
      assertTrue(violation.getMessage().startsWith("WebSocket protocol error: "),
          violation.getMessage());
    }
  }

  @Test
  void aCharacterSplitBetweenFragmentsAndPiecesIsRead() throws Exception {
    byte[] euro = bytes("€");
    byte[] input = concat(
        clientFrame(false, TEXT, new byte[] {'a', euro[0]}),
        clientFrame(true, CONTINUATION, new byte[] {euro[1], euro[2], 'b'}));
    FrameReader reader = new FrameReader();
    ByteString read = ByteString.emptyByteString();
    for (int i = 0; i < input.length; i++) {
      read = read.concat(reader.read(ByteString.fromArray(input, i, 1)).lines());
    }
    assertEquals("a€b\n", read.utf8String());
  }

  @Test
  void textThatIsNotUtf8FailsWithInvalidData() {
    byte[] overlong = clientFrame(true, TEXT, new byte[] {'a', (byte) 0xc0, (byte) 0xaf});
    byte[] cutShort = clientFrame(true, TEXT, new byte[] {'a', (byte) 0xe2, (byte) 0x82});
    byte[] badReason = clientFrame(true, CLOSE, new byte[] {0x03, (byte) 0xe8, (byte) 0xff});
    for (byte[] input : new byte[][] {overlong, cutShort, badReason}) {
      FrameReader.Violation violation = assertThrows(FrameReader.Violation.class,
          () -> new FrameReader().read(ByteString.fromArray(input)));
      assertEquals(INVALID_DATA, violation.code());
      assertTrue(violation.getMessage().contains("is not UTF-8 text"), violation.getMessage());
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
