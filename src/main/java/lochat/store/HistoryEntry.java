package lochat.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import lochat.chat.ChatEvent.Posted;

/**
 * One stored line of a room's history: a post, an action, a notice or a topic change.
 *
 * <p>{@code id} is given by the store: unique within its room, growing in the order the room's
 * entries were stamped, never reused (on one node, unique across rooms too; in a cluster, two
 * nodes' rooms may share an id). It is what IRC clients see as {@code msgid} and what paging
 * ({@link HistoryStore#before} and the others) counts from. The other fields are those of
 * {@link NewEntry}.
 */
public record HistoryEntry(long id, String room, Instant at, String nick, String user,
    String protocol, EntryKind kind, String text) {

  public HistoryEntry {
    at = at.truncatedTo(ChronoUnit.MILLIS);
  }

  /** The post this entry records, for replaying it; not for topic changes. */
  public Posted toPosted() {
    return new Posted(room, nick, user, protocol, text, kind.messageKind(), Map.of(), at, id);
  }
}
