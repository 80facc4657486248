package lochat.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.ModeChange;
import lochat.chat.Profile;
import lochat.chat.RoomInfo;
import lochat.chat.RoomRefusal;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.room.RoomRequest;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests about rooms that the registry forwards with who asks, and what it hides. */
class RegistryRoomRequestsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  private static ActorTestKit testKit;

  @BeforeAll
  static void startTestKit() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void stopTestKit() {
    testKit.shutdownTestKit();
  }

  private final ActorRef<Registry.Command> registry = testKit.spawn(Registry.create(
      10, RoomLimits.total(100), "", CLOCK, RoomArchive.discarding()));
  private final TestProbe<RoomRequest.Reply> replies = testKit.createTestProbe();

  private TestProbe<ChatEvent> user(String nick) {
    TestProbe<ChatEvent> session = testKit.createTestProbe();
    TestProbe<Registry.NickResult> reply = testKit.createTestProbe();
    registry.tell(new Registry.Register(nick,
        new Profile(nick, "10.0.0.1", nick, Profile.NATIVE), session.getRef(), reply.getRef()));
    assertInstanceOf(Registry.NickAccepted.class, reply.receiveMessage());
    return session;
  }

  private void join(String room, String nick, TestProbe<ChatEvent> session) {
    TestProbe<ChatRoom.JoinResult> reply = testKit.createTestProbe();
    registry.tell(new Registry.JoinRoom(room, nick, session.getRef(), reply.getRef()));
    assertInstanceOf(ChatRoom.Joined.class, reply.receiveMessage());
    registry.tell(new Registry.RoomsChanged(session.getRef(), List.of(room)));
  }

  private List<String> roomsSeenBy(TestProbe<ChatEvent> session) {
    TestProbe<Registry.RoomList> reply = testKit.createTestProbe();
    registry.tell(new Registry.ListRooms(session.getRef(), reply.getRef()));
    return reply.receiveMessage().rooms().stream().map(RoomInfo::name).toList();
  }

  @Test
  void withNoDefaultRoomThereAreNoRoomsUntilSomeoneJoinsOne() {
    TestProbe<ChatEvent> ann = user("ann");
    assertEquals(List.of(), roomsSeenBy(ann));
  }

  @Test
  void requestsReachTheRoomWithWhoAsksAndARoomThatDoesNotExistIsSaidSo() {
    TestProbe<ChatEvent> ann = user("ann");
    join("dev", "ann", ann);

    registry.tell(new Registry.ForRoom("DEV", ann.getRef(), new RoomRequest.ChangeModes(
        List.of(ModeChange.flag(true, 'm')), replies.getRef())));
    assertEquals(new ChatEvent.ModesChanged("dev", "ann", List.of(ModeChange.flag(true, 'm'))),
        ann.receiveMessage());

    registry.tell(new Registry.ForRoom("ops", ann.getRef(),
        new RoomRequest.GetModes(replies.getRef())));
    assertEquals(new ChatRoom.NoSuchRoom("ops"), replies.receiveMessage());
    registry.tell(new Registry.ForRoom("ops", ann.getRef(),
        new RoomRequest.OutsidePost("hello?", MessageKind.TEXT, Map.of())));
    assertEquals(new ChatEvent.PostRefused("ops", RoomRefusal.NO_SUCH_ROOM),
        ann.receiveMessage());
  }

  @Test
  void invitationsFindTheUserByNickname() {
    TestProbe<ChatEvent> ann = user("ann");
    TestProbe<ChatEvent> bob = user("bob");
    join("dev", "ann", ann);

    registry.tell(new Registry.InviteTo("dev", "BOB", ann.getRef(), replies.getRef()));
    assertEquals(new ChatEvent.Invited("dev", "ann"), bob.receiveMessage());
    assertEquals(new RoomRequest.InviteSent("dev", "bob"), replies.receiveMessage());

    registry.tell(new Registry.InviteTo("dev", "zed", ann.getRef(), replies.getRef()));
    assertEquals(new RoomRequest.Refused("dev", RoomRefusal.NO_SUCH_NICK, "zed"),
        replies.receiveMessage());
  }

  @Test
  void secretRoomsAreListedToTheirMembersOnly() {
    TestProbe<ChatEvent> ann = user("ann");
    TestProbe<ChatEvent> bob = user("bob");
    join("hideout", "ann", ann);
    join("open", "bob", bob);

    registry.tell(new Registry.ForRoom("hideout", ann.getRef(), new RoomRequest.ChangeModes(
        List.of(ModeChange.flag(true, 's')), replies.getRef())));
    ann.receiveMessage();

    assertEquals(List.of("hideout", "open"), roomsSeenBy(ann));
    assertEquals(List.of("open"), roomsSeenBy(bob));
    TestProbe<ChatRoom.MembersResult> members = testKit.createTestProbe();
    registry.tell(new Registry.ListMembers("hideout", bob.getRef(), members.getRef()));
    assertEquals(new ChatRoom.NoSuchRoom("hideout"), members.receiveMessage());

    TestProbe<Registry.UserResult> whois = testKit.createTestProbe();
    registry.tell(new Registry.Whois("ann", bob.getRef(), whois.getRef()));
    assertEquals(List.of(), ((Registry.UserDetails) whois.receiveMessage()).rooms(),
        "WHOIS does not show a secret room to an outsider");
    registry.tell(new Registry.Whois("ann", ann.getRef(), whois.getRef()));
    assertEquals(List.of("hideout"), ((Registry.UserDetails) whois.receiveMessage()).rooms());
    TestProbe<Registry.Users> who = testKit.createTestProbe();
    registry.tell(new Registry.ListUsers(Optional.of("hideout"), bob.getRef(), who.getRef()));
    assertEquals(List.of(), who.receiveMessage().users(), "nor does WHO #room");
  }
}
