package lochat.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * Cuts a byte stream into lines: LF-terminated, a CR before the LF dropped, decoded as UTF-8.
 * For protocols that also end lines with a lone CR (IRC), {@link #LineFramer(int, boolean)}
 * makes CR, LF and CRLF all terminators, CRLF counting once.
 *
 * <p>Unlike Pekko's {@code Framing.delimiter}, an over-long line does not fail the stream: the
 * framer reports it once, as soon as it passes the limit, and discards its bytes up to the next
 * LF, so the connection stays usable. Memory per connection is bounded by the limit. Lines are
 * decoded only once complete, so a multi-byte character split across packets is never broken.
 *
 * <p>Not thread-safe: one instance per connection, fed in order.
 */
public final class LineFramer {

  private static final byte LF = '\n';
  private static final byte CR = '\r';

  private final int maxLineBytes;
  private final boolean crEndsLine;
  private ByteString pending = ByteString.emptyByteString();
  private boolean discarding;
  private boolean skipLf;

  /** Lines end with LF (a CR before it is dropped). */
  public LineFramer(int maxLineBytes) {
    this(maxLineBytes, false);
  }

  /** With {@code crEndsLine}, a lone CR ends a line too. */
  public LineFramer(int maxLineBytes, boolean crEndsLine) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
    }
    this.maxLineBytes = maxLineBytes;
    this.crEndsLine = crEndsLine;
  }

  /** The lines that {@code chunk} completes, in order. */
  public List<InboundLine> feed(ByteString chunk) {
    List<InboundLine> lines = new ArrayList<>(2);
    int size = chunk.size();
    int start = 0;
    // The next LF and CR at or after start, -1 when there is none, -2 before the first search:
    // each is searched for again only once passed, so the chunk is scanned once, not per line.
    int lf = -2;
    int cr = crEndsLine ? -2 : -1;
    while (start < size) {
      if (skipLf) {
        skipLf = false;
        if (chunk.apply(start) == LF) {
          start++;
          continue;
        }
      }
      if (lf != -1 && lf < start) {
        lf = chunk.indexOf(LF, start);
      }
      if (cr != -1 && cr < start) {
        cr = chunk.indexOf(CR, start);
      }
      int end = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
      if (end < 0) {
        accumulate(chunk.slice(start, size), lines);
        break;
      }
      skipLf = end == cr;
      if (!discarding) {
        accumulate(chunk.slice(start, end), lines);
        if (!discarding) {
          lines.add(decode(pending));
        }
      }
      discarding = false;
      pending = ByteString.emptyByteString();
      start = end + 1;
    }
    return lines;
  }

  /** The unterminated last line at the end of input, if there is one. */
  public List<InboundLine> finish() {
    List<InboundLine> lines = new ArrayList<>(1);
    if (!discarding && !pending.isEmpty()) {
      lines.add(decode(pending));
    }
    pending = ByteString.emptyByteString();
    discarding = false;
    skipLf = false;
    return lines;
  }

  private void accumulate(ByteString bytes, List<InboundLine> lines) {
    if (discarding) {
      return;
    }
    pending = pending.concat(bytes);
    // One byte of slack for the CR of a CRLF terminator that is still to come.
    if (pending.size() > maxLineBytes + 1
        || (pending.size() == maxLineBytes + 1 && pending.apply(maxLineBytes) != CR)) {
      pending = ByteString.emptyByteString();
      discarding = true;
      lines.add(new InboundLine.TooLong(maxLineBytes));
    }
  }

  private InboundLine decode(ByteString line) {
    int length = line.size();
    if (length > 0 && line.apply(length - 1) == CR) {
      length--;
    }
    if (length > maxLineBytes) {
      return new InboundLine.TooLong(maxLineBytes);
    }
    byte[] bytes = line.take(length).toArrayUnsafe();
    return new InboundLine.Text(new String(bytes, StandardCharsets.UTF_8));
  }
}
