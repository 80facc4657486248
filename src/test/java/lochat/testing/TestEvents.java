package lochat.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.chat.RoomModes;
import lochat.chat.Roles;
import lochat.chat.Topic;
import lochat.room.ChatRoom;
import org.apache.pekko.actor.typed.ActorRef;

/** Chat events as tests make them: from a native user whose user name is their nickname. */
public final class TestEvents {

  private TestEvents() {}

  public static ChatEvent.Posted posted(
      String room, String nick, String text, MessageKind kind, Instant at) {
    return new ChatEvent.Posted(room, nick, nick, Profile.NATIVE, text, kind, Map.of(), at);
  }

  /**
   * The answer to a join of a room whose first member (who created it) is its operator, with
   * user names that are nicknames and a new room's modes.
   */
  public static ChatRoom.Joined joined(String room, ActorRef<ChatRoom.Command> ref,
      List<String> members, List<ChatEvent.Posted> history, Optional<Topic> topic) {
    return new ChatRoom.Joined(room, ref, members, byNick(members, nick -> nick),
        rolesOf(members), history, topic, RoomModes.NEW_ROOM);
  }

  /** The members of a room whose first member is its operator. */
  public static ChatRoom.Members members(String room, List<String> nicks) {
    return new ChatRoom.Members(room, nicks, rolesOf(nicks));
  }

  private static Map<String, Roles> rolesOf(List<String> nicks) {
    return byNick(nicks, nick -> nick.equals(nicks.get(0)) ? Roles.OPERATOR : Roles.NONE);
  }

  private static <V> Map<String, V> byNick(List<String> nicks, Function<String, V> value) {
    Map<String, V> map = new LinkedHashMap<>();
    nicks.forEach(nick -> map.put(nick, value.apply(nick)));
    return map;
  }

  /**
   * {@code event} as a test that does not care for history ids expects it: a post (or a receipt
   * of one) with id 0.
   */
  public static ChatEvent withoutId(ChatEvent event) {
    if (event instanceof ChatEvent.Posted posted) {
      return withoutId(posted);
    }
    if (event instanceof ChatEvent.Receipt receipt) {
      return new ChatEvent.Receipt(withoutId(receipt.posted()));
    }
    return event;
  }

  public static ChatEvent.Posted withoutId(ChatEvent.Posted posted) {
    return new ChatEvent.Posted(posted.room(), posted.nick(), posted.user(), posted.protocol(),
        posted.text(), posted.kind(), posted.tags(), posted.at(), 0, posted.renderings());
  }

  /** Every event of {@code events} {@link #withoutId}. */
  public static List<ChatEvent> withoutIds(List<ChatEvent> events) {
    return events.stream().map(TestEvents::withoutId).toList();
  }

  public static ChatEvent.PrivateMessage privateMessage(
      String from, String to, String text, MessageKind kind, Instant at) {
    return new ChatEvent.PrivateMessage(
        from, from, Profile.NATIVE, to, text, kind, Map.of(), at);
  }
}
