package lochat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTimeoutTest {

  @Test
  void aTimeoutIsSecondsOrMillisecondsOrIsoWithinBounds() {
    assertEquals(Optional.of(Duration.ofSeconds(3)), CommandTimeout.parse("3"));
    assertEquals(Optional.of(Duration.ofMillis(1500)), CommandTimeout.parse("1.5"));
    assertEquals(Optional.of(Duration.ofSeconds(2)), CommandTimeout.parse("2s"));
    assertEquals(Optional.of(Duration.ofMillis(500)), CommandTimeout.parse("500ms"));
    assertEquals(Optional.of(Duration.ofSeconds(4)), CommandTimeout.parse("PT4S"));
    assertEquals(Optional.of(Duration.ofMillis(100)), CommandTimeout.parse("0.1"));
    assertEquals(Optional.of(Duration.ofMinutes(5)), CommandTimeout.parse("300"));
    for (String bad : new String[] {"", "0", "50ms", "301", "-1", "3 s", "soon", "1e3"}) {
      assertEquals(Optional.empty(), CommandTimeout.parse(bad), bad);
    }
  }
}
