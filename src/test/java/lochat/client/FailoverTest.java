package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverTest {

  private static final ServerLine NODES =
      ServerLine.parse("NODES 10.0.0.7:4444 10.0.0.7:4445/tls [fd00::9]:4444 10.0.0.9:4446/tls");

  private static List<String> addresses(Failover failover, int attempts) {
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      seen.add(failover.next().address());
    }
    return seen;
  }

  @Test
  void aPlainClientTriesThePlainPortsInTurn() {
    Failover failover = new Failover(false);
    failover.learn(NODES);
    assertTrue(failover.known());
    assertEquals(List.of("10.0.0.7:4444", "[fd00::9]:4444", "10.0.0.7:4444"),
        addresses(failover, 3));
  }

  @Test
  void aTlsClientTriesTheTlsPorts() {
    Failover failover = new Failover(true);
    failover.learn(NODES);
    assertEquals(List.of("10.0.0.7:4445", "10.0.0.9:4446"), addresses(failover, 2));
  }

  @Test
  void theFirstAttemptGoesAtOnceThenTheWaitDoublesUpToItsCap() {
    Failover failover = new Failover(false);
    failover.learn(NODES);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      waits.add(failover.next().delay());
    }
    assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Failover.MAX_WAIT, Failover.MAX_WAIT),
        waits);
    failover.signedIn();
    assertEquals(Duration.ZERO, failover.next().delay(), "a sign-in starts afresh");
  }

  @Test
  void aNewListReplacesTheOldAndAnEmptyOneLeavesNothingKnown() {
    Failover failover = new Failover(false);
    assertFalse(failover.known(), "a single server says no NODES");
    failover.learn(NODES);
    failover.learn(ServerLine.parse("NODES 10.0.0.8:4444"));
    assertEquals(List.of("10.0.0.8:4444", "10.0.0.8:4444"), addresses(failover, 2));
    failover.learn(ServerLine.parse("NODES"));
    assertFalse(failover.known());
  }

  @Test
  void tokensItDoesNotUnderstandAreSkipped() {
    Failover failover = new Failover(false);
    failover.learn(ServerLine.parse("NODES web=10.0.0.7:8080x :4444 10.0.0.7:99999 10.0.0.7:4444"
        + " future-token"));
    assertEquals(List.of("10.0.0.7:4444"), addresses(failover, 1));
    failover.learn(ServerLine.parse("SERVER NODES 10.0.0.8:4444"));
    assertEquals(List.of("10.0.0.7:4444"), addresses(failover, 1), "only a NODES line counts");
  }
}
