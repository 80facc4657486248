package lochat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MemberDelivery;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import lochat.chat.RoomRefusal;
import lochat.chat.Topic;
import lochat.room.ChatRoom.GetMembers;
import lochat.room.ChatRoom.Join;
import lochat.room.ChatRoom.JoinResult;
import lochat.room.ChatRoom.Joined;
import lochat.room.ChatRoom.Leave;
import lochat.room.ChatRoom.Members;
import lochat.room.ChatRoom.MembersResult;
import lochat.room.ChatRoom.Occupancy;
import lochat.room.ChatRoom.Post;
import lochat.room.ChatRoom.Rename;
import lochat.testing.TestEvents;
import lochat.testing.TestJoins;
import org.apache.pekko.actor.testkit.typed.Effect;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/** The room's behaviour, run synchronously: no real actors, no timing. */
class ChatRoomTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final TestInbox<Occupancy> occupancy = TestInbox.create("occupancy");

  private final TestInbox<RoomRequest.Reply> roomReplies = TestInbox.create("room-replies");

  /** {@code nick}'s topic change, as the registry forwards it. */
  private ChatRoom.Forwarded topic(String nick, ActorRef<ChatEvent> who, String text) {
    return new ChatRoom.Forwarded(new Requester(nick, nick, "local", Profile.NATIVE, false), who,
        new RoomRequest.ChangeTopic(text, roomReplies.getRef()));
  }
  private final TestInbox<JoinResult> joinReplies = TestInbox.create("join-replies");
  private final TestInbox<ChatEvent> alice = TestInbox.create("alice");
  private final TestInbox<ChatEvent> bob = TestInbox.create("bob");
  private final TestInbox<ChatEvent> carol = TestInbox.create("carol");

  private BehaviorTestKit<ChatRoom.Command> room(int historySize) {
    return BehaviorTestKit.create(ChatRoom.create("lobby", historySize, occupancy.getRef(), CLOCK,
        RoomArchive.discarding()));
  }

  private Joined join(BehaviorTestKit<ChatRoom.Command> room, String nick, TestInbox<ChatEvent> who) {
    room.run(TestJoins.of(nick, who.getRef(), joinReplies.getRef()));
    List<JoinResult> replies = joinReplies.getAllReceived();
    assertEquals(1, replies.size(), "one reply per join");
    return (Joined) replies.get(0);
  }

  private static void post(
      BehaviorTestKit<ChatRoom.Command> room, TestInbox<ChatEvent> who, String text) {
    room.run(new Post(who.getRef(), text, MessageKind.TEXT));
  }

  private static Posted posted(String nick, String text) {
    return TestEvents.posted("lobby", nick, text, MessageKind.TEXT, NOW);
  }

  private static List<String> members(BehaviorTestKit<ChatRoom.Command> room) {
    TestInbox<MembersResult> reply = TestInbox.create("members");
    room.run(new GetMembers(TestInbox.<ChatEvent>create("asker").getRef(), false,
        reply.getRef()));
    return ((Members) reply.receiveMessage()).nicks();
  }

  @Test
  void joinerGetsMembersAndHistoryWhileOthersSeeMemberJoined() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);

    assertEquals(TestEvents.joined("lobby", room.getRef(), List.of("alice"), List.of(), Optional.empty()),
        join(room, "alice", alice));
    assertEquals(TestEvents.joined("lobby", room.getRef(), List.of("alice", "bob"), List.of(), Optional.empty()),
        join(room, "bob", bob));

    assertEquals(List.of(new MemberJoined("lobby", "bob")), TestEvents.withoutIds(alice.getAllReceived()));
    assertFalse(bob.hasMessages(), "a joiner is not told of its own join");
    assertEquals(List.of(new Occupancy("lobby", 1, 1, "", false), new Occupancy("lobby", 2, 2, "", false)),
        occupancy.getAllReceived());
  }

  @Test
  void joiningTwiceIsIdempotent() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    join(room, "bob", bob);
    TestEvents.withoutIds(alice.getAllReceived());
    occupancy.getAllReceived();

    Joined again = join(room, "bob", bob);

    assertEquals(List.of("alice", "bob"), again.members());
    assertFalse(alice.hasMessages(), "no second MemberJoined");
    assertFalse(bob.hasMessages());
    assertEquals(List.of(new Occupancy("lobby", 2, 3, "", false)), occupancy.getAllReceived(),
        "the member count did not change; the join was counted");
  }

  @Test
  void joiningMembersAreWatchedSoTheirDeathIsNoticed() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    room.getAllEffects();

    join(room, "alice", alice);

    assertTrue(room.getAllEffects().contains(
            new Effect.WatchedWith<>(alice.getRef(), new ChatRoom.MemberStopped(alice.getRef()))),
        "the room watches a new member");
  }

  @Test
  void leaveIsAnnouncedToTheOthersAndTheLeaverHearsNothingMore() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    join(room, "bob", bob);
    TestEvents.withoutIds(alice.getAllReceived());
    occupancy.getAllReceived();

    room.run(new Leave(bob.getRef(), "off to lunch", false));
    post(room, alice, "bye bob");

    MemberLeft left = new MemberLeft("lobby", "bob", "off to lunch", false);
    assertEquals(List.of(left, posted("alice", "bye bob")), TestEvents.withoutIds(alice.getAllReceived()));
    assertEquals(List.of(), TestEvents.withoutIds(bob.getAllReceived()));
    assertEquals(List.of(new Occupancy("lobby", 1, 2, "", false)), occupancy.getAllReceived());
    assertEquals(List.of("alice"), members(room));
  }

  @Test
  void postsReachEveryMemberIncludingTheSenderInTheOrderSent() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    join(room, "bob", bob);
    TestEvents.withoutIds(alice.getAllReceived());

    post(room, alice, "one");
    post(room, bob, "two");
    post(room, bob, "three");
    post(room, alice, "four");

    List<ChatEvent> expected = List.of(
        posted("alice", "one"), posted("bob", "two"),
        posted("bob", "three"), posted("alice", "four"));
    assertEquals(expected, TestEvents.withoutIds(alice.getAllReceived()));
    assertEquals(expected, TestEvents.withoutIds(bob.getAllReceived()));
  }

  @Test
  void meActionIsMarkedAsAction() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);

    room.run(new Post(alice.getRef(), "waves", MessageKind.ACTION));

    assertEquals(TestEvents.posted("lobby", "alice", "waves", MessageKind.ACTION, NOW), TestEvents.withoutId(alice.receiveMessage()));
  }

  @Test
  void postsCarryThePostersProtocolAcrossARename() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    room.run(new Join("bob", "bobby", "local", Profile.IRC, bob.getRef(),
        MemberDelivery.THROUGH_SESSION, "", false, joinReplies.getRef()));
    joinReplies.getAllReceived();
    room.run(new Rename(bob.getRef(), "robert"));
    TestEvents.withoutIds(alice.getAllReceived());

    post(room, bob, "from irc");
    post(room, alice, "from native");

    assertEquals(List.of(
            new Posted("lobby", "robert", "bobby", Profile.IRC, "from irc", MessageKind.TEXT,
                Map.of(), NOW),
            new Posted("lobby", "alice", "alice", Profile.NATIVE, "from native", MessageKind.TEXT,
                Map.of(), NOW)),
        TestEvents.withoutIds(alice.getAllReceived()));
  }

  @Test
  void postFromNonMemberReachesNobodyAndItsSenderIsToldWhy() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);

    post(room, carol, "let me in");

    assertFalse(alice.hasMessages());
    assertEquals(List.of(new ChatEvent.PostRefused("lobby", RoomRefusal.NOT_ON_ROOM)),
        carol.getAllReceived(), "one kicked as it posted is answered, so its line ends");
    assertEquals(List.of(), join(room, "bob", bob).history(), "nor is it remembered");
  }

  @Test
  void historyIsBoundedAndReplayedOldestFirst() {
    BehaviorTestKit<ChatRoom.Command> room = room(3);
    join(room, "alice", alice);
    for (String text : List.of("1", "2", "3", "4", "5")) {
      post(room, alice, text);
    }

    List<Long> echoed = alice.getAllReceived().stream()
        .filter(Posted.class::isInstance).map(event -> ((Posted) event).id()).toList();
    List<Posted> history = join(room, "bob", bob).history();
    assertEquals(echoed.subList(2, 5), history.stream().map(Posted::id).toList(),
        "each post keeps the history id it was given");
    assertEquals(List.of(posted("alice", "3"), posted("alice", "4"), posted("alice", "5")),
        history.stream().map(TestEvents::withoutId).toList());
  }

  @Test
  void historySizeZeroKeepsNothing() {
    BehaviorTestKit<ChatRoom.Command> room = room(0);
    join(room, "alice", alice);
    post(room, alice, "hello");

    assertEquals(List.of(), join(room, "bob", bob).history());
  }

  @Test
  void renameIsBroadcastAndLaterPostsCarryTheNewNick() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    join(room, "bob", bob);
    TestEvents.withoutIds(alice.getAllReceived());

    room.run(new Rename(alice.getRef(), "alicia"));
    post(room, alice, "call me alicia");

    List<ChatEvent> expected =
        List.of(new MemberRenamed("lobby", "alice", "alicia"),
            new Posted("lobby", "alicia", "alice", Profile.NATIVE, "call me alicia",
                MessageKind.TEXT, Map.of(), NOW));
    assertEquals(expected, TestEvents.withoutIds(alice.getAllReceived()));
    assertEquals(expected, TestEvents.withoutIds(bob.getAllReceived()));
    assertEquals(List.of("alicia", "bob"), members(room));
  }

  @Test
  void getMembersListsNicksInJoinOrder() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "carol", carol);
    join(room, "alice", alice);
    join(room, "bob", bob);

    assertEquals(List.of("carol", "alice", "bob"), members(room));
  }

  @Test
  void memberWhoseActorStopsLeavesWithConnectionLost() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    join(room, "bob", bob);
    join(room, "carol", carol);
    TestEvents.withoutIds(alice.getAllReceived());
    TestEvents.withoutIds(bob.getAllReceived());
    occupancy.getAllReceived();

    room.run(new ChatRoom.MemberStopped(bob.getRef()));

    MemberLeft left = new MemberLeft("lobby", "bob", ChatRoom.CONNECTION_LOST, true);
    assertEquals(List.of(left), TestEvents.withoutIds(alice.getAllReceived()));
    assertEquals(List.of(left), TestEvents.withoutIds(carol.getAllReceived()));
    assertEquals(List.of(new Occupancy("lobby", 2, 3, "", false)), occupancy.getAllReceived());
    assertEquals(List.of("alice", "carol"), members(room));
  }

  @Test
  void stopAfterLeavingIsNotAnnouncedAgain() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    join(room, "bob", bob);
    room.run(new Leave(bob.getRef(), "bye", false));
    TestEvents.withoutIds(alice.getAllReceived());
    occupancy.getAllReceived();

    room.run(new ChatRoom.MemberStopped(bob.getRef()));

    assertFalse(alice.hasMessages());
    assertFalse(occupancy.hasMessages());
  }

  @Test
  void topicIsAnnouncedToEveryMemberAndGivenToJoiners() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    join(room, "bob", bob);
    TestEvents.withoutIds(alice.getAllReceived());

    room.run(topic("alice", alice.getRef(), "release on Friday"));

    Topic topic = new Topic("release on Friday", "alice", NOW);
    ChatEvent.TopicChanged changed =
        new ChatEvent.TopicChanged("lobby", "alice", Optional.of(topic));
    assertEquals(List.of(changed), TestEvents.withoutIds(alice.getAllReceived()));
    assertEquals(List.of(changed), TestEvents.withoutIds(bob.getAllReceived()));
    assertEquals(Optional.of(topic), join(room, "carol", carol).topic());

    TestInbox<ChatRoom.TopicIs> asker = TestInbox.create("asker");
    room.run(new ChatRoom.GetTopic(asker.getRef()));
    assertEquals(new ChatRoom.TopicIs("lobby", Optional.of(topic)), asker.receiveMessage());
  }

  @Test
  void topicCanBeClearedAndOnlyMembersMayTouchIt() {
    BehaviorTestKit<ChatRoom.Command> room = room(10);
    join(room, "alice", alice);
    room.run(topic("alice", alice.getRef(), "first"));
    room.run(topic("bob", bob.getRef(), "not a member"));
    room.run(topic("alice", alice.getRef(), ""));

    assertEquals(List.of(
        new ChatEvent.TopicChanged("lobby", "alice", Optional.of(new Topic("first", "alice", NOW))),
        new ChatEvent.TopicChanged("lobby", "alice", Optional.empty())), TestEvents.withoutIds(alice.getAllReceived()));
    assertEquals(Optional.empty(), join(room, "bob", bob).topic());
  }
}
