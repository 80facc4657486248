package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AlertsTest {

  private static boolean calls(String line) {
    return Alerts.calls(ServerLine.parse(line), "ann");
  }

  @Test
  void aMentionBySomeoneElseCalls() {
    assertTrue(calls("MSG lobby bob hey ann, look"));
    assertTrue(calls("ACTION lobby bob pokes ANN"));
  }

  @Test
  void aPrivateMessageToTheUserCalls() {
    assertTrue(calls("PRIV bob ann psst"));
    assertTrue(calls("PRIVACTION bob ann winks"));
  }

  @Test
  void theUsersOwnLinesHistoryAndOrdinaryPostsDoNot() {
    assertFalse(calls("MSG lobby bob hello all"));
    assertFalse(calls("MSG lobby ann I am ann"));
    assertFalse(calls("PRIV ann bob psst ann"));
    assertFalse(calls("PRIV ann ann note to self"));
    assertFalse(calls("HISTORY 2026-01-01T00:00:00Z MSG lobby bob hey ann"));
    assertFalse(calls("JOINED lobby ann"));
    assertFalse(calls("MSG lobby bob joanne and annie"));
  }

  @Test
  void nothingCallsBeforeTheUserHasANick() {
    assertFalse(Alerts.calls(ServerLine.parse("PRIV bob ann psst"), null));
  }

  @Test
  void theTitleIsAnOscZeroEscapeThatNoNameCanEnd() {
    assertEquals("\u001b]0;(2) lochat: ann\u0007", Alerts.title(Alerts.titleText("ann", 2)));
    assertEquals("\u001b]0;lochat: ann\u0007", Alerts.title(Alerts.titleText("ann", 0)));
    assertEquals("\u001b]0;lochat: ann\u0007", Alerts.title("lochat: ann\u0007\u001b]0;x"));
  }
}
