package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

  private static final String TIME = Capabilities.SERVER_TIME;
  private static final String ECHO = Capabilities.ECHO_MESSAGE;

  @Test
  void offersItsCapabilitiesInAFixedOrder() {
    assertEquals(
        List.of("batch", "cap-notify", "draft/chathistory", "echo-message", "message-tags",
            "multi-prefix", "server-time"),
        Capabilities.SUPPORTED);
  }

  @Test
  void requestEnablesEveryNamedCapability() {
    assertEquals(Set.of(TIME, ECHO), Capabilities.apply(Set.of(), "server-time echo-message"));
    assertEquals(Set.of(TIME, ECHO), Capabilities.apply(Set.of(TIME), "echo-message"));
    assertEquals(Set.of(TIME), Capabilities.apply(Set.of(TIME), "server-time"),
        "enabling twice changes nothing");
  }

  @Test
  void spacesAroundAndBetweenNamesDoNotMatter() {
    assertEquals(Set.of(TIME, ECHO), Capabilities.apply(Set.of(), "  server-time   echo-message "));
  }

  @Test
  void dashDisablesACapability() {
    assertEquals(Set.of(ECHO), Capabilities.apply(Set.of(TIME, ECHO), "-server-time"));
    assertEquals(Set.of(), Capabilities.apply(Set.of(), "-server-time"),
        "disabling what is not enabled is no error");
    assertEquals(Set.of(TIME), Capabilities.apply(Set.of(ECHO), "-echo-message server-time"));
  }

  @Test
  void requestWithAnUnknownNameIsRefusedWhole() {
    Set<String> enabled = Set.of(ECHO);
    assertNull(Capabilities.apply(enabled, "server-time sasl"));
    assertNull(Capabilities.apply(enabled, "sasl server-time"));
    assertNull(Capabilities.apply(enabled, "-sasl"));
    assertNull(Capabilities.apply(enabled, "-"));
    assertNull(Capabilities.apply(enabled, "SERVER-TIME"), "names are case-sensitive");
    assertEquals(Set.of(ECHO), enabled, "nothing changed");
  }

  @Test
  void emptyRequestIsRefused() {
    assertNull(Capabilities.apply(Set.of(), ""));
    assertNull(Capabilities.apply(Set.of(TIME), "   "));
  }

  @Test
  void everySupportedCapabilityCanBeRequestedAtOnce() {
    assertEquals(Set.copyOf(Capabilities.SUPPORTED),
        Capabilities.apply(Set.of(), String.join(" ", Capabilities.SUPPORTED)));
  }
}
