package lochat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MessageKind;
import lochat.chat.Topic;
import lochat.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link HistoryStore} does; each store's test extends this. */
abstract class HistoryStoreContract {

  static final Instant START = Instant.parse("2024-05-01T12:00:00Z");

  final TestClock clock = new TestClock(START);
  HistoryStore store;

  abstract HistoryStore open(TestClock clock);

  @BeforeEach
  void openStore() {
    store = open(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void serverBansAreKeptReplacedAndRemoved() {
    ServerBan first = new ServerBan("10.0.0.*", "spam", "ann", START);
    ServerBan second = new ServerBan("192.168.1.7", "flood", "bob", START.plusSeconds(1));
    store.saveServerBan(first);
    store.saveServerBan(second);
    ServerBan replaced = new ServerBan("10.0.0.*", "spam, again", "bob", START.plusSeconds(2));
    store.saveServerBan(replaced);

    assertEquals(List.of(second, replaced), store.loadServerBans());
    assertTrue(store.removeServerBan("192.168.1.7"));
    assertEquals(false, store.removeServerBan("192.168.1.7"), "already gone");
    assertEquals(List.of(replaced), store.loadServerBans());
  }

  @Test
  void twoRoomsMayKeepEntriesUnderTheSameId() {
    HistoryEntry inA = post("a", "ann", "in a").withId(7_000_000);
    HistoryEntry inB = post("b", "bob", "in b").withId(7_000_000);
    store.write(new HistoryStore.Batch(List.of(inA, inB), List.of()));
    assertEquals(List.of(inA), store.latest("a", 10));
    assertEquals(List.of(inB), store.latest("b", 10));
  }

  @Test
  void newestIdsGiveEachRoomsNewestEntryByItsKey() {
    assertEquals(Map.of(), store.newestIds());
    HistoryEntry inA = post("Games", "ann", "older").withId(5);
    HistoryEntry newerInA = post("games", "ann", "newer").withId(9);
    HistoryEntry inB = post("dev", "bob", "only").withId(7);
    store.write(new HistoryStore.Batch(List.of(newerInA, inA, inB), List.of()));
    assertEquals(Map.of("games", 9L, "dev", 7L), store.newestIds());
  }

  @Test
  void idsStampedAfterAnEntryFromElsewhereIsWrittenAreAboveIt() {
    HistoryEntry mine = store.stamp(post("lobby", "ann", "mine"));
    HistoryEntry fromElsewhere = post("lobby", "bob", "from another node").withId(mine.id() + 1000);
    store.write(new HistoryStore.Batch(List.of(fromElsewhere), List.of()));
    assertTrue(store.stamp(post("lobby", "ann", "next")).id() > fromElsewhere.id());
  }

  NewEntry post(String room, String nick, String text) {
    return new NewEntry(room, clock.instant(), nick, nick + "!" + nick + "@lan", "native",
        EntryKind.TEXT, text);
  }

  /** {@code count} posts to {@code room}, one second apart, "1", "2", ... */
  List<HistoryEntry> posts(String room, int count) {
    List<HistoryEntry> stored = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      stored.addAll(store.append(List.of(post(room, "ann", String.valueOf(i)))));
      clock.advance(Duration.ofSeconds(1));
    }
    return stored;
  }

  static List<String> texts(List<HistoryEntry> entries) {
    return entries.stream().map(HistoryEntry::text).toList();
  }

  static List<String> texts(int... numbers) {
    return IntStream.of(numbers).mapToObj(String::valueOf).toList();
  }

  @Test
  void whatIsAppendedIsReadBackWithTheIdsTheStoreGave() {
    List<HistoryEntry> stored = store.append(List.of(
        post("lobby", "ann", "hello"),
        new NewEntry("lobby", clock.instant(), "bob", "bob", "irc", EntryKind.ACTION, "waves"),
        NewEntry.topic("lobby", clock.instant(), "ann", "ann", "native", "Plans"),
        post("other", "cid", "elsewhere")));

    assertEquals(stored.subList(0, 3), store.latest("lobby", 10));
    assertEquals(stored.subList(3, 4), store.latest("other", 10));
    assertTrue(stored.get(0).id() < stored.get(1).id() && stored.get(1).id() < stored.get(2).id());
    assertEquals(EntryKind.TOPIC, store.latest("lobby", 1).get(0).kind());
  }

  @Test
  void aPostComesBackAsThePostItWas() {
    Posted posted = new Posted("lobby", "ann", "ann!a@lan", "irc", "hi there",
        MessageKind.ACTION, Map.of("+typing", "active"), Instant.parse("2024-05-01T12:00:00.123Z"));
    store.append(List.of(NewEntry.of(posted)));

    Posted replayed = store.latest("lobby", 1).get(0).toPosted();

    assertEquals(new Posted("lobby", "ann", "ann!a@lan", "irc", "hi there", MessageKind.ACTION,
        Map.of(), posted.at(), replayed.id(), replayed.renderings()), replayed);
  }

  @Test
  void timesAreKeptToTheMillisecond() {
    Instant precise = Instant.parse("2024-05-01T12:00:00.123456789Z");
    store.append(List.of(new NewEntry("lobby", precise, "ann", "ann", "native", EntryKind.TEXT,
        "x")));

    assertEquals(Instant.parse("2024-05-01T12:00:00.123Z"), store.latest("lobby", 1).get(0).at());
  }

  @Test
  void roomsAreTheSameWhateverTheirCase() {
    store.append(List.of(post("Lobby", "ann", "hi")));

    assertEquals(texts(List.of(store.latest("Lobby", 1).get(0))), texts(store.latest("LOBBY", 5)));
    assertEquals("Lobby", store.latest("lobby", 1).get(0).room());
  }

  @Test
  void latestGivesTheLastEntriesOldestFirst() {
    posts("lobby", 5);

    assertEquals(texts(4, 5), texts(store.latest("lobby", 2)));
    assertEquals(texts(1, 2, 3, 4, 5), texts(store.latest("lobby", 50)));
    assertEquals(List.of(), store.latest("lobby", 0));
    assertEquals(List.of(), store.latest("nowhere", 10));
  }

  @Test
  void latestAfterAnEntryStopsAtIt() {
    List<HistoryEntry> e = posts("lobby", 5);

    assertEquals(texts(4, 5), texts(store.latestAfter("lobby", e.get(0).id(), 2)));
    assertEquals(texts(5), texts(store.latestAfter("lobby", e.get(3).id(), 10)));
    assertEquals(List.of(), store.latestAfter("lobby", e.get(4).id(), 10));
  }

  @Test
  void beforePagesBackwardsWithoutTheEntryItself() {
    List<HistoryEntry> e = posts("lobby", 5);

    assertEquals(texts(2, 3), texts(store.before("lobby", e.get(3).id(), 2)));
    assertEquals(texts(1, 2, 3), texts(store.before("lobby", e.get(3).id(), 10)));
    assertEquals(List.of(), store.before("lobby", e.get(0).id(), 10));
    assertEquals(texts(5), texts(store.before("lobby", HistoryStore.NO_BOUND, 1)));
  }

  @Test
  void afterPagesForwardsWithoutTheEntryItself() {
    List<HistoryEntry> e = posts("lobby", 5);

    assertEquals(texts(3, 4), texts(store.after("lobby", e.get(1).id(), 2)));
    assertEquals(List.of(), store.after("lobby", e.get(4).id(), 10));
    assertEquals(texts(1, 2), texts(store.after("lobby", 0, 2)));
  }

  @Test
  void pagingSeesOnlyTheRoomAskedFor() {
    List<HistoryEntry> lobby = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      lobby.addAll(store.append(List.of(post("lobby", "ann", String.valueOf(i)))));
      store.append(List.of(post("other", "bob", "other " + i)));
    }

    assertEquals(texts(2, 3), texts(store.between("lobby", lobby.get(0).id(),
        lobby.get(3).id(), 10)));
    assertEquals(texts(3), texts(store.before("lobby", lobby.get(3).id(), 1)));
  }

  @Test
  void aroundTakesTheEntryAndItsNeighboursOnBothSides() {
    List<HistoryEntry> e = posts("lobby", 7);
    long fourth = e.get(3).id();

    assertEquals(texts(3, 4, 5), texts(store.around("lobby", fourth, 3)));
    assertEquals(texts(2, 3, 4, 5), texts(store.around("lobby", fourth, 4)));
    assertEquals(texts(4), texts(store.around("lobby", fourth, 1)));
    assertEquals(texts(1, 2, 3, 4, 5, 6, 7), texts(store.around("lobby", fourth, 100)));
    assertEquals(List.of(), store.around("lobby", fourth, 0));
  }

  @Test
  void aroundAnEdgeTakesMoreFromTheOtherSide() {
    List<HistoryEntry> e = posts("lobby", 7);

    assertEquals(texts(1, 2, 3), texts(store.around("lobby", e.get(0).id(), 3)));
    assertEquals(texts(5, 6, 7), texts(store.around("lobby", e.get(6).id(), 3)));
    assertEquals(texts(6, 7), texts(store.around("lobby", HistoryStore.NO_BOUND - 1, 2)));
  }

  @Test
  void aroundAnIdOfAnotherRoomTakesTheNeighboursOfWhereItWouldBe() {
    store.append(List.of(post("lobby", "ann", "1"), post("lobby", "ann", "2")));
    HistoryEntry elsewhere = store.append(List.of(post("other", "bob", "x"))).get(0);
    store.append(List.of(post("lobby", "ann", "3"), post("lobby", "ann", "4")));

    assertEquals(texts(2, 3), texts(store.around("lobby", elsewhere.id(), 2)));
  }

  @Test
  void betweenExcludesBothEndsAndCountsFromTheFirst() {
    List<HistoryEntry> e = posts("lobby", 6);
    long first = e.get(0).id();
    long fifth = e.get(4).id();

    assertEquals(texts(2, 3, 4), texts(store.between("lobby", first, fifth, 10)));
    assertEquals(texts(2, 3), texts(store.between("lobby", first, fifth, 2)));
    assertEquals(texts(3, 4), texts(store.between("lobby", fifth, first, 2)));
    assertEquals(List.of(), store.between("lobby", e.get(1).id(), e.get(2).id(), 10));
    assertEquals(List.of(), store.between("lobby", fifth, fifth, 10));
    assertEquals(List.of(), store.between("lobby", first, fifth, 0));
  }

  @Test
  void idAtTurnsATimeIntoAPlaceToPageFrom() {
    List<HistoryEntry> e = posts("lobby", 3);

    assertEquals(e.get(1).id(), store.idAt("lobby", START.plusSeconds(1)));
    assertEquals(e.get(1).id(), store.idAt("lobby", START.plusMillis(500)));
    assertEquals(HistoryStore.NO_BOUND, store.idAt("lobby", START.plusSeconds(3)));
    assertEquals(HistoryStore.NO_BOUND, store.idAt("nowhere", START));
    assertEquals(texts(1, 2),
        texts(store.before("lobby", store.idAt("lobby", START.plusMillis(1500)), 10)));
    assertEquals(texts(3),
        texts(store.after("lobby", store.idAt("lobby", START.plusMillis(1001)) - 1, 10)));
  }

  @Test
  void aRoomsStateIsSavedAndReplacedWhole() {
    Topic topic = new Topic("Plans for Friday", "ann", START);
    RoomState first = new RoomState("Lobby", Optional.of(topic), "ntk secret", List.of(
        new ListEntry('b', "troll!*@*", "ann", START),
        new ListEntry('e', "troll!*@friend", "ann", START.plusSeconds(1)),
        new ListEntry('I', "*!*@lan", "bob", START.plusSeconds(2))));
    store.saveRoom(first);

    assertEquals(Optional.of(first), store.loadRoom("lobby"));

    RoomState second = new RoomState("lobby", Optional.empty(), "nt",
        List.of(new ListEntry('b', "other!*@*", "bob", START.plusSeconds(3))));
    store.saveRoom(second);

    assertEquals(Optional.of(second), store.loadRoom("LOBBY"));
    assertEquals(Optional.empty(), store.loadRoom("nowhere"));
  }

  @Test
  void everyRoomsStateCanBeLoaded() {
    store.saveRoom(RoomState.empty("lobby"));
    store.saveRoom(new RoomState("dev", Optional.empty(), "s", List.of()));

    assertEquals(List.of("dev", "lobby"),
        store.loadRooms().stream().map(RoomState::room).sorted().toList());
  }

  @Test
  void aBatchWritesEntriesAndRoomStatesTogether() {
    HistoryEntry topicSet = store.stamp(
        NewEntry.topic("lobby", START, "ann", "ann", "native", "New topic"));
    RoomState state = new RoomState("lobby",
        Optional.of(new Topic("New topic", "ann", START)), "", List.of());

    store.write(new HistoryStore.Batch(List.of(topicSet), List.of(state)));

    assertEquals(List.of(topicSet), store.latest("lobby", 5));
    assertEquals(Optional.of(state), store.loadRoom("lobby"));
  }

  @Test
  void writingAnEntryAgainReplacesIt() {
    HistoryEntry entry = store.stamp(post("lobby", "ann", "once"));

    store.write(new HistoryStore.Batch(List.of(entry), List.of()));
    store.write(new HistoryStore.Batch(List.of(entry), List.of()));

    assertEquals(List.of(entry), store.latest("lobby", 5));
  }

  @Test
  void retentionByCountKeepsTheNewestOfEachRoom() {
    posts("lobby", 5);
    posts("small", 2);

    assertEquals(2, store.prune(new Retention(Duration.ZERO, 3)));

    assertEquals(texts(3, 4, 5), texts(store.latest("lobby", 10)));
    assertEquals(texts(1, 2), texts(store.latest("small", 10)));
  }

  @Test
  void retentionByAgeDropsWhatIsOlderThanTheLimit() {
    store.append(List.of(post("lobby", "ann", "old")));
    clock.advance(Duration.ofDays(2));
    store.append(List.of(post("lobby", "ann", "recent")));
    store.saveRoom(RoomState.empty("lobby"));
    clock.advance(Duration.ofHours(12));

    assertEquals(0, store.prune(Retention.FOREVER));
    assertEquals(1, store.prune(new Retention(Duration.ofDays(1), 0)));

    assertEquals(List.of("recent"), texts(store.latest("lobby", 10)));
    assertTrue(store.loadRoom("lobby").isPresent(), "room states are never pruned");
  }

  @Test
  void idsAreNotGivenAgainAfterTheirEntriesArePruned() {
    List<HistoryEntry> old = posts("lobby", 3);
    clock.advance(Duration.ofDays(2));
    store.prune(new Retention(Duration.ofDays(1), 0));

    HistoryEntry next = store.append(List.of(post("lobby", "ann", "new"))).get(0);

    assertTrue(next.id() > old.get(2).id());
  }
}
