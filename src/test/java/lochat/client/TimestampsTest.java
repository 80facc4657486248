package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimestampsTest {

  private static final Instant T = Instant.parse("2026-03-01T09:05:07Z");

  @Test
  void theDefaultShowsHoursAndMinutes() {
    assertEquals("09:05",
        Timestamps.parse(Timestamps.DEFAULT_PATTERN, ZoneOffset.UTC).format(T));
  }

  @Test
  void anyPatternWorksInTheGivenZone() {
    assertEquals("10:05:07",
        Timestamps.parse("HH:mm:ss", ZoneOffset.ofHours(1)).format(T));
    assertEquals("[2026-03-01 09:05]",
        Timestamps.parse("'['yyyy-MM-dd HH:mm']'", ZoneOffset.UTC).format(T));
  }

  @Test
  void noneTurnsThemOff() {
    assertFalse(Timestamps.parse("none", ZoneOffset.UTC).on());
    assertFalse(Timestamps.parse("NONE", ZoneOffset.UTC).on());
    assertTrue(Timestamps.parse("HH", ZoneOffset.UTC).on());
  }

  @Test
  void aBadPatternIsRefusedSayingWhy() {
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> Timestamps.parse("HH:mm {", ZoneOffset.UTC));
    assertTrue(bad.getMessage().startsWith("'HH:mm {' is not a time pattern"), bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Timestamps.parse(" ", ZoneOffset.UTC));
  }

  @Test
  void controlCharactersInThePatternNeverReachTheTerminal() {
    assertEquals("09", Timestamps.parse("HH'\u001b[2J'", ZoneOffset.UTC).format(T));
  }
}
