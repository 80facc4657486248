package lochat.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DepartureTest {

  private static Departure after(String... lines) {
    Departure departure = new Departure();
    for (String line : lines) {
      departure.seen(ServerLine.parse(line));
    }
    return departure;
  }

  @Test
  void aSignedInConnectionThatEndsWithoutAGoodbyeWasLost() {
    assertTrue(after("OK nick ann", "JOINED lobby ann", "MSG lobby bob hi").lost(false));
  }

  @Test
  void beforeSignInNothingIsLost() {
    assertFalse(after("SERVER Welcome", "PROMPT Choose a nickname").lost(false));
    assertTrue(after("SERVER Welcome").interrupted(false),
        "an attempt to sign in again that was cut is tried again");
  }

  @Test
  void aQuitAGoodbyeOrAClosingErrorIsNoLoss() {
    assertFalse(after("OK nick ann").lost(true), "the user's /quit went");
    assertFalse(after("OK nick ann", "OK quit Bye ann").lost(false));
    assertFalse(after("OK nick ann", "SERVER The server is shutting down. Goodbye!")
        .lost(false));
    assertFalse(after("OK nick ann", "ERROR killed Killed by ops (spam)").lost(false));
    assertFalse(after("OK nick ann", "ERROR banned Banned from this server").lost(false));
    assertTrue(after("OK nick ann", "ERROR not-in-room You are in no room").lost(false),
        "an error that leaves the connection open says nothing of its end");
    assertTrue(after("OK nick ann", "KICKED lobby bob ann", "SERVER bye").lost(false),
        "a kick out of a room keeps the connection");
  }
}
