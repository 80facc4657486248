package lochat.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class InputGateTest {

  private static boolean passed(InputGate gate) {
    return gate.next().toCompletableFuture().isDone();
  }

  @Test
  void anOpenGateLetsEveryLineGo() {
    InputGate gate = InputGate.opened();
    assertTrue(passed(gate));
    assertTrue(passed(gate));
  }

  @Test
  void aClosedGateHoldsTheLineUntilOneIsAdmitted() {
    InputGate gate = InputGate.closed();
    CompletableFuture<?> first = gate.next().toCompletableFuture();
    assertFalse(first.isDone());
    gate.admitOne();
    assertTrue(first.isDone());
    assertFalse(passed(gate));
  }

  @Test
  void anAdmissionBeforeTheLineArrivesIsKeptForIt() {
    InputGate gate = InputGate.closed();
    gate.admitOne();
    assertTrue(passed(gate));
    assertFalse(passed(gate));
  }

  @Test
  void openingReleasesTheWaitingLineAndEveryLaterOne() {
    InputGate gate = InputGate.closed();
    CompletableFuture<?> waiting = gate.next().toCompletableFuture();
    gate.open();
    assertTrue(waiting.isDone());
    assertTrue(passed(gate));
  }
}
