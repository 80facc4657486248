package lochat.client;

import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import lochat.testing.Hostile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jline.utils.AttributedString;

/**
 * What the client promises whatever a server sends it: every line is shown, and nothing
 * reaches the user's terminal that could act on it but the client's own colours.
 */
class LineStylerPropertiesTest {

  /** Select Graphic Rendition: the only escape sequences the client itself writes. */
  private static final String SGR = "\u001b\\[[0-9;]*m";

  /** Hostile lines, many of them starting with a kind the client styles. */
  @Provide
  Arbitrary<String> line() {
    Arbitrary<String> kind = Arbitraries.of("MSG ", "ACTION ", "PRIV ", "PRIVACTION ",
        "HISTORY 2024-03-01T12:34:56Z MSG ", "HISTORY x HISTORY y ", "JOINED ", "LEFT ",
        "RENAMED ", "TOPIC ", "NOTOPIC ", "WHO ", "ROOMS ", "OK nick ", "OK ", "ERROR ",
        "SERVER ", "PROMPT ", "NEW ", "");
    return Arbitraries.oneOf(Hostile.text(), Combinators.combine(kind, Hostile.text(),
        Arbitraries.of("", " me ", " lobby alice ")).as((k, text, fields) -> k + fields + text));
  }

  @Provide
  Arbitrary<String> ownNick() {
    return Arbitraries.oneOf(Arbitraries.of("me", "alice", "a.b"), Hostile.text()).injectNull(0.1);
  }

  @Property(tries = 300)
  void noHostileLinePutsAControlCharacterOnTheTerminal(
      @ForAll("line") String line, @ForAll("ownNick") String ownNick) {
    for (AttributedString shown : new AttributedString[] {
        LineStyler.style(ServerLine.parse(line), ownNick, ZoneOffset.UTC),
        LineStyler.style(ServerLine.parse(line), ownNick,
            Timestamps.parse("HH:mm", ZoneOffset.UTC), Instant.EPOCH)}) {
      Hostile.assertNoControl(shown.toString());
      Hostile.assertNoControl(shown.toAnsi().replaceAll(SGR, ""));
    }
  }

  @Property(tries = 300)
  void aLineReadsBackFromItsKindAndBody(@ForAll("line") String line) {
    ServerLine parsed = ServerLine.parse(line);
    assertEquals(line, parsed.body().isEmpty() && !line.endsWith(" ")
        ? parsed.kind() : parsed.kind() + " " + parsed.body());
    for (int i = 0; i < 5; i++) {
      parsed.field(i);
      parsed.rest(i);
    }
  }

  @Example
  void largeHostileLinesAreShownInLinearTime() {
    for (String text : new String[] {Hostile.repeat("HISTORY x ", Hostile.LARGE),
        Hostile.repeat("\u001b[1;", Hostile.LARGE), "\u001b]" + Hostile.repeat("a", Hostile.LARGE),
        Hostile.repeat("WHO ", Hostile.LARGE), "ROOMS " + Hostile.repeat("a:1 :", Hostile.LARGE)}) {
      inLinearTime(() -> LineStyler.style(ServerLine.parse(text), "me", ZoneOffset.UTC));
    }
    for (String text : new String[] {Hostile.repeat("me ", Hostile.LARGE),
        Hostile.repeat("\u001b[me", Hostile.LARGE), Hostile.repeat(" ", Hostile.LARGE)}) {
      inLinearTime(() -> LineStyler.style(ServerLine.parse("MSG lobby bob " + text), "me",
          ZoneOffset.UTC));
    }
    // A server that names the user with a long nick, then sends text of near-mentions of it.
    String nick = Hostile.repeat(",", 1 << 16);
    String nearMentions = Hostile.repeat(nick.substring(1) + "x", Hostile.LARGE);
    inLinearTime(() -> LineStyler.style(ServerLine.parse("MSG lobby bob " + nearMentions),
        nick, ZoneOffset.UTC));
  }
}
