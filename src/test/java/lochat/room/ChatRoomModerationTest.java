package lochat.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.MemberDelivery;
import lochat.chat.MessageKind;
import lochat.chat.ModeChange;
import lochat.chat.ModeChanges;
import lochat.chat.Profile;
import lochat.chat.Roles;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Topic;
import lochat.room.ChatRoom.JoinRefused;
import lochat.room.ChatRoom.JoinResult;
import lochat.room.ChatRoom.Joined;
import lochat.room.RoomRequest.Refused;
import lochat.store.HistoryEntry;
import lochat.store.HistoryWriter;
import lochat.store.ListEntry;
import lochat.store.MemoryHistoryStore;
import lochat.store.NewEntry;
import lochat.store.RoomState;
import lochat.testing.TestEvents;
import lochat.testing.TestJoins;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/** Operators, modes, bans, kicks, invitations and restarts of one room, deterministically. */
class ChatRoomModerationTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final TestInbox<ChatRoom.Occupancy> occupancy = TestInbox.create("occupancy");
  private final TestInbox<JoinResult> joins = TestInbox.create("joins");
  private final TestInbox<RoomRequest.Reply> replies = TestInbox.create("replies");
  private final TestInbox<ChatEvent> ann = TestInbox.create("ann");
  private final TestInbox<ChatEvent> bob = TestInbox.create("bob");
  private final TestInbox<ChatEvent> cat = TestInbox.create("cat");
  private final TestInbox<ChatEvent> oper = TestInbox.create("oper");
  private final BehaviorTestKit<ChatRoom.Command> room = BehaviorTestKit.create(
      ChatRoom.create("lobby", 10, occupancy.getRef(), CLOCK, RoomArchive.discarding()));

  private static Requester user(String nick) {
    return new Requester(nick, nick, "10.0.0." + nick.length(), Profile.NATIVE, false);
  }

  private JoinResult join(String nick, TestInbox<ChatEvent> who, String key, boolean oper) {
    Requester as = user(nick);
    room.run(new ChatRoom.Join(nick, as.user(), as.host(), Profile.NATIVE, who.getRef(),
        MemberDelivery.THROUGH_SESSION, key, oper, joins.getRef()));
    return joins.receiveMessage();
  }

  private Joined join(String nick, TestInbox<ChatEvent> who) {
    return assertInstanceOf(Joined.class, join(nick, who, "", false));
  }

  private void ask(String nick, TestInbox<ChatEvent> who, RoomRequest request) {
    ask(user(nick), who, request);
  }

  private void ask(Requester as, TestInbox<ChatEvent> who, RoomRequest request) {
    room.run(new ChatRoom.Forwarded(as, who.getRef(), request));
  }

  private void mode(String nick, TestInbox<ChatEvent> who, String modes, String... arguments) {
    ask(nick, who, new RoomRequest.ChangeModes(
        ModeChanges.parse(modes, List.of(arguments)).changes(), replies.getRef()));
  }

  private void post(TestInbox<ChatEvent> who, String text) {
    room.run(new ChatRoom.Post(who.getRef(), text, MessageKind.TEXT));
  }

  private Map<String, Roles> roles() {
    TestInbox<ChatRoom.MembersResult> members = TestInbox.create("members");
    room.run(new ChatRoom.GetMembers(ann.getRef(), false, members.getRef()));
    return ((ChatRoom.Members) members.receiveMessage()).roles();
  }

  private static void drain(TestInbox<?>... inboxes) {
    for (TestInbox<?> inbox : inboxes) {
      inbox.getAllReceived();
    }
  }

  @Test
  void whoeverJoinsTheRoomEmptyRunsIt() {
    Joined first = join("ann", ann);
    Joined second = join("bob", bob);

    assertEquals(Map.of("ann", Roles.OPERATOR), first.roles());
    assertEquals(Map.of("ann", Roles.OPERATOR, "bob", Roles.NONE), second.roles());
    assertEquals(RoomModes.NEW_ROOM, second.modes(), "new rooms are +nt");
  }

  @Test
  void operatorsGiveRolesAndEveryMemberSeesTheChangeAsOneEvent() {
    join("ann", ann);
    join("bob", bob);
    drain(ann);

    mode("ann", ann, "+ov", "BOB", "bob");

    ChatEvent.ModesChanged changed = new ChatEvent.ModesChanged("lobby", "ann",
        List.of(new ModeChange(true, 'o', "bob"), new ModeChange(true, 'v', "bob")));
    assertEquals(List.of(changed), ann.getAllReceived());
    assertEquals(List.of(changed), bob.getAllReceived());
    assertEquals(new Roles(true, true), roles().get("bob"));
    assertFalse(replies.hasMessages());
  }

  @Test
  void aMemberWhoIsNotAnOperatorChangesNothing() {
    join("ann", ann);
    join("bob", bob);
    drain(ann);

    mode("bob", bob, "+mo", "bob");

    assertEquals(List.of(new Refused("lobby", RoomRefusal.NOT_OPERATOR, "")),
        replies.getAllReceived());
    assertFalse(ann.hasMessages());
    assertEquals(Roles.NONE, roles().get("bob"));
  }

  @Test
  void rolesForSomeoneNotInTheRoomAndChangesThatChangeNothingAreLeftOut() {
    join("ann", ann);

    mode("ann", ann, "+tov", "ann", "zed");

    assertEquals(List.of(new Refused("lobby", RoomRefusal.USER_NOT_IN_ROOM, "zed")),
        replies.getAllReceived());
    assertFalse(ann.hasMessages(), "+t and +o ann were already so");
  }

  @Test
  void aModeratedRoomHearsOnlyOperatorsAndVoicedMembers() {
    join("ann", ann);
    join("bob", bob);
    join("cat", cat);
    mode("ann", ann, "+mv", "cat");
    drain(ann, bob, cat);

    post(bob, "may I?");
    post(cat, "I may");

    assertEquals(List.of(new ChatEvent.PostRefused("lobby", RoomRefusal.CANNOT_SEND)),
        bob.getAllReceived().subList(0, 1));
    assertEquals(List.of(TestEvents.posted("lobby", "cat", "I may", MessageKind.TEXT, NOW)),
        TestEvents.withoutIds(ann.getAllReceived()), "bob's post reached nobody");
  }

  @Test
  void aBanKeepsMatchingUsersOutAndMutesThemUnlessAnExceptionMatches() {
    join("ann", ann);
    join("bob", bob);
    mode("ann", ann, "+b", "bob");
    drain(ann, bob);

    post(bob, "still here");
    assertEquals(List.of(new ChatEvent.PostRefused("lobby", RoomRefusal.CANNOT_SEND)),
        bob.getAllReceived());

    JoinResult refused = join("cat", cat, "", false);
    assertEquals(List.of(new ListEntry('b', "bob!*@*", "ann", NOW)),
        listOf('b'));
    assertInstanceOf(Joined.class, refused, "cat is not banned");

    mode("ann", ann, "+b", "*!*@10.0.0.3");
    room.run(new ChatRoom.Leave(cat.getRef(), "bye", false));
    assertEquals(new JoinRefused("lobby", RoomRefusal.BANNED), join("cat", cat, "", false));

    mode("ann", ann, "+e", "cat!*@*");
    assertInstanceOf(Joined.class, join("cat", cat, "", false), "an exception lets cat in");
  }

  private List<ListEntry> listOf(char list) {
    ask("ann", ann, new RoomRequest.GetList(list, replies.getRef()));
    return ((RoomRequest.ListIs) replies.receiveMessage()).entries();
  }

  @Test
  void keysLimitsAndInvitationsDecideWhoMayJoin() {
    join("ann", ann);
    mode("ann", ann, "+kl", "hunter2", "2");

    assertEquals(new JoinRefused("lobby", RoomRefusal.BAD_KEY), join("bob", bob, "nope", false));
    assertInstanceOf(Joined.class, join("bob", bob, "hunter2", false));
    assertEquals(new JoinRefused("lobby", RoomRefusal.FULL), join("cat", cat, "hunter2", false));

    mode("ann", ann, "-kl+i");
    room.run(new ChatRoom.Leave(bob.getRef(), "bye", false));
    assertEquals(new JoinRefused("lobby", RoomRefusal.INVITE_ONLY), join("cat", cat, "", false));

    ask("ann", ann, new RoomRequest.Invite("cat", cat.getRef(), replies.getRef()));
    assertEquals(List.of(new ChatEvent.Invited("lobby", "ann")), cat.getAllReceived());
    assertEquals(new RoomRequest.InviteSent("lobby", "cat"), replies.receiveMessage());
    assertInstanceOf(Joined.class, join("cat", cat, "", false));
    room.run(new ChatRoom.Leave(cat.getRef(), "bye", false));
    assertEquals(new JoinRefused("lobby", RoomRefusal.INVITE_ONLY), join("cat", cat, "", false),
        "an invitation is used up by the join it lets in");
  }

  @Test
  void aServerOperatorGetsInAndActsAsAnOperatorWithoutBeingOne() {
    join("ann", ann);
    mode("ann", ann, "+k", "key");
    join("bob", bob, "key", false);
    drain(ann, bob);

    Requester asOperator = new Requester("oper", "oper", "10.9.9.9", Profile.IRC, true);
    ask(asOperator, oper, new RoomRequest.Kick("bob", "off you go", replies.getRef()));

    ChatEvent.Kicked kicked = new ChatEvent.Kicked("lobby", "oper", "bob", "off you go");
    assertEquals(List.of(kicked), ann.getAllReceived());
    assertEquals(List.of(kicked), bob.getAllReceived());
    assertFalse(oper.hasMessages(), "an operator outside is not sent the room's events...");
    assertEquals(new RoomRequest.Shown("lobby", kicked), replies.receiveMessage(),
        "...but is shown what it did");
    assertInstanceOf(Joined.class, join("oper", oper, "", true));
  }

  @Test
  void kicksNeedAnOperatorAndAMemberToKick() {
    join("ann", ann);
    join("bob", bob);
    drain(ann, bob);

    ask("bob", bob, new RoomRequest.Kick("ann", "mutiny", replies.getRef()));
    ask("ann", ann, new RoomRequest.Kick("zed", "who?", replies.getRef()));
    ask("cat", cat, new RoomRequest.Kick("bob", "from outside", replies.getRef()));

    assertEquals(List.of(new Refused("lobby", RoomRefusal.NOT_OPERATOR, "ann"),
        new Refused("lobby", RoomRefusal.USER_NOT_IN_ROOM, "zed"),
        new Refused("lobby", RoomRefusal.NOT_ON_ROOM, "bob")), replies.getAllReceived());
    assertFalse(ann.hasMessages());

    ask("ann", ann, new RoomRequest.Kick("BOB", "bye", replies.getRef()));
    assertEquals(List.of(new ChatEvent.Kicked("lobby", "ann", "bob", "bye")),
        bob.getAllReceived());
    assertEquals(Map.of("ann", Roles.OPERATOR), roles(), "bob is out");
    drain(ann);
    post(bob, "am I?");
    assertFalse(ann.hasMessages(), "a kicked member's posts go nowhere");
  }

  @Test
  void onlyOperatorsChangeATopicLockedTopic() {
    join("ann", ann);
    join("bob", bob);
    drain(ann);

    ask("bob", bob, new RoomRequest.ChangeTopic("mine now", replies.getRef()));
    assertEquals(List.of(new Refused("lobby", RoomRefusal.NOT_OPERATOR, "")),
        replies.getAllReceived());

    mode("ann", ann, "-t");
    drain(ann, bob);
    ask("bob", bob, new RoomRequest.ChangeTopic("mine now", replies.getRef()));
    assertEquals(List.of(new ChatEvent.TopicChanged("lobby", "bob",
        Optional.of(new Topic("mine now", "bob", NOW)))), ann.getAllReceived());
  }

  @Test
  void aSecretRoomHidesItsMembersFromOutsiders() {
    join("ann", ann);
    mode("ann", ann, "+s");
    TestInbox<ChatRoom.MembersResult> members = TestInbox.create("members");

    room.run(new ChatRoom.GetMembers(cat.getRef(), false, members.getRef()));
    room.run(new ChatRoom.GetMembers(cat.getRef(), true, members.getRef()));

    assertEquals(new ChatRoom.NoSuchRoom("lobby"), members.receiveMessage());
    assertInstanceOf(ChatRoom.Members.class, members.receiveMessage(),
        "server operators see it");
    List<ChatRoom.Occupancy> reports = occupancy.getAllReceived();
    assertTrue(reports.get(reports.size() - 1).secret(), "room lists are told it is secret");
  }

  @Test
  void aNonMemberMayPostOnlyWhenTheRoomTakesMessagesFromOutside() {
    join("ann", ann);
    drain(ann);
    RoomRequest.OutsidePost post = new RoomRequest.OutsidePost("hello in there",
        MessageKind.TEXT, Map.of());

    ask("cat", cat, post);
    assertEquals(List.of(new ChatEvent.PostRefused("lobby", RoomRefusal.CANNOT_SEND)),
        cat.getAllReceived());

    mode("ann", ann, "-n");
    drain(ann);
    ask("cat", cat, post);
    ChatEvent.Posted posted = TestEvents.posted("lobby", "cat", "hello in there",
        MessageKind.TEXT, NOW);
    assertEquals(List.of(posted), TestEvents.withoutIds(ann.getAllReceived()));
    assertEquals(List.of(new ChatEvent.Receipt(posted)),
        TestEvents.withoutIds(cat.getAllReceived()));
  }

  @Test
  void aRoomStartsWithTheStateAndHistoryItSavedAndSavesWhatChanges() {
    MemoryHistoryStore store = new MemoryHistoryStore(CLOCK, 100, 100);
    HistoryEntry said = store.stamp(new NewEntry("lobby", NOW, "ann", "ann", Profile.NATIVE,
        lochat.store.EntryKind.TEXT, "before the restart"));
    TestInbox<HistoryWriter.Command> writer = TestInbox.create("writer");
    BehaviorTestKit<ChatRoom.Command> restarted = BehaviorTestKit.create(ChatRoom.create(
        "lobby", 10, occupancy.getRef(), CLOCK, RoomArchive.of(store, writer.getRef())));
    HistoryWriter.Restore restore = (HistoryWriter.Restore) writer.receiveMessage();
    assertEquals("lobby", restore.room());

    restarted.run(TestJoins.of("ann", ann.getRef(), joins.getRef()));
    assertFalse(joins.hasMessages(), "a join waits until the room has its state back");

    RoomState saved = new RoomState("lobby", Optional.of(new Topic("kept", "ann", NOW)),
        "+mnt", List.of(new ListEntry('b', "zed!*@*", "ann", NOW)));
    restore.replyTo().tell(new HistoryWriter.Restored(Optional.of(saved), List.of(said), true));
    restarted.runOne();

    Joined joined = (Joined) joins.receiveMessage();
    assertEquals(Optional.of(new Topic("kept", "ann", NOW)), joined.topic());
    assertTrue(joined.modes().moderated());
    assertEquals(List.of(said.id()), joined.history().stream().map(p -> p.id()).toList());
    assertEquals(Roles.OPERATOR, joined.roles().get("ann"), "joined empty: an operator");

    writer.getAllReceived();
    restarted.run(new ChatRoom.Post(ann.getRef(), "after", MessageKind.TEXT));
    restarted.run(new ChatRoom.Forwarded(user("ann"), ann.getRef(),
        new RoomRequest.ChangeModes(List.of(ModeChange.flag(false, 'm')), replies.getRef())));
    List<HistoryWriter.Command> written = writer.getAllReceived();
    HistoryWriter.Append append = (HistoryWriter.Append) written.get(0);
    assertEquals("after", append.entry().text());
    assertTrue(append.entry().id() > said.id(), "ids keep growing across the restart");
    HistoryWriter.SaveRoom save = (HistoryWriter.SaveRoom) written.get(1);
    assertEquals("+nt", save.state().modes());
    assertEquals(saved.lists(), save.state().lists());
  }

  @Test
  void aSecretRoomDoesNotExistForOutsidersAskingAboutIt() {
    join("ann", ann);
    mode("ann", ann, "+sb", "zed");

    ask("cat", cat, new RoomRequest.GetModes(replies.getRef()));
    ask("cat", cat, new RoomRequest.GetList('b', replies.getRef()));
    ask("cat", cat, new RoomRequest.Kick("ann", "hello?", replies.getRef()));

    assertEquals(List.of(new ChatRoom.NoSuchRoom("lobby"), new ChatRoom.NoSuchRoom("lobby"),
        new ChatRoom.NoSuchRoom("lobby")), replies.getAllReceived());
  }

  @Test
  void aPostFromOutsideToASecretRoomFindsNoRoom() {
    join("ann", ann);
    mode("ann", ann, "+s-n");
    drain(ann);

    ask("cat", cat, new RoomRequest.OutsidePost("anyone?", MessageKind.TEXT, Map.of()));

    assertEquals(List.of(new ChatEvent.PostRefused("lobby", RoomRefusal.NO_SUCH_ROOM)),
        cat.getAllReceived(), "not cannot-send, which would say the room is there");
    assertEquals(List.of(), ann.getAllReceived());
  }

  @Test
  void onlyAnOperatorsInvitationLetsABannedUserIn() {
    join("ann", ann);
    join("bob", bob);
    mode("ann", ann, "+b", "cat");
    drain(replies);

    ask("bob", bob, new RoomRequest.Invite("cat", cat.getRef(), replies.getRef()));
    assertEquals(new RoomRequest.InviteSent("lobby", "cat"), replies.receiveMessage());
    assertEquals(new JoinRefused("lobby", RoomRefusal.BANNED), join("cat", cat, "", false),
        "a member's invitation is only a message");

    ask("ann", ann, new RoomRequest.Invite("cat", cat.getRef(), replies.getRef()));
    assertInstanceOf(Joined.class, join("cat", cat, "", false));
  }

  @Test
  void aRoomWhoseStateCouldNotBeReadDoesNotSaveOverIt() {
    MemoryHistoryStore store = new MemoryHistoryStore(CLOCK, 100, 100);
    TestInbox<HistoryWriter.Command> writer = TestInbox.create("writer");
    BehaviorTestKit<ChatRoom.Command> restarted = BehaviorTestKit.create(ChatRoom.create(
        "lobby", 10, occupancy.getRef(), CLOCK, RoomArchive.of(store, writer.getRef())));
    HistoryWriter.Restore restore = (HistoryWriter.Restore) writer.receiveMessage();
    restore.replyTo().tell(HistoryWriter.Restored.FAILED);
    restarted.runOne();

    restarted.run(TestJoins.of("ann", ann.getRef(), joins.getRef()));
    restarted.run(new ChatRoom.Forwarded(user("ann"), ann.getRef(),
        new RoomRequest.ChangeModes(List.of(ModeChange.flag(true, 'm')), replies.getRef())));

    assertTrue(writer.getAllReceived().stream()
        .noneMatch(command -> command instanceof HistoryWriter.SaveRoom));
    assertTrue(TestEvents.withoutIds(ann.getAllReceived()).contains(new ChatEvent.ModesChanged(
        "lobby", "ann", List.of(ModeChange.flag(true, 'm')))), "the room still runs");
  }

  @Test
  void joinersAreToldTheRoomsRefusalInWordsAsWell() {
    join("ann", ann);
    mode("ann", ann, "+i");
    JoinRefused refused = (JoinRefused) join("bob", bob, "", false);
    assertEquals(Optional.of(RoomRefusal.INVITE_ONLY), refused.refusal());
    assertEquals(RoomRefusal.INVITE_ONLY.text(), refused.reason());
  }
}
