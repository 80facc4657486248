package lochat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import lochat.testing.TestEvents;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.ChatEvent.TopicChanged;
import lochat.chat.MemberDelivery;
import lochat.chat.MemberDelivery.Outcome;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.chat.Topic;
import lochat.room.ChatRoom.Join;
import lochat.room.ChatRoom.JoinResult;
import lochat.room.ChatRoom.Joined;
import lochat.room.ChatRoom.Occupancy;
import lochat.room.ChatRoom.Post;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.testkit.typed.Effect;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/**
 * How a room hands its traffic to members that have a connection of their own: other people's
 * posts straight into the connection ({@link MemberDelivery#post}), everything else through the
 * member's session, announced with {@link MemberDelivery#throughSession} first so that the
 * connection keeps later posts behind it; and how the room waits for a member that has fallen
 * behind, or drops it when it has stopped reading. Every member must see the same order.
 *
 * <p>Run synchronously: each member's delivery is a {@link FakeMember} that records, in one
 * timeline, the calls the room makes on it, what the room tells its session actor and the join
 * replies it gets, in the order they happen; the test decides what {@code post} answers.
 */
class ChatRoomDeliveryTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String TOO_SLOW = "too slow: more than 100 bytes unread";

  private final TestInbox<Occupancy> occupancy = TestInbox.create("occupancy");

  private final TestInbox<RoomRequest.Reply> roomReplies = TestInbox.create("room-replies");

  /** {@code nick}'s topic change, as the registry forwards it. */
  private ChatRoom.Forwarded topic(String nick, ActorRef<ChatEvent> who, String text) {
    return new ChatRoom.Forwarded(new Requester(nick, nick, "local", Profile.NATIVE, false), who,
        new RoomRequest.ChangeTopic(text, roomReplies.getRef()));
  }
  private final BehaviorTestKit<ChatRoom.Command> room =
      BehaviorTestKit.create(ChatRoom.create("lobby", 10, occupancy.getRef(), CLOCK,
          RoomArchive.discarding()));

  // --- what goes where ----------------------------------------------------------------------

  @Test
  void postsGoStraightToTheConnectionsAndTheSenderIsToldItsReceipt() {
    FakeMember alice = joined("alice");
    FakeMember bob = joined("bob");
    FakeMember carol = joined("carol");
    forget(alice, bob, carol);

    post(alice, "hello");

    Posted hello = posted("alice", "hello");
    assertEquals(List.of(offered(hello, Outcome.DELIVERED), told(new ChatEvent.Receipt(hello))),
        alice.timeline(), "the echo queued like the others, the receipt to the session");
    assertEquals(List.of(offered(hello, Outcome.DELIVERED)), bob.timeline(),
        "not told to bob's session");
    assertEquals(List.of(offered(hello, Outcome.DELIVERED)), carol.timeline());
  }

  @Test
  void joinReplyIsPrecededByThroughSessionOnTheJoinersDelivery() {
    FakeMember alice = joined("alice");
    forget(alice);

    FakeMember bob = joined("bob");

    assertEquals(THROUGH, bob.timeline().get(0));
    assertEquals(List.of("alice", "bob"),
        ((Joined) ((Replied) bob.timeline().get(1)).result()).members());
    assertEquals(2, bob.timeline().size());
    assertEquals(List.of(THROUGH, told(new MemberJoined("lobby", "bob", "bob"))),
        alice.timeline());
  }

  @Test
  void renamesTopicsAndDeparturesGoThroughEveryMembersSession() {
    FakeMember alice = joined("alice");
    FakeMember bob = joined("bob");
    forget(alice, bob);

    room.run(new ChatRoom.Rename(bob.actor.getRef(), "robert"));
    room.run(topic("alice", alice.actor.getRef(), "release"));
    room.run(new ChatRoom.Leave(bob.actor.getRef(), "lunch", false));

    MemberRenamed renamed = new MemberRenamed("lobby", "bob", "robert");
    TopicChanged topic = new TopicChanged("lobby", "alice",
        Optional.of(new Topic("release", "alice", NOW)));
    assertEquals(List.of(THROUGH, told(renamed), THROUGH, told(topic),
            THROUGH, told(new MemberLeft("lobby", "robert", "lunch", false))),
        alice.timeline());
    assertEquals(List.of(THROUGH, told(renamed), THROUGH, told(topic)),
        bob.timeline(), "the leaver is not told of its own departure");
  }

  @Test
  void postTheConnectionRefusesIsToldToTheSessionInItsPlace() {
    FakeMember alice = joined("alice");
    FakeMember bob = joined("bob");
    forget(alice, bob);
    bob.answers(Outcome.DELIVERED, Outcome.THROUGH_SESSION, Outcome.THROUGH_SESSION,
        Outcome.DELIVERED);

    for (String text : List.of("one", "two", "three", "four")) {
      post(alice, text);
    }

    Posted one = posted("alice", "one");
    Posted two = posted("alice", "two");
    Posted three = posted("alice", "three");
    Posted four = posted("alice", "four");
    assertEquals(List.of(offered(one, Outcome.DELIVERED),
        offered(two, Outcome.THROUGH_SESSION), told(two),
        offered(three, Outcome.THROUGH_SESSION), told(three),
        offered(four, Outcome.DELIVERED)), bob.timeline());
    assertEquals(List.of(one, two, three, four), bob.seen());
    assertEquals(alice.seen(), bob.seen());
  }

  // --- a member that falls behind -----------------------------------------------------------

  @Test
  void memberBehindMakesTheRoomHoldLaterRequestsUntilItCatchesUp() {
    FakeMember alice = joined("alice");
    FakeMember bob = joined("bob");
    FakeMember carol = joined("carol");
    forget(alice, bob, carol);
    bob.answers(Outcome.BEHIND);

    post(alice, "one");
    assertNotNull(bob.caughtUp, "the room waits for bob to catch up");
    post(carol, "two");
    FakeMember dave = new FakeMember("dave");
    room.run(dave.join());
    post(alice, "three");

    Posted one = posted("alice", "one");
    assertEquals(List.of(one), alice.seen(), "nothing after one yet");
    assertEquals(List.of(one), bob.seen());
    assertEquals(List.of(one), carol.seen(), "carol's own echo waits too");
    assertEquals(List.of(), dave.timeline(), "dave's join is not answered yet");

    catchUp(bob);

    Posted two = posted("carol", "two");
    Posted three = posted("alice", "three");
    MemberJoined daveJoined = new MemberJoined("lobby", "dave", "dave");
    for (FakeMember member : List.of(alice, bob, carol)) {
      assertEquals(List.of(one, two, daveJoined, three), member.seen(), member.nick);
    }
    Joined daveIn = (Joined) ((Replied) dave.timeline().get(1)).result();
    assertEquals(List.of(one, two),
        daveIn.history().stream().map(TestEvents::withoutId).toList());
    assertEquals(List.of(three), dave.seen());
  }

  @Test
  void memberFallingBehindAgainWhileTheHeldRequestsAreReplayedKeepsTheirOrder() {
    FakeMember alice = joined("alice");
    FakeMember bob = joined("bob");
    FakeMember carol = joined("carol");
    forget(alice, bob, carol);
    bob.answers(Outcome.BEHIND, Outcome.BEHIND);

    post(alice, "1");
    post(carol, "2");
    post(alice, "3");
    post(carol, "4");
    post(alice, "5");
    catchUp(bob);
    assertEquals(texts("1", "2"), texts(alice.seen()), "behind again after 2");
    catchUp(bob);

    List<Posted> expected = List.of(posted("alice", "1"), posted("carol", "2"),
        posted("alice", "3"), posted("carol", "4"), posted("alice", "5"));
    for (FakeMember member : List.of(alice, bob, carol)) {
      assertEquals(expected, member.seen(), member.nick);
    }
  }

  @Test
  void memberThatHasStoppedReadingIsDroppedOnTheNextCheckAndTheRoomMovesOn() {
    FakeMember alice = joined("alice");
    FakeMember bob = joined("bob");
    FakeMember carol = joined("carol");
    forget(alice, bob, carol);
    room.getAllEffects();
    bob.answers(Outcome.BEHIND);

    post(alice, "one");
    ChatRoom.Command check = slowMemberCheck();
    post(carol, "two");

    room.run(check);
    assertEquals(List.of(), bob.dropped, "bob is still reading");
    assertEquals(texts("one"), texts(carol.seen()), "two still waits");

    bob.tooSlow = TOO_SLOW;
    occupancy.getAllReceived();
    room.run(check);

    assertEquals(List.of(TOO_SLOW), bob.dropped);
    MemberLeft left = new MemberLeft("lobby", "bob", TOO_SLOW, true);
    Posted one = posted("alice", "one");
    Posted two = posted("carol", "two");
    assertEquals(List.of(one, left, two), alice.seen());
    assertEquals(List.of(one, left, two), carol.seen());
    assertEquals(List.of(one), bob.seen(), "nothing more for bob");
    assertEquals(List.of(new Occupancy("lobby", 2, 3, "", false)), occupancy.getAllReceived());
    assertEquals(List.of("alice", "carol"), members());
  }

  @Test
  void memberBehindWhoseSessionStopsNoLongerHoldsTheRoom() {
    FakeMember alice = joined("alice");
    FakeMember bob = joined("bob");
    forget(alice, bob);
    bob.answers(Outcome.BEHIND);
    post(alice, "one");
    post(alice, "two");

    room.run(new ChatRoom.MemberStopped(bob.actor.getRef()));

    assertEquals(List.of(posted("alice", "one"),
            new MemberLeft("lobby", "bob", ChatRoom.CONNECTION_LOST, true),
            posted("alice", "two")),
        alice.seen());
  }

  /**
   * A member's departure sent while the room waits for somebody else keeps its reason, even when
   * the member's session stops right after sending it (as a session does when it drops its own
   * client as too slow, or on /quit).
   */
  @Test
  void leaveHeldWhileTheRoomWaitsKeepsItsReasonWhenTheSessionStops() {
    FakeMember alice = joined("alice");
    FakeMember bob = joined("bob");
    FakeMember carol = joined("carol");
    forget(alice, bob, carol);
    bob.answers(Outcome.BEHIND);
    post(alice, "one");

    room.run(new ChatRoom.Leave(carol.actor.getRef(), TOO_SLOW, true));
    room.run(new ChatRoom.MemberStopped(carol.actor.getRef()));
    catchUp(bob);

    assertEquals(List.of(posted("alice", "one"), new MemberLeft("lobby", "carol", TOO_SLOW, true)),
        alice.seen());
  }

  /**
   * Many posts from three members whose connections answer at random (queued, through the
   * session, behind), catching up at random moments: every member sees every post once, all in
   * the order the room took them, which is the order they were sent.
   */
  @Test
  void everyMemberSeesTheSamePostsInTheSameOrder() {
    Random random = new Random(20_240_501);
    List<FakeMember> members = List.of(joined("alice"), joined("bob"), joined("carol"));
    members.forEach(this::forget);
    List<Posted> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      for (FakeMember member : members) {
        member.answers(Outcome.values()[random.nextInt(Outcome.values().length)]);
      }
      FakeMember sender = members.get(random.nextInt(members.size()));
      post(sender, "post " + i);
      sent.add(posted(sender.nick, "post " + i));
      FakeMember lucky = members.get(random.nextInt(members.size()));
      if (lucky.caughtUp != null && random.nextBoolean()) {
        catchUp(lucky);
      }
    }
    for (FakeMember member : members) {
      member.answers();
      if (member.caughtUp != null) {
        catchUp(member);
      }
    }

    for (FakeMember member : members) {
      assertEquals(sent, member.seen(), member.nick);
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private FakeMember joined(String nick) {
    FakeMember member = new FakeMember(nick);
    room.run(member.join());
    assertTrue(member.timeline().stream().anyMatch(Replied.class::isInstance), "joined");
    return member;
  }

  private void forget(FakeMember... members) {
    for (FakeMember member : members) {
      member.forget();
    }
  }

  private void post(FakeMember member, String text) {
    room.run(new Post(member.actor.getRef(), text, MessageKind.TEXT));
  }

  /** Runs what the member's connection does once it has caught up, and the room's answer. */
  private void catchUp(FakeMember member) {
    Runnable caughtUp = member.caughtUp;
    assertNotNull(caughtUp, member.nick + " is not behind");
    member.caughtUp = null;
    caughtUp.run();
    assertTrue(room.selfInbox().hasMessages(), "the room is told");
    while (room.selfInbox().hasMessages()) {
      room.runOne();
    }
  }

  /** The check the room has scheduled for members that stopped reading. */
  private ChatRoom.Command slowMemberCheck() {
    return room.getAllEffects().stream()
        .filter(Effect.TimerScheduled.class::isInstance)
        .map(effect -> (ChatRoom.Command) ((Effect.TimerScheduled<?>) effect).msg())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check scheduled"));
  }

  private List<String> members() {
    TestInbox<ChatRoom.MembersResult> reply = TestInbox.create("members");
    room.run(new ChatRoom.GetMembers(TestInbox.<ChatEvent>create("asker").getRef(), false,
        reply.getRef()));
    return ((ChatRoom.Members) reply.receiveMessage()).nicks();
  }

  private static Posted posted(String nick, String text) {
    return TestEvents.posted("lobby", nick, text, MessageKind.TEXT, NOW);
  }

  private static List<String> texts(String... texts) {
    return List.of(texts);
  }

  private static List<String> texts(List<ChatEvent> events) {
    return events.stream().map(event -> ((Posted) event).text()).toList();
  }

  // --- the timeline -------------------------------------------------------------------------

  /** The room called {@link MemberDelivery#throughSession}. */
  private record ThroughSessionCalled() {}

  private static final ThroughSessionCalled THROUGH = new ThroughSessionCalled();

  /** The room offered the connection a post, which answered {@code outcome}. */
  private record Offered(Posted posted, Outcome outcome) {}

  /** The room told the member's session actor an event. */
  private record Told(ChatEvent event) {}

  /** The room answered the member's join. */
  private record Replied(JoinResult result) {}

  private static Offered offered(Posted posted, Outcome outcome) {
    return new Offered(posted, outcome);
  }

  private static Told told(ChatEvent event) {
    return new Told(event);
  }

  /**
   * A member with a connection, as the room sees it: a session actor (an inbox), and a delivery
   * whose {@code post} answers what the test said ({@link Outcome#DELIVERED} unless told
   * otherwise). Everything the room does to it lands in one timeline, in order: the inboxes are
   * drained into it before each call on the delivery is recorded.
   */
  private static final class FakeMember {

    final String nick;
    final TestInbox<ChatEvent> actor;
    final TestInbox<JoinResult> replies;
    final List<Object> timeline = new ArrayList<>();
    final Queue<Outcome> answers = new ArrayDeque<>();
    final List<String> dropped = new ArrayList<>();
    /** What the room asked to run once the member has caught up; null when nothing waits. */
    Runnable caughtUp;
    /** What {@code tooSlow()} answers. */
    String tooSlow;
    /** What {@code behind()} answers. */
    boolean behind;

    final MemberDelivery delivery = new MemberDelivery() {
      @Override
      public Outcome post(Posted posted) {
        Outcome outcome = answers.isEmpty() ? Outcome.DELIVERED : answers.remove();
        record(new Offered(TestEvents.withoutId(posted), outcome));
        return outcome;
      }

      @Override
      public Outcome postOwn(Posted posted) {
        return post(posted);
      }

      @Override
      public boolean behind() {
        return behind;
      }

      @Override
      public void throughSession() {
        record(THROUGH);
      }

      @Override
      public void whenCaughtUp(Runnable then) {
        assertNull(caughtUp, "asked twice to wait for " + nick);
        caughtUp = then;
      }

      @Override
      public String tooSlow() {
        return tooSlow;
      }

      @Override
      public void drop(String reason) {
        dropped.add(reason);
      }
    };

    FakeMember(String nick) {
      this.nick = nick;
      this.actor = TestInbox.create(nick);
      this.replies = TestInbox.create(nick + "-joins");
    }

    Join join() {
      return new Join(nick, nick, "local", Profile.NATIVE, actor.getRef(), delivery, "", false,
          replies.getRef());
    }

    /** What {@code post} answers next, in order; DELIVERED after these. */
    void answers(Outcome... outcomes) {
      answers.clear();
      answers.addAll(List.of(outcomes));
    }

    List<Object> timeline() {
      record(null);
      return timeline;
    }

    void forget() {
      timeline();
      timeline.clear();
    }

    /**
     * What the member's client shows, in order: posts its connection took and events its
     * session was told, join replies and receipts (which show nothing) left out.
     */
    List<ChatEvent> seen() {
      List<ChatEvent> seen = new ArrayList<>();
      for (Object entry : timeline()) {
        if (entry instanceof Offered offered && offered.outcome() != Outcome.THROUGH_SESSION) {
          seen.add(offered.posted());
        } else if (entry instanceof Told told && !(told.event() instanceof ChatEvent.Receipt)) {
          seen.add(told.event());
        }
      }
      return seen;
    }

    private void record(Object entry) {
      replies.getAllReceived().forEach(reply -> timeline.add(new Replied(reply)));
      actor.getAllReceived().forEach(
          event -> timeline.add(new Told(TestEvents.withoutId(event))));
      if (entry != null) {
        timeline.add(entry);
      }
    }
  }
}
