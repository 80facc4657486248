package lochat.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import lochat.chat.FormerNick;
import lochat.chat.Profile;
import org.junit.jupiter.api.Test;

/** The bounded history WHOWAS answers from, without actors. */
class NickHistoryTest {

  private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");

  private static User user(String nick) {
    return new User(nick, new Profile(nick + "-user", "10.0.0.1", nick + " Real", "irc"), null, T0);
  }

  private static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  @Test
  void quitAndRenameLeaveEntriesFoundNewestFirstInAnyCase() {
    NickHistory history = new NickHistory();
    history.quit(user("Ann"), at(1));
    history.renamed(user("bob"), "robert", at(2));
    history.renamed(user("ANN"), "anna", at(3));

    assertEquals(List.of(new FormerNick("ANN", "ANN-user", "ANN Real", at(3)),
            new FormerNick("Ann", "Ann-user", "Ann Real", at(1))),
        history.find("ann", 0));
    assertEquals(List.of(new FormerNick("bob", "bob-user", "bob Real", at(2))),
        history.find("BOB", 5));
    assertEquals(List.of(), history.find("robert", 0), "the new nickname is not a former one");
  }

  @Test
  void maxLimitsTheEntriesAndANonPositiveMaxMeansAll() {
    NickHistory history = new NickHistory();
    for (int i = 1; i <= 5; i++) {
      history.quit(user("ann"), at(i));
    }

    assertEquals(List.of(at(5), at(4)),
        history.find("ann", 2).stream().map(FormerNick::left).toList());
    assertEquals(5, history.find("ann", 0).size());
    assertEquals(5, history.find("ann", -3).size());
  }

  @Test
  void changeOfCaseOnlyLeavesNoEntry() {
    NickHistory history = new NickHistory();
    history.renamed(user("ann"), "ANN", at(1));

    assertEquals(List.of(), history.find("ann", 0));
  }

  @Test
  void whenFullTheOldestEntryIsDroppedWhicheverNicknameItIs() {
    NickHistory history = new NickHistory(3);
    history.quit(user("ann"), at(1));
    history.quit(user("bob"), at(2));
    history.quit(user("ann"), at(3));
    history.quit(user("cat"), at(4));

    assertEquals(List.of(at(3)), history.find("ann", 0).stream().map(FormerNick::left).toList());
    assertEquals(1, history.find("bob", 0).size());
    history.quit(user("dan"), at(5));
    assertEquals(List.of(), history.find("bob", 0));
  }

  @Test
  void theServerRemembersAThousand() {
    NickHistory history = new NickHistory();
    for (int i = 0; i <= NickHistory.CAPACITY; i++) {
      history.quit(user("n" + i), at(i));
    }

    assertEquals(1000, NickHistory.CAPACITY);
    assertEquals(List.of(), history.find("n0", 0), "the oldest of 1001 is gone");
    assertEquals(1, history.find("n1", 0).size());
    assertEquals(1, history.find("n1000", 0).size());
  }

  @Test
  void capacityMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new NickHistory(0));
  }
}
