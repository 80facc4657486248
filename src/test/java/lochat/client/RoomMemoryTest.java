package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoomMemoryTest {

  private static void see(RoomMemory rooms, String... lines) {
    for (String line : lines) {
      rooms.seen(ServerLine.parse(line), "ann");
    }
  }

  @Test
  void itFollowsTheUsersOwnJoinsPartsAndKicks() {
    RoomMemory rooms = new RoomMemory();
    see(rooms, "JOINED lobby ann", "JOINED games ann", "JOINED games bob", "JOINED dev ann",
        "OK current games", "KICKED dev bob ann", "LEFT lobby bob quit");
    assertEquals("games", rooms.current());
    assertEquals(List.of("/join lobby", "/join games"), rooms.restore());
  }

  @Test
  void theCurrentRoomIsJoinedLastSoThatItIsCurrentAgain() {
    RoomMemory rooms = new RoomMemory();
    see(rooms, "JOINED lobby ann", "JOINED games ann", "JOINED dev ann", "OK current lobby");
    assertEquals(List.of("/join games", "/join dev", "/join lobby"), rooms.restore());
    assertNull(rooms.current(), "nothing is joined on the new connection yet");
  }

  @Test
  void theDefaultRoomIsLeftAgainIfTheUserHadLeftIt() {
    RoomMemory rooms = new RoomMemory();
    see(rooms, "JOINED lobby ann", "JOINED games ann", "LEFT Lobby ann part");
    assertEquals(List.of("/join games"), rooms.restore());
    assertEquals("/part lobby", rooms.unwanted(ServerLine.parse("JOINED lobby ann"), "ann"));
    assertNull(rooms.unwanted(ServerLine.parse("JOINED lobby ann"), "ann"),
        "only the join the server made by itself");
  }

  @Test
  void theDefaultRoomStaysWhenTheUserWasInIt() {
    RoomMemory rooms = new RoomMemory();
    see(rooms, "JOINED lobby ann");
    assertEquals(List.of("/join lobby"), rooms.restore());
    assertNull(rooms.unwanted(ServerLine.parse("JOINED lobby bob"), "ann"));
    assertNull(rooms.unwanted(ServerLine.parse("JOINED LOBBY ann"), "ann"));
  }

  @Test
  void roomsNotBackWhenTheConnectionIsLostAgainAreTakenBackNextTime() {
    RoomMemory rooms = new RoomMemory();
    see(rooms, "JOINED lobby ann", "JOINED hall ann", "JOINED dev ann", "OK current hall");
    assertEquals(List.of("/join lobby", "/join dev", "/join hall"), rooms.restore());
    see(rooms, "JOINED lobby ann");

    assertEquals(List.of("/join lobby", "/join dev", "/join hall"), rooms.restore(),
        "lost again with only lobby back: all three, hall still last");
    see(rooms, "JOINED lobby ann", "JOINED dev ann", "LEFT dev ann part", "JOINED hall ann");
    assertEquals(List.of("/join lobby", "/join hall"), rooms.restore(), "once all were back");
  }
}
