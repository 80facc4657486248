package lochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModeChangesTest {

  private static ModeChanges.Parsed parse(String modes, String... arguments) {
    return ModeChanges.parse(modes, List.of(arguments));
  }

  @Test
  void switchesTakeNoArgumentAndSignsCarryOver() {
    assertEquals(List.of(ModeChange.flag(true, 'm'), ModeChange.flag(true, 'i'),
        ModeChange.flag(false, 't')), parse("+mi-t").changes());
  }

  @Test
  void rolesAndListsTakeTheirArgumentsInOrder() {
    assertEquals(List.of(new ModeChange(true, 'o', "ann"), new ModeChange(true, 'v', "bob"),
        new ModeChange(false, 'b', "*!*@10.0.0.5")),
        parse("+ov-b", "ann", "bob", "*!*@10.0.0.5").changes());
  }

  @Test
  void theLimitTakesAnArgumentOnlyWhenSetAndTheKeyWhenUnsetIfOneIsThere() {
    assertEquals(List.of(new ModeChange(true, 'l', "10"), ModeChange.flag(false, 'l'),
        new ModeChange(false, 'k', "secret"), ModeChange.flag(true, 'n')),
        parse("+l-lk+n", "10", "secret").changes());
    assertEquals(List.of(new ModeChange(false, 'k', "")), parse("-k").changes());
  }

  @Test
  void aListWithoutAMaskAsksForTheListAndARoleWithoutANickIsSkipped() {
    ModeChanges.Parsed parsed = parse("+bo-e");
    assertEquals(List.of(), parsed.changes());
    assertEquals(List.of('b', 'e'), parsed.listQueries());
  }

  @Test
  void unknownLettersAreReportedOnceEachAndTheRestStillTaken() {
    ModeChanges.Parsed parsed = parse("+xmxz");
    assertEquals(List.of('x', 'z'), parsed.unknown());
    assertEquals(List.of(ModeChange.flag(true, 'm')), parsed.changes());
  }

  @Test
  void atMostTwentyChangesAreTaken() {
    assertEquals(ModeChanges.MAX_CHANGES, parse("+" + "m".repeat(50)).changes().size());
  }

  @Test
  void limitsAreSmallPositiveNumbers() {
    assertEquals(Optional.of(25), ModeChanges.limit("25"));
    assertEquals(Optional.empty(), ModeChanges.limit("0"));
    assertEquals(Optional.empty(), ModeChanges.limit("-3"));
    assertEquals(Optional.empty(), ModeChanges.limit("100001"));
    assertEquals(Optional.empty(), ModeChanges.limit("٣"), "only ASCII digits");
    assertEquals(Optional.empty(), ModeChanges.limit("99999999999999"));
  }

  @Test
  void masksAreCompletedAsIrcServersDo() {
    assertEquals("ann!*@*", ModeChanges.fullMask("ann"));
    assertEquals("*!*@10.0.0.5", ModeChanges.fullMask("10.0.0.5"));
    assertEquals("*!u@host", ModeChanges.fullMask("u@host"));
    assertEquals("ann!u@*", ModeChanges.fullMask("ann!u"));
    assertEquals("a!b@c", ModeChanges.fullMask("a!b@c"));
  }

  @Test
  void modesReadBackFromTheirStoredLine() {
    RoomModes modes = RoomModes.NEW_ROOM.with('m', true).with('s', true).withKey("k3y")
        .withLimit(12);
    assertEquals("+mnstkl k3y 12", modes.stored());
    assertEquals(modes, RoomModes.fromStored(modes.stored()));
    assertEquals("+mnstkl * 12", modes.describe(false), "the key is hidden from outsiders");
    assertEquals(RoomModes.NEW_ROOM, RoomModes.fromStored(""));
    assertEquals(new RoomModes(false, false, false, false, false, "", 0),
        RoomModes.fromStored("+"));
  }

  @Test
  void keysHaveNoSpacesOrCommasAndABoundedLength() {
    assertTrue(RoomModes.isValidKey("hunter2"));
    for (String bad : List.of("", "a b", "a,b", ":x", "x".repeat(33), "tab\there")) {
      assertEquals(false, RoomModes.isValidKey(bad), bad);
    }
  }
}
