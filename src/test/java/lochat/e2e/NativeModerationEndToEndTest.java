package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.testing.TestClient;
import lochat.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Running a room from the native protocol, over real TCP, as people with {@code nc} would:
 * operators, voice, moderation, kicks, bans, invitations, keys and paging back in history.
 * Each test has rooms of its own on one server, which keeps history.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NativeModerationEndToEndTest {

  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start("");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** {@code nick}, registered, then in {@code room} (its current room). */
  private static TestClient in(String room, String nick) throws Exception {
    TestClient client = server.register(nick);
    client.send("/join " + room);
    client.expect("JOINED " + room + " " + nick);
    return client;
  }

  @Test
  void whoeverCreatesARoomRunsItAndGivesOthersVoiceAndOperatorRights() throws Exception {
    try (TestClient ann = server.register("ann"); TestClient bo = server.register("bo")) {
      ann.send("/join opsroom");
      ann.expect("WHO opsroom @ann");
      bo.send("/join opsroom");
      bo.expect("WHO opsroom @ann bo");
      bo.send("/op bo");
      bo.expect("ERROR not-operator You are not a room operator (opsroom)");
      ann.send("/voice bo");
      ann.expect("MODE opsroom ann +v bo");
      bo.expect("MODE opsroom ann +v bo");
      ann.send("/op bo");
      bo.expect("MODE opsroom ann +o bo");
      bo.send("/who");
      bo.expect("WHO opsroom @ann @+bo");
    }
  }

  @Test
  void aModeratedRoomRefusesAnUnvoicedPostAndTheLineEnds() throws Exception {
    try (TestClient cat = in("quiet", "cat"); TestClient dan = in("quiet", "dan")) {
      cat.send("/mode +m");
      dan.expect("MODE quiet cat +m");
      dan.send("may I speak?");
      dan.expect("ERROR cannot-send Cannot send to the room (quiet)");
      dan.send("/who");
      dan.expect("WHO quiet @cat dan");
      cat.send("/voice dan");
      dan.expect("MODE quiet cat +v dan");
      dan.send("thank you");
      cat.expect("MSG quiet dan thank you");
      cat.send("/mode");
      cat.expect("MODES quiet +mnt");
    }
  }

  @Test
  void everyoneSeesAKickWithItsReasonAndABanKeepsTheKickedOut() throws Exception {
    try (TestClient eve = in("strict", "eve"); TestClient fay = in("strict", "fay");
        TestClient gus = in("strict", "gus")) {
      eve.send("/kick gus too loud");
      eve.expect("KICKED strict eve gus too loud");
      fay.expect("KICKED strict eve gus too loud");
      gus.expect("KICKED strict eve gus too loud");
      gus.expect("OK current lobby");
      eve.send("/ban gus");
      eve.expect("MODE strict eve +b gus!*@*");
      gus.send("/join strict");
      gus.expect("ERROR banned Cannot join: you are banned (strict)");
      fay.send("/bans");
      fay.expectStartsWith("BAN strict gus!*@* eve ");
      fay.expect("BANS strict");
      eve.send("/unban gus");
      eve.expect("MODE strict eve -b gus!*@*");
      gus.send("/join strict");
      gus.expect("JOINED strict gus");
    }
  }

  @Test
  void anInvitationLetsSomeoneIntoAnInviteOnlyRoom() throws Exception {
    try (TestClient hal = in("club", "hal"); TestClient ivy = server.register("ivy")) {
      hal.send("/mode +i");
      hal.expect("MODE club hal +i");
      ivy.send("/join club");
      ivy.expect("ERROR invite-only Cannot join: the room is invite only (club)");
      hal.send("/invite ivy");
      hal.expect("OK invite ivy club");
      ivy.expect("INVITED club hal");
      ivy.send("/join club");
      ivy.expect("JOINED club ivy");
      ivy.expect("MODES club +int");
    }
  }

  @Test
  void aRoomWithAKeyTakesOnlyThoseWhoGiveIt() throws Exception {
    try (TestClient jo = in("vault", "jo"); TestClient kim = server.register("kim")) {
      jo.send("/mode +k sesame");
      jo.expect("MODE vault jo +k sesame");
      kim.send("/join vault");
      kim.expect("ERROR bad-key Cannot join: wrong room key (vault)");
      kim.send("/join vault open");
      kim.expect("ERROR bad-key Cannot join: wrong room key (vault)");
      kim.send("/join vault sesame");
      kim.expect("JOINED vault kim");
      kim.expect("MODES vault +ntk sesame");
    }
  }

  @Test
  void historyPagesBackFromTheOldestIdOfThePageBefore() throws Exception {
    try (TestClient lee = in("diary", "lee")) {
      for (int i = 1; i <= 5; i++) {
        lee.send("entry " + i);
        lee.expect("MSG diary lee entry " + i);
      }
      lee.send("/history 2");
      List<String> page = page(lee);
      assertEquals(3, page.size(), page.toString());
      assertTrue(page.get(0).matches("HISTORY \\S+ MSG diary lee entry 4"), page.toString());
      assertTrue(page.get(1).matches("HISTORY \\S+ MSG diary lee entry 5"), page.toString());
      String[] end = page.get(2).split(" ");
      assertEquals(List.of("ENDHISTORY", "diary", "2"), List.of(end).subList(0, 3));
      lee.send("/history before " + end[3] + " 10");
      List<String> earlier = page(lee);
      assertEquals(4, earlier.size(), earlier.toString());
      assertTrue(earlier.get(0).endsWith("MSG diary lee entry 1"), earlier.toString());
      assertTrue(earlier.get(2).endsWith("MSG diary lee entry 3"), earlier.toString());
      assertTrue(earlier.get(3).startsWith("ENDHISTORY diary 3 "), earlier.toString());
    }
  }

  /** The lines of one page of history, its end included. */
  private static List<String> page(TestClient client) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    client.expectMatching(line -> {
      if (line.startsWith("HISTORY ") || line.startsWith("ENDHISTORY ")) {
        lines.add(line);
      }
      return line.startsWith("ENDHISTORY ");
    }, "a page of history");
    return lines;
  }

  @Test
  void withoutADefaultRoomNativeUsersStartInNoRoom() throws Exception {
    try (TestServer roomless = TestServer.start("lochat.default-room = \"\"");
        TestClient mo = roomless.register("mo")) {
      mo.send("hello?");
      mo.expect("ERROR not-in-room You are not in a room; /join ROOM first (/rooms lists them)");
      mo.send("/rooms");
      mo.expect("ROOMS");
      mo.send("/join den");
      mo.expect("WHO den @mo");
    }
  }

  @Test
  void theHistoryOfARoomOneIsNotInIsNotShown() throws Exception {
    try (TestClient ned = server.register("ned")) {
      ned.send("/part");
      ned.expect("LEFT lobby ned part");
      ned.send("/history");
      ned.expect("ERROR not-in-room You are not in a room; /join ROOM first (/rooms lists them)");
    }
  }
}
