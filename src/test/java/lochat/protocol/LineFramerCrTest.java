package lochat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

/** The framer in the mode where a lone CR ends a line too, as IRC allows. */
class LineFramerCrTest {

  private static List<InboundLine> frame(int limit, String... chunks) {
    LineFramer framer = new LineFramer(limit, true);
    List<InboundLine> lines = new ArrayList<>();
    for (String chunk : chunks) {
      lines.addAll(framer.feed(ByteString.fromString(chunk, StandardCharsets.UTF_8)));
    }
    lines.addAll(framer.finish());
    return lines;
  }

  private static List<InboundLine> texts(String... texts) {
    List<InboundLine> lines = new ArrayList<>();
    for (String text : texts) {
      lines.add(new InboundLine.Text(text));
    }
    return lines;
  }

  @Test
  void crLfAndCrLfAllEndALineAndCrLfCountsOnce() {
    assertEquals(texts("a", "b", "c", "d"), frame(100, "a\rb\nc\r\nd\r\n"));
  }

  @Test
  void crLfSplitAcrossChunksCountsOnce() {
    assertEquals(texts("a", "b"), frame(100, "a\r", "\nb\r", "\n"));
  }

  @Test
  void twoCrsMakeAnEmptyLineBetween() {
    assertEquals(texts("a", "", "b"), frame(100, "a\r\rb\n"));
  }

  @Test
  void limitCountsContentOnlyAndTheNextLineSurvives() {
    assertEquals(List.of(new InboundLine.Text("12345"), new InboundLine.TooLong(5),
        new InboundLine.Text("ok")), frame(5, "12345\r123456\rok\r"));
  }

  @Test
  void withoutTheModeALoneCrIsPartOfTheLine() {
    LineFramer framer = new LineFramer(100);
    assertEquals(List.of(new InboundLine.Text("a\rb")),
        framer.feed(ByteString.fromString("a\rb\n", StandardCharsets.UTF_8)));
  }
}
