package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link IrcLimits#split}: long messages become several, none too long, no text lost. */
class IrcSplitTest {

  private static final String FROM = "alice!alice@lochat";
  private static final Map<String, String> TIME = Map.of("time", "2024-05-01T12:00:00.000Z");

  private static IrcMessage privmsg(String text) {
    return IrcMessage.of(FROM, "PRIVMSG", "#lobby", text);
  }

  /** The bytes of the message without tags, as IRC's 512-byte limit counts them. */
  private static int contentBytes(IrcMessage message) throws CharacterCodingException {
    ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .encode(CharBuffer.wrap(message.withTags(Map.of()).render()));
    return bytes.remaining();
  }

  private static String text(IrcMessage message) {
    return message.params().get(message.params().size() - 1);
  }

  private static String joined(List<IrcMessage> pieces) {
    return pieces.stream().map(IrcSplitTest::text).collect(Collectors.joining());
  }

  /** Every piece fits with {@code reserve} bytes to spare and is otherwise the original. */
  private static void assertPiecesFit(IrcMessage original, List<IrcMessage> pieces, int reserve)
      throws CharacterCodingException {
    for (IrcMessage piece : pieces) {
      int bytes = contentBytes(piece);
      assertTrue(bytes + reserve <= 510, bytes + " bytes + " + reserve + ": " + piece.render());
      assertEquals(original.prefix(), piece.prefix());
      assertEquals(original.command(), piece.command());
      assertEquals(original.tags(), piece.tags());
      assertEquals(original.params().subList(0, original.params().size() - 1),
          piece.params().subList(0, piece.params().size() - 1));
      assertTrue(!text(piece).isEmpty(), "no empty piece");
    }
  }

  @Test
  void messageThatFitsIsOnePieceUnchanged() {
    IrcMessage message = privmsg("hello");
    assertEquals(List.of(message), IrcLimits.split(message));
    IrcMessage full = privmsg("x".repeat(510 - ":alice!alice@lochat PRIVMSG #lobby :".length()));
    assertEquals(510, full.render().length());
    assertEquals(List.of(full), IrcLimits.split(full));
  }

  @Test
  void longTextIsSplitIntoPiecesThatFitWithNoTextLost() throws CharacterCodingException {
    String text = "x".repeat(1500);
    IrcMessage message = privmsg(text);

    List<IrcMessage> pieces = IrcLimits.split(message);

    assertEquals(4, pieces.size(), "1500 bytes need four pieces of ~470");
    assertPiecesFit(message, pieces, 0);
    assertEquals(text, joined(pieces));
  }

  @Test
  void piecesAreFilledNearlyToTheLimit() throws CharacterCodingException {
    List<IrcMessage> pieces = IrcLimits.split(privmsg("y".repeat(2000)));
    for (IrcMessage piece : pieces.subList(0, pieces.size() - 1)) {
      assertTrue(contentBytes(piece) >= 505, "" + contentBytes(piece));
    }
  }

  @Test
  void splitsAtASpaceWhenThereIsOneNearTheEnd() throws CharacterCodingException {
    String text = "word ".repeat(300);
    IrcMessage message = privmsg(text);

    List<IrcMessage> pieces = IrcLimits.split(message);

    assertTrue(pieces.size() >= 3);
    assertPiecesFit(message, pieces, 0);
    assertEquals(text, joined(pieces));
    for (IrcMessage piece : pieces) {
      assertTrue(text(piece).endsWith(" "), "'" + text(piece) + "' ends at a word's end");
      assertTrue(text(piece).startsWith("word"), "no word is cut: '" + text(piece) + "'");
    }
  }

  @Test
  void withoutASpaceInTheSecondHalfTheTextIsCutAtTheLimit() throws CharacterCodingException {
    String text = "a b " + "z".repeat(1000);
    IrcMessage message = privmsg(text);

    List<IrcMessage> pieces = IrcLimits.split(message);

    assertPiecesFit(message, pieces, 0);
    assertEquals(text, joined(pieces));
    assertTrue(contentBytes(pieces.get(0)) >= 505, "not cut back to the early space");
  }

  @Test
  void multiByteCharactersAreNeverCutWhereverTheBoundaryFalls()
      throws CharacterCodingException {
    for (String character : List.of("é", "€", "😀")) {
      for (int pad = 0; pad < 4; pad++) {
        String text = "x".repeat(pad) + character.repeat(700);
        IrcMessage message = privmsg(text);
        String what = character + " after " + pad;

        List<IrcMessage> pieces = IrcLimits.split(message);

        assertTrue(pieces.size() > 1, what);
        assertPiecesFit(message, pieces, 0); // strict encoding fails on half a character
        assertEquals(text, joined(pieces), what);
      }
    }
  }

  @Test
  void tagsAreKeptOnEveryPieceAndNotCounted() throws CharacterCodingException {
    IrcMessage message = privmsg("t".repeat(1200)).withTags(TIME);

    List<IrcMessage> pieces = IrcLimits.split(message);

    assertEquals(3, pieces.size());
    assertPiecesFit(message, pieces, 0);
    for (IrcMessage piece : pieces) {
      assertEquals(TIME, piece.tags());
    }
  }

  @Test
  void reserveLeavesRoomInEveryPiece() throws CharacterCodingException {
    String text = "r".repeat(1000);
    IrcMessage message = privmsg(text);

    List<IrcMessage> pieces = IrcLimits.split(message, 9);

    assertPiecesFit(message, pieces, 9);
    assertEquals(text, joined(pieces));
  }

  @Test
  void reserveAloneCanMakeAFittingMessageSplit() throws CharacterCodingException {
    int room = 510 - ":alice!alice@lochat PRIVMSG #lobby :".length();
    IrcMessage message = privmsg("q".repeat(room));
    assertEquals(1, IrcLimits.split(message).size());

    List<IrcMessage> pieces = IrcLimits.split(message, 9);

    assertEquals(2, pieces.size());
    assertPiecesFit(message, pieces, 9);
    assertEquals(text(message), joined(pieces));
  }

  @Test
  void textThatStartsWithAColonOrIsSpacesSurvivesRenderingAndParsing() {
    String text = ":" + "s ".repeat(400) + "    " + ":end";
    List<IrcMessage> pieces = IrcLimits.split(privmsg(text));
    StringBuilder received = new StringBuilder();
    for (IrcMessage piece : pieces) {
      IrcParse parsed = IrcMessage.parse(piece.render());
      received.append(text(((IrcParse.Ok) parsed).message()));
    }
    assertEquals(text, received.toString());
  }

  @Test
  void messageTooLongEvenWithoutItsTextIsRefused() {
    IrcMessage message = IrcMessage.of("p".repeat(500), "PRIVMSG", "#lobby", "z".repeat(100));
    assertThrows(IllegalArgumentException.class, () -> IrcLimits.split(message));
  }
}
