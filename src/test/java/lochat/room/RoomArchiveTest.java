package lochat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.store.HistoryWriter;
import lochat.store.MemoryHistoryStore;
import lochat.testing.TestEvents;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

class RoomArchiveTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private final MemoryHistoryStore store =
      new MemoryHistoryStore(Clock.fixed(NOW, ZoneOffset.UTC), 10, 10);
  private final TestInbox<HistoryWriter.Command> writer = TestInbox.create("writer");
  private final ChatEvent.PrivateMessage message =
      TestEvents.privateMessage("Bob", "ann", "psst", MessageKind.TEXT, NOW);

  @Test
  void privateMessagesAreKeptOnlyWhenAskedForUnderTheirConversationsName() {
    RoomArchive.of(store, writer.getRef()).keepPrivate(message);
    assertFalse(writer.hasMessages(), "not kept by default");

    RoomArchive.of(store, writer.getRef(), true).keepPrivate(message);
    HistoryWriter.Append append = (HistoryWriter.Append) writer.receiveMessage();
    assertEquals("@ann,bob", append.entry().room());
    assertEquals(List.of("Bob", "psst"), List.of(append.entry().nick(), append.entry().text()));
  }

  @Test
  void aConversationHasOneNameWhoeverWritesAndNoRoomCanHaveIt() {
    assertEquals(RoomArchive.conversation("ann", "BOB"), RoomArchive.conversation("bob", "Ann"));
    assertEquals(true, lochat.chat.Names.roomProblem("@ann,bob").isPresent());
  }
}
