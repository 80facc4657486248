package lochat.chat;

import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * every name of them is accepted, and a refusal says why without echoing a character that could
 * act on the user's terminal.
 */
class NamesPropertiesTest {

  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final String NAME_CHARS = LETTERS + "0123456789_-.";
  /** What RFC 2812 calls special: may start a nickname. */
  private static final String SPECIALS = "[]\\`_^{|}";
  private static final String NICK_CHARS = LETTERS + "0123456789-" + SPECIALS;

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(Hostile.text(),
        Arbitraries.strings().withChars(NAME_CHARS + SPECIALS + "# \u202e\u00e9").ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> ircNicknames() {
    return Arbitraries.strings().withChars(LETTERS + SPECIALS).ofLength(1).flatMap(first ->
        Arbitraries.strings().withChars(NICK_CHARS).ofMaxLength(Names.MAX_LENGTH - 1)
            .map(rest -> first + rest));
  }

  @Property(tries = 300)
  void anAcceptedNicknameHasOnlyNicknameCharacters(@ForAll("hostile") String nick) {
    check(Names.nickProblem(nick), nick, NICK_CHARS);
    if (Names.nickProblem(nick).isEmpty()) {
      assertTrue((LETTERS + SPECIALS).indexOf(nick.charAt(0)) >= 0, nick);
    }
  }

  @Property(tries = 300)
  void everyNicknameTheIrcGrammarAllowsIsAccepted(@ForAll("ircNicknames") String nick) {
    assertEquals(Optional.empty(), Names.nickProblem(nick));
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
