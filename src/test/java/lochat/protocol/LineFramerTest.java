package lochat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class LineFramerTest {

  private static final int LIMIT = 10;

  private static ByteString bytes(String text) {
    return ByteString.fromString(text, StandardCharsets.UTF_8);
  }

  private static InboundLine text(String text) {
    return new InboundLine.Text(text);
  }

  private static final InboundLine TOO_LONG = new InboundLine.TooLong(LIMIT);

  /** Feeds every chunk in order, then finishes the stream, and returns all the lines. */
  private static List<InboundLine> frame(int limit, ByteString... chunks) {
    LineFramer framer = new LineFramer(limit);
    List<InboundLine> lines = new ArrayList<>();
    for (ByteString chunk : chunks) {
      lines.addAll(framer.feed(chunk));
    }
    lines.addAll(framer.finish());
    return lines;
  }

  private static List<InboundLine> frame(String... chunks) {
    ByteString[] byteChunks = new ByteString[chunks.length];
    for (int i = 0; i < chunks.length; i++) {
      byteChunks[i] = bytes(chunks[i]);
    }
    return frame(LIMIT, byteChunks);
  }

  private static ByteString[] oneBytePerChunk(ByteString all) {
    ByteString[] chunks = new ByteString[all.size()];
    for (int i = 0; i < all.size(); i++) {
      chunks[i] = all.slice(i, i + 1);
    }
    return chunks;
  }

  @Test
  void wholeLineInOneChunkIsReturnedWithoutItsTerminator() {
    LineFramer framer = new LineFramer(LIMIT);
    assertEquals(List.of(text("hello")), framer.feed(bytes("hello\n")));
  }

  @Test
  void severalLinesInOneChunkAreReturnedInOrder() {
    LineFramer framer = new LineFramer(LIMIT);
    assertEquals(List.of(text("one"), text("two"), text(""), text("three")),
        framer.feed(bytes("one\ntwo\n\nthree\n")));
  }

  @Test
  void lineIsOnlyReturnedOnceItsTerminatorArrives() {
    LineFramer framer = new LineFramer(LIMIT);
    assertEquals(List.of(), framer.feed(bytes("hel")));
    assertEquals(List.of(text("hello"), text("wo")), framer.feed(bytes("lo\nwo\n")));
  }

  @Test
  void feedingOneByteAtATimeGivesTheSameLinesAsFeedingItWhole() {
    ByteString input = bytes("hi there\r\nnäive\n0123456789ABCDEF\nafter\nlast");
    List<InboundLine> whole = frame(LIMIT, input);
    assertEquals(
        List.of(text("hi there"), text("näive"), TOO_LONG, text("after"), text("last")), whole);
    assertEquals(whole, frame(LIMIT, oneBytePerChunk(input)));
  }

  @Test
  void crBeforeLfIsDropped() {
    assertEquals(List.of(text("one"), text("two")), frame("one\r\ntwo\r\n"));
  }

  @Test
  void crLfSplitAcrossChunksIsStillOneTerminator() {
    assertEquals(List.of(text("one")), frame("one\r", "\n"));
  }

  @Test
  void loneCrInTheMiddleOfALineIsKept() {
    assertEquals(List.of(text("a\rb")), frame("a\rb\n"));
  }

  @Test
  void multiByteCharacterSplitAcrossChunksIsDecodedWhole() {
    byte[] euro = "€\n".getBytes(StandardCharsets.UTF_8); // E2 82 AC 0A
    assertEquals(List.of(text("€")),
        frame(LIMIT, ByteString.fromArray(euro, 0, 1), ByteString.fromArray(euro, 1, 3)));
  }

  @Test
  void invalidUtf8BecomesReplacementCharacter() {
    ByteString input = ByteString.fromArray(new byte[] {'a', (byte) 0xFF, 'b', '\n'});
    assertEquals(List.of(text("a\uFFFDb")), frame(LIMIT, input));
  }

  @Test
  void overLongLineIsReportedOnceAndTheNextLineStillParses() {
    assertEquals(List.of(TOO_LONG, text("next")), frame("0123456789ABCDEFGHIJ\nnext\n"));
  }

  @Test
  void overLongLineIsReportedAsSoonAsItPassesTheLimitAndOnlyOnce() {
    LineFramer framer = new LineFramer(LIMIT);
    assertEquals(List.of(TOO_LONG), framer.feed(bytes("0123456789AB")));
    assertEquals(List.of(), framer.feed(bytes("more bytes of the same line")));
    assertEquals(List.of(), framer.feed(bytes("still discarding")));
    assertEquals(List.of(text("ok")), framer.feed(bytes("end\nok\n")));
  }

  @Test
  void lineOfExactlyTheLimitIsAcceptedWithLf() {
    assertEquals(List.of(text("0123456789")), frame("0123456789\n"));
  }

  @Test
  void lineOfExactlyTheLimitIsAcceptedWithCrLf() {
    assertEquals(List.of(text("0123456789")), frame("0123456789\r\n"));
  }

  @Test
  void lineOfExactlyTheLimitIsAcceptedWithCrLfFedOneByteAtATime() {
    assertEquals(List.of(text("0123456789")),
        frame(LIMIT, oneBytePerChunk(bytes("0123456789\r\n"))));
  }

  @Test
  void lineOfLimitPlusOneIsRejected() {
    assertEquals(List.of(TOO_LONG), frame("0123456789A\n"));
    assertEquals(List.of(TOO_LONG), frame("0123456789A\r\n"));
  }

  @Test
  void limitCountsBytesNotCharacters() {
    // Five two-byte characters fill a ten-byte limit; six do not fit.
    assertEquals(List.of(text("ééééé")), frame("ééééé\n"));
    assertEquals(List.of(TOO_LONG), frame("éééééé\n"));
  }

  @Test
  void finishReturnsTheUnterminatedLastLine() {
    LineFramer framer = new LineFramer(LIMIT);
    assertEquals(List.of(text("done")), framer.feed(bytes("done\nbye")));
    assertEquals(List.of(text("bye")), framer.finish());
  }

  @Test
  void finishReturnsNothingAfterCompleteLines() {
    LineFramer framer = new LineFramer(LIMIT);
    framer.feed(bytes("done\n"));
    assertEquals(List.of(), framer.finish());
  }

  @Test
  void finishAfterAnOverLongUnterminatedLineReturnsNothing() {
    LineFramer framer = new LineFramer(LIMIT);
    assertEquals(List.of(TOO_LONG), framer.feed(bytes("0123456789ABCDEF")));
    assertEquals(List.of(), framer.finish());
  }

  @Test
  void limitMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new LineFramer(0));
  }
}
