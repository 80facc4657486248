package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import lochat.chat.ModeChange;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.store.ListEntry;
import org.junit.jupiter.api.Test;

class RoomRepliesTest {

  private static final IrcReplies REPLIES = new IrcReplies("lochat.lan", UnaryOperator.identity());
  private static final RoomReplies ROOMS = new RoomReplies(REPLIES);

  private static String render(IrcMessage message) {
    return message.render();
  }

  @Test
  void modeChangesAreOneLineWithSignsOnlyWhereTheyChange() {
    List<ModeChange> changes = List.of(new ModeChange(true, 'o', "ann"),
        new ModeChange(true, 'v', "bob"), new ModeChange(false, 'm', ""),
        new ModeChange(false, 'k', "sesame"), new ModeChange(true, 'l', "10"));
    assertEquals(List.of(":ann!ann@lochat.lan MODE #den +ov-mk+l ann bob sesame 10"),
        ROOMS.modesChanged("ann", "ann", "#den", changes).stream().map(RoomRepliesTest::render)
            .toList());
  }

  @Test
  void manyLongMasksAreSplitIntoLinesOfWholeChanges() {
    List<ModeChange> changes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      changes.add(new ModeChange(true, 'b', "*!*@host-" + i + "-" + "x".repeat(100)));
    }
    List<IrcMessage> lines = ROOMS.modesChanged("ann", "ann", "#den", changes);
    assertTrue(lines.size() > 1, "one line of " + lines.size());
    int masks = 0;
    for (IrcMessage line : lines) {
      assertTrue(IrcLimits.utf8Length(line.render()) <= IrcLimits.MAX_CONTENT_BYTES, line::render);
      String letters = line.params().get(1);
      assertEquals("+" + "b".repeat(line.params().size() - 2), letters);
      masks += line.params().size() - 2;
    }
    assertEquals(20, masks);
  }

  @Test
  void refusalsAreTheirNumerics() {
    assertEquals(":lochat.lan 482 bob #den :You're not channel operator",
        render(ROOMS.refused("bob", "#den", RoomRefusal.NOT_OPERATOR, "", (char) 0)));
    assertEquals(":lochat.lan 441 bob ann #den :They aren't on that channel",
        render(ROOMS.refused("bob", "#den", RoomRefusal.USER_NOT_IN_ROOM, "ann", (char) 0)));
    assertEquals(":lochat.lan 443 bob ann #den :is already on channel",
        render(ROOMS.refused("bob", "#den", RoomRefusal.ALREADY_IN_ROOM, "ann", (char) 0)));
    assertEquals(":lochat.lan 474 bob #den :Cannot join channel (you're banned)",
        render(ROOMS.refused("bob", "#den", RoomRefusal.BANNED, "", (char) 0)));
    assertEquals(":lochat.lan 478 bob #den e *!*@x :Channel list is full",
        render(ROOMS.refused("bob", "#den", RoomRefusal.LIST_FULL, "*!*@x", 'e')));
    IrcMessage badKey = ROOMS.refused("bob", "#den", RoomRefusal.INVALID_KEY, "a b", (char) 0);
    assertEquals("696", badKey.command());
    assertEquals(List.of("bob", "#den", "k", "a_b"), badKey.params().subList(0, 4));
    for (RoomRefusal refusal : RoomRefusal.values()) {
      IrcMessage message = ROOMS.refused("bob", "#den", refusal, "x", (char) 0);
      assertTrue(message.command().matches("[45]\\d\\d|696"), message::render);
    }
  }

  @Test
  void modesHideTheKeyFromOutsiders() {
    RoomModes modes = RoomModes.NEW_ROOM.withKey("sesame").withLimit(3);
    Instant created = Instant.ofEpochSecond(1_700_000_000L);
    assertEquals(List.of(":lochat.lan 324 bob #den +ntkl * 3",
        ":lochat.lan 329 bob #den 1700000000"),
        ROOMS.modesAre("bob", "#den", modes, false, created).stream()
            .map(RoomRepliesTest::render).toList());
  }

  @Test
  void listsEndWithTheirOwnNumeric() {
    Instant at = Instant.ofEpochSecond(1_700_000_000L);
    assertEquals(List.of(":lochat.lan 367 bob #den *!*@x ann 1700000000",
        ":lochat.lan 368 bob #den :End of channel ban list"),
        ROOMS.list("bob", "#den", 'b', List.of(new ListEntry('b', "*!*@x", "ann", at)))
            .stream().map(RoomRepliesTest::render).toList());
    assertEquals("349", ROOMS.list("bob", "#den", 'e', List.of()).get(0).command());
    assertEquals("347", ROOMS.list("bob", "#den", 'I', List.of()).get(0).command());
  }

  @Test
  void prefixesAreTheHighestOrAllWithMultiPrefix() {
    Map<String, Roles> roles = Map.of("ann", new Roles(true, true), "bob", new Roles(false, true));
    assertEquals(List.of("@ann", "+bob", "cy"),
        RoomReplies.prefixed(List.of("ann", "bob", "cy"), roles, false));
    assertEquals(List.of("@+ann", "+bob", "cy"),
        RoomReplies.prefixed(List.of("ann", "bob", "cy"), roles, true));
  }

  @Test
  void aKickWithoutReasonGivesTheKickersNick() {
    assertEquals(":ann!ann@lochat.lan KICK #den bob ann",
        render(ROOMS.kicked("ann", "ann", "#den", "bob", "")));
    assertEquals(":ann!ann@lochat.lan KICK #den bob :too loud",
        render(ROOMS.kicked("ann", "ann", "#den", "bob", "too loud")));
  }
}
