package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IrcMessageTagsTest {

  private static Map<String, String> tagsOf(String tagSection) {
    return assertInstanceOf(IrcParse.Ok.class, IrcMessage.parse("@" + tagSection + " PING"),
        tagSection).message().tags();
  }

  private static String value(String escaped) {
    return tagsOf("a=" + escaped).get("a");
  }

  private static String rendered(Map<String, String> tags) {
    return IrcMessage.of("srv", "JOIN", "x").withTags(tags).render();
  }

  @Test
  void everyEscapeIsUnescaped() {
    assertEquals(";", value("\\:"));
    assertEquals(" ", value("\\s"));
    assertEquals("\\", value("\\\\"));
    assertEquals("\r", value("\\r"));
    assertEquals("\n", value("\\n"));
    assertEquals("; \\", value("\\:\\s\\\\"));
  }

  @Test
  void escapedBackslashBeforeALetterIsNotAnEscapeOfTheLetter() {
    assertEquals("\\s", value("\\\\s"));
    assertEquals("x\\n", value("x\\\\n"));
  }

  @Test
  void loneBackslashAtTheEndIsDropped() {
    assertEquals("test", value("test\\"));
    assertEquals("", value("\\"));
    assertEquals("\\", value("\\\\\\"));
  }

  @Test
  void unknownEscapeDropsTheBackslash() {
    assertEquals("b", value("\\b"));
    assertEquals("xy", value("\\x\\y"));
    assertEquals("=é", value("\\=\\é"));
  }

  @Test
  void unescapedTextPassesUnchanged() {
    assertEquals("héllo😀=x", value("héllo😀=x"));
  }

  @Test
  void keyWithoutValueAndEmptyValueAreBothEmpty() {
    assertEquals(Map.of("a", "", "b", ""), tagsOf("a;b="));
  }

  @Test
  void duplicateKeysLastOneWins() {
    Map<String, String> tags = tagsOf("a=1;b=2;a=3");
    assertEquals(Map.of("a", "3", "b", "2"), tags);
    assertEquals(List.of("b", "a"), List.copyOf(tags.keySet()));
  }

  @Test
  void vendorAndClientOnlyTags() {
    assertEquals(Map.of("+example.com/foo", "bar", "example.com/x-y", "1", "+typing", "active"),
        tagsOf("+example.com/foo=bar;example.com/x-y=1;+typing=active"));
  }

  @Test
  void keysAreCaseSensitive() {
    assertEquals(Map.of("A", "1", "a", "2"), tagsOf("A=1;a=2"));
  }

  @Test
  void tagsWithInvalidKeyNamesAreIgnoredNotRejected() {
    assertEquals(Map.of("ok", "1"), tagsOf("=x;bad_key=2;ok=1;;a/=3;/b;+"));
    assertEquals(Map.of(), tagsOf(""));
  }

  @Test
  void tagOrderIsKept() {
    assertEquals(List.of("z", "a", "m"), List.copyOf(tagsOf("z=1;a=2;m=3").keySet()));
  }

  @Test
  void renderingEscapesEverySpecialCharacter() {
    assertEquals("@a=\\:\\s\\\\\\r\\n :srv JOIN x", rendered(Map.of("a", "; \\\r\n")));
  }

  @Test
  void emptyValueIsRenderedAsAKeyWithoutValue() {
    assertEquals("@a :srv JOIN x", rendered(Map.of("a", "")));
  }

  @Test
  void renderingKeepsOrderAndSeparatesWithSemicolons() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("time", "2024-03-01T12:34:56.789Z");
    tags.put("+example.com/foo", "");
    tags.put("msgid", "abc");
    assertEquals("@time=2024-03-01T12:34:56.789Z;+example.com/foo;msgid=abc :srv JOIN x",
        rendered(tags));
  }

  @Test
  void escapingRoundTripsEveryValue() {
    for (String value : List.of("; \\\r\n", "\\s", "a\\", "\\:", ";;", "  ", "=", "é😀", "")) {
      String line = rendered(Map.of("a", value));
      assertEquals(value, assertInstanceOf(IrcParse.Ok.class, IrcMessage.parse(line), line)
          .message().tags().get("a"), line);
    }
  }

  @Test
  void buildingWithAnInvalidKeyOrNulValueFails() {
    IrcMessage ping = IrcMessage.of("srv", "JOIN", "x");
    for (String key : List.of("", "a b", "a;b", "a=b", "a_b", "+", "v/")) {
      assertThrows(IllegalArgumentException.class, () -> ping.withTags(Map.of(key, "1")), key);
    }
    assertThrows(IllegalArgumentException.class, () -> ping.withTags(Map.of("a", "x\0")));
  }

  @Test
  void withTagsReplacesTagsAndLeavesTheOriginalAlone() {
    IrcMessage plain = IrcMessage.of("srv", "JOIN", "x");
    IrcMessage tagged = plain.withTags(Map.of("a", "1")).withTags(Map.of("b", "2"));
    assertEquals(Map.of("b", "2"), tagged.tags());
    assertEquals(Map.of(), plain.tags());
  }
}
