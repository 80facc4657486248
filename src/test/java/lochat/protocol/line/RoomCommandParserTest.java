package lochat.protocol.line;

import static lochat.protocol.line.LineCommandParser.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import lochat.chat.ModeChange;
import lochat.protocol.line.LineCommand.History;
import lochat.protocol.line.LineCommand.Invite;
import lochat.protocol.line.LineCommand.Join;
import lochat.protocol.line.LineCommand.Kick;
import lochat.protocol.line.LineCommand.Mode;
import org.junit.jupiter.api.Test;

/** The native commands that run a room and page back in it, as the parser reads them. */
class RoomCommandParserTest {

  private static String assertInvalid(ErrorCode code, String line) {
    LineCommand.Invalid invalid = assertInstanceOf(LineCommand.Invalid.class, parse(line));
    assertEquals(code, invalid.code(), invalid.message());
    return invalid.message();
  }

  private static Mode inCurrentRoom(ModeChange... changes) {
    return new Mode(Optional.empty(), List.of(changes), List.of());
  }

  @Test
  void opDeopVoiceAndDevoiceAreRoleChangesInTheCurrentRoom() {
    assertEquals(inCurrentRoom(new ModeChange(true, 'o', "bob")), parse("/op bob"));
    assertEquals(inCurrentRoom(new ModeChange(false, 'o', "bob")), parse("/DEOP bob"));
    assertEquals(inCurrentRoom(new ModeChange(true, 'v', "bob"), new ModeChange(true, 'v', "cy")),
        parse("/voice bob  cy"));
    assertEquals(inCurrentRoom(new ModeChange(false, 'v', "bob")), parse("/devoice bob"));
    assertTrue(assertInvalid(ErrorCode.BAD_ARGUMENT, "/op").contains("/op needs a nickname"));
    assertInvalid(ErrorCode.NICK_INVALID, "/voice b@d");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/op " + "a ".repeat(21));
  }

  @Test
  void kickTakesANickAndAnOptionalReason() {
    assertEquals(new Kick("bob", ""), parse("/kick bob"));
    assertEquals(new Kick("bob", "spamming the room"), parse("/kick bob spamming the room"));
    assertEquals(new Kick("bob", "tabbed"), parse("/kick bob\ttabbed"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/kick");
    assertInvalid(ErrorCode.NICK_INVALID, "/kick 9lives bye");
  }

  @Test
  void banCompletesABareNickIntoAFullMask() {
    assertEquals(inCurrentRoom(new ModeChange(true, 'b', "bob!*@*")), parse("/ban bob"));
    assertEquals(inCurrentRoom(new ModeChange(true, 'b', "*!*@10.0.0.7")),
        parse("/ban 10.0.0.7"));
    assertEquals(inCurrentRoom(new ModeChange(true, 'b', "*!*@*.example")),
        parse("/ban *!*@*.example"));
    assertEquals(inCurrentRoom(new ModeChange(false, 'b', "bob!*@*")), parse("/unban bob"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/unban");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/ban bob carol");
  }

  @Test
  void bansAndBanAloneListTheBans() {
    Mode currentBans = new Mode(Optional.empty(), List.of(), List.of('b'));
    assertEquals(currentBans, parse("/bans"));
    assertEquals(currentBans, parse("/ban"));
    assertEquals(new Mode(Optional.of("games"), List.of(), List.of('b')), parse("/bans #games"));
    assertInvalid(ErrorCode.ROOM_INVALID, "/bans board games");
  }

  @Test
  void inviteTakesANickAndAnOptionalRoom() {
    assertEquals(new Invite("bob", Optional.empty()), parse("/invite bob"));
    assertEquals(new Invite("bob", Optional.of("games")), parse("/invite bob #games"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/invite");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/invite bob games now");
    assertInvalid(ErrorCode.ROOM_INVALID, "/invite bob ga$mes");
    assertInvalid(ErrorCode.NICK_INVALID, "/invite -bob");
  }

  @Test
  void modeTakesIrcSyntaxWithAnOptionalRoom() {
    assertEquals(new Mode(Optional.empty(), List.of(), List.of()), parse("/mode"));
    assertEquals(new Mode(Optional.of("games"), List.of(), List.of()), parse("/mode #games"));
    assertEquals(inCurrentRoom(ModeChange.flag(true, 'm')), parse("/mode +m"));
    assertEquals(new Mode(Optional.of("games"), List.of(ModeChange.flag(true, 'm'),
            new ModeChange(true, 'k', "sesame"), new ModeChange(false, 'o', "bob")), List.of()),
        parse("/mode games +mk-o sesame bob"));
    assertEquals(new Mode(Optional.of("games"), List.of(), List.of('b')),
        parse("/mode games +b"));
    assertEquals(new Mode(Optional.of("games"), List.of(new ModeChange(true, 'l', "10")),
        List.of('e')), parse("/mode games +le 10"));
  }

  @Test
  void modeRefusesLettersNoRoomKnowsAndModesThatSayNothing() {
    String message = assertInvalid(ErrorCode.UNKNOWN_MODE, "/mode +mz");
    assertTrue(message.contains("'z'"), message);
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/mode lobby +");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/mode +o");
    assertInvalid(ErrorCode.ROOM_INVALID, "/mode ga$mes +m");
  }

  @Test
  void joinTakesAnOptionalKey() {
    assertEquals(new Join("games", "sesame"), parse("/join #games sesame"));
    assertEquals(new Join("games", ""), parse("/join games"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/join games open sesame");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/join games " + "k".repeat(33));
  }

  @Test
  void historyShowsTwentyByDefaultAndAtMostAHundred() {
    assertEquals(new History(0, 20), parse("/history"));
    assertEquals(new History(0, 5), parse("/history 5"));
    assertEquals(new History(0, 100), parse("/history 100000"));
    assertEquals(new History(120, 20), parse("/history before 120"));
    assertEquals(new History(120, 7), parse("/history BEFORE 120 7"));
  }

  @Test
  void historyRefusesWhatIsNotACount() {
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/history 0");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/history -3");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/history lots");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/history before");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/history before x1");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/history before 12 5 6");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/history 99999999999999999999");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/history \u0661\u0662");
  }
}
