package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadTest {

  private static final Payload LARGEST =
      new Payload(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE);

  @Test
  void tokenIsTheLetterBAndThreeDecimalsSeparatedByDots() {
    assertEquals("b7.42.123456789", new Payload(7, 42, 123_456_789L).encode());
    assertEquals("b0.0.0", new Payload(0, 0, 0).encode());
    assertEquals("b3.1.-5", new Payload(3, 1, -5).encode());
  }

  @Test
  void tokensRoundTripIncludingTheExtremes() {
    for (Payload payload : List.of(new Payload(0, 0, 0), new Payload(7, 42, 123_456_789L),
        new Payload(12, 3, -918_273_645L), LARGEST,
        new Payload(1, 2, Long.MAX_VALUE), new Payload(1, 2, System.nanoTime()))) {
      assertEquals(Optional.of(payload), Payload.decode(payload.encode()), payload.toString());
    }
  }

  @Test
  void longestTokenIsTheDocumentedMaximum() {
    assertEquals(Payload.MAX_TOKEN_BYTES, LARGEST.encode().length());
    assertEquals(52, Payload.MAX_TOKEN_BYTES);
  }

  @Test
  void tokenIsFoundAmongOtherWords() {
    Payload payload = new Payload(5, 9, 1000);
    assertEquals(Optional.of(payload), Payload.decode("hello b5.9.1000 xxxxxxxx"));
    assertEquals(Optional.of(payload), Payload.decode("b5.9.1000 xxxx"));
    assertEquals(Optional.of(payload), Payload.decode("pad pad b5.9.1000"));
    assertEquals(Optional.of(payload), Payload.decode("b5.9 b5.9.1000x b5.9.1000 b6.1.1"));
  }

  @Test
  void paddedTextHasExactlyTheSizeAskedAndDecodes() {
    Payload payload = new Payload(5, 9, -123_456_789_012L);
    for (int bytes : List.of(payload.encode().length() + 2, 100, 512, 4096)) {
      String text = payload.text(bytes);
      assertEquals(bytes, text.getBytes(StandardCharsets.UTF_8).length);
      assertTrue(text.startsWith(payload.encode() + " "), text);
      assertFalse(text.isBlank());
      assertEquals(text.strip(), text, "no leading or trailing space");
      assertEquals(Optional.of(payload), Payload.decode(text));
    }
  }

  @Test
  void sizeTooSmallForPaddingGivesTheTokenAlone() {
    Payload payload = new Payload(5, 9, 1000);
    String token = payload.encode();
    assertEquals(token, payload.text(0));
    assertEquals(token, payload.text(token.length()));
    assertEquals(token, payload.text(token.length() + 1));
    assertEquals(token + " x", payload.text(token.length() + 2));
  }

  @Test
  void serverCuttingALongLineCutsThePaddingNotTheToken() {
    Payload payload = new Payload(5, 91, 1000);
    String text = payload.text(4096);
    for (int kept : List.of(4000, 510, 20, payload.encode().length() + 1)) {
      assertEquals(Optional.of(payload), Payload.decode(text.substring(0, kept)), "" + kept);
    }
  }

  @Test
  void malformedTokensAreRejected() {
    for (String text : List.of("", " ", "hello", "b", "b1.2", "b1.2.", "b.1.2", "b1..2",
        "b1.2.3.4", "B1.2.3", "c1.2.3", "xb1.2.3", "b1.2.3x", "b+1.2.3", "b1.+2.3", "b1.2.+3",
        "b-1.2.3", "b1.-2.3", "b1.2.-0", "b1.2.--3", "b01.2.3", "b1.02.3", "b1.2.03",
        "b1.2.-03", "b1.2.3e3", "b1.2. 3", "b１.2.3", "b2147483648.0.0",
        "b0.9223372036854775808.0", "b0.0.9223372036854775808", "b0.0.-9223372036854775809",
        "b0.0.99999999999999999999", "b1.2.3\t", "/b1.2.3")) {
      assertEquals(Optional.empty(), Payload.decode(text), text);
    }
  }

  @Test
  void negativeSenderOrSequenceCannotBeEncoded() {
    assertThrows(IllegalArgumentException.class, () -> new Payload(-1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Payload(0, -1, 0));
  }
}
