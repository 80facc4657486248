package lochat.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A small writer of ASN.1 DER, the encoding of X.509 certificates and PKCS#8 keys, so that the
 * server can make its self-signed certificate with the JDK alone (the JDK's own encoder is
 * internal). Each method returns one complete encoding (tag, length, content); constructed
 * values take their parts already encoded.
 *
 * <p>It writes only the types a certificate needs, with single-byte tags (tag numbers below 31),
 * and does not sort SET members (each SET we write has one).
 */
final class Der {

  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int NULL = 0x05;
  static final int OID = 0x06;
  static final int UTF8_STRING = 0x0C;
  static final int UTC_TIME = 0x17;
  static final int GENERALIZED_TIME = 0x18;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;

  private static final DateTimeFormatter UTC_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
  private static final DateTimeFormatter GENERALIZED_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private Der() {}

  /** One value: {@code tag}, the length of {@code content}, {@code content}. */
  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    writeLength(out, content.length);
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] sequence(byte[]... parts) {
    return tlv(SEQUENCE, concat(parts));
  }

  static byte[] set(byte[]... parts) {
    return tlv(SET, concat(parts));
  }

  static byte[] integer(BigInteger value) {
    return tlv(INTEGER, value.toByteArray());
  }

  static byte[] integer(long value) {
    return integer(BigInteger.valueOf(value));
  }

  static byte[] bool(boolean value) {
    return tlv(0x01, new byte[] {value ? (byte) 0xFF : 0});
  }

  static byte[] nullValue() {
    return tlv(NULL, new byte[0]);
  }

  /** An object identifier in dotted form, e.g. {@code 1.2.840.10045.2.1}. */
  static byte[] oid(String dotted) {
    String[] arcs = dotted.split("\\.");
    if (arcs.length < 2) {
      throw new IllegalArgumentException("an OID has two arcs or more: " + dotted);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeBase128(out, new BigInteger(arcs[0]).multiply(BigInteger.valueOf(40))
        .add(new BigInteger(arcs[1])));
    for (int i = 2; i < arcs.length; i++) {
      writeBase128(out, new BigInteger(arcs[i]));
    }
    return tlv(OID, out.toByteArray());
  }

  /** A BIT STRING of whole bytes. */
  static byte[] bitString(byte[] bytes) {
    return bitString(bytes, 0);
  }

  /** A BIT STRING whose last {@code unusedBits} bits (0 to 7) are not part of it. */
  static byte[] bitString(byte[] bytes, int unusedBits) {
    if (unusedBits < 0 || unusedBits > 7 || (bytes.length == 0 && unusedBits != 0)) {
      throw new IllegalArgumentException("unused bits: " + unusedBits);
    }
    byte[] content = new byte[bytes.length + 1];
    content[0] = (byte) unusedBits;
    System.arraycopy(bytes, 0, content, 1, bytes.length);
    return tlv(BIT_STRING, content);
  }

  static byte[] octetString(byte[] bytes) {
    return tlv(OCTET_STRING, bytes);
  }

  static byte[] utf8String(String text) {
    return tlv(UTF8_STRING, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A certificate time as RFC 5280 (4.1.2.5) wants it: UTCTime through 2049, GeneralizedTime
   * from 2050, in UTC with seconds and no fraction.
   */
  static byte[] time(Instant instant) {
    ZonedDateTime utc = instant.atZone(ZoneOffset.UTC).withNano(0);
    if (utc.getYear() >= 1950 && utc.getYear() < 2050) {
      return tlv(UTC_TIME, ascii(UTC_TIME_FORMAT.format(utc)));
    }
    return tlv(GENERALIZED_TIME, ascii(GENERALIZED_TIME_FORMAT.format(utc)));
  }

  /** {@code [tag] EXPLICIT}: a constructed context-specific value around {@code encoded}. */
  static byte[] explicit(int tag, byte[] encoded) {
    return tlv(0xA0 | checkTag(tag), encoded);
  }

  /** {@code [tag] IMPLICIT} over a primitive type: its content under a context-specific tag. */
  static byte[] implicit(int tag, byte[] content) {
    return tlv(0x80 | checkTag(tag), content);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static int checkTag(int tag) {
    if (tag < 0 || tag > 30) {
      throw new IllegalArgumentException("tag number out of range: " + tag);
    }
    return tag;
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
      return;
    }
    int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
    out.write(0x80 | bytes);
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) {
      out.write(length >>> shift);
    }
  }

  private static void writeBase128(ByteArrayOutputStream out, BigInteger arc) {
    if (arc.signum() < 0) {
      throw new IllegalArgumentException("negative OID arc: " + arc);
    }
    int groups = Math.max(1, (arc.bitLength() + 6) / 7);
    for (int group = groups - 1; group >= 0; group--) {
      int bits = arc.shiftRight(group * 7).intValue() & 0x7F;
      out.write(group == 0 ? bits : bits | 0x80);
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
