package lochat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import lochat.testing.TestClock;
import org.junit.jupiter.api.Test;

class MemoryHistoryStoreTest extends HistoryStoreContract {

  @Override
  HistoryStore open(TestClock clock) {
    return new MemoryHistoryStore(clock, 1_000, 10_000);
  }

  @Test
  void eachRoomKeepsNoMoreThanItsBound() {
    HistoryStore small = new MemoryHistoryStore(clock, 3, 100);
    for (int i = 1; i <= 5; i++) {
      small.append(List.of(post("lobby", "ann", String.valueOf(i))));
    }

    assertEquals(texts(3, 4, 5), texts(small.latest("lobby", 10)));
  }

  @Test
  void theStoreKeepsNoMoreThanItsBoundInAll() {
    HistoryStore small = new MemoryHistoryStore(clock, 100, 4);
    small.append(List.of(post("lobby", "ann", "1"), post("other", "bob", "2"),
        post("lobby", "ann", "3"), post("other", "bob", "4"), post("third", "cid", "5")));

    assertEquals(texts(3), texts(small.latest("lobby", 10)));
    assertEquals(texts(2, 4), texts(small.latest("other", 10)));
    assertEquals(texts(5), texts(small.latest("third", 10)));
  }
}
