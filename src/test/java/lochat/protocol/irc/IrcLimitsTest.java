package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IrcLimitsTest {

  private static final String LINE_TOO_LONG = "Line longer than 512 bytes with CR LF";
  private static final String TAGS_TOO_LONG = "Message tags longer than 8191 bytes";
  private static final String START = "PRIVMSG #a :";

  /** A PRIVMSG line of {@code bytes} UTF-8 bytes that ends with {@code end}. */
  private static String line(int bytes, String end) {
    int fill = bytes - START.length() - utf8(end);
    return START + "x".repeat(fill) + end;
  }

  /** A tags section of {@code bytes} UTF-8 bytes, its '@' and trailing space included. */
  private static String tags(int bytes) {
    return "@a=" + "v".repeat(bytes - 4) + " ";
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The strict UTF-8 encoding of {@code text}, failing on anything not a whole character. */
  private static byte[] strictUtf8(String text) throws CharacterCodingException {
    ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .encode(CharBuffer.wrap(text));
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);
    return array;
  }

  @Test
  void limitsAreThoseOfTheRfcsAndIrcV3() {
    assertEquals(512, IrcLimits.MAX_MESSAGE_BYTES);
    assertEquals(510, IrcLimits.MAX_CONTENT_BYTES);
    assertEquals(8191, IrcLimits.MAX_TAGS_BYTES);
    assertEquals(8701, IrcLimits.MAX_LINE_BYTES);
  }

  @Test
  void upToFiveHundredTenBytesWithoutCrLfFit() {
    assertEquals(Optional.empty(), IrcLimits.tooLong(line(509, "")));
    assertEquals(Optional.empty(), IrcLimits.tooLong(line(510, "")));
    assertEquals(Optional.of(LINE_TOO_LONG), IrcLimits.tooLong(line(511, "")));
  }

  @Test
  void bytesAreCountedNotCharacters() {
    assertEquals(Optional.empty(), IrcLimits.tooLong(line(510, "é")));
    assertEquals(Optional.of(LINE_TOO_LONG), IrcLimits.tooLong(line(511, "é")));
    assertEquals(510, line(511, "é").length());
    assertEquals(Optional.empty(), IrcLimits.tooLong(line(510, "€")));
    assertEquals(Optional.of(LINE_TOO_LONG), IrcLimits.tooLong(line(511, "€")));
    assertEquals(Optional.empty(), IrcLimits.tooLong(line(510, "😀")));
    assertEquals(Optional.of(LINE_TOO_LONG), IrcLimits.tooLong(line(511, "😀")));
  }

  @Test
  void tagsDoNotCountTowardsTheMessageLimit() {
    assertEquals(Optional.empty(), IrcLimits.tooLong(tags(100) + line(510, "")));
    assertEquals(Optional.of(LINE_TOO_LONG), IrcLimits.tooLong(tags(100) + line(511, "")));
  }

  @Test
  void tagsSectionMayTakeEightThousandOneHundredNinetyOneBytes() {
    assertEquals(8191, utf8(tags(8191)));
    assertEquals(Optional.empty(), IrcLimits.tooLong(tags(8191) + line(510, "")));
    assertEquals(IrcLimits.MAX_LINE_BYTES, utf8(tags(8191) + line(510, "")));
    assertEquals(Optional.of(TAGS_TOO_LONG), IrcLimits.tooLong(tags(8192) + "PING x"));
    assertEquals(Optional.of(TAGS_TOO_LONG), IrcLimits.tooLong(tags(8193).strip()));
  }

  @Test
  void multiByteTagValuesAreCountedInBytes() {
    String nearlyFull = "@a=" + "v".repeat(8191 - 6);
    assertEquals(Optional.empty(), IrcLimits.tooLong(nearlyFull + "é PING"));
    assertEquals(Optional.of(TAGS_TOO_LONG), IrcLimits.tooLong(nearlyFull + "€ PING"));
  }

  @Test
  void messageThatFitsIsLeftAsItIs() {
    IrcMessage message = IrcMessage.of("alice!a@h", "PRIVMSG", "#a", "x".repeat(400));
    assertSame(message, IrcLimits.fit(message));
  }

  @Test
  void longTextIsCutToExactlyTheLimit() {
    String text = "word ".repeat(200);
    IrcMessage fitted = IrcLimits.fit(IrcMessage.of("alice!a@h", "PRIVMSG", "#a", text));
    assertEquals(510, utf8(fitted.render()));
    assertTrue(text.startsWith(fitted.params().get(1)));
    assertEquals("#a", fitted.params().get(0));
  }

  @Test
  void cutsNeverSplitACharacterWhereverTheBoundaryFalls() throws CharacterCodingException {
    for (String character : List.of("é", "€", "😀")) {
      for (int pad = 0; pad < 4; pad++) {
        String text = "x".repeat(pad) + character.repeat(300);
        IrcMessage fitted = IrcLimits.fit(IrcMessage.of("srv", "NOTICE", "alice", text));
        String kept = fitted.params().get(1);
        String what = character + " after " + pad;
        assertTrue(text.startsWith(kept), what);
        int bytes = strictUtf8(fitted.render()).length;
        assertTrue(bytes <= 510, what + ": " + bytes);
        assertTrue(bytes + utf8(character) > 510, what + ": could keep more than " + bytes);
      }
    }
  }

  @Test
  void aReserveLeavesRoomForWhatIsWrappedAroundTheText() {
    String text = "y".repeat(600);
    IrcMessage fitted = IrcLimits.fit(IrcMessage.of("alice!a@h", "PRIVMSG", "#a", text), 9);
    assertEquals(501, utf8(fitted.render()));
    assertTrue(text.startsWith(fitted.params().get(1)));
    IrcMessage fits = IrcMessage.of("alice!a@h", "PRIVMSG", "#a", "y".repeat(400));
    assertSame(fits, IrcLimits.fit(fits, 9));
  }

  @Test
  void tagsAreKeptAndNotCounted() {
    IrcMessage tagged = IrcMessage.of("srv", "PRIVMSG", "#a", "y".repeat(600))
        .withTags(Map.of("time", "2024-03-01T12:34:56.789Z"));
    IrcMessage fitted = IrcLimits.fit(tagged);
    assertEquals(tagged.tags(), fitted.tags());
    assertEquals(510, utf8(fitted.withTags(Map.of()).render()));
  }

  @Test
  void lastParameterThatIsNotTextIsCutToo() {
    IrcMessage fitted = IrcLimits.fit(IrcMessage.of("srv", "PING", "z".repeat(600)));
    int bytes = utf8(fitted.render());
    assertTrue(bytes >= 509 && bytes <= 510, "" + bytes);
  }

  @Test
  void messageThatCannotBeCutToFitIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> IrcLimits.fit(IrcMessage.of("s".repeat(510), "PRIVMSG", "#a", "hi")));
    assertThrows(IllegalArgumentException.class,
        () -> IrcLimits.fit(IrcMessage.of("s".repeat(510), "QUIT")));
  }
}
