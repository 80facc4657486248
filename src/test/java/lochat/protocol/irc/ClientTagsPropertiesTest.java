package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.protocol.TextSanitizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link ClientTags} on random and hostile tags: it never throws, passes on only
 * valid client-only keys with values free of control characters, unchanged, and stays within
 * the tag count and data limits.
 */
class ClientTagsPropertiesTest {

  @Property(tries = 1000)
  void forwardedTagsAreValidCleanUnchangedAndBounded(@ForAll("tagMaps") Map<String, String> tags) {
    Map<String, String> forwarded = ClientTags.forwarded(tags);
    assertTrue(forwarded.size() <= ClientTags.MAX_TAGS, () -> forwarded.size() + " tags");
    forwarded.forEach((key, value) -> {
      assertTrue(ClientTags.isClientKey(key), () -> "key " + key);
      assertEquals(tags.get(key), value, "a forwarded value is the value sent");
      assertTrue(hasNoControl(value), () -> "value " + escaped(value));
    });
    String rendered =
        new IrcMessage(forwarded, Optional.of("a!a@h"), "TAGMSG", List.of("#a")).render();
    if (!forwarded.isEmpty()) {
      String data = rendered.substring(1, rendered.indexOf(' '));
      assertTrue(data.getBytes(StandardCharsets.UTF_8).length <= IrcLimits.MAX_CLIENT_TAG_DATA,
          () -> data.length() + " chars of tag data");
      assertEquals(forwarded, ((IrcParse.Ok) IrcMessage.parse(rendered)).message().tags(),
          "what is rendered parses back to the same tags");
    }
  }

  @Property(tries = 1000)
  void cleanTagsWithinTheLimitsAllPass(@ForAll("cleanTagMaps") Map<String, String> tags) {
    assertEquals(tags, ClientTags.forwarded(tags));
  }

  @Property(tries = 1000)
  void anyWireLineGivesValidTags(@ForAll("tagSections") String section) {
    if (IrcMessage.parse("@" + section + " TAGMSG #a") instanceof IrcParse.Ok ok) {
      ClientTags.forwarded(ok.message().tags()).forEach((key, value) -> {
        assertTrue(ClientTags.isClientKey(key), key);
        assertTrue(hasNoControl(value), () -> escaped(value));
      });
    }
  }

  private static boolean hasNoControl(String value) {
    return value.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
        || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x2028 || c == 0x2029)
        && TextSanitizer.clean(value).equals(value);
  }

  private static String escaped(String value) {
    StringBuilder out = new StringBuilder();
    value.codePoints().forEach(c -> out.append(c < 0x20 || c >= 0x7f && c < 0xa0 || c > 0x2000
        ? String.format("\\u%04x", c) : Character.toString(c)));
    return out.toString();
  }

  private static final List<String> HOSTILE = List.of("\u001b[2J", "\u009b31m", "\u202e",
      "\u007f", "\u001b]52;c;aGVsbG8=\u0007", "\t", "\r\n", "\u0002", "\u000304,05", "\u0000",
      "\u2066", "\u2028", "\u0090q\u009c", "\u001bP1$r\u001b\\", "ok", "é", "\uD83D\uDE00", ";",
      " ", "\\", "=", "+");

  @Provide
  Arbitrary<Map<String, String>> tagMaps() {
    Arbitrary<String> keys = Arbitraries.oneOf(validKeys(), Arbitraries.strings().ofMaxLength(12),
        Arbitraries.strings().withChars("+/.-aZ9_ ").ofMaxLength(10));
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of(HOSTILE).list().ofMaxSize(6).map(parts -> String.join("", parts)),
        Arbitraries.integers().between(0, 900).map("v"::repeat));
    return Arbitraries.maps(keys, values).ofMaxSize(24).map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<Map<String, String>> cleanTagMaps() {
    Arbitrary<String> values = Arbitraries.strings().withChars("abc ;\\=é-").ofMaxLength(40);
    return Arbitraries.maps(validKeys(), values).ofMaxSize(ClientTags.MAX_TAGS)
        .map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<String> tagSections() {
    Arbitrary<String> tag = Combinators.combine(validKeys(),
            Arbitraries.of(HOSTILE).list().ofMaxSize(4).map(parts -> String.join("", parts)))
        .as((key, value) -> key + "=" + IrcMessage.escapeTagValue(value));
    Arbitrary<String> raw = Arbitraries.strings().excludeChars(' ', '\r', '\n', '\0')
        .ofMinLength(1).ofMaxLength(60);
    return Arbitraries.oneOf(tag, raw).list().ofMinSize(1).ofMaxSize(10)
        .map(tags -> String.join(";", tags));
  }

  private static Arbitrary<String> validKeys() {
    Arbitrary<String> name = Arbitraries.strings().withChars("abcXYZ019-").ofMinLength(1)
        .ofMaxLength(8);
    Arbitrary<String> vendor = name.list().ofMinSize(1).ofMaxSize(3)
        .map(labels -> String.join(".", labels) + "/");
    return Combinators.combine(Arbitraries.oneOf(Arbitraries.just(""), vendor), name)
        .as((v, n) -> "+" + v + n);
  }
}
