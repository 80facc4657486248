package lochat.connection;

import lochat.protocol.InboundLine;
import lochat.protocol.LineFramer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;

/**
 * Lines cut from a byte stream, as a flow: how the terminal client reads the server's lines. It
 * is {@link InputDrain}'s stage with no close ever ordered, so that the framing glue exists once.
 *
 * <p>An unterminated last line is delivered only when the input ends cleanly; when the
 * connection breaks (a reset), the stream fails and the half-received line is dropped, so that
 * nobody sees a line its sender never finished.
 */
public final class LineFraming {

  private LineFraming() {}

  /** LF-terminated lines (a CR before the LF is dropped), at most {@code maxLineBytes} each. */
  public static Flow<ByteString, InboundLine, NotUsed> flow(int maxLineBytes) {
    return flow(maxLineBytes, false);
  }

  /** With {@code crEndsLine}, a lone CR ends a line too (IRC). */
  public static Flow<ByteString, InboundLine, NotUsed> flow(int maxLineBytes, boolean crEndsLine) {
    return new InputDrain().lines(() -> new LineFramer(maxLineBytes, crEndsLine));
  }
}
