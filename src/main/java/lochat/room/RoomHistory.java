package lochat.room;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MessageKind;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.HistoryWriter;
import lochat.store.NewEntry;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a room keeps of what was said in it: each post and topic change stamped with its
 * history id and handed to the {@link RoomArchive} to be written, and the latest
 * {@code size} posts in memory, replayed to joiners without asking the store.
 *
 * <p>Not thread-safe: owned by one room.
 */
final class RoomHistory {

  private final String room;
  private final int size;
  private final RoomArchive archive;
  private final ArrayDeque<Posted> latest = new ArrayDeque<>();

  RoomHistory(String room, int size, RoomArchive archive) {
    this.room = room;
    this.size = size;
    this.archive = archive;
  }

  /** Asks the archive for the room's saved state and latest entries. */
  void ask(ActorRef<HistoryWriter.Restored> replyTo) {
    // Topic changes are entries too: ask for more, so that enough posts come back.
    archive.restore(room, 2 * size + 10, replyTo);
  }

  /** Takes back the latest entries the store kept; topic changes are not replayed. */
  void restore(List<HistoryEntry> entries) {
    for (HistoryEntry entry : entries) {
      if (entry.kind() != EntryKind.TOPIC) {
        remember(entry.toPosted());
      }
    }
  }

  /**
   * A new post, with its history id when it is one people read, which is then kept and
   * archived.
   */
  Posted post(String nick, String user, String protocol, String text, MessageKind kind,
      Map<String, String> tags, Instant at) {
    if (!kind.isForPeople()) {
      return new Posted(room, nick, user, protocol, text, kind, tags, at);
    }
    HistoryEntry entry = archive.stamp(
        new NewEntry(room, at, nick, user, protocol, EntryKind.of(kind), text));
    archive.append(entry);
    Posted posted = new Posted(room, nick, user, protocol, text, kind, tags, at, entry.id());
    remember(posted);
    return posted;
  }

  /** Archives a topic set to {@code text}, or cleared when it is empty. */
  void keepTopic(Instant at, Requester by, String text) {
    archive.append(archive.stamp(
        NewEntry.topic(room, at, by.nick(), by.user(), by.protocol(), text)));
  }

  /** The latest posts, oldest first. */
  List<Posted> latest() {
    return List.copyOf(latest);
  }

  private void remember(Posted posted) {
    if (size <= 0) {
      return;
    }
    if (latest.size() == size) {
      latest.removeFirst();
    }
    latest.addLast(posted);
  }
}
