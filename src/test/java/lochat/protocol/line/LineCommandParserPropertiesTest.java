package lochat.protocol.line;

import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import lochat.chat.Names;
import lochat.protocol.TextSanitizer;
import lochat.testing.Hostile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@link LineCommandParser} promises for any line: a command or a reason, never an
 * exception; only names that {@link Names} accepts; and, for the sanitised text a session gives
 * it, no control character in anything it passes on.
 */
class LineCommandParserPropertiesTest {

  /** Hostile text, often starting like a command. */
  @Provide
  Arbitrary<String> line() {
    Arbitrary<String> command = Arbitraries.of("/nick ", "/join ", "/part ", "/who ", "/msg ",
        "/msg bob ", "/msg bob /me ", "/me ", "/topic ", "/topic -", "/pass ", "/quit ", "/rooms ",
        "/NICK\t", "//", "/", "/unknown", "/help");
    return Arbitraries.oneOf(Hostile.text(),
        net.jqwik.api.Combinators.combine(command, Hostile.text()).as(String::concat));
  }

  @Property(tries = 300)
  void anyLineParsesInEveryStateWithValidNames(@ForAll("line") String line) {
    checkNames(LineCommandParser.parse(line));
    checkNames(LineCommandParser.parseRegistration(line));
    checkNames(LineCommandParser.parsePassword(line));
  }

  @Property(tries = 300)
  void aSanitisedLineGivesNoControlCharacterToPassOn(@ForAll("line") String line) {
    String clean = TextSanitizer.clean(line);
    for (LineCommand command : new LineCommand[] {LineCommandParser.parse(clean),
        LineCommandParser.parseRegistration(clean), LineCommandParser.parsePassword(clean)}) {
      // A record's string form shows every field it carries.
      Hostile.assertNoControl(command.toString());
    }
  }

  private static void checkNames(LineCommand command) {
    if (command instanceof LineCommand.Nick nick) {
      assertEquals(Optional.empty(), Names.nickProblem(nick.nick()));
    } else if (command instanceof LineCommand.Join join) {
      assertEquals(Optional.empty(), Names.roomProblem(join.room()));
    } else if (command instanceof LineCommand.Part part) {
      part.room().ifPresent(room -> assertEquals(Optional.empty(), Names.roomProblem(room)));
    } else if (command instanceof LineCommand.Who who) {
      who.room().ifPresent(room -> assertEquals(Optional.empty(), Names.roomProblem(room)));
    } else if (command instanceof LineCommand.Msg msg) {
      assertEquals(Optional.empty(), Names.nickProblem(msg.nick()));
      assertTrue(!msg.text().isBlank());
    } else if (command instanceof LineCommand.Invalid invalid) {
      assertTrue(!invalid.message().isEmpty());
    }
  }

  @Example
  void largeHostileLinesAreParsedInLinearTime() {
    for (String text : Hostile.largeTexts()) {
      for (String line : new String[] {text, "/msg bob " + text, "/nick " + text, "/" + text}) {
        inLinearTime(() -> LineCommandParser.parse(line));
        inLinearTime(() -> LineCommandParser.parseRegistration(line));
        inLinearTime(() -> LineCommandParser.parsePassword(line));
      }
    }
  }
}
