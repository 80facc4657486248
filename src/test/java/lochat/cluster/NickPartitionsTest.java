package lochat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import lochat.chat.Names;
import org.apache.pekko.cluster.ddata.Key;
import org.junit.jupiter.api.Test;

/** Which of the directory's maps holds a nickname: stable, case-blind, and evenly spread. */
class NickPartitionsTest {

  @Test
  void aNicknamesPartitionIsFixedAcrossVersionsAndNodes() {
    // CRC-32 of the UTF-8 key, modulo 256: every node, of every release, must agree.
    assertEquals(71, NickPartitions.of("alice"));
    assertEquals(64, NickPartitions.of("bob"));
    assertEquals(210, NickPartitions.of("user1234"));
    assertEquals(80, NickPartitions.of("{away}"));
    assertEquals("lochat-nicks-71", NickPartitions.mapOf("alice").id());
  }

  @Test
  void everyCaseOfANicknameIsInOneMap() {
    assertEquals(NickPartitions.mapOf(Names.key("Alice")), NickPartitions.mapOf("alice"));
    assertEquals(NickPartitions.mapOf(Names.key("ALICE")), NickPartitions.mapOf("alice"));
  }

  @Test
  void theMapsAreDistinctAndEachIsSomeNicknamesMap() {
    Set<String> ids = new HashSet<>();
    for (Key<?> map : NickPartitions.maps()) {
      ids.add(map.id());
    }
    assertEquals(NickPartitions.COUNT, ids.size());
    for (int i = 0; i < 10_000; i++) {
      int partition = NickPartitions.of("nick" + i);
      assertTrue(partition >= 0 && partition < NickPartitions.COUNT, "nick" + i);
      assertEquals(NickPartitions.maps().get(partition), NickPartitions.mapOf("nick" + i));
    }
  }

  /**
   * 20,000 nicknames, numbered and random, put about 78 in each map: none over 1.5 times that,
   * so that no map nears Artery's largest message long before the others (docs/scaling.md).
   */
  @Test
  void twentyThousandNicknamesSpreadEvenlyOverTheMaps() {
    int[] numbered = new int[NickPartitions.COUNT];
    int[] random = new int[NickPartitions.COUNT];
    Random letters = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      numbered[NickPartitions.of("user" + i)]++;
      StringBuilder nick = new StringBuilder();
      for (int c = 0, length = 3 + letters.nextInt(10); c < length; c++) {
        nick.append((char) ('a' + letters.nextInt(26)));
      }
      random[NickPartitions.of(nick.toString())]++;
    }
    double mean = 20_000.0 / NickPartitions.COUNT;
    for (int[] counts : new int[][] {numbered, random}) {
      for (int partition = 0; partition < NickPartitions.COUNT; partition++) {
        assertTrue(counts[partition] < 1.5 * mean && counts[partition] > 0.5 * mean,
            "map " + partition + " holds " + counts[partition] + ", the mean is " + mean);
      }
    }
  }
}
