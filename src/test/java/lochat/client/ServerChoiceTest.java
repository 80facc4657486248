package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import lochat.discovery.FoundServer;
import lochat.discovery.ListenerPorts;
import org.junit.jupiter.api.Test;

class ServerChoiceTest {

  private static final FoundServer HOME = new FoundServer("home", "192.168.1.5", "1", false,
      ListenerPorts.both(4444, 4443), ListenerPorts.NONE, ListenerPorts.NONE);
  private static final FoundServer LAB = new FoundServer("lab", "192.168.1.9", "1", false,
      ListenerPorts.tlsOnly(4443), ListenerPorts.NONE, ListenerPorts.NONE);
  private static final List<String> LAN = List.of("192.168.1.2");

  @Test
  void oneServerFoundIsJoinedOnItsNativePortSayingWhich() {
    assertEquals(new ServerChoice.Connect("192.168.1.5", 4444,
            "Found Lochat server 'home' at 192.168.1.5:4444; connecting."),
        ServerChoice.decide(List.of(HOME), LAN, Optional.empty(), false, false));
  }

  @Test
  void aPortGivenWithoutHostIsUsedWithTheFoundAddress() {
    assertEquals(new ServerChoice.Connect("192.168.1.5", 5000,
            "Found Lochat server 'home' at 192.168.1.5:5000; connecting."),
        ServerChoice.decide(List.of(HOME), LAN, Optional.of(5000), false, false));
  }

  @Test
  void aServerThatServesNativeClientsOverTlsOnlySaysToUseTls() {
    ServerChoice.Stop stop = assertInstanceOf(ServerChoice.Stop.class,
        ServerChoice.decide(List.of(LAB), LAN, Optional.empty(), false, false));
    assertEquals(1, stop.status());
    assertEquals(List.of("Server 'lab' at 192.168.1.9 serves native clients over TLS only,"
        + " on port 4443: connect with --tls"), stop.lines());
    assertEquals(new ServerChoice.Connect("192.168.1.9", 4443,
            "Found Lochat server 'lab' at 192.168.1.9:4443; connecting."),
        ServerChoice.decide(List.of(LAB), LAN, Optional.empty(), true, false));
  }

  @Test
  void noneFoundSaysWhereItLookedAndHowToGiveAnAddressWithStatusOne() {
    ServerChoice.Stop stop = assertInstanceOf(ServerChoice.Stop.class,
        ServerChoice.decide(List.of(), LAN, Optional.empty(), false, true));
    assertEquals(1, stop.status());
    assertEquals(List.of("No Lochat servers found on 192.168.1.2 in 3 s. Connect by address"
        + " instead: ./lochat client --host ADDRESS [--port PORT] (or --interface 127.0.0.1"
        + " for servers on this machine)"), stop.lines());
  }

  @Test
  void severalFoundOffTheTerminalAreListedWithStatusTwoAndAPointerToHost() {
    ServerChoice.Stop stop = assertInstanceOf(ServerChoice.Stop.class,
        ServerChoice.decide(List.of(HOME, LAB), LAN, Optional.empty(), false, false));
    assertEquals(2, stop.status());
    assertEquals("Found 2 Lochat servers:", stop.lines().get(0));
    assertTrue(stop.lines().get(2).startsWith("home"), stop.lines().toString());
    assertTrue(stop.lines().get(3).startsWith("lab"), stop.lines().toString());
    assertEquals("Choose one with --host ADDRESS (and --port PORT).", stop.lines().get(4));
  }

  @Test
  void severalFoundOnTheTerminalAreNumberedAndTheNumberTypedChooses() {
    ServerChoice.Ask ask = assertInstanceOf(ServerChoice.Ask.class,
        ServerChoice.decide(List.of(HOME, LAB), LAN, Optional.empty(), false, true));
    assertTrue(ask.lines().get(2).startsWith("1  home"), ask.lines().toString());
    assertEquals("Number of the server to join (1-2): ", ask.prompt());
    assertEquals(new ServerChoice.Connect("192.168.1.9", 4443,
            "Found Lochat server 'lab' at 192.168.1.9:4443; connecting."),
        ServerChoice.pick(" 2 ", List.of(HOME, LAB), Optional.empty(), true));
    for (String wrong : List.of("0", "3", "two", "")) {
      ServerChoice.Ask again = assertInstanceOf(ServerChoice.Ask.class,
          ServerChoice.pick(wrong, List.of(HOME, LAB), Optional.empty(), false));
      assertEquals(List.of("Not a number from 1 to 2: '" + wrong + "'"), again.lines());
    }
  }

  @Test
  void aNameChoosesThatServerAmongSeveralWhateverItsCase() {
    ServerChoice.Decision decision = ServerChoice.decide(List.of(LAB, HOME), LAN,
        Optional.of("HOME"), Optional.empty(), false, false);
    assertEquals(new ServerChoice.Connect("192.168.1.5", 4444,
        "Found Lochat server 'home' at 192.168.1.5:4444; connecting."), decision);
  }

  @Test
  void aNameNoServerHasSaysWhichWereFoundWithStatusOne() {
    ServerChoice.Decision decision = ServerChoice.decide(List.of(HOME, LAB), LAN,
        Optional.of("office"), Optional.empty(), false, true);
    assertEquals(new ServerChoice.Stop(1,
        List.of("No Lochat server named 'office' found; found: home, lab")), decision);
  }
}
