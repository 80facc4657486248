package lochat.connection;

import java.util.Optional;
import lochat.protocol.InboundLine;
import lochat.protocol.LineFramer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.util.ByteString;

/**
 * A {@link LineFramer} as a stream stage, one framer per materialisation.
 *
 * <p>An unterminated last line is delivered only when the input ends cleanly; when the
 * connection breaks (a reset), the stream fails and the half-received line is dropped. It is one
 * {@code statefulMap}, not a nested materialisation per connection: every connection builds
 * one, so a burst of connects pays for each.
 */
public final class LineFraming {

  private LineFraming() {}

  /** Lines ending in LF or CRLF. */
  public static Flow<ByteString, InboundLine, NotUsed> flow(int maxLineBytes) {
    return flow(maxLineBytes, false);
  }

  /** With {@code crEndsLine}, a lone CR ends a line too (IRC). */
  public static Flow<ByteString, InboundLine, NotUsed> flow(int maxLineBytes, boolean crEndsLine) {
    return Flow.of(ByteString.class)
        .statefulMap(
            () -> new LineFramer(maxLineBytes, crEndsLine),
            (framer, chunk) -> Pair.create(framer, framer.feed(chunk)),
            framer -> Optional.of(framer.finish()))
        .mapConcat(lines -> lines);
  }
}
