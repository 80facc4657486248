package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetListTest {

  @Test
  void targetsAreSplitAtCommasWithEmptyItemsAndRepeatsSkipped() {
    TargetList list = TargetList.parse(",#a,,bob,#A,BOB,", 4);
    assertEquals(List.of("#a", "bob"), list.targets());
    assertEquals(List.of(), list.excess());
  }

  @Test
  void distinctTargetsOverTheLimitAreExcess() {
    TargetList list = TargetList.parse("a,b,c,d,e,E,f", 4);
    assertEquals(List.of("a", "b", "c", "d"), list.targets());
    assertEquals(List.of("e", "f"), list.excess());
  }

  @Test
  void aListOfCommasOnlyNamesNoTarget() {
    assertTrue(TargetList.isEmpty(""));
    assertTrue(TargetList.isEmpty(",,,,"));
    assertFalse(TargetList.isEmpty(",x,"));
    assertFalse(TargetList.isEmpty(" "));
    assertEquals(List.of(), TargetList.parse(",,,,", 4).targets());
  }

  @Test
  void keysPairWithTheChannelsInOrderByTheirFirstOccurrence() {
    assertEquals(java.util.Map.of("#a", "k1", "#b", "k2"),
        TargetList.paired("#a,#B,#a", "k1,k2,k3"));
    assertEquals(java.util.Map.of("#a", "k1"), TargetList.paired("#a,#b", "k1"));
    assertEquals(java.util.Map.of(), TargetList.paired("#a", ""));
    assertEquals(java.util.Map.of("#a", "", "#b", "k"), TargetList.paired("#a,#b", ",k"));
  }
}
