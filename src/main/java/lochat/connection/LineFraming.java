package lochat.connection;

import lochat.protocol.InboundLine;
import lochat.protocol.LineFramer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A {@link LineFramer} as a stream stage, one framer per materialisation.
 *
 * <p>An unterminated last line is delivered only when the input ends cleanly; when the
 * connection breaks (a reset), the stream fails and the half-received line is dropped.
 */
public final class LineFraming {

  private LineFraming() {}

  /** Lines ending in LF or CRLF. */
  public static Flow<ByteString, InboundLine, NotUsed> flow(int maxLineBytes) {
    return flow(maxLineBytes, false);
  }

  /** With {@code crEndsLine}, a lone CR ends a line too (IRC). */
  public static Flow<ByteString, InboundLine, NotUsed> flow(int maxLineBytes, boolean crEndsLine) {
    return Flow.fromMaterializer((materializer, attributes) -> {
      LineFramer framer = new LineFramer(maxLineBytes, crEndsLine);
      return Flow.of(ByteString.class)
          .mapConcat(framer::feed)
          .concatLazy(Source.lazySource(() -> Source.<InboundLine>from(framer.finish())));
    }).mapMaterializedValue(unused -> NotUsed.getInstance());
  }
}
