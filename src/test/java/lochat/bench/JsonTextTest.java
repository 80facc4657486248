package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator's JSON skimming: where strings and values end, escapes and all. */
class JsonTextTest {

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void closingQuoteIsFoundAtEveryOffset() {
    for (int before = 0; before < 3; before++) {
      for (int length = 0; length < 40; length++) {
        byte[] line = bytes("x".repeat(before) + "a".repeat(length) + "\"tail, more text");
        assertEquals(before + length, JsonText.stringEnd(line, before, line.length),
            before + "+" + length);
      }
    }
  }

  @Test
  void escapesAreSkippedWhereverTheyFall() {
    for (int length = 0; length < 24; length++) {
      for (String escape : List.of("\\\"", "\\\\", "\\n", "\\u0041")) {
        String contents = "b".repeat(length) + escape + "c".repeat(23 - length);
        byte[] line = bytes(contents + "\",\"kind\":\"say\"}");
        assertEquals(contents.length(), JsonText.stringEnd(line, 0, line.length),
            length + " " + escape);
      }
    }
    byte[] escapedBackslashThenQuote = bytes("aaaaaaa\\\\\"x");
    assertEquals(9, JsonText.stringEnd(escapedBackslashThenQuote, 0,
        escapedBackslashThenQuote.length));
  }

  @Test
  void stringWithoutItsQuoteBeforeTheEndIsUnfinished() {
    byte[] line = bytes("abcdefghijklmnopqrstuvwxyz\"");
    for (int to = 0; to < line.length; to++) {
      assertEquals(-1, JsonText.stringEnd(line, 0, to), "to " + to);
    }
    assertEquals(-1, JsonText.stringEnd(bytes("abcdefgh\\"), 0, 9));
    assertEquals(-1, JsonText.stringEnd(bytes("abcdefgh\\\""), 0, 10));
  }

  @Test
  void bytesAboveAsciiAreNeverAQuoteOrABackslash() {
    byte[] line = bytes("héllo wörld ✓ ünïcödé ☃☃☃☃\"");
    assertEquals(line.length - 1, JsonText.stringEnd(line, 0, line.length));
  }

  @Test
  void valuesEndAfterTheirStringObjectOrNumber() {
    byte[] line = bytes("{\"a\":\"}x\",\"b\":[1,{\"c\":\"]\"}],\"d\":12}rest");
    assertEquals(line.length - 4, JsonText.valueEnd(line, 0, line.length));
    assertEquals(9, JsonText.valueEnd(line, 5, line.length));
    int number = new String(line, StandardCharsets.UTF_8).indexOf("12");
    assertEquals(number + 2, JsonText.valueEnd(line, number, line.length));
    assertEquals(-1, JsonText.valueEnd(line, 0, line.length - 5));
  }
}
