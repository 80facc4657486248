package lochat.chat;

import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import lochat.testing.Hostile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@link Names} promises for any name: an accepted name has only the allowed characters,
 * and a refusal says why without echoing a character that could act on the user's terminal.
 */
class NamesPropertiesTest {

  private static final String NAME_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.";

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(Hostile.text(),
        Arbitraries.strings().withChars(NAME_CHARS + "[]\\`^{|}# \u202e\u00e9").ofMaxLength(40));
  }

  @Property(tries = 300)
  void anAcceptedNicknameHasOnlyNicknameCharacters(@ForAll("hostile") String nick) {
    check(Names.nickProblem(nick), nick, NAME_CHARS + "[]\\`^{|}");
  }

  @Property(tries = 300)
  void anAcceptedRoomNameHasOnlyNameCharacters(@ForAll("hostile") String room) {
    check(Names.roomProblem(room), room, NAME_CHARS);
  }

  private static void check(Optional<String> problem, String name, String allowed) {
    if (problem.isPresent()) {
      Hostile.assertNoControl(problem.get());
    } else {
      assertTrue(!name.isEmpty() && name.length() <= Names.MAX_LENGTH);
      assertTrue(name.chars().allMatch(c -> allowed.indexOf(c) >= 0), name);
    }
  }

  @Example
  void largeHostileNamesAreCheckedInLinearTime() {
    for (String text : Hostile.largeTexts()) {
      inLinearTime(() -> Names.nickProblem(text));
      inLinearTime(() -> Names.roomProblem(Names.stripRoomPrefix(text)));
      inLinearTime(() -> Names.key(text));
    }
  }
}
