package lochat.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import lochat.protocol.LineEncoding;
import lochat.testing.TestEvents;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MemberDelivery.Outcome;
import lochat.chat.MessageKind;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The bytes on their way to one client: what its session and its rooms may queue, what the
 * socket is given and when, the order of posts a room writes directly behind events its session
 * still has to show, and the rule that drops a client that has stopped reading.
 *
 * <p>The socket is played by a subscriber that asks for one write at a time, so that the test
 * decides when the socket is busy. Time is a counter the test moves: nothing here sleeps.
 */
class OutboundTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Duration SLOW_READER_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(5);
  /** How a room renders posts in these tests: the text and a newline. */
  private static final Function<Posted, ByteString> TEXT =
      posted -> ByteString.fromString(posted.text() + "\n");
  private static final PostBytes RENDER = new PostBytes() {
    @Override
    public ByteString others(Posted posted) {
      return TEXT.apply(posted);
    }

    @Override
    public ByteString own(Posted posted) {
      return TEXT.apply(posted);
    }
  };

  /** The time the outbound reads, in nanoseconds; never 0 (see the catch-up test). */
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final AtomicInteger droppedAsTooSlow = new AtomicInteger();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** An outbound with a {@code limit}-byte send buffer and writes of at most {@code maxWrite}. */
  private Outbound outbound(long limit, int maxWrite) {
    Outbound outbound =
        new Outbound(limit, maxWrite, SLOW_READER_TIMEOUT, LineEncoding.LF, now::get);
    outbound.whenDroppedAsTooSlow(droppedAsTooSlow::incrementAndGet);
    return outbound;
  }

  private void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  /** A line that takes exactly {@code bytes} bytes once its newline is added. */
  private static String line(int bytes) {
    return "x".repeat(bytes - 1);
  }

  /** A line of exactly {@code bytes} bytes (newline included) starting with {@code tag}. */
  private static String line(String tag, int bytes) {
    return tag + "-".repeat(bytes - 1 - tag.length());
  }

  /** A post whose rendering takes exactly {@code bytes} bytes. */
  private static Posted post(String tag, int bytes) {
    return TestEvents.posted("lobby", "bob", line(tag, bytes), MessageKind.TEXT, Instant.EPOCH);
  }

  private static ByteString bytes(String... lines) {
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line).append('\n');
    }
    return ByteString.fromString(text.toString());
  }

  // --- the size rules -----------------------------------------------------------------------

  @Test
  void queueWithinItsLimitTakesTheNextElementWhateverItsSize() throws Exception {
    Outbound outbound = outbound(100, 64 * 1024);
    String huge = line("huge", 1000);
    String more = line("more", 500);

    assertEquals(Outbound.Result.SENT, outbound.send(line("full", 100)), "up to the limit");
    assertEquals(Outbound.Result.SENT, outbound.send(huge), "at the limit, not over it");

    Socket socket = Socket.of(outbound);
    assertEquals(bytes(line("full", 100), huge), socket.write());
    assertEquals(Outbound.Result.SENT, outbound.send(more), "empty again");
    assertEquals(bytes(more), socket.write());
    assertEquals(0, droppedAsTooSlow.get());
  }

  @Test
  void sessionSendThatWouldPassSixteenTimesTheLimitOverflowsAndDropsTheClientOnce()
      throws Exception {
    Outbound outbound = outbound(100, 64 * 1024);
    Socket socket = Socket.of(outbound);

    assertEquals(Outbound.Result.SENT, outbound.send(line(60)));
    assertEquals(Outbound.Result.SENT, outbound.send(line(60)));
    assertEquals(Outbound.Result.SENT, outbound.send(line(1480)),
        "exactly sixteen times the limit: a burst such as a room's history");
    assertEquals(Outbound.Result.OVERFLOW, outbound.send(line(1)));

    assertEquals(1, droppedAsTooSlow.get(), "the session is told");
    socket.pull();
    assertEquals("too slow: more than 100 bytes unread",
        socket.failure().getMessage(), "the connection is cut with the reason");
    assertInstanceOf(Outbound.ConnectionAborted.class, socket.failure());
    assertEquals(Outbound.Result.CLOSED, outbound.send("after"));
    new RoomDelivery(outbound, RENDER).drop("too slow again");
    assertEquals(1, droppedAsTooSlow.get(), "told once only");
    assertNull(outbound.tooSlow(), "a client already dropped is not dropped again");
  }

  @Test
  void sessionSendToAClientOverItsLimitThatReadsNothingForTheTimeoutOverflows()
      throws Exception {
    Outbound outbound = outbound(100, 64 * 1024);
    Socket socket = Socket.of(outbound);
    assertEquals(Outbound.Result.SENT, outbound.send(line(150)));

    advance(SLOW_READER_TIMEOUT);
    assertEquals(Outbound.Result.SENT, outbound.send(line(10)), "not past the timeout yet");
    advance(Duration.ofNanos(1));
    assertEquals(Outbound.Result.OVERFLOW, outbound.send(line(10)), "though within twice");

    assertEquals(1, droppedAsTooSlow.get());
    socket.pull();
    assertEquals("too slow: more than 100 bytes unread", socket.failure().getMessage());
  }

  // --- what the socket is given -------------------------------------------------------------

  @Test
  void linesQueuedWhileTheSocketIsBusyAreGatheredIntoWritesOfAtMostMaxWriteBytes()
      throws Exception {
    Outbound outbound = outbound(64 * 1024, 100);
    Socket socket = Socket.of(outbound);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add(line("line" + i, 30));
      assertEquals(Outbound.Result.SENT, outbound.send(lines.get(i)));
    }

    assertEquals(bytes(lines.get(0), lines.get(1), lines.get(2)), socket.write(),
        "as many whole lines as fit in 100 bytes");
    assertEquals(bytes(lines.get(3), lines.get(4), lines.get(5)), socket.write());
    assertEquals(bytes(lines.get(6), lines.get(7), lines.get(8)), socket.write());
    assertEquals(bytes(lines.get(9)), socket.write());

    String big = line("big", 250);
    outbound.send(lines.get(0));
    outbound.send(big);
    outbound.send(lines.get(1));
    assertEquals(bytes(lines.get(0)), socket.write(), "the big one does not fit with it");
    assertEquals(bytes(big), socket.write(), "a line bigger than a write goes alone, whole");
    assertEquals(bytes(lines.get(1)), socket.write());
  }

  @Test
  void aLineForAnIdleSocketIsWrittenAtOnce() throws Exception {
    Outbound outbound = outbound(64 * 1024, 100);
    Socket socket = Socket.of(outbound);
    socket.pull();

    outbound.send("hello");

    assertEquals(bytes("hello"), socket.nextWrite());
  }

  @Test
  void closeWritesEverythingQueuedThenEnds() throws Exception {
    Outbound outbound = outbound(64 * 1024, 100);
    Socket socket = Socket.of(outbound);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      lines.add(line("bye" + i, 30));
      outbound.send(lines.get(i));
    }

    outbound.close();
    outbound.close();

    assertEquals(Outbound.Result.CLOSED, outbound.send("too late"));
    assertEquals(bytes(lines.get(0), lines.get(1), lines.get(2)), socket.write());
    assertEquals(bytes(lines.get(3), lines.get(4)), socket.write());
    socket.pull();
    socket.expectCompleted();
    assertEquals(0, droppedAsTooSlow.get());
  }

  @Test
  void abortEndsTheConnectionAtOnceAndDropsWhatIsQueued() throws Exception {
    Outbound outbound = outbound(64 * 1024, 10);
    Socket socket = Socket.of(outbound);
    outbound.send("written");
    outbound.send("never written");

    assertEquals(bytes("written"), socket.write());
    outbound.abort("session stopped");

    Throwable failure = socket.failure();
    assertInstanceOf(Outbound.ConnectionAborted.class, failure, "without the socket asking");
    assertEquals("session stopped", failure.getMessage());
    assertEquals(List.of(), socket.writesSoFar());
    assertEquals(Outbound.Result.CLOSED, outbound.send("after"));
    assertEquals(0, droppedAsTooSlow.get(), "an abort is not a too-slow drop");
  }

  // --- order between the session and the rooms ----------------------------------------------

  @Test
  void postsWaitBehindRoomEventsTheSessionHasNotHandledYet() throws Exception {
    Outbound outbound = outbound(64 * 1024, 64 * 1024);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    Posted a = post("a", 10);
    Posted b = post("b", 10);
    Posted c = post("c", 10);
    Posted d = post("d", 10);

    assertEquals(Outcome.DELIVERED, lobby.post(a));
    lobby.throughSession();
    assertEquals(Outcome.THROUGH_SESSION, lobby.post(b), "behind the event");

    outbound.send("JOINED lobby carol");
    outbound.handledThroughSession();
    assertEquals(Outcome.THROUGH_SESSION, lobby.post(c), "still behind b, which was counted");
    outbound.sendEncoded(TEXT.apply(b));
    outbound.handledThroughSession();
    outbound.sendEncoded(TEXT.apply(c));
    outbound.handledThroughSession();
    assertThrows(IllegalStateException.class, outbound::handledThroughSession,
        "c was the last one counted");
    assertEquals(Outcome.DELIVERED, lobby.post(d), "nothing left ahead of it");

    Socket socket = Socket.of(outbound);
    assertEquals(bytes(a.text(), "JOINED lobby carol", b.text(), c.text(), d.text()),
        socket.write());
  }

  @Test
  void handlingMoreRoomEventsThanWereSentIsAnError() {
    Outbound outbound = outbound(64 * 1024, 100);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    assertThrows(IllegalStateException.class, outbound::handledThroughSession);

    lobby.throughSession();
    outbound.handledThroughSession();
    assertThrows(IllegalStateException.class, outbound::handledThroughSession);
  }

  @Test
  void closedDeliveryQueuesNothingAndCountsNothing() throws Exception {
    Outbound outbound = outbound(64 * 1024, 64 * 1024);
    RoomDelivery left = new RoomDelivery(outbound, RENDER);
    RoomDelivery other = new RoomDelivery(outbound, RENDER);
    left.close();

    assertEquals(Outcome.DELIVERED, left.post(post("from-the-room-left", 30)));
    other.throughSession();
    assertEquals(Outcome.DELIVERED, left.post(post("still-not", 30)), "not counted either");
    outbound.handledThroughSession();
    assertThrows(IllegalStateException.class, outbound::handledThroughSession);
    assertEquals(Outcome.DELIVERED, other.post(post("other-room", 30)));

    assertEquals(bytes(line("other-room", 30)), Socket.of(outbound).write());
  }

  // --- falling behind and catching up -------------------------------------------------------

  @Test
  void postReturnsBehindOnceMoreThanTheLimitIsQueued() throws Exception {
    Outbound outbound = outbound(100, 64 * 1024);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);

    assertEquals(Outcome.DELIVERED, lobby.post(post("p1", 50)));
    assertEquals(Outcome.DELIVERED, lobby.post(post("p2", 50)), "exactly the limit");
    assertEquals(Outcome.BEHIND, lobby.post(post("p3", 5)));
    assertEquals(Outcome.BEHIND, lobby.post(post("p4", 10)), "still behind");

    assertEquals(bytes(line("p1", 50), line("p2", 50), line("p3", 5), line("p4", 10)),
        Socket.of(outbound).write(), "queued all the same");
    assertEquals(0, droppedAsTooSlow.get());
  }

  /**
   * A member that has stopped reading is not waited for: its rooms go on (posts answer
   * DELIVERED, not BEHIND), and it is dropped once twice its limit would be queued.
   */
  @Test
  void memberPastItsLimitThatIsNotReadingIsNotWaitedFor() throws Exception {
    Outbound outbound = outbound(100, 64 * 1024);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    assertEquals(Outcome.DELIVERED, lobby.post(post("p1", 100)), "at the limit");
    advance(SLOW_READER_TIMEOUT.dividedBy(8));

    assertEquals(Outcome.DELIVERED, lobby.post(post("p2", 60)),
        "past the limit, but nothing read for an eighth of the timeout: not waited for");
    assertFalse(lobby.behind());
    assertEquals(0, droppedAsTooSlow.get());
    lobby.post(post("p3", 60));
    assertEquals(1, droppedAsTooSlow.get(), "dropped rather than queued past twice the limit");
  }

  /** A member past its limit that has read within an eighth of the timeout is waited for. */
  @Test
  void memberPastItsLimitThatIsReadingIsWaitedFor() throws Exception {
    Outbound outbound = outbound(100, 64 * 1024);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    Socket socket = Socket.of(outbound);
    lobby.post(post("p1", 100));
    advance(SLOW_READER_TIMEOUT);
    lobby.post(post("p2", 10));
    socket.write();
    advance(SLOW_READER_TIMEOUT.dividedBy(16));
    lobby.post(post("p3", 100));

    assertEquals(Outcome.BEHIND, lobby.post(post("p4", 10)),
        "past the limit, and read within an eighth of the timeout: its rooms wait");
    assertTrue(lobby.behind());
  }

  @Test
  void postThatWouldPassTwiceTheLimitDropsTheMember() throws Exception {
    Outbound outbound = outbound(100, 64 * 1024);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    Socket socket = Socket.of(outbound);
    assertEquals(Outcome.BEHIND, lobby.post(post("p1", 150)));

    assertEquals(Outcome.DELIVERED, lobby.post(post("p2", 51)), "nothing for the room to do");

    assertEquals(1, droppedAsTooSlow.get());
    socket.pull();
    assertEquals("too slow: more than 100 bytes unread", socket.failure().getMessage());
  }

  @Test
  void whenCaughtUpRunsAtOnceWhenAtMostHalfFull() {
    Outbound outbound = outbound(100, 64 * 1024);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    AtomicInteger ran = new AtomicInteger();

    lobby.whenCaughtUp(ran::incrementAndGet);
    assertEquals(1, ran.get(), "empty");
    lobby.post(post("half", 50));
    lobby.whenCaughtUp(ran::incrementAndGet);
    assertEquals(2, ran.get(), "exactly half");
  }

  @Test
  void whenCaughtUpWaitsUntilTheSocketHasTakenTheQueueBackToHalf() throws Exception {
    Outbound outbound = outbound(100, 30);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    for (int i = 0; i < 3; i++) {
      assertEquals(Outcome.DELIVERED, lobby.post(post("p" + i, 30)));
    }
    assertEquals(Outcome.BEHIND, lobby.post(post("p3", 30)));
    CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    lobby.whenCaughtUp(() -> caughtUp.complete(null));
    Socket socket = Socket.of(outbound);

    assertFalse(caughtUp.isDone(), "120 bytes unread");
    socket.write();
    assertFalse(caughtUp.isDone(), "90 bytes unread");
    socket.write();
    assertFalse(caughtUp.isDone(), "60 bytes unread");
    socket.write();
    assertTrue(caughtUp.isDone(), "30 bytes unread: back under half");
    assertEquals(Outcome.DELIVERED, lobby.post(post("p4", 30)));
  }

  @Test
  void droppingAClientReleasesWhatWaitsForItToCatchUp() {
    Outbound outbound = outbound(100, 64 * 1024);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    assertEquals(Outcome.BEHIND, lobby.post(post("p1", 150)));
    AtomicInteger ran = new AtomicInteger();
    lobby.whenCaughtUp(ran::incrementAndGet);
    assertEquals(0, ran.get());

    lobby.drop(outbound.tooSlowReason());

    assertEquals(1, ran.get(), "a room waiting for this member would otherwise wait forever");
    assertEquals(1, droppedAsTooSlow.get());
    lobby.whenCaughtUp(ran::incrementAndGet);
    assertEquals(2, ran.get(), "nothing to wait for any more");
  }

  /**
   * A client that reads, but more slowly than its room posts, makes the room wait (a post
   * answers {@link Outcome#BEHIND}) before it is dropped, also while its session lags a step
   * behind the room: the session shows the member's own echo and the posts queued behind it.
   * Time does not move, so the client never counts as having stopped reading.
   */
  @Test
  void memberWhoseSessionLagsMakesTheRoomWaitRatherThanBeingDropped() throws Exception {
    Outbound outbound = outbound(100, 10);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    Socket socket = Socket.of(outbound);
    ArrayDeque<Posted> toShow = new ArrayDeque<>();
    lobby.throughSession();
    toShow.add(post("echo", 10));
    boolean roomWaits = false;
    for (int i = 0; i < 100 && !roomWaits; i++) {
      Posted posted = post("p" + i, 10);
      Outcome outcome = lobby.post(posted);
      // What the room does: it waits on BEHIND, and asks after a post its session must show.
      roomWaits = outcome == Outcome.BEHIND
          || outcome == Outcome.THROUGH_SESSION && lobby.behind();
      if (outcome == Outcome.THROUGH_SESSION) {
        toShow.add(posted);
      }
      // The session shows one event for every post the room sends: it stays a step behind.
      if (outbound.sendEncoded(TEXT.apply(toShow.remove())) != Outbound.Result.SENT) {
        break;
      }
      outbound.handledThroughSession();
      if (i % 2 == 1) {
        socket.write(); // The client reads one post for every two the room sends.
      }
    }

    assertEquals(0, droppedAsTooSlow.get(), "dropped while reading");
    assertTrue(roomWaits, "the room was told to wait");
  }

  // --- the time rules -----------------------------------------------------------------------

  @Test
  void clientOverItsLimitThatTakesNothingForTheTimeoutIsTooSlow() throws Exception {
    Outbound outbound = outbound(100, 50);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    Socket socket = Socket.of(outbound);
    for (int i = 0; i < 4; i++) {
      lobby.post(post("p" + i, 50));
    }
    assertNull(lobby.tooSlow(), "200 bytes unread, but only just queued");

    advance(Duration.ofMillis(1500));
    assertEquals(bytes(line("p0", 50)), socket.write());
    advance(SLOW_READER_TIMEOUT);
    assertNull(lobby.tooSlow(), "150 unread; took the last one exactly a timeout ago");

    advance(Duration.ofNanos(1));
    assertEquals("too slow: more than 100 bytes unread", lobby.tooSlow());
  }

  @Test
  void clientWithinItsLimitIsNeverTooSlowHoweverLongItReadsNothing() {
    Outbound outbound = outbound(100, 50);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    lobby.post(post("p1", 100));

    advance(Duration.ofHours(1));

    assertNull(lobby.tooSlow());
    assertEquals(Outbound.Result.SENT, outbound.send("a reply"));
  }

  @Test
  void clientThatKeepsReadingButDoesNotGetBackToHalfWithinFiveTimeoutsIsTooSlow()
      throws Exception {
    Outbound outbound = outbound(100, 10);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    Socket socket = Socket.of(outbound);
    for (int i = 0; i < 11; i++) {
      lobby.post(post("p" + i, 10));
    }
    // Each timeout the client reads one post, and the room queues one more: always behind.
    for (int step = 1; step <= Outbound.CATCH_UP_TIMEOUTS; step++) {
      advance(SLOW_READER_TIMEOUT);
      socket.write();
      lobby.post(post("q" + step, 10));
      assertNull(lobby.tooSlow(), "still reading, " + step + " timeouts behind");
    }

    advance(Duration.ofNanos(1));

    assertEquals("too slow: more than 100 bytes unread", lobby.tooSlow());
  }

  @Test
  void clientThatGetsBackToHalfHasFiveTimeoutsAgainTheNextTimeItFallsBehind()
      throws Exception {
    Outbound outbound = outbound(100, 10);
    RoomDelivery lobby = new RoomDelivery(outbound, RENDER);
    Socket socket = Socket.of(outbound);
    for (int i = 0; i < 11; i++) {
      lobby.post(post("p" + i, 10));
    }
    for (int read = 0; read < 6; read++) {
      advance(Duration.ofMillis(1500));
      socket.write();
    }
    // 50 bytes unread, 9 s after falling behind: caught up. Behind again at once.
    for (int i = 0; i < 5; i++) {
      assertEquals(Outcome.DELIVERED, lobby.post(post("r" + i, 10)));
    }
    assertEquals(Outcome.BEHIND, lobby.post(post("r5", 10)));
    for (int step = 1; step <= 4; step++) {
      advance(SLOW_READER_TIMEOUT);
      socket.write();
      lobby.post(post("s" + step, 10));
    }

    assertNull(lobby.tooSlow(), "17 s after first falling behind, but 8 s after the second time");
  }

  /**
   * The socket end of an outbound, as a reactive-streams subscriber that asks for one write only
   * when the test {@link #pull}s: until then the socket is busy and lines are queued.
   *
   * <p>The stream starts on its own thread: a failure before it has started reaches the socket
   * when it next asks for a write, as a real socket does at once. Tests that cut the connection
   * before anything was written therefore {@link #pull} before they look for the failure.
   */
  private static final class Socket implements Subscriber<ByteString> {

    private final CompletableFuture<Subscription> subscription = new CompletableFuture<>();
    private final BlockingQueue<ByteString> writes = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    static Socket of(Outbound outbound) {
      Socket socket = new Socket();
      outbound.source().runWith(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), testKit.system())
          .subscribe(socket);
      return socket;
    }

    /** Asks for one write. */
    void pull() throws Exception {
      subscription.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).request(1);
    }

    /** Asks for one write and waits for it. */
    ByteString write() throws Exception {
      pull();
      return nextWrite();
    }

    /** Waits for the write asked for earlier. */
    ByteString nextWrite() throws InterruptedException {
      ByteString write = writes.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (write == null) {
        fail("Nothing written within " + WAIT + (ended.isDone() ? "; the stream ended" : ""));
      }
      return write;
    }

    /** The writes received and not taken yet. */
    List<ByteString> writesSoFar() {
      return List.copyOf(writes);
    }

    /** Why the stream failed; fails the test if it did not fail within the wait. */
    Throwable failure() throws Exception {
      try {
        ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException failed) {
        return failed.getCause();
      }
      return fail("The stream completed instead of failing");
    }

    void expectCompleted() throws Exception {
      assertNull(ended.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
      assertTrue(writes.isEmpty(), () -> "left unread: " + writes);
    }

    @Override
    public void onSubscribe(Subscription given) {
      assertNotNull(given);
      subscription.complete(given);
    }

    @Override
    public void onNext(ByteString write) {
      writes.add(write);
    }

    @Override
    public void onError(Throwable failure) {
      ended.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
      ended.complete(null);
    }
  }
}
