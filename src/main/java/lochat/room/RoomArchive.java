package lochat.room;

import java.time.Clock;
import java.util.List;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.HistoryQuery;
import lochat.store.HistoryStore;
import lochat.store.HistoryWriter;
import lochat.store.MemoryHistoryStore;
import lochat.store.NewEntry;
import lochat.store.RoomState;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How rooms and sessions reach the {@link HistoryStore} without ever waiting for it.
 *
 * <p>A room {@link #stamp}s each entry itself (in memory, at once) and hands it to the {@link
 * HistoryWriter} with {@link #append}; its state goes the same way with {@link #save}. Reading
 * ({@link #restore} when a room starts, {@link #read} when a user pages back) is asked of the
 * writer too, which answers once it has written what is pending: a reader sees everything
 * accepted before it asked, and the store is only ever touched on the writer's dispatcher.
 *
 * <p>Private messages are kept only when asked for ({@code lochat.history.private}), each
 * conversation under its {@link #conversation} name, and are only ever read by the two users.
 *
 * <p>{@link #discarding} keeps nothing: for tests of a room that only care about its live
 * traffic, and where no history is wanted. Its reads answer at once, with nothing.
 */
public final class RoomArchive {

  /**
   * Where what is written here is also kept: the other nodes of a cluster; and what a room that
   * starts here must wait for before it reads its history ({@link #restore}).
   */
  public interface Copies {
    void entry(HistoryEntry entry);

    void state(RoomState state);

    /** Has {@code writer} answer {@code restore}, once what it waits for is written. */
    default void restore(ActorRef<HistoryWriter.Command> writer, HistoryWriter.Restore restore) {
      writer.tell(restore);
    }

    Copies NONE = new Copies() {
      @Override
      public void entry(HistoryEntry entry) {}

      @Override
      public void state(RoomState state) {}
    };
  }

  private final HistoryStore store;
  private final ActorRef<HistoryWriter.Command> writer;
  private final boolean keepsPrivate;
  private final Copies copies;

  private RoomArchive(HistoryStore store, ActorRef<HistoryWriter.Command> writer,
      boolean keepsPrivate, Copies copies) {
    this.store = store;
    this.writer = writer;
    this.keepsPrivate = keepsPrivate;
    this.copies = copies;
  }

  /**
   * Rooms archived in {@code store}, written and read through {@code writer}; private messages
   * too when {@code keepsPrivate} ({@code lochat.history.private}).
   */
  public static RoomArchive of(HistoryStore store, ActorRef<HistoryWriter.Command> writer,
      boolean keepsPrivate) {
    return new RoomArchive(store, writer, keepsPrivate, Copies.NONE);
  }

  /** This archive, which also hands {@code copies} every entry and state it writes. */
  public RoomArchive copyingTo(Copies copies) {
    return new RoomArchive(store, writer, keepsPrivate, copies);
  }

  /** Rooms archived in {@code store}, private messages not. */
  public static RoomArchive of(HistoryStore store, ActorRef<HistoryWriter.Command> writer) {
    return of(store, writer, false);
  }

  /** Ids from a store of its own; nothing written, nothing restored. */
  public static RoomArchive discarding() {
    return new RoomArchive(new MemoryHistoryStore(Clock.systemUTC(), 1, 1), null, false,
        Copies.NONE);
  }

  /**
   * Where the private messages between two users are kept: {@code @a,b} with the two
   * nicknames' keys in order, a name no room can have.
   */
  public static String conversation(String nick, String otherNick) {
    String one = Names.key(nick);
    String two = Names.key(otherNick);
    return one.compareTo(two) <= 0 ? "@" + one + "," + two : "@" + two + "," + one;
  }

  /** The key of the other user of {@code conversation}, for user {@code nick} in it. */
  public static String otherIn(String conversation, String nick) {
    String[] both = conversation.substring(1).split(",", 2);
    return both[0].equals(Names.key(nick)) ? both[1] : both[0];
  }

  /** Whether private messages are kept ({@code lochat.history.private}). */
  public boolean keepsPrivate() {
    return keepsPrivate && writer != null;
  }

  /** Whether {@code name} is a {@link #conversation}'s, not a room's. */
  public static boolean isConversation(String name) {
    return name.startsWith("@");
  }

  /** Keeps a private message, when private messages are kept at all. */
  public void keepPrivate(ChatEvent.PrivateMessage message) {
    if (!keepsPrivate() || !message.kind().isForPeople()) {
      return;
    }
    append(stamp(new NewEntry(conversation(message.from(), message.to()), message.at(),
        message.from(), message.fromUser(), message.fromProtocol(),
        EntryKind.of(message.kind()), message.text())));
  }

  /** Whether anything is kept: false for {@link #discarding}, which has nothing to restore. */
  public boolean keeps() {
    return writer != null;
  }

  /** {@code entry} with its id; never blocks. */
  public HistoryEntry stamp(NewEntry entry) {
    return store.stamp(entry);
  }

  /** Has {@code entry}, already stamped, written in the next batch. */
  public void append(HistoryEntry entry) {
    if (writer != null) {
      writer.tell(new HistoryWriter.Append(entry));
      copies.entry(entry);
    }
  }

  /** Has the room's state written in the next batch, replacing the one saved before. */
  public void save(RoomState state) {
    if (writer != null) {
      writer.tell(new HistoryWriter.SaveRoom(state));
      copies.state(state);
    }
  }

  /** Asks for the room's saved state and its {@code latest} newest entries. */
  public void restore(String room, int latest, ActorRef<HistoryWriter.Restored> replyTo) {
    if (writer == null) {
      replyTo.tell(HistoryWriter.Restored.NOTHING);
    } else {
      copies.restore(writer, new HistoryWriter.Restore(room, latest, replyTo));
    }
  }

  /** Asks for a page of the room's history. */
  public void read(String room, HistoryQuery query, ActorRef<HistoryWriter.Page> replyTo) {
    if (writer == null) {
      replyTo.tell(new HistoryWriter.Page(room, query, List.of()));
    } else {
      writer.tell(new HistoryWriter.Read(room, query, replyTo));
    }
  }
}
