package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionsTest {

  private static final List<String> NICKS = List.of("bob", "Alice", "bert");
  private static final List<String> ROOMS = List.of("games", "Lobby");

  private static List<String> complete(String line) {
    List<String> words = List.of(line.split(" ", -1));
    return Completions.candidates(words.subList(0, words.size() - 1), words.get(words.size() - 1),
        NICKS, ROOMS);
  }

  @Test
  void aSlashAtTheStartCompletesCommands() {
    assertEquals(List.of("/who", "/whois"), complete("/wh"));
    assertEquals(List.of("/join"), complete("/J"));
    assertTrue(complete("/").containsAll(List.of("/away", "/whois", "/list", "/msg", "/quit")));
  }

  @Test
  void aNicknameStartingTheLineIsAddressedWithAColon() {
    assertEquals(List.of("bob:", "bert:"), complete("b"));
    assertEquals(List.of("Alice:"), complete("al"));
  }

  @Test
  void aNicknameLaterInTheLineIsPlain() {
    assertEquals(List.of("bob", "bert"), complete("thanks b"));
    assertEquals(List.of("Alice"), complete("/me waves at AL"));
  }

  @Test
  void commandsThatTakeANickCompleteNicks() {
    assertEquals(List.of("bob", "bert"), complete("/msg b"));
    assertEquals(List.of("Alice"), complete("/whois a"));
    assertEquals(List.of("Alice"), complete("/query a"));
  }

  @Test
  void commandsThatTakeARoomCompleteRoomsWithOrWithoutHash() {
    assertEquals(List.of("games"), complete("/join g"));
    assertEquals(List.of("#Lobby"), complete("/part #l"));
    assertEquals(List.of("games", "Lobby"), complete("/who "));
  }

  @Test
  void nicknamesAndPasswordsAreNotCompleted() {
    assertEquals(List.of(), complete("/nick b"));
    assertEquals(List.of(), complete("/pass b"));
  }

  @Test
  void nothingMatchesNothing() {
    assertEquals(List.of(), complete("zz"));
    assertEquals(List.of(), complete("/zz"));
  }

  @Test
  void theCommandsThatRunARoomCompleteAndTakeNicksOrRooms() {
    assertEquals(List.of("/ban", "/bans"), complete("/ba"));
    assertEquals(List.of("/deop", "/devoice"), complete("/de"));
    assertEquals(List.of("/history"), complete("/hi"));
    assertTrue(complete("/").containsAll(List.of("/op", "/voice", "/kick", "/unban", "/invite",
        "/mode")));
    assertEquals(List.of("bob", "bert"), complete("/op b"));
    assertEquals(List.of("bob", "bert"), complete("/kick b"));
    assertEquals(List.of("Alice"), complete("/ban a"));
    assertEquals(List.of("Alice"), complete("/invite a"));
    assertEquals(List.of("#games"), complete("/invite bob #g"));
    assertEquals(List.of("Lobby"), complete("/mode l"));
  }
}
