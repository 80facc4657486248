package lochat.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DerTest {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private static void assertDer(String hex, byte[] actual) {
    assertEquals(hex, HEX.formatHex(actual));
  }

  private static String asciiHex(String text) {
    return HEX.formatHex(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void integersAreMinimalTwosComplement() {
    assertDer("020100", Der.integer(0));
    assertDer("02017F", Der.integer(127));
    assertDer("02020080", Der.integer(128));
    assertDer("02020100", Der.integer(256));
    assertDer("0210" + "7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        Der.integer(BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE)));
  }

  @Test
  void objectIdentifiersAreBase128WithTheFirstTwoArcsJoined() {
    assertDer("06072A8648CE3D0201", Der.oid("1.2.840.10045.2.1"));
    assertDer("0603551D11", Der.oid("2.5.29.17"));
    assertDer("06082A8648CE3D030107", Der.oid("1.2.840.10045.3.1.7"));
    assertDer("06028837", Der.oid("2.999"));
    assertThrows(IllegalArgumentException.class, () -> Der.oid("1"));
  }

  @Test
  void lengthsOver127TakeLengthBytes() {
    assertDer("047F", Arrays.copyOf(Der.octetString(new byte[127]), 2));
    assertDer("048180", Arrays.copyOf(Der.octetString(new byte[128]), 3));
    assertDer("0481FF", Arrays.copyOf(Der.octetString(new byte[255]), 3));
    assertDer("04820100", Arrays.copyOf(Der.octetString(new byte[256]), 4));
    assertDer("0483010000", Arrays.copyOf(Der.octetString(new byte[65536]), 5));
    assertEquals(65536 + 5, Der.octetString(new byte[65536]).length);
  }

  @Test
  void primitivesAndConstructedValues() {
    assertDer("03020780", Der.bitString(new byte[] {(byte) 0x80}, 7));
    assertDer("030300ABCD", Der.bitString(new byte[] {(byte) 0xAB, (byte) 0xCD}));
    assertDer("0101FF", Der.bool(true));
    assertDer("0500", Der.nullValue());
    assertDer("0C02C3A9", Der.utf8String("é"));
    assertDer("3000", Der.sequence());
    assertDer("3106020101020102", Der.set(Der.integer(1), Der.integer(2)));
    assertDer("A003020102", Der.explicit(0, Der.integer(2)));
    assertDer("820161", Der.implicit(2, new byte[] {'a'}));
    assertDer("87047F000001", Der.implicit(7, new byte[] {127, 0, 0, 1}));
    assertThrows(IllegalArgumentException.class, () -> Der.bitString(new byte[1], 8));
    assertThrows(IllegalArgumentException.class, () -> Der.explicit(31, new byte[0]));
  }

  @Test
  void timesAreUtcTimeThrough2049AndGeneralizedTimeAfter() {
    assertDer("170D" + asciiHex("360102030405Z"),
        Der.time(Instant.parse("2036-01-02T03:04:05.678Z")));
    assertDer("170D" + asciiHex("491231235959Z"),
        Der.time(Instant.parse("2049-12-31T23:59:59Z")));
    assertDer("180F" + asciiHex("20500101000000Z"),
        Der.time(Instant.parse("2050-01-01T00:00:00Z")));
    assertDer("180F" + asciiHex("19491231235959Z"),
        Der.time(Instant.parse("1949-12-31T23:59:59Z")));
  }

  @Test
  void theReaderReadsWhatTheWriterWrote() {
    byte[] der = Der.sequence(Der.integer(1), Der.oid("1.3.132.0.34"),
        Der.explicit(0, Der.oid("1.2.840.113549.1.1.11")), Der.octetString(new byte[300]));
    List<DerReader.Value> children = DerReader.read(der).children();
    assertEquals(4, children.size());
    assertEquals("1.3.132.0.34", children.get(1).oid());
    assertEquals("1.2.840.113549.1.1.11",
        DerReader.read(children.get(2).content()).oid());
    assertArrayEquals(new byte[300], DerReader.read(der).child(Der.OCTET_STRING)
        .orElseThrow().content());
    assertEquals("2.999", DerReader.read(Der.oid("2.999")).oid());
  }

  @Test
  void theReaderRefusesMalformedInput() {
    byte[] der = Der.sequence(Der.integer(1), Der.integer(2));
    assertThrows(IllegalArgumentException.class,
        () -> DerReader.read(Arrays.copyOf(der, der.length - 1)));
    assertThrows(IllegalArgumentException.class, () -> DerReader.read(Der.concat(der, der)));
    assertThrows(IllegalArgumentException.class, () -> DerReader.read(new byte[] {0x30}));
    assertThrows(IllegalArgumentException.class,
        () -> DerReader.read(new byte[] {0x04, (byte) 0x84, 0x7F, 0, 0, 0}));
    assertThrows(IllegalArgumentException.class, () -> DerReader.read(Der.integer(1)).oid());
  }
}
