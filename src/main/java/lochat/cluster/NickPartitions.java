package lochat.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;

/**
 * The nickname directory cut into {@value #COUNT} replicated maps (Pekko Distributed Data
 * top-level entries), each nickname in the one its case-folded key hashes to. Distributed Data
 * reads, writes and gossips a top-level entry whole, and Artery sends no message over its
 * largest frame (256 KiB by default): one map of the whole directory, at about 79 bytes a
 * holder as Distributed Data writes it, passed that at about 3,300 nicknames, and every
 * entity's majority read carried all of it. Cut in {@value #COUNT}, a map holds about 78
 * holders (6 KB) at 20,000 nicknames, and the first to reach the frame does so near 800,000.
 * docs/scaling.md has the arithmetic.
 *
 * <p>Pure. The partition of a key is CRC-32 of its UTF-8 bytes modulo {@value #COUNT}: stable
 * across JVMs and Java versions, as it must be, since every node of a cluster must put a
 * nickname in the same map. Changing {@link #COUNT} or the hash is therefore a change every node
 * must make at once (the cluster stopped whole, then started on the new version).
 */
public final class NickPartitions {

  /** How many maps the directory is cut into. */
  public static final int COUNT = 256;

  private static final String PREFIX = "lochat-nicks-";

  private static final List<Key<LWWMap<String, NickHolder>>> KEYS = IntStream.range(0, COUNT)
      .mapToObj(partition -> LWWMapKey.<String, NickHolder>create(PREFIX + partition))
      .toList();

  private NickPartitions() {}

  /** The partition, 0 to {@link #COUNT} - 1, of the nickname of case-folded key {@code key}. */
  public static int of(String key) {
    CRC32 crc = new CRC32();
    crc.update(key.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % COUNT);
  }

  /** The map that holds the nickname of case-folded key {@code key}. */
  public static Key<LWWMap<String, NickHolder>> mapOf(String key) {
    return KEYS.get(of(key));
  }

  /** Every map of the directory, partition 0 first. */
  public static List<Key<LWWMap<String, NickHolder>>> maps() {
    return KEYS;
  }
}
