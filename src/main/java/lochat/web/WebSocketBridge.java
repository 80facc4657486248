package lochat.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.japi.function.Creator;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * Joins a connection's byte flow, the one every protocol's sessions use (lines in, lines out),
 * to a WebSocket: so that flood control, the byte-bounded output with its slow-reader drop, and
 * the close rules serve browsers unchanged.
 *
 * <p>In, each message becomes one line: its bytes (text as UTF-8; a binary message's bytes as
 * they are) with every CR and LF turned into a space, which JSON allows only between tokens,
 * and an LF after it. The protocol's line framer then cuts and bounds them, so that an
 * oversized message reaches the session as a line too long, without being held in memory.
 * Out, the LF-ended lines the session writes, several coalesced into one element, become one
 * text message each.
 */
final class WebSocketBridge {

  private static final ByteString LINE_END = ByteString.fromString("\n");
  private static final byte LF = '\n';
  private static final byte CR = '\r';

  private WebSocketBridge() {}

  /** {@code lines} as a WebSocket handler; materialise it once, for one connection. */
  static Flow<Message, Message, NotUsed> messages(Flow<ByteString, ByteString, NotUsed> lines) {
    return Flow.<Message>create()
        .flatMapConcat(WebSocketBridge::line)
        .via(lines)
        .statefulMapConcat((Creator<Function<ByteString, Iterable<Message>>>) () -> {
          Splitter splitter = new Splitter();
          return splitter::messages;
        });
  }

  /** One message's bytes as one line. */
  private static Source<ByteString, NotUsed> line(Message message) {
    Source<ByteString, ?> bytes = message.isText()
        ? message.asTextMessage().getStreamedText()
            .map(text -> ByteString.fromString(text, StandardCharsets.UTF_8))
        : message.asBinaryMessage().getStreamedData();
    return bytes.map(WebSocketBridge::withoutLineBreaks)
        .concat(Source.single(LINE_END))
        .mapMaterializedValue(ignored -> NotUsed.getInstance());
  }

  /** {@code bytes} with every CR and LF turned into a space. */
  static ByteString withoutLineBreaks(ByteString bytes) {
    if (bytes.indexOf(LF) < 0 && bytes.indexOf(CR) < 0) {
      return bytes;
    }
    byte[] copy = bytes.toArray();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == LF || copy[i] == CR) {
        copy[i] = ' ';
      }
    }
    return ByteString.fromArrayUnsafe(copy);
  }

  /**
   * Turns the session's output into messages: the lines an element ends (several, when the
   * session wrote faster than the socket took them) become one message, a JSON array of them
   * when there are several; a line the element ends in the middle of waits for the next.
   */
  static final class Splitter {
    private ByteString partial = ByteString.emptyByteString();

    List<Message> messages(ByteString bytes) {
      ByteString rest = partial.concat(bytes);
      int last = rest.lastIndexOf(LF, rest.length() - 1);
      if (last < 0) {
        partial = rest;
        return List.of();
      }
      ByteString lines = rest.take(last);
      partial = rest.drop(last + 1);
      if (lines.indexOf(LF) < 0) {
        return List.of(TextMessage.create(lines.utf8String()));
      }
      byte[] array = new byte[lines.length() + 2];
      array[0] = '[';
      lines.copyToArray(array, 1, lines.length());
      for (int i = 1; i <= lines.length(); i++) {
        if (array[i] == LF) {
          array[i] = ',';
        }
      }
      array[array.length - 1] = ']';
      return List.of(TextMessage.create(new String(array, StandardCharsets.UTF_8)));
    }
  }
}
