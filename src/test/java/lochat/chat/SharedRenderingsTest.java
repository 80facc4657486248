package lochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import lochat.testing.TestEvents;
import org.junit.jupiter.api.Test;

class SharedRenderingsTest {

  @Test
  void eachFormIsRenderedOnceAndSharedByEveryoneWhoAsksForIt() {
    SharedRenderings renderings = new SharedRenderings();
    AtomicInteger renders = new AtomicInteger();
    String first = renderings.get(List.of("irc", true), () -> "line " + renders.incrementAndGet());
    String again = renderings.get(List.of("irc", true), () -> "line " + renders.incrementAndGet());
    String other =
        renderings.get(List.of("irc", false), () -> "plain " + renders.incrementAndGet());
    assertSame(first, again);
    assertEquals("line 1", first);
    assertEquals("plain 2", other);
    assertEquals(2, renders.get());
  }

  @Test
  void postsCompareByTheirFactsNotByWhatWasRenderedOfThem() {
    Instant at = Instant.parse("2026-12-02T06:00:00Z");
    ChatEvent.Posted rendered = TestEvents.posted("lobby", "alice", "hi", MessageKind.TEXT, at);
    rendered.renderings().get("native", () -> "MSG lobby alice hi");
    ChatEvent.Posted fresh = TestEvents.posted("lobby", "alice", "hi", MessageKind.TEXT, at);
    assertEquals(fresh, rendered);
    assertEquals(fresh.hashCode(), rendered.hashCode());
  }
}
