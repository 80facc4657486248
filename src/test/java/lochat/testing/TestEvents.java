package lochat.testing;

import java.time.Instant;
import java.util.Map;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.Profile;

/** Chat events as tests make them: from a native user whose user name is their nickname. */
public final class TestEvents {

  private TestEvents() {}

  public static ChatEvent.Posted posted(
      String room, String nick, String text, MessageKind kind, Instant at) {
    return new ChatEvent.Posted(room, nick, nick, Profile.NATIVE, text, kind, Map.of(), at);
  }

  public static ChatEvent.PrivateMessage privateMessage(
      String from, String to, String text, MessageKind kind, Instant at) {
    return new ChatEvent.PrivateMessage(
        from, from, Profile.NATIVE, to, text, kind, Map.of(), at);
  }
}
