package lochat.protocol.irc;

import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.testing.Hostile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@link IrcMessage} promises for any line a client may send and any message the server
 * may build: parsing never fails with an exception, and whatever is accepted renders to one
 * line that parses back to the same message.
 */
class IrcMessagePropertiesTest {

  /** Hostile text, and lines shaped like IRC with hostile parts. */
  @Provide
  Arbitrary<String> line() {
    Arbitrary<String> word = Arbitraries.oneOf(
        Hostile.text(), Arbitraries.of("PRIVMSG", "privmsg", "001", "1234", "@", ":", "@+a=b;c"));
    return Arbitraries.oneOf(Hostile.text(),
        word.list().ofMaxSize(20).map(words -> String.join(" ", words)));
  }

  /** Messages the server may build: valid parts, hostile wherever the grammar allows. */
  @Provide
  Arbitrary<IrcMessage> built() {
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abz09-").ofMinLength(1).ofMaxLength(8),
        Arbitraries.of("+draft/react", "time", "example.com/x", "+x", "a.b-c/d-e"));
    Arbitrary<String> value = Hostile.text().map(text -> text.replace("\0", ""));
    Arbitrary<String> word = Hostile.fragment().list().ofMinSize(1).ofMaxSize(4)
        .map(fragments -> String.join("", fragments))
        .map(text -> text.replaceAll("[ \0\r\n]", "").replaceFirst("^:+", ""))
        .filter(text -> !text.isEmpty());
    Arbitrary<String> last = Hostile.text().map(text -> text.replaceAll("[\0\r\n]", ""));
    Arbitrary<List<String>> params = Combinators.combine(word.list().ofMaxSize(14), last,
        Arbitraries.integers().between(0, 2)).as((middle, trailing, shape) -> {
          List<String> all = new ArrayList<>(middle);
          if (shape > 0) {
            all.add(shape == 1 ? trailing : "x");
          }
          return all;
        });
    return Combinators.combine(Arbitraries.maps(key, value).ofMaxSize(4), word.optional(),
        Arbitraries.of("PRIVMSG", "NOTICE", "PING", "PONG", "join", "Mode", "001", "433"),
        params)
        .as(IrcMessage::new);
  }

  @Property(tries = 300)
  void buildingAMessageFromAnyPartsAcceptsItOrSaysWhy(@ForAll("line") String command,
      @ForAll("line") String prefix, @ForAll("line") String param, @ForAll("line") String key,
      @ForAll("line") String value) {
    try {
      new IrcMessage(Map.of(key, value), Optional.of(prefix), command, List.of(param, param));
    } catch (IllegalArgumentException invalid) {
      assertTrue(!invalid.getMessage().isEmpty());
    }
  }

  @Property(tries = 300)
  void parsingAnyLineGivesAMessageOrAReason(@ForAll("line") String line) {
    IrcParse parsed = IrcMessage.parse(line);
    if (parsed instanceof IrcParse.Invalid invalid) {
      assertTrue(!invalid.reason().isEmpty());
    }
  }

  @Property(tries = 300)
  void aParsedMessageRendersToALineThatParsesBackEqual(@ForAll("line") String line) {
    if (IrcMessage.parse(line) instanceof IrcParse.Ok ok) {
      String rendered = ok.message().render();
      assertNoLineBreak(rendered);
      assertEquals(new IrcParse.Ok(ok.message()), IrcMessage.parse(rendered), rendered);
    }
  }

  @Property(tries = 150)
  void aBuiltMessageRendersToALineThatParsesBackEqual(@ForAll("built") IrcMessage message) {
    String rendered = message.render();
    assertNoLineBreak(rendered);
    assertEquals(new IrcParse.Ok(message), IrcMessage.parse(rendered), rendered);
  }

  @Example
  void largeHostileLinesAreParsedInLinearTime() {
    for (String text : Hostile.largeTexts()) {
      IrcParse parsed = inLinearTime(() -> IrcMessage.parse(text));
      if (parsed instanceof IrcParse.Ok ok) {
        inLinearTime(() -> IrcMessage.parse(ok.message().render()));
      }
    }
  }

  private static void assertNoLineBreak(String rendered) {
    assertTrue(rendered.indexOf('\r') < 0 && rendered.indexOf('\n') < 0
        && rendered.indexOf('\0') < 0, Hostile.visible(rendered));
  }
}
