package lochat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ModeChange;
import lochat.chat.Roles;
import lochat.chat.RoomModes;
import org.junit.jupiter.api.Test;

/** Who is in a room and with what roles, as a node's link follows the room's events. */
class RoomRosterTest {

  private final RoomRoster roster = new RoomRoster();

  @Test
  void followsJoinsDeparturesKicksRenamesAndRoles() {
    roster.reset(new ChatRoom.Joined("vault", null, List.of("ann", "bob"), Map.of(),
        Map.of("ann", Roles.OPERATOR), List.of(), Optional.empty(), RoomModes.NEW_ROOM));
    roster.apply(new ChatEvent.MemberJoined("vault", "cyd"));
    roster.apply(new ChatEvent.MemberJoined("vault", "dee"));
    roster.apply(new ChatEvent.ModesChanged("vault", "ann",
        List.of(new ModeChange(true, 'o', "Bob"), new ModeChange(true, 'v', "cyd"),
            new ModeChange(true, 'n', ""))));
    roster.apply(new ChatEvent.MemberRenamed("vault", "bob", "robert"));
    roster.apply(new ChatEvent.MemberLeft("vault", "ann", "quit", true));
    roster.apply(new ChatEvent.Kicked("vault", "robert", "dee", "spam"));

    assertEquals(List.of("cyd", "robert"), roster.nicks().stream().sorted().toList());
    assertEquals(new Comeback(Roles.OPERATOR, roster.nicks()), roster.comeback("Robert"));
    assertEquals(new Roles(false, true), roster.comeback("cyd").roles());
    assertEquals(Roles.NONE, roster.comeback("stranger").roles());
  }
}
