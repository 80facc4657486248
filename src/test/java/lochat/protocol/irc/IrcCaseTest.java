package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class IrcCaseTest {

  @Test
  void asciiLettersFold() {
    assertEquals("alice_2.0-x", IrcCase.foldCase("ALIce_2.0-X"));
    assertEquals("abcdefghijklmnopqrstuvwxyz",
        IrcCase.foldCase("ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
  }

  @Test
  void rfc1459PairsAreNotFolded() {
    assertEquals("[]\\~{}|^", IrcCase.foldCase("[]\\~{}|^"));
    assertEquals("@`", IrcCase.foldCase("@`"));
  }

  @Test
  void nonAsciiLettersAreNotFolded() {
    assertEquals("ÄÖÜ", IrcCase.foldCase("ÄÖÜ"));
    assertEquals("İ", IrcCase.foldCase("İ"));
    assertEquals("ＡＢ", IrcCase.foldCase("ＡＢ"));
  }

  @Test
  void foldingDoesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr"));
      assertEquals("irc", IrcCase.foldCase("IRC"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void announcedAsAscii() {
    assertEquals("CASEMAPPING=ascii", IrcCase.ISUPPORT_TOKEN);
  }
}
