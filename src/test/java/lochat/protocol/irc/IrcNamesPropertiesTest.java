package lochat.protocol.irc;

import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Optional;
import lochat.chat.Names;
import lochat.testing.Hostile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What {@link IrcNames} and {@link IrcCase} promise for any name a client gives. */
class IrcNamesPropertiesTest {

  private static final String MASK_SAFE =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.~[]\\`^{|}";

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(Hostile.text(),
        Arbitraries.strings().withChars(MASK_SAFE + "#!@* \u00e9").ofMaxLength(40));
  }

  @Property(tries = 300)
  void aUserNameKeepsOnlyMaskSafeCharacters(@ForAll("hostile") String given) {
    Optional<String> user = IrcNames.userName(given);
    // Escape sequences and formatting go whole first, so that no "[2J" is left of ESC [2J.
    String safe = IrcText.clean(given).chars().filter(c -> MASK_SAFE.indexOf(c) >= 0)
        .limit(IrcNames.MAX_USER_NAME)
        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
        .toString();
    assertEquals(safe.isEmpty() ? Optional.empty() : Optional.of(safe), user);
  }

  @Property(tries = 300)
  void anAcceptedNicknameIsAValidLochatNicknameThatIrcCanCarry(@ForAll("hostile") String nick) {
    Optional<String> problem = IrcNames.nickProblem(nick);
    problem.ifPresent(Hostile::assertNoControl);
    if (problem.isEmpty()) {
      assertEquals(Optional.empty(), Names.nickProblem(nick));
      assertFalse(nick.indexOf('.') >= 0 || Character.isDigit(nick.charAt(0))
          || nick.startsWith("-"));
    }
  }

  @Property(tries = 300)
  void ircAndEveryOtherProtocolAcceptTheSameNicknames(@ForAll("hostile") String nick) {
    assertEquals(Names.nickProblem(nick), IrcNames.nickProblem(nick));
  }

  @Property(tries = 300)
  void aChannelNameIsARoomOrNothing(@ForAll("hostile") String channel) {
    IrcNames.room(channel).ifPresent(room -> {
      assertEquals(Optional.empty(), Names.roomProblem(room));
      assertEquals(channel, IrcNames.channel(room));
    });
  }

  @Property(tries = 300)
  void foldingCaseLowersAsciiLettersOnly(@ForAll("hostile") String name) {
    String folded = IrcCase.foldCase(name);
    assertEquals(name.length(), folded.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      assertEquals(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c, folded.charAt(i));
    }
    if (Names.nickProblem(name).isEmpty()) {
      assertEquals(Names.key(name), folded);
    }
  }

  @Example
  void largeHostileNamesAreCheckedInLinearTime() {
    for (String text : Hostile.largeTexts()) {
      inLinearTime(() -> IrcNames.userName(text));
      inLinearTime(() -> IrcNames.nickProblem(text));
      inLinearTime(() -> IrcNames.room(text));
      inLinearTime(() -> IrcCase.foldCase(text));
    }
  }
}
