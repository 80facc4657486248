package lochat.operators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.guard.Gatekeeper;
import lochat.guard.GuardSettings;
import lochat.registry.Registry;
import lochat.store.MemoryHistoryStore;
import lochat.store.ServerBan;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class OperatorsTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final OperatorAccounts ACCOUNTS =
      OperatorAccounts.of(Map.of("ann", PasswordHash.hash("pw".toCharArray())));

  private final TestProbe<Gatekeeper.Command> gatekeeper = testKit.createTestProbe();
  private final TestProbe<Registry.Command> registry = testKit.createTestProbe();
  private final MemoryHistoryStore store = new MemoryHistoryStore(Clock.systemUTC(), 1, 1);

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  private ActorRef<Operators.Command> operators(OperatorAccounts accounts) {
    return testKit.spawn(Operators.create(accounts, GuardSettings.NONE, store, ServerBans.NONE,
        gatekeeper.getRef(), registry.getRef(), Clock.systemUTC()));
  }

  @Test
  void oneAttemptPerAddressIsCheckedAtATimeAndOthersAreRefusedUnchecked() {
    ActorRef<Operators.Command> operators = operators(ACCOUNTS);
    TestProbe<Operators.LoginResult> first = testKit.createTestProbe();
    TestProbe<Operators.LoginResult> second = testKit.createTestProbe();
    TestProbe<Operators.LoginResult> elsewhere = testKit.createTestProbe();
    operators.tell(new Operators.LogIn("10.0.0.1", "ann", "pw", first.getRef()));
    operators.tell(new Operators.LogIn("10.0.0.1", "ann", "pw", second.getRef()));
    operators.tell(new Operators.LogIn("10.0.0.2", "ann", "nope", elsewhere.getRef()));

    second.expectMessage(new Operators.LoginRefused(true));
    first.expectMessage(Duration.ofSeconds(10), new Operators.LoggedIn("ann"));
    elsewhere.expectMessage(Duration.ofSeconds(10), new Operators.LoginRefused(false));
  }

  @Test
  void withoutAccountsEveryAttemptIsToldThereAreNoOperators() {
    TestProbe<Operators.LoginResult> reply = testKit.createTestProbe();
    operators(OperatorAccounts.NONE).tell(
        new Operators.LogIn("10.0.0.1", "ann", "pw", reply.getRef()));
    reply.expectMessage(new Operators.NoOperators());
  }

  @Test
  void aBanReachesTheGatekeeperTheRegistryAndTheStore() {
    ActorRef<Operators.Command> operators = operators(ACCOUNTS);
    TestProbe<Operators.BanResult> reply = testKit.createTestProbe();
    operators.tell(new Operators.Ban("*@10.0.0.*", "spam", "ann", reply.getRef()));

    Operators.Banned banned = assertInstanceOf(Operators.Banned.class, reply.receiveMessage());
    assertEquals("10.0.0.*", banned.ban().mask());
    Gatekeeper.SetBans set = gatekeeper.expectMessageClass(Gatekeeper.SetBans.class);
    assertEquals(Optional.of("Banned from this server: spam"), set.bans().refusal("10.0.0.9"));
    Registry.Tell tell = registry.expectMessageClass(Registry.Tell.class);
    assertEquals(new ChatEvent.Removed("Banned from this server: spam", true), tell.event());
    assertTrue(tell.audience().includes("bob", "10.0.0.9"));
    assertFalse(tell.audience().includes("bob", "10.0.1.9"));
    TestProbe<Object> waiting = testKit.createTestProbe();
    waiting.awaitAssert(() -> {
      assertEquals(List.of("10.0.0.*"),
          store.loadServerBans().stream().map(ServerBan::mask).toList());
      return null;
    });

    operators.tell(new Operators.Ban("*", "all", "ann", reply.getRef()));
    assertInstanceOf(Operators.BadMask.class, reply.receiveMessage());
    operators.tell(new Operators.Unban("10.0.0.*", reply.getRef()));
    assertInstanceOf(Operators.Unbanned.class, reply.receiveMessage());
    waiting.awaitAssert(() -> {
      assertEquals(List.of(), store.loadServerBans());
      return null;
    });
    operators.tell(new Operators.ListBans(reply.getRef()));
    reply.expectMessage(new Operators.BanList(List.of()));
  }
}
