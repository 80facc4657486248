package lochat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosestNameTest {

  private static final List<String> KNOWN = List.of("lochat.port", "lochat.irc.port",
      "lochat.password", "lochat.room", "lochat.room.history-size", "lochat.max-rooms");

  @Test
  void editsAndSwapsOfNeighboursCountOneEach() {
    assertEquals(0, ClosestName.editDistance("port", "port"));
    assertEquals(1, ClosestName.editDistance("prot", "port"));
    assertEquals(1, ClosestName.editDistance("pot", "port"));
    assertEquals(1, ClosestName.editDistance("porrt", "port"));
    assertEquals(1, ClosestName.editDistance("pert", "port"));
    assertEquals(4, ClosestName.editDistance("", "port"));
  }

  @Test
  void theClosestKnownPathIsSuggested() {
    assertEquals(Optional.of("lochat.port"), ClosestName.among("lochat.prot", KNOWN));
    assertEquals(Optional.of("lochat.irc.port"), ClosestName.among("lochat.irc.prot", KNOWN));
    assertEquals(Optional.of("lochat.password"), ClosestName.among("lochat.pasword", KNOWN));
    assertEquals(Optional.of("lochat.room"), ClosestName.among("lochat.rooms", KNOWN));
  }

  @Test
  void aKeyInTheWrongBlockFindsItsPlace() {
    assertEquals(Optional.of("lochat.room.history-size"),
        ClosestName.among("lochat.history-size", KNOWN));
    assertEquals(Optional.of("lochat.password"),
        ClosestName.among("lochat.room.password", KNOWN));
  }

  @Test
  void shortKeysAllowOneEditLongerOnesUpToThree() {
    assertEquals(Optional.empty(), ClosestName.among("lochat.pt", KNOWN));
    assertEquals(Optional.of("lochat.room.history-size"),
        ClosestName.among("lochat.room.histry-sze", KNOWN));
    assertEquals(Optional.empty(), ClosestName.among("lochat.colour", KNOWN));
  }
}
