package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientTagsTest {

  private static Map<String, String> tagsOf(String line) {
    return ((IrcParse.Ok) IrcMessage.parse(line)).message().tags();
  }

  @Test
  void cleanClientTagsPassInTheirOrder() {
    Map<String, String> forwarded = ClientTags.forwarded(
        tagsOf("@+typing=active;+draft/reply=abc-123;+example.com/x=1;+flag PRIVMSG #a :hi"));
    assertEquals(List.of("+typing", "+draft/reply", "+example.com/x", "+flag"),
        List.copyOf(forwarded.keySet()));
    assertEquals("active", forwarded.get("+typing"));
    assertEquals("abc-123", forwarded.get("+draft/reply"));
    assertEquals("", forwarded.get("+flag"));
  }

  @Test
  void valuesWithSpacesSemicolonsBackslashesAndUnicodePass() {
    Map<String, String> forwarded = ClientTags.forwarded(
        tagsOf("@+draft/react=\uD83D\uDC4D;+note=a\\sb\\:c\\\\d;+name=Zoë TAGMSG #a"));
    assertEquals(Map.of("+draft/react", "\uD83D\uDC4D", "+note", "a b;c\\d", "+name", "Zoë"),
        forwarded);
  }

  @Test
  void tagsWhoseValuesCarryControlsAreDropped() {
    Map<String, String> forwarded = ClientTags.forwarded(
        tagsOf("@+x=\u001b[2J\u009b31m\u202e\u007f;+ok=fine PRIVMSG #lobby :hi"));
    assertEquals(Map.of("+ok", "fine"), forwarded);
  }

  @Test
  void anOsc52ClipboardWriteIsDropped() {
    Map<String, String> tags = tagsOf("@+x=\u001b]52\\:c\\:aGVsbG8=\u0007 TAGMSG #lobby");
    assertEquals("\u001b]52;c;aGVsbG8=\u0007", tags.get("+x"), "the wire form, unescaped");
    assertEquals(Map.of(), ClientTags.forwarded(tags));
  }

  @Test
  void everyKindOfControlInAValueDropsTheTag() {
    for (String value : List.of("a\tb", "a\rb", "a\nb", "\u0002bold", "\u000304red", "a\u0000b",
        "\u2028", "\u2066x\u2069", "\u0085", "\u001bc")) {
      assertEquals(Map.of(), ClientTags.forwarded(Map.of("+x", value)), () -> "value " + value);
    }
  }

  @Test
  void onlyClientOnlyKeysOfTheIrcv3GrammarPass() {
    for (String key : List.of("+a", "+typing", "+draft/reply", "+example.com/foo-bar",
        "+a-b.c-d/E9")) {
      assertTrue(ClientTags.isClientKey(key), key);
    }
    for (String key : List.of("", "+", "typing", "time", "example.com/x", "+/x", "+a/", "+.a/x",
        "+a./x", "+a..b/x", "+a/b/c", "+a_b", "+a b", "+é", "++a", "+a=b")) {
      assertFalse(ClientTags.isClientKey(key), key);
    }
  }

  @Test
  void atMostSixteenTagsPass() {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      tags.put("+t" + i, "v");
    }
    Map<String, String> forwarded = ClientTags.forwarded(tags);
    assertEquals(ClientTags.MAX_TAGS, forwarded.size());
    assertTrue(forwarded.containsKey("+t0") && forwarded.containsKey("+t15"));
  }

  @Test
  void tagDataStaysWithinTheClientLimit() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("+a", "x".repeat(3000));
    tags.put("+b", "y".repeat(2000));
    tags.put("+c", "z");
    Map<String, String> forwarded = ClientTags.forwarded(tags);
    assertEquals(List.of("+a", "+c"), List.copyOf(forwarded.keySet()),
        "the tag that does not fit is dropped, a later one that fits kept");
  }

  @Test
  void tagDataOfExactlyTheLimitPasses() {
    // "+a=" is 3 bytes, so the value takes the rest.
    String value = "v".repeat(IrcLimits.MAX_CLIENT_TAG_DATA - 3);
    assertEquals(Map.of("+a", value), ClientTags.forwarded(Map.of("+a", value)));
    assertEquals(Map.of(), ClientTags.forwarded(Map.of("+a", value + "v")));
  }
}
