package lochat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.MemberDelivery;
import lochat.chat.Profile;
import lochat.chat.Roles;
import lochat.testing.TestEvents;
import lochat.testing.TestJoins;
import org.apache.pekko.actor.testkit.typed.Effect;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/**
 * A room that has moved to another node, as the links of the nodes left bring its members back:
 * they keep their roles, and whoever was in the room but does not come back (its session was on
 * the lost node) is shown leaving once the links have had their time, exactly once. A member
 * whose nickname another session joins with is a ghost, and is shown leaving first.
 */
class ChatRoomReturnsTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"),
      ZoneOffset.UTC);
  private static final List<String> ROOM_WAS = List.of("ann", "bob", "cyd", "dee");

  private final BehaviorTestKit<ChatRoom.Command> room = BehaviorTestKit.create(ChatRoom.create(
      "vault", 10, TestInbox.<ChatRoom.Occupancy>create("occupancy").getRef(), CLOCK,
      RoomArchive.discarding()));
  private final TestInbox<ChatRoom.JoinResult> replies = TestInbox.create("replies");
  private final TestInbox<ChatEvent> bob = TestInbox.create("bob");
  private final TestInbox<ChatEvent> cyd = TestInbox.create("cyd");
  private final TestInbox<ChatEvent> dee = TestInbox.create("dee");
  private final TestInbox<ChatEvent> ann = TestInbox.create("ann");

  private ChatRoom.Joined comeBack(String nick, TestInbox<ChatEvent> who, Roles roles) {
    room.run(new ChatRoom.Join(nick, nick, "local", Profile.NATIVE, who.getRef(),
        MemberDelivery.THROUGH_SESSION, "", false, replies.getRef(), Optional.empty(),
        Optional.of(new Comeback(roles, ROOM_WAS))));
    return (ChatRoom.Joined) replies.receiveMessage();
  }

  private void settle() {
    ChatRoom.Command settled = room.getAllEffects().stream()
        .filter(Effect.TimerScheduled.class::isInstance)
        .map(effect -> (ChatRoom.Command) ((Effect.TimerScheduled<?>) effect).msg())
        .findFirst().orElseThrow(() -> new AssertionError("no wait for the others scheduled"));
    room.run(settled);
  }

  @Test
  void membersComeBackSilentlyWithTheRolesTheyHad() {
    comeBack("bob", bob, Roles.NONE);
    ChatRoom.Joined joined = comeBack("cyd", cyd, new Roles(true, true));

    assertEquals(Map.of("bob", Roles.NONE, "cyd", new Roles(true, true)), joined.roles(),
        "cyd ran the room before it moved, and still does; bob, the first back, does not");
    assertFalse(bob.hasMessages(), "nobody is told of a member coming back");
  }

  @Test
  void thoseWhoDoNotComeBackAreShownLeavingOnce() {
    comeBack("bob", bob, Roles.NONE);
    comeBack("cyd", cyd, Roles.NONE);
    settle();

    List<ChatEvent> seen = TestEvents.withoutIds(bob.getAllReceived());
    assertEquals(List.of(new MemberLeft("vault", "ann", RoomReturns.LOST, true),
        new MemberLeft("vault", "dee", RoomReturns.LOST, true)), seen);
    assertEquals(seen, TestEvents.withoutIds(cyd.getAllReceived()));
  }

  @Test
  void oneWhoReconnectsElsewhereIsShownLeavingThenJoining() {
    comeBack("bob", bob, Roles.NONE);
    room.run(TestJoins.of("dee", dee.getRef(), replies.getRef()));
    settle();

    assertEquals(List.of(new MemberLeft("vault", "dee", RoomReturns.LOST, true),
        new MemberJoined("vault", "dee", "dee"),
        new MemberLeft("vault", "ann", RoomReturns.LOST, true),
        new MemberLeft("vault", "cyd", RoomReturns.LOST, true)),
        TestEvents.withoutIds(bob.getAllReceived()));
  }

  @Test
  void oneBroughtBackLateIsShownJoiningAgain() {
    comeBack("bob", bob, Roles.NONE);
    settle();
    bob.getAllReceived();

    comeBack("ann", ann, Roles.OPERATOR);

    assertEquals(List.of(new MemberJoined("vault", "ann", "ann")),
        TestEvents.withoutIds(bob.getAllReceived()));
  }

  @Test
  void aGhostUnderTheJoinersNicknameIsShownLeavingFirst() {
    room.run(TestJoins.of("bob", bob.getRef(), replies.getRef()));
    room.run(TestJoins.of("dee", dee.getRef(), replies.getRef()));
    TestInbox<ChatEvent> deeAgain = TestInbox.create("dee-again");
    room.run(TestJoins.of("dee", deeAgain.getRef(), replies.getRef()));

    assertEquals(List.of(new MemberJoined("vault", "dee", "dee"),
        new MemberLeft("vault", "dee", ChatRoom.CONNECTION_LOST, true),
        new MemberJoined("vault", "dee", "dee")), TestEvents.withoutIds(bob.getAllReceived()),
        "dee's session was lost but its nickname freed before the room saw it go");
    ChatRoom.Joined joined = (ChatRoom.Joined) replies.getAllReceived().get(2);
    assertEquals(List.of("bob", "dee"), joined.members());
  }
}
