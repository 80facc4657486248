package lochat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class WebSocketBridgeTest {

  private static List<String> texts(List<Message> messages) {
    return messages.stream().map(m -> m.asTextMessage().getStrictText()).toList();
  }

  @Test
  void aLineAloneIsOneMessage() {
    WebSocketBridge.Splitter splitter = new WebSocketBridge.Splitter();
    assertEquals(List.of("{\"a\":1}"), texts(splitter.messages(ByteString.fromString("{\"a\":1}\n"))));
  }

  @Test
  void linesWrittenTogetherGoOutAsOneArrayInTheirOrder() {
    WebSocketBridge.Splitter splitter = new WebSocketBridge.Splitter();
    assertEquals(List.of("[{\"a\":1},{\"b\":\"é\"},{\"c\":\"x,y\"}]"), texts(splitter.messages(
        ByteString.fromString("{\"a\":1}\n{\"b\":\"é\"}\n{\"c\":\"x,y\"}\n{\"d\""))));
    assertEquals(List.of("{\"d\":4}"), texts(splitter.messages(ByteString.fromString(":4}\n"))));
  }

  @Test
  void aLineCutBetweenElementsIsKeptUntilItsEnd() {
    WebSocketBridge.Splitter splitter = new WebSocketBridge.Splitter();
    byte[] bytes = "{\"t\":\"é\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ByteString all = ByteString.fromArray(bytes);
    assertEquals(List.of(), texts(splitter.messages(all.slice(0, 8))),
        "cut inside the two bytes of é");
    assertEquals(List.of("{\"t\":\"é\"}"), texts(splitter.messages(all.drop(8))));
  }

  @Test
  void lineBreaksInAMessageBecomeSpaces() {
    assertEquals(ByteString.fromString("{ \"a\":  1}"),
        WebSocketBridge.withoutLineBreaks(ByteString.fromString("{\n\"a\":\r\n1}")));
    ByteString plain = ByteString.fromString("{\"a\":1}");
    assertSame(plain, WebSocketBridge.withoutLineBreaks(plain));
  }
}
