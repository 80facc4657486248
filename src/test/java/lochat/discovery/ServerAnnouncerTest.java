package lochat.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an announcer that cannot announce says; nothing here sends a packet. */
class ServerAnnouncerTest {

  private static final Announcement ANNOUNCED = new Announcement("home", "1", false,
      ListenerPorts.plain(4444), ListenerPorts.NONE, ListenerPorts.NONE);

  @Test
  void anAddressNoInterfaceHasIsAWarningThatSaysHowToConnectNeverAnError() throws Exception {
    ServerAnnouncer nowhere = new ServerAnnouncer(ANNOUNCED,
        InetAddress.getByAddress(new byte[] {127, 0, 0, 2}));
    assertEquals(List.of("Cannot announce the server on 127.0.0.2 (no network interface has"
        + " address 127.0.0.2): clients there will not find it by themselves. Clients can"
        + " still connect by address: ./lochat client --host 127.0.0.2 --port 4444"),
        nowhere.start());
    assertEquals(List.of(), nowhere.announcedOn());
    nowhere.close();
  }
}
