package lochat.tls;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PEM, the text form of certificates and keys (RFC 7468): blocks between {@code -----BEGIN
 * TYPE-----} and {@code -----END TYPE-----} lines around base64, with the headers of the older
 * OpenSSL forms ({@code Proc-Type: 4,ENCRYPTED}) kept so that an encrypted key can be recognised.
 *
 * <p>Text outside blocks (OpenSSL's "Bag Attributes", comments) is ignored; a block that does not
 * end, or whose base64 is broken, is an {@link IllegalArgumentException} with a line number.
 */
final class Pem {

  /** One block: its type ("CERTIFICATE", "PRIVATE KEY", ...), headers and decoded bytes. */
  record Block(String type, Map<String, String> headers, byte[] der) {

    /** Whether an older OpenSSL form says this block is encrypted. */
    boolean encryptedHeader() {
      return headers.getOrDefault("Proc-Type", "").contains("ENCRYPTED");
    }
  }

  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  private Pem() {}

  /** The blocks of {@code text}, in order. */
  static List<Block> parse(String text) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = text.split("\r\n|\r|\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith(BEGIN) || !line.endsWith(DASHES)) {
        continue;
      }
      String type = line.substring(BEGIN.length(), line.length() - DASHES.length());
      int began = i + 1;
      Map<String, String> headers = new LinkedHashMap<>();
      StringBuilder base64 = new StringBuilder();
      String end = END + type + DASHES;
      i++;
      while (i < lines.length && !lines[i].strip().equals(end)) {
        String body = lines[i].strip();
        int colon = body.indexOf(':');
        if (colon > 0 && base64.length() == 0) {
          headers.put(body.substring(0, colon).strip(), body.substring(colon + 1).strip());
        } else {
          base64.append(body);
        }
        i++;
      }
      if (i >= lines.length) {
        throw new IllegalArgumentException(
            "the block \"" + type + "\" begun on line " + began + " has no END line");
      }
      try {
        blocks.add(new Block(type, Map.copyOf(headers), Base64.getDecoder().decode(
            base64.toString())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the block \"" + type + "\" begun on line " + began + " is not valid base64");
      }
    }
    return blocks;
  }

  /** {@code der} as one PEM block of {@code type}, base64 in 64-character lines. */
  static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return BEGIN + type + DASHES + "\n" + body + "\n" + END + type + DASHES + "\n";
  }
}
