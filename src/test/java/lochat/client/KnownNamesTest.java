package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class KnownNamesTest {

  private final KnownNames names = new KnownNames();

  private void follow(String... lines) {
    for (String line : lines) {
      names.follow(ServerLine.parse(line), "me");
    }
  }

  private List<String> nicks() {
    return names.snapshot("me").nicks();
  }

  @Test
  void membersComeFromWhoAndJoinsWithoutTheUserItself() {
    follow("WHO lobby zoe me carl", "JOINED lobby bob");
    assertEquals(List.of("bob", "carl", "zoe"), nicks());
    assertEquals(List.of("lobby"), names.snapshot("me").rooms());
  }

  @Test
  void recentSpeakersComeFirstMostRecentFirst() {
    follow("WHO lobby zoe me carl bob", "MSG lobby zoe hi", "MSG lobby carl hello");
    assertEquals(List.of("carl", "zoe", "bob"), nicks());
  }

  @Test
  void privateCorrespondentsAreOffered() {
    follow("PRIV dan me psst", "PRIV me erin hi");
    assertEquals(List.of("erin", "dan"), nicks());
  }

  @Test
  void someoneWhoLeftEveryRoomIsForgotten() {
    follow("WHO lobby me bob", "WHO games me bob carl", "MSG lobby bob hi",
        "LEFT lobby bob part");
    assertEquals(List.of("bob", "carl"), nicks());
    follow("LEFT games bob quit");
    assertEquals(List.of("carl"), nicks());
  }

  @Test
  void aRenameReplacesTheOldNick() {
    follow("WHO lobby me bob", "MSG lobby bob hi", "RENAMED lobby bob robert");
    assertEquals(List.of("robert"), nicks());
  }

  @Test
  void leavingARoomForgetsItsMembersButNotItsName() {
    follow("WHO games me bob", "LEFT games me part");
    assertEquals(List.of(), nicks());
    assertEquals(List.of("games"), names.snapshot("me").rooms());
  }

  @Test
  void theRoomListNamesEveryRoom() {
    follow("ROOMS games:1 Lobby:3 quiet.place:0");
    assertEquals(List.of("games", "Lobby", "quiet.place"), names.snapshot("me").rooms());
  }

  @Test
  void namesDifferingInCaseAreOne() {
    follow("WHO lobby Bob", "JOINED LOBBY bob");
    assertEquals(List.of("bob"), nicks());
    assertEquals(List.of("lobby"), names.snapshot("me").rooms());
  }

  @Test
  void operatorsAndVoicedMembersAreOfferedWithoutTheirMarks() {
    follow("WHO lobby @zoe +carl @+bob me");
    assertEquals(List.of("bob", "carl", "zoe"), nicks());
  }

  @Test
  void aKickedMemberIsNoLongerOfferedAndAnInvitationTeachesTheRoom() {
    follow("WHO lobby zoe me carl", "KICKED lobby zoe carl spam", "INVITED games zoe");
    assertEquals(List.of("zoe"), nicks());
    assertEquals(List.of("games", "lobby"), names.snapshot("me").rooms());
  }
}
