package lochat.protocol;

/** One line as it came off the wire: its decoded text, or the fact that it was too long. */
public sealed interface InboundLine {

  /** A complete line, decoded from UTF-8 (invalid bytes became U+FFFD), without terminator. */
  record Text(String text) implements InboundLine {}

  /** A line longer than the limit; its bytes were discarded up to the next terminator. */
  record TooLong(int limit) implements InboundLine {}
}
