package lochat.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bookkeeping of nickname claims in flight, without actors. */
class PendingClaimsTest {

  @Test
  void aClaimInFlightHoldsItsSessionAndItsNicknameUntilAnswered() {
    PendingClaims<String, String> claims = new PendingClaims<>();
    long id = claims.start("session-1", "ann", "Ann");
    assertTrue(claims.claimingNick("ann"));
    assertTrue(claims.claimingFor("session-1"));
    assertFalse(claims.claimingNick("bob"));
    assertFalse(claims.claimingFor("session-2"));
    assertThrows(IllegalStateException.class, () -> claims.start("session-2", "ann", "ANN"));
    assertThrows(IllegalStateException.class, () -> claims.start("session-1", "bob", "Bob"));

    PendingClaims.Pending<String, String> done = claims.finish(id).orElseThrow();
    assertEquals("Ann", done.claim());
    assertEquals("session-1", done.session());
    assertFalse(done.abandoned());
    assertFalse(claims.claimingNick("ann"));
    assertEquals(0, claims.size());
    assertTrue(claims.finish(id).isEmpty(), "an answer counts once");
    claims.start("session-2", "ann", "ANN");
  }

  @Test
  void anAbandonedClaimKeepsItsNicknameInFlightAndIsSaidAbandonedWhenAnswered() {
    PendingClaims<String, String> claims = new PendingClaims<>();
    long id = claims.start("session-1", "ann", "Ann");
    claims.abandon("session-1");
    claims.abandon("session-9");
    assertTrue(claims.claimingNick("ann"), "no other local claim may race the release");
    assertTrue(claims.finish(id).orElseThrow().abandoned());
    assertFalse(claims.claimingNick("ann"));
    assertEquals(0, claims.size());
  }
}
