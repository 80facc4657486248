package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserInputTest {

  @Test
  void exitAndColonQBecomeQuit() {
    assertEquals("/quit", UserInput.toWire("exit"));
    assertEquals("/quit", UserInput.toWire(":q"));
    assertEquals("/quit", UserInput.toWire("  exit  "));
    assertEquals("/quit", UserInput.toWire(":q "));
  }

  @Test
  void otherLinesAreSentUnchanged() {
    assertEquals("exit now", UserInput.toWire("exit now"));
    assertEquals("  hello  ", UserInput.toWire("  hello  "));
    assertEquals("/join games", UserInput.toWire("/join games"));
    assertEquals(":q!", UserInput.toWire(":q!"));
  }

  @Test
  void quitAndExitCommandsAreQuit() {
    assertTrue(UserInput.isQuit("/quit"));
    assertTrue(UserInput.isQuit("/quit see you tomorrow"));
    assertTrue(UserInput.isQuit("/QUIT"));
    assertTrue(UserInput.isQuit("  /quit  "));
    assertTrue(UserInput.isQuit("/exit"));
    assertTrue(UserInput.isQuit("/Exit bye"));
    assertTrue(UserInput.isQuit(UserInput.toWire("exit")));
  }

  @Test
  void otherLinesAreNotQuit() {
    assertFalse(UserInput.isQuit("quit"));
    assertFalse(UserInput.isQuit("/quitter"));
    assertFalse(UserInput.isQuit("//quit"));
    assertFalse(UserInput.isQuit("I will /quit soon"));
    assertFalse(UserInput.isQuit(""));
  }

  @Test
  void aLineTypedAtThePasswordPromptIsSentAsPass() {
    assertEquals("/pass s3cret", UserInput.toWire(new TypedLine("s3cret", true)));
    assertEquals("/pass /odd one", UserInput.toWire(new TypedLine("/odd one", true)));
    assertEquals("/quit", UserInput.toWire(new TypedLine("exit", true)));
    assertEquals("/quit", UserInput.toWire(new TypedLine("/quit", true)));
    assertEquals("s3cret", UserInput.toWire(TypedLine.plain("s3cret")));
  }
}
