package lochat.protocol.web;

/**
 * Checks that bytes are UTF-8 (RFC 3629) as they arrive, in pieces cut anywhere, without
 * decoding them: what RFC 6455 asks of a WebSocket's text (section 8.1). Overlong forms, encoded
 * surrogates, code points above U+10FFFF and stray continuation bytes are refused, as the JDK's
 * strict decoder refuses them. One instance follows one stream of bytes; {@link #reset} starts
 * another.
 */
public final class Utf8Check {

  /** Continuation bytes the character being read still needs. */
  private int needed;
  private int lowest = 0x80;
  private int highest = 0xbf;

  /** Takes the next byte: false when no UTF-8 text can have it here. */
  public boolean accept(byte next) {
    int b = next & 0xff;
    if (needed == 0) {
      if (b < 0x80) {
        return true;
      }
      if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
      } else if (b >= 0xe0 && b <= 0xef) {
        needed = 2;
        lowest = b == 0xe0 ? 0xa0 : 0x80;
        highest = b == 0xed ? 0x9f : 0xbf;
      } else if (b >= 0xf0 && b <= 0xf4) {
        needed = 3;
        lowest = b == 0xf0 ? 0x90 : 0x80;
        highest = b == 0xf4 ? 0x8f : 0xbf;
      } else {
        return false;
      }
      return true;
    }
    if (b < lowest || b > highest) {
      return false;
    }
    lowest = 0x80;
    highest = 0xbf;
    needed--;
    return true;
  }

  /** Whether the bytes so far end with a whole character. */
  public boolean whole() {
    return needed == 0;
  }

  /** Forgets the bytes so far. */
  public void reset() {
    needed = 0;
    lowest = 0x80;
    highest = 0xbf;
  }
}
