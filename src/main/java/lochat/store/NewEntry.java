package lochat.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import lochat.chat.ChatEvent.Posted;

/**
 * A history entry before the store has given it an id ({@link HistoryStore#stamp}).
 *
 * @param room the room's name as it was shown when the entry was made
 * @param at when the room accepted it; stored to the millisecond
 * @param nick who posted or changed the topic
 * @param user that user's user name (IRC's {@code nick!user@host}), for replaying to IRC
 * @param protocol the wire protocol it came in with ({@link lochat.chat.Profile#protocol()})
 * @param text the post's text, or the new topic ("" when it was cleared)
 */
public record NewEntry(String room, Instant at, String nick, String user, String protocol,
    EntryKind kind, String text) {

  public NewEntry {
    Objects.requireNonNull(room, "room");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(nick, "nick");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    at = at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** A post as a room accepted it; its client-only tags are not stored. */
  public static NewEntry of(Posted posted) {
    return new NewEntry(posted.room(), posted.at(), posted.nick(), posted.user(),
        posted.protocol(), EntryKind.of(posted.kind()), posted.text());
  }

  /** A topic set to {@code text}, or cleared when it is empty, by {@code nick}. */
  public static NewEntry topic(String room, Instant at, String nick, String user,
      String protocol, String text) {
    return new NewEntry(room, at, nick, user, protocol, EntryKind.TOPIC, text);
  }

  HistoryEntry withId(long id) {
    return new HistoryEntry(id, room, at, nick, user, protocol, kind, text);
  }
}
