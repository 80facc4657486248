package lochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import lochat.connection.NativeProtocol;
import lochat.irc.IrcProtocol;
import org.junit.jupiter.api.Test;

class ProfileTest {

  /** The chat core and the IRC codec tell senders apart by the names the listeners give them. */
  @Test
  void protocolNamesAreTheListenersNames() {
    assertEquals(IrcProtocol.NAME, Profile.IRC);
    assertEquals(NativeProtocol.NAME, Profile.NATIVE);
  }
}
