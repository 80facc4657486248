package lochat.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class GatekeeperTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Gatekeeper.PasswordChecked ACCEPTED =
      new Gatekeeper.PasswordChecked(PasswordFailures.Outcome.ACCEPTED);
  private static final Gatekeeper.PasswordChecked REJECTED =
      new Gatekeeper.PasswordChecked(PasswordFailures.Outcome.REJECTED);
  private static final GuardSettings LIMITS = new GuardSettings(
      3, 2, 1, Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMinutes(15));

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private final TestProbe<Gatekeeper.Admission> admissions = testKit.createTestProbe();
  private final TestProbe<Gatekeeper.PasswordChecked> verdicts = testKit.createTestProbe();

  private ActorRef<Gatekeeper.Command> gatekeeper(GuardSettings settings) {
    return testKit.spawn(
        Gatekeeper.create(settings, "s3cret"::equals, Clock.systemUTC()));
  }

  private Gatekeeper.Admission admit(ActorRef<Gatekeeper.Command> gatekeeper, String address) {
    gatekeeper.tell(new Gatekeeper.Admit(address, 7, admissions.getRef()));
    Gatekeeper.Admission admission = admissions.receiveMessage();
    assertEquals(7, admission.ticket(), "the ticket comes back");
    return admission;
  }

  @Test
  void oneAddressGetsNoMoreUnregisteredConnectionsThanItsLimit() {
    ActorRef<Gatekeeper.Command> gatekeeper = gatekeeper(LIMITS);
    assertInstanceOf(Gatekeeper.Admitted.class, admit(gatekeeper, "10.0.0.1"));
    assertInstanceOf(Gatekeeper.Admitted.class, admit(gatekeeper, "10.0.0.1"));

    Gatekeeper.Refused refused =
        assertInstanceOf(Gatekeeper.Refused.class, admit(gatekeeper, "10.0.0.1"));
    assertTrue(refused.reason().contains("without a nickname"), refused.reason());
    assertInstanceOf(Gatekeeper.Admitted.class, admit(gatekeeper, "10.0.0.2"),
        "other addresses are not affected");
  }

  @Test
  void registeringMakesRoomForAnotherNewcomerUpToTheConnectionLimit() {
    ActorRef<Gatekeeper.Command> gatekeeper = gatekeeper(LIMITS);
    admit(gatekeeper, "10.0.0.1");
    admit(gatekeeper, "10.0.0.1");
    gatekeeper.tell(new Gatekeeper.Registered("10.0.0.1"));
    assertInstanceOf(Gatekeeper.Admitted.class, admit(gatekeeper, "10.0.0.1"));
    gatekeeper.tell(new Gatekeeper.Registered("10.0.0.1"));

    Gatekeeper.Refused refused =
        assertInstanceOf(Gatekeeper.Refused.class, admit(gatekeeper, "10.0.0.1"));
    assertTrue(refused.reason().startsWith("Too many connections from your address (3,"),
        refused.reason());
  }

  @Test
  void aClosedConnectionGivesItsPlaceBack() {
    ActorRef<Gatekeeper.Command> gatekeeper = gatekeeper(LIMITS);
    admit(gatekeeper, "10.0.0.1");
    admit(gatekeeper, "10.0.0.1");
    assertInstanceOf(Gatekeeper.Refused.class, admit(gatekeeper, "10.0.0.1"));

    gatekeeper.tell(new Gatekeeper.Released("10.0.0.1", false));
    assertInstanceOf(Gatekeeper.Admitted.class, admit(gatekeeper, "10.0.0.1"));
  }

  @Test
  void zeroMeansNoLimit() {
    ActorRef<Gatekeeper.Command> gatekeeper = gatekeeper(GuardSettings.NONE);
    for (int i = 0; i < 100; i++) {
      assertInstanceOf(Gatekeeper.Admitted.class, admit(gatekeeper, "127.0.0.1"));
    }
  }

  @Test
  void passwordsAreCheckedAndRepeatedFailuresFromOneAddressWait() {
    ActorRef<Gatekeeper.Command> gatekeeper = gatekeeper(LIMITS);
    gatekeeper.tell(new Gatekeeper.CheckPassword("10.0.0.1", "s3cret", verdicts.getRef()));
    assertEquals(ACCEPTED, verdicts.receiveMessage());
    gatekeeper.tell(new Gatekeeper.CheckPassword("10.0.0.1", "guess1", verdicts.getRef()));
    assertEquals(REJECTED, verdicts.receiveMessage());
    gatekeeper.tell(new Gatekeeper.CheckPassword("10.0.0.1", "guess2", verdicts.getRef()));
    assertEquals(REJECTED, verdicts.receiveMessage(),
        "the second failure is answered at once; it makes the next check wait 30 s");

    gatekeeper.tell(new Gatekeeper.CheckPassword("10.0.0.1", "s3cret", verdicts.getRef()));
    gatekeeper.tell(new Gatekeeper.CheckPassword("10.0.0.2", "s3cret", verdicts.getRef()));
    assertEquals(ACCEPTED, verdicts.receiveMessage(),
        "another address is answered at once");
    verdicts.expectNoMessage(Duration.ofMillis(300));
  }
}
