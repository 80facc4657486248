package lochat.irc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an IRC client is told of quits and renames that several rooms report. */
class ChannelViewTest {

  /** alice's view: she and bob are in lobby and dev; carol only in dev. */
  private static ChannelView aliceInLobbyAndDev() {
    ChannelView view = new ChannelView();
    view.joined("lobby", List.of("alice", "bob"), Map.of());
    view.joined("Dev", List.of("alice", "bob", "carol"), Map.of());
    return view;
  }

  @Test
  void partedMemberIsNewsOnceAndOnlyInItsRoom() {
    ChannelView view = aliceInLobbyAndDev();

    assertTrue(view.memberParted("lobby", "bob"));
    assertFalse(view.memberParted("lobby", "bob"), "already gone");
    assertTrue(view.memberParted("Dev", "bob"), "still in the other room");
  }

  @Test
  void roomsAndNicksCompareCaseInsensitively() {
    ChannelView view = aliceInLobbyAndDev();

    assertTrue(view.memberParted("DEV", "CAROL"));
  }

  @Test
  void joinedMemberCanLaterLeave() {
    ChannelView view = aliceInLobbyAndDev();
    view.memberJoined("lobby", "carol", "carol");

    assertTrue(view.memberParted("lobby", "carol"));
  }

  @Test
  void memberJoiningARoomNotJoinedIsIgnored() {
    ChannelView view = aliceInLobbyAndDev();
    view.memberJoined("games", "dave", "dave");

    assertFalse(view.memberParted("games", "dave"));
    assertFalse(view.memberQuit("games", "dave"));
  }

  @Test
  void leftRoomReportsNothingMore() {
    ChannelView view = aliceInLobbyAndDev();
    view.left("LOBBY");

    assertFalse(view.memberParted("lobby", "bob"));
    assertFalse(view.memberQuit("lobby", "bob"));
    assertFalse(view.renamed("lobby", "bob", "rob"));
    assertTrue(view.memberQuit("Dev", "bob"), "the other room still counts");
  }

  @Test
  void quitReportedByTwoRoomsIsNewsOnce() {
    ChannelView view = aliceInLobbyAndDev();

    assertTrue(view.memberQuit("lobby", "bob"));
    assertFalse(view.memberQuit("Dev", "bob"));
    assertFalse(view.memberParted("Dev", "bob"), "gone from every channel");
  }

  @Test
  void quitOfSomeoneInOnlyOneRoomIsNews() {
    ChannelView view = aliceInLobbyAndDev();

    assertTrue(view.memberQuit("Dev", "carol"));
    assertFalse(view.memberQuit("lobby", "carol"));
  }

  @Test
  void renameReportedByTwoRoomsIsNewsOnce() {
    ChannelView view = aliceInLobbyAndDev();

    assertTrue(view.renamed("lobby", "bob", "rob"));
    assertFalse(view.renamed("Dev", "bob", "rob"));
    assertTrue(view.memberParted("Dev", "rob"), "renamed in every channel");
    assertFalse(view.memberParted("Dev", "bob"));
  }

  @Test
  void caseOnlyRenameReportedByTwoRoomsIsNewsOnce() {
    ChannelView view = aliceInLobbyAndDev();

    assertTrue(view.renamed("lobby", "bob", "Bob"));
    assertFalse(view.renamed("Dev", "bob", "Bob"),
        "the second room's report of bob -> Bob is old news");
  }

  @Test
  void unknownRoomOrNickIsNoNews() {
    ChannelView view = aliceInLobbyAndDev();

    assertFalse(view.memberParted("games", "bob"));
    assertFalse(view.memberQuit("games", "bob"));
    assertFalse(view.renamed("games", "bob", "rob"));
    assertFalse(view.memberParted("lobby", "carol"));
    assertFalse(view.memberQuit("lobby", "dave"));
    assertFalse(view.renamed("lobby", "dave", "dan"));
    assertTrue(view.memberParted("lobby", "bob"), "nothing above changed the view");
  }

  @Test
  void renamedEverywhereRenamesInEveryChannelThatListsTheNick() {
    ChannelView view = aliceInLobbyAndDev();

    view.renamedEverywhere("alice", "ally");

    assertTrue(view.memberParted("lobby", "ally"));
    assertTrue(view.memberParted("Dev", "ally"));
    assertFalse(view.memberParted("Dev", "alice"));
  }

  @Test
  void renamedEverywhereLeavesChannelsWithoutTheNickAlone() {
    ChannelView view = aliceInLobbyAndDev();

    view.renamedEverywhere("carol", "caro");

    assertFalse(view.memberParted("lobby", "caro"));
    assertTrue(view.memberParted("Dev", "caro"));
  }

  @Test
  void rejoiningARoomStartsFromItsNewMemberList() {
    ChannelView view = aliceInLobbyAndDev();
    view.left("lobby");
    view.joined("lobby", List.of("alice", "dave"), Map.of());

    assertFalse(view.memberParted("lobby", "bob"));
    assertTrue(view.memberParted("lobby", "dave"));
  }
}
