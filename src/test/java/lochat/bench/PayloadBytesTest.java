package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link Payload#decodeFirst}, the allocation-free decoder of the generator's receive path: it
 * reads back every token {@link Payload#encode} writes, wherever it sits in a buffer, rejects
 * everything else, and always agrees with the String decoder {@link Payload#decode}.
 */
class PayloadBytesTest {

  private static final List<Integer> SENDERS = List.of(0, 1, 99_999, Integer.MAX_VALUE);
  private static final List<Long> SEQUENCES = List.of(0L, 1L, 1_000_000L, Long.MAX_VALUE);
  private static final List<Long> INTENDED =
      List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, Long.MAX_VALUE - 1, Long.MAX_VALUE);

  /**
   * What {@code decodeFirst} makes of the first word of {@code text}, checked against what
   * {@code decode} makes of that word alone: both must agree.
   */
  private static Payload decodeBoth(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    Payload fromBytes = Payload.decodeFirst(bytes, 0, bytes.length);
    int space = text.indexOf(' ');
    String firstWord = space < 0 ? text : text.substring(0, space);
    assertEquals(Payload.decode(firstWord), Optional.ofNullable(fromBytes),
        "decode and decodeFirst disagree on '" + text + "'");
    return fromBytes;
  }

  private static void assertDecodes(Payload expected, String text) {
    assertEquals(expected, decodeBoth(text), text);
  }

  private static void assertRejected(String text) {
    assertNull(decodeBoth(text), text);
  }

  @Test
  void everyTokenRoundTripsIncludingTheExtremes() {
    for (int sender : SENDERS) {
      for (long sequence : SEQUENCES) {
        for (long intended : INTENDED) {
          Payload payload = new Payload(sender, sequence, intended);
          assertDecodes(payload, payload.encode());
        }
      }
    }
  }

  @Test
  void tokenFollowedByPaddingDecodes() {
    Payload payload = new Payload(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE);
    assertDecodes(payload, payload.text(100));
    assertDecodes(payload, payload.encode() + " b1.2.3");
    assertDecodes(payload, payload.encode() + " ");
    Payload small = new Payload(3, 4, -5);
    for (int bytes : List.of(small.encode().length() + 2, 64, 100, 4096)) {
      assertDecodes(small, small.text(bytes));
    }
  }

  @Test
  void tokenAtAnOffsetWithinALargerArrayDecodesOnlyWithinItsRange() {
    Payload payload = new Payload(42, 7, -123_456_789L);
    String token = payload.encode();
    String line = "MSG bench0 ab1 " + token + " xxxxxxxx";
    byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
    int from = line.indexOf(token);
    assertEquals(payload, Payload.decodeFirst(bytes, from, bytes.length));
    assertEquals(payload, Payload.decodeFirst(bytes, from, from + token.length()));

    // The range ends inside the token: only what is inside counts.
    assertEquals(new Payload(42, 7, -12_345L),
        Payload.decodeFirst(bytes, from, from + token.length() - 4));
    // Digits right after the range are not read.
    byte[] glued = ("xx" + token + "999").getBytes(StandardCharsets.US_ASCII);
    assertEquals(payload, Payload.decodeFirst(glued, 2, 2 + token.length()));
    // A range that starts elsewhere does not find the token later in the line.
    assertNull(Payload.decodeFirst(bytes, 0, bytes.length));
    assertNull(Payload.decodeFirst(bytes, from + 1, bytes.length));
  }

  @Test
  void emptyAndTooShortRangesAreRejected() {
    byte[] token = "b1.2.3".getBytes(StandardCharsets.US_ASCII);
    assertNull(Payload.decodeFirst(token, 0, 0));
    assertNull(Payload.decodeFirst(token, token.length, token.length));
    assertNull(Payload.decodeFirst(new byte[0], 0, 0));
    assertRejected("");
    assertRejected(" b1.2.3");
  }

  @Test
  void tokenMustStartWithB() {
    assertRejected("a1.2.3");
    assertRejected("B1.2.3");
    assertRejected("1.2.3.4");
    assertRejected("xb1.2.3");
  }

  @Test
  void numbersMustHaveNoLeadingZerosOrPlus() {
    assertRejected("b01.2.3");
    assertRejected("b1.02.3");
    assertRejected("b1.2.03");
    assertRejected("b1.2.-03");
    assertRejected("b00.0.0");
    assertRejected("b+1.2.3");
    assertRejected("b1.+2.3");
    assertRejected("b1.2.+3");
  }

  @Test
  void minusIsOnlyForTheIntendedTimeAndNeverOnZero() {
    assertRejected("b1.2.-0");
    assertRejected("b-0.2.3");
    assertRejected("b-1.2.3");
    assertRejected("b1.-2.3");
    assertRejected("b1.2.-");
    assertRejected("b1.2.--3");
    assertDecodes(new Payload(1, 2, -3), "b1.2.-3");
  }

  @Test
  void tokenNeedsThreeNumbersSeparatedByTwoDots() {
    assertRejected("b123456");
    assertRejected("b12.3456");
    assertRejected("b1.2.3.4");
    assertRejected("b1..23");
    assertRejected(".b1.2.3");
    assertRejected("b.12.3");
    assertRejected("b12.3.");
    assertRejected("b1,2,3");
  }

  @Test
  void numbersMayHoldNothingButDigits() {
    assertRejected("b1x.2.3");
    assertRejected("b1.2x.3");
    assertRejected("b1.2.3x");
    assertRejected("b1.2.3-");
    assertRejected("b1.2.3.");
    assertRejected("b1.2.3\t");
    assertRejected("b1.2.3\u0000");
    assertRejected("b1.2.1e5");
    assertRejected("b 1.2.3");
    byte[] nonAscii = {'b', '1', '.', '2', '.', '3', (byte) 0xC3, (byte) 0xA9};
    assertNull(Payload.decodeFirst(nonAscii, 0, nonAscii.length));
  }

  @Test
  void numbersOutOfRangeAreRejected() {
    assertRejected("b2147483648.0.0");
    assertRejected("b9999999999.0.0");
    assertRejected("b9223372036854775807.0.0");
    assertRejected("b9999999999999999999.0.0");
    assertRejected("b0.9223372036854775808.0");
    assertRejected("b0.9999999999999999999.0");
    assertRejected("b0.18446744073709551616.0");
    assertRejected("b0.0.9223372036854775808");
    assertRejected("b0.0.-9223372036854775809");
    assertRejected("b0.0.9999999999999999999");
    assertRejected("b0.0.-9999999999999999999");
    assertRejected("b0.0.18446744073709551615");
    assertDecodes(new Payload(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
        "b2147483647.9223372036854775807.9223372036854775807");
    assertDecodes(new Payload(0, 0, Long.MIN_VALUE), "b0.0.-9223372036854775808");
  }

  @Test
  void tokenCutShortIsRejected() {
    String token = new Payload(12, 34, 56).encode();
    assertEquals("b12.34.56", token);
    for (int length = 0; length <= "b12.34.".length(); length++) {
      assertRejected(token.substring(0, length));
    }
    // Cut inside its last number it still decodes, as Payload documents.
    assertDecodes(new Payload(12, 34, 5), token.substring(0, token.length() - 1));
  }

  @Test
  void tokenLongerThanTheLongestPossibleIsRejected() {
    String longest = new Payload(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE).encode();
    assertEquals(Payload.MAX_TOKEN_BYTES, longest.length());
    assertRejected(longest + "0");
    assertRejected("b1.2." + "1".repeat(60));
  }
}
