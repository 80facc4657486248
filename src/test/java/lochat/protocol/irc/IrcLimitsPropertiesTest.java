package lochat.protocol.irc;

import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.testing.Hostile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * What {@link IrcLimits} promises: checking any line never fails, and what is fitted or split
 * fits 512 bytes with CRLF, loses no text (split) or only an end (fit), and never cuts a
 * character in two.
 */
class IrcLimitsPropertiesTest {

  private static final int FITS = IrcLimits.MAX_CONTENT_BYTES;

  /** Long text of one- to four-byte characters and lone surrogates, spaces here and there. */
  @Provide
  Arbitrary<String> longText() {
    Arbitrary<String> piece = Arbitraries.oneOf(Hostile.fragment(),
        Arbitraries.of("a", "bc ", " ", "\u00e9", "\u20ac", "\ud83d\ude00", "\ud83d", "\ude00"));
    return piece.list().ofMaxSize(500)
        .map(list -> String.join("", list).replaceAll("[\r\n\0]", ""));
  }

  @Provide
  Arbitrary<String> prefix() {
    return Arbitraries.strings().withChars("abc!@.\u00e9\u20ac").ofMinLength(1).ofMaxLength(300);
  }

  @Property(tries = 300)
  void checkingAnyLineNeverFails(@ForAll("longText") String line) {
    IrcLimits.tooLong(line);
    IrcLimits.clientTagDataTooLong(line);
  }

  @Property(tries = 300)
  void aSplitMessageFitsInPiecesThatJoinToTheText(@ForAll("prefix") String prefix,
      @ForAll("longText") String text, @ForAll @IntRange(max = 20) int reserve) {
    IrcMessage message = new IrcMessage(
        Map.of("+x", "y"), Optional.of(prefix), "PRIVMSG", List.of("#room", text));
    List<IrcMessage> pieces;
    try {
      pieces = IrcLimits.split(message, reserve);
    } catch (IllegalArgumentException tooLongWithoutText) {
      assertTrue(IrcLimits.utf8Length(withText(message, "").withTags(Map.of()).render())
          + reserve > FITS - 1 - 16);
      return;
    }
    StringBuilder joined = new StringBuilder();
    for (IrcMessage piece : pieces) {
      assertTrue(wireBytes(piece.withTags(Map.of()).render()) + reserve <= FITS, piece.render());
      assertEquals(message.tags(), piece.tags());
      String part = piece.params().get(1);
      assertFalse(pieces.size() > 1 && part.isEmpty());
      assertFalse(!part.isEmpty() && Character.isHighSurrogate(part.charAt(part.length() - 1))
          && text.length() > joined.length() + part.length()
          && Character.isLowSurrogate(text.charAt(joined.length() + part.length())));
      joined.append(part);
    }
    assertEquals(text, joined.toString());
  }

  @Property(tries = 300)
  void aFittedMessageFitsAndKeepsTheStartOfItsText(
      @ForAll("prefix") String prefix, @ForAll("longText") String text) {
    IrcMessage message = new IrcMessage(
        Map.of(), Optional.of(prefix), "NOTICE", List.of("nick", text));
    IrcMessage fitted;
    try {
      fitted = IrcLimits.fit(message);
    } catch (IllegalArgumentException tooLongWithoutText) {
      assertTrue(IrcLimits.utf8Length(withText(message, "").render()) > FITS);
      return;
    }
    assertTrue(wireBytes(fitted.render()) <= FITS);
    String kept = fitted.params().get(1);
    assertTrue(text.startsWith(kept));
    assertFalse(!kept.isEmpty() && kept.length() < text.length()
        && Character.isHighSurrogate(kept.charAt(kept.length() - 1))
        && Character.isLowSurrogate(text.charAt(kept.length())));
  }

  @Example
  void aMessageWithNothingToCutIsRefusedWithAReason() {
    IrcMessage noParameters = new IrcMessage(
        Map.of(), Optional.of("x".repeat(600)), "PING", List.of());
    assertThrows(IllegalArgumentException.class, () -> IrcLimits.fit(noParameters));
    assertThrows(IllegalArgumentException.class, () -> IrcLimits.split(noParameters));
  }

  @Example
  void largeTextIsCheckedAndSplitInLinearTime() {
    for (String text : Hostile.largeTexts()) {
      inLinearTime(() -> IrcLimits.tooLong(text));
      inLinearTime(() -> IrcLimits.clientTagDataTooLong(text));
    }
    String text = Hostile.repeat("a\u20ac\ud83d\ude00 ", Hostile.LARGE);
    IrcMessage message = IrcMessage.of("server", "PRIVMSG", "#room", text);
    List<IrcMessage> pieces = inLinearTime(() -> IrcLimits.split(message));
    List<String> parts = new ArrayList<>();
    pieces.forEach(piece -> parts.add(piece.params().get(1)));
    assertEquals(text, String.join("", parts));
    inLinearTime(() -> IrcLimits.fit(message));
  }

  private static IrcMessage withText(IrcMessage message, String text) {
    return new IrcMessage(message.tags(), message.prefix(), message.command(),
        List.of(message.params().get(0), text));
  }

  /** What the line takes on the wire (a lone surrogate is written as one byte, '?'). */
  private static int wireBytes(String line) {
    return line.getBytes(StandardCharsets.UTF_8).length;
  }
}
