package lochat.protocol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class Utf8CheckTest {

  /** Whether the JDK's strict decoder takes {@code bytes} as UTF-8. */
  private static boolean jdkSaysUtf8(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  private static boolean check(byte[] bytes) {
    Utf8Check check = new Utf8Check();
    for (byte b : bytes) {
      if (!check.accept(b)) {
        return false;
      }
    }
    return check.whole();
  }

  @Provide
  Arbitrary<byte[]> nearlyUtf8() {
    Arbitrary<byte[]> valid = Arbitraries.strings().all().ofMaxLength(20)
        .map(text -> text.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(12);
    Arbitrary<byte[]> edges = Arbitraries.of((byte) 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0,
            (byte) 0xc1, (byte) 0xc2, (byte) 0xdf, (byte) 0xe0, (byte) 0xed, (byte) 0xef,
            (byte) 0xf0, (byte) 0xf4, (byte) 0xf5, (byte) 0xff, (byte) 0x8f, (byte) 0x90,
            (byte) 0x9f, (byte) 0xa0, (byte) 'a')
        .array(byte[].class).ofMaxSize(8);
    return Arbitraries.oneOf(valid, anyBytes, edges);
  }

  @Property(tries = 3000)
  void agreesWithTheJdksStrictDecoder(@ForAll("nearlyUtf8") byte[] bytes) {
    assertEquals(jdkSaysUtf8(bytes), check(bytes));
  }

  @Property(tries = 500)
  void piecesCutAnywhereReadTheSame(@ForAll("nearlyUtf8") byte[] bytes,
      @ForAll("nearlyUtf8") byte[] more) {
    byte[] both = new byte[bytes.length + more.length];
    System.arraycopy(bytes, 0, both, 0, bytes.length);
    System.arraycopy(more, 0, both, bytes.length, more.length);
    Utf8Check check = new Utf8Check();
    boolean ok = true;
    for (byte b : both) {
      ok = ok && check.accept(b);
    }
    assertEquals(jdkSaysUtf8(both), ok && check.whole());
  }

  @Example
  void theFormsUtf8RefusesAreRefused() {
    assertTrue(check("héllo €𝄞".getBytes(StandardCharsets.UTF_8)));
    assertFalse(check(new byte[] {(byte) 0xc0, (byte) 0xaf}), "overlong /");
    assertFalse(check(new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}), "overlong /");
    assertFalse(check(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), "a surrogate");
    assertFalse(check(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
        "above U+10FFFF");
    assertFalse(check(new byte[] {(byte) 0x80}), "a stray continuation byte");
    assertFalse(check(new byte[] {(byte) 0xe2, (byte) 0x82}), "a character cut short");
  }

  @Example
  void resetForgetsACharacterCutShort() {
    Utf8Check check = new Utf8Check();
    assertTrue(check.accept((byte) 0xe2));
    assertFalse(check.whole());
    check.reset();
    assertTrue(check.whole());
    assertTrue(check.accept((byte) 'a'));
  }
}
