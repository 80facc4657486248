package lochat.tls;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough DER reading to look inside private keys (which algorithm a PKCS#8 key is for,
 * which curve a SEC1 EC key is on) and a public key's bits: one value at a time, its tag and
 * content, its children, an OID in dotted form. Malformed input throws
 * {@link IllegalArgumentException}.
 *
 * <p>Single-byte tags only, definite lengths only (DER has no others); it checks structure,
 * not meaning.
 */
final class DerReader {

  /** One DER value: its tag byte and its content. */
  record Value(int tag, byte[] content) {

    /** The values inside a constructed value (SEQUENCE, SET, explicit tag). */
    List<Value> children() {
      if ((tag & 0x20) == 0) {
        throw new IllegalArgumentException("not a constructed value: tag " + tag);
      }
      return DerReader.all(content);
    }

    /** The first child with {@code childTag}. */
    Optional<Value> child(int childTag) {
      return children().stream().filter(child -> child.tag() == childTag).findFirst();
    }

    /** This OBJECT IDENTIFIER in dotted form. */
    String oid() {
      if (tag != Der.OID || content.length == 0) {
        throw new IllegalArgumentException("not an object identifier");
      }
      StringBuilder dotted = new StringBuilder();
      BigInteger arc = BigInteger.ZERO;
      boolean first = true;
      for (byte b : content) {
        arc = arc.shiftLeft(7).or(BigInteger.valueOf(b & 0x7F));
        if ((b & 0x80) != 0) {
          continue;
        }
        if (first) {
          int top = arc.compareTo(BigInteger.valueOf(80)) >= 0 ? 2 : arc.intValue() / 40;
          dotted.append(top).append('.').append(arc.subtract(BigInteger.valueOf(40L * top)));
          first = false;
        } else {
          dotted.append('.').append(arc);
        }
        arc = BigInteger.ZERO;
      }
      if ((content[content.length - 1] & 0x80) != 0) {
        throw new IllegalArgumentException("truncated object identifier");
      }
      return dotted.toString();
    }
  }

  private DerReader() {}

  /** The one value {@code der} holds, nothing after it. */
  static Value read(byte[] der) {
    List<Value> values = all(der);
    if (values.size() != 1) {
      throw new IllegalArgumentException("expected one DER value, found " + values.size());
    }
    return values.get(0);
  }

  private static List<Value> all(byte[] der) {
    List<Value> values = new ArrayList<>();
    int at = 0;
    while (at < der.length) {
      int tag = der[at++] & 0xFF;
      if ((tag & 0x1F) == 0x1F) {
        throw new IllegalArgumentException("multi-byte tags are not read");
      }
      if (at >= der.length) {
        throw new IllegalArgumentException("truncated DER: no length");
      }
      int first = der[at++] & 0xFF;
      long length = first;
      if (first >= 0x80) {
        int bytes = first & 0x7F;
        if (bytes == 0 || bytes > 4 || at + bytes > der.length) {
          throw new IllegalArgumentException("bad DER length");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[at++] & 0xFF);
        }
      }
      if (length > der.length - at) {
        throw new IllegalArgumentException("truncated DER: value longer than its input");
      }
      byte[] content = new byte[(int) length];
      System.arraycopy(der, at, content, 0, content.length);
      at += content.length;
      values.add(new Value(tag, content));
    }
    return values;
  }
}
