package lochat.protocol;

import static lochat.testing.Hostile.LARGE;
import static lochat.testing.Hostile.inLinearTime;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.pekko.util.ByteString;

/**
 * What {@link LineFramer} promises for any byte stream however it is cut into packets: the
 * lines a simple reference reading of the whole stream gives, each either decoded text within
 * the limit (invalid UTF-8 as U+FFFD) or reported too long, and never an exception.
 */
class LineFramerPropertiesTest {

  private static final byte CR = '\r';
  private static final byte LF = '\n';

  /** Bytes heavy in terminators, bytes of multi-byte characters and invalid UTF-8. */
  @Provide
  Arbitrary<byte[]> stream() {
    Arbitrary<Byte> interesting = Arbitraries.of(
        (byte) '\r', (byte) '\n', (byte) 'a', (byte) ' ', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2,
        (byte) 0x82, (byte) 0xac, (byte) 0xf0, (byte) 0x9f, (byte) 0xff, (byte) 0x80, (byte) 0);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, interesting), net.jqwik.api.Tuple.of(1, Arbitraries.bytes()))
        .list().ofMaxSize(120)
        .map(list -> {
          byte[] bytes = new byte[list.size()];
          for (int i = 0; i < bytes.length; i++) {
            bytes[i] = list.get(i);
          }
          return bytes;
        });
  }

  /** Where to cut the stream into packets, as fractions of its length. */
  @Provide
  Arbitrary<List<Double>> cuts() {
    return Arbitraries.doubles().between(0, 1).list().ofMaxSize(12);
  }

  @Property(tries = 300)
  void anyCuttingGivesTheLinesOfTheWholeStream(
      @ForAll("stream") byte[] stream, @ForAll("cuts") List<Double> cuts,
      @ForAll @IntRange(min = 1, max = 12) int limit, @ForAll boolean crEndsLine) {
    LineFramer framer = new LineFramer(limit, crEndsLine);
    List<InboundLine> lines = new ArrayList<>();
    for (ByteString packet : packets(stream, cuts)) {
      lines.addAll(framer.feed(packet));
    }
    lines.addAll(framer.finish());
    assertEquals(reference(stream, limit, crEndsLine), lines);
  }

  @Property(tries = 300)
  void linesAreWithinTheLimitAndHaveNoTerminator(
      @ForAll("stream") byte[] stream, @ForAll @IntRange(min = 1, max = 12) int limit,
      @ForAll boolean crEndsLine) {
    LineFramer framer = new LineFramer(limit, crEndsLine);
    List<InboundLine> lines = new ArrayList<>(framer.feed(ByteString.fromArray(stream)));
    lines.addAll(framer.finish());
    for (InboundLine line : lines) {
      if (line instanceof InboundLine.Text text) {
        assertTrue(text.text().indexOf('\n') < 0, text.text());
        assertTrue(!crEndsLine || text.text().indexOf('\r') < 0, text.text());
        assertTrue(text.text().codePoints().filter(c -> c != 0xfffd)
            .map(c -> new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length)
            .sum() <= limit, text.text());
      } else {
        assertEquals(new InboundLine.TooLong(limit), line);
      }
    }
  }

  @Property(tries = 200)
  void theConnectionGoesOnAfterATooLongLine(
      @ForAll @IntRange(min = 1, max = 12) int limit, @ForAll boolean crEndsLine) {
    LineFramer framer = new LineFramer(limit, crEndsLine);
    List<InboundLine> lines = new ArrayList<>();
    lines.addAll(framer.feed(ByteString.fromString("x".repeat(limit + 1) + "\r\n")));
    lines.addAll(framer.feed(ByteString.fromString("ok\n")));
    assertEquals(List.of(new InboundLine.TooLong(limit),
        limit >= 2 ? new InboundLine.Text("ok") : new InboundLine.TooLong(limit)), lines);
  }

  @Example
  void invalidUtf8BecomesTheReplacementCharacter() {
    LineFramer framer = new LineFramer(100);
    assertEquals(List.of(new InboundLine.Text("a\ufffdb\ufffd")),
        framer.feed(ByteString.fromArray(new byte[] {'a', (byte) 0xff, 'b', (byte) 0xe2, '\n'})));
  }

  /**
   * A DoS guard: streams of nothing but terminators (a line per byte or two; a quarter of
   * {@link lochat.testing.Hostile#LARGE}, as each line costs an allocation or two) and of no
   * terminator at all, in one packet and in many. Searching the rest of a packet for the next
   * CR and the next LF anew for each line took minutes here.
   */
  @Example
  void largeHostileStreamsAreFramedInLinearTime() {
    byte[][] streams = {
        fill(LARGE / 4, "\n"), fill(LARGE / 4, "\r"),
        fill(LARGE, "a"), bytes(LARGE, (byte) 0xff),
    };
    for (byte[] stream : streams) {
      for (boolean crEndsLine : new boolean[] {false, true}) {
        inLinearTime(() -> new LineFramer(8703, crEndsLine).feed(ByteString.fromArray(stream)));
        inLinearTime(() -> {
          LineFramer framer = new LineFramer(8703, crEndsLine);
          for (int at = 0; at < stream.length; at += 1500) {
            framer.feed(ByteString.fromArrayUnsafe(stream, at, Math.min(1500, stream.length - at)));
          }
          return framer.finish();
        });
      }
    }
  }

  private static byte[] fill(int size, String unit) {
    return unit.repeat(size / unit.length()).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] bytes(int size, byte value) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, value);
    return bytes;
  }

  private static List<ByteString> packets(byte[] stream, List<Double> cuts) {
    TreeSet<Integer> at = new TreeSet<>();
    cuts.forEach(cut -> at.add((int) (cut * stream.length)));
    at.add(stream.length);
    List<ByteString> packets = new ArrayList<>();
    int from = 0;
    for (int to : at) {
      packets.add(ByteString.fromArray(stream, from, to - from));
      from = to;
    }
    return packets;
  }

  /**
   * The lines of the whole stream, read the obvious way: split at the terminators (LF, or with
   * {@code crEndsLine} CR, LF and CRLF), a CR before an LF dropped, each line too long or decoded.
   */
  private static List<InboundLine> reference(byte[] stream, int limit, boolean crEndsLine) {
    List<InboundLine> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    boolean open = false;
    for (int i = 0; i < stream.length; i++) {
      byte b = stream[i];
      if (b == LF || crEndsLine && b == CR) {
        lines.add(line(line.toByteArray(), limit));
        line.reset();
        open = false;
        if (b == CR && i + 1 < stream.length && stream[i + 1] == LF) {
          i++;
        }
      } else {
        line.write(b);
        open = true;
      }
    }
    if (open) {
      lines.add(line(line.toByteArray(), limit));
    }
    return lines;
  }

  private static InboundLine line(byte[] bytes, int limit) {
    int length = bytes.length > 0 && bytes[bytes.length - 1] == CR ? bytes.length - 1 : bytes.length;
    return length > limit
        ? new InboundLine.TooLong(limit)
        : new InboundLine.Text(new String(bytes, 0, length, StandardCharsets.UTF_8));
  }
}
