package lochat.protocol.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import lochat.testing.TestEvents;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MessageKind;
import lochat.chat.ModeChange;
import lochat.chat.RoomInfo;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.ListEntry;
import org.junit.jupiter.api.Test;

class LineRendererTest {

  private static final Instant AT = Instant.parse("2024-03-01T12:34:56.789123Z");

  @Test
  void theOtherNodesAreTheirNativePortsOnOneLine() {
    assertEquals("NODES 10.0.0.8:4444 10.0.0.8:4445/tls [fd00::9]:4444 10.0.0.9:5445/tls",
        LineRenderer.INSTANCE.nodes(List.of(
            new lochat.cluster.NodeEndpoints("10.0.0.8", 4444, 4445, 6667, 0, 8080, 0),
            new lochat.cluster.NodeEndpoints("fd00::9", 4444, 0, 0, 0, 0, 0),
            new lochat.cluster.NodeEndpoints("10.0.0.9", 0, 5445, 0, 0, 0, 0))));
    assertEquals("NODES", LineRenderer.INSTANCE.nodes(List.of()), "no other node now");
  }

  @Test
  void post() {
    Posted post = TestEvents.posted("lobby", "alice", "hello there", MessageKind.TEXT, AT);
    assertEquals("MSG lobby alice hello there", LineRenderer.INSTANCE.event(post));
    assertEquals("MSG lobby alice hello there", LineRenderer.posted(post));
  }

  @Test
  void action() {
    Posted action = TestEvents.posted("lobby", "alice", "waves", MessageKind.ACTION, AT);
    assertEquals("ACTION lobby alice waves", LineRenderer.INSTANCE.event(action));
  }

  @Test
  void historyHasAnIsoUtcTimestampInWholeSecondsBeforeThePost() {
    assertEquals("HISTORY 2024-03-01T12:34:56Z MSG lobby alice hi",
        LineRenderer.INSTANCE.history(TestEvents.posted("lobby", "alice", "hi", MessageKind.TEXT, AT)));
    assertEquals("HISTORY 2024-03-01T12:34:56Z ACTION lobby alice waves",
        LineRenderer.INSTANCE.history(TestEvents.posted("lobby", "alice", "waves", MessageKind.ACTION, AT)));
  }

  @Test
  void historyOfAPostOnAWholeSecondHasNoFraction() {
    assertEquals("HISTORY 1999-12-31T23:59:59Z MSG lobby bob x",
        LineRenderer.INSTANCE.history(
            TestEvents.posted("lobby", "bob", "x", MessageKind.TEXT, Instant.parse("1999-12-31T23:59:59Z"))));
  }

  @Test
  void joined() {
    assertEquals("JOINED lobby alice", LineRenderer.INSTANCE.event(new MemberJoined("lobby", "alice")));
    assertEquals("JOINED lobby alice", LineRenderer.INSTANCE.joined("lobby", "alice"));
  }

  @Test
  void left() {
    assertEquals("LEFT lobby alice off to bed",
        LineRenderer.INSTANCE.event(new MemberLeft("lobby", "alice", "off to bed", false)));
  }

  @Test
  void renamed() {
    assertEquals("RENAMED lobby alice alice2",
        LineRenderer.INSTANCE.event(new MemberRenamed("lobby", "alice", "alice2")));
  }

  @Test
  void privateMessage() {
    assertEquals("PRIV alice bob psst, bob",
        LineRenderer.INSTANCE.event(TestEvents.privateMessage("alice", "bob", "psst, bob", MessageKind.TEXT, AT)));
  }

  @Test
  void privateAction() {
    assertEquals("PRIVACTION alice bob winks",
        LineRenderer.INSTANCE.event(TestEvents.privateMessage("alice", "bob", "winks", MessageKind.ACTION, AT)));
  }

  @Test
  void whoWithMembers() {
    assertEquals("WHO lobby alice bob carol",
        LineRenderer.INSTANCE.who("lobby", List.of("alice", "bob", "carol")));
  }

  @Test
  void whoWithoutMembers() {
    assertEquals("WHO lobby", LineRenderer.INSTANCE.who("lobby", List.of()));
  }

  @Test
  void roomsWithRooms() {
    assertEquals("ROOMS lobby:3 games:1",
        LineRenderer.INSTANCE.rooms(List.of(new RoomInfo("lobby", 3, ""), new RoomInfo("games", 1, ""))));
  }

  @Test
  void roomsEmpty() {
    assertEquals("ROOMS", LineRenderer.INSTANCE.rooms(List.of()));
  }

  @Test
  void serverAndPrompt() {
    assertEquals("SERVER Welcome to Lochat", LineRenderer.INSTANCE.server("Welcome to Lochat"));
    assertEquals("PROMPT Choose a nickname", LineRenderer.INSTANCE.prompt("Choose a nickname"));
  }

  @Test
  void okWithAndWithoutDetail() {
    assertEquals("OK nick alice", LineRenderer.INSTANCE.ok("nick", "alice"));
    assertEquals("OK quit Bye alice", LineRenderer.INSTANCE.ok("quit", "Bye alice"));
    assertEquals("OK quit", LineRenderer.INSTANCE.ok("quit", ""));
  }

  @Test
  void errorUsesTheLowerCaseDashedCodeName() {
    assertEquals("ERROR nick-taken Nickname alice is taken",
        LineRenderer.INSTANCE.error(ErrorCode.NICK_TAKEN, "Nickname alice is taken"));
    assertEquals("ERROR line-too-long Line longer than 10 bytes",
        LineRenderer.INSTANCE.error(ErrorCode.LINE_TOO_LONG, "Line longer than 10 bytes"));
  }

  @Test
  void everyErrorCodeHasItsDashedWireName() {
    assertEquals(
        List.of("unknown-command", "bad-argument", "nick-invalid", "nick-taken",
            "nick-unavailable",
            "not-registered", "already-registered", "password-required", "password-wrong",
            "registration-timeout", "room-invalid", "room-refused", "not-in-room", "no-such-room",
            "no-such-user", "unknown-mode", "line-too-long", "server-full",
            "too-many-connections", "too-many-guesses", "no-operators", "not-operator",
            "killed", "banned", "bad-message"),
        Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList());
  }

  @Test
  void topicLinesCarryTheSetterAndTheTime() {
    lochat.chat.Topic topic = new lochat.chat.Topic(
        "release on Friday", "alice", java.time.Instant.parse("2026-01-02T03:04:05.678Z"));
    assertEquals("TOPIC dev alice 2026-01-02T03:04:05Z release on Friday",
        LineRenderer.INSTANCE.topic("dev", topic));
    assertEquals("NOTOPIC dev", LineRenderer.INSTANCE.noTopic("dev"));
    assertEquals("NOTOPIC dev bob", LineRenderer.INSTANCE.event(
        new lochat.chat.ChatEvent.TopicChanged("dev", "bob", java.util.Optional.empty())));
    assertEquals("TOPIC dev alice 2026-01-02T03:04:05Z release on Friday", LineRenderer.INSTANCE.event(
        new lochat.chat.ChatEvent.TopicChanged("dev", "alice", java.util.Optional.of(topic))));
  }

  @Test
  void whoMarksOperatorsAndVoicedMembers() {
    assertEquals("WHO dev @alice @+bob +carol dave", LineRenderer.INSTANCE.who("dev",
        List.of("alice", "bob", "carol", "dave"), java.util.Map.of(
            "alice", Roles.OPERATOR, "bob", new Roles(true, true), "carol",
            new Roles(false, true))));
  }

  @Test
  void modeChangesAreShownInIrcSyntaxWithWhoMadeThem() {
    assertEquals("MODE dev alice +mo-v+b bob carol *!*@10.0.0.7", LineRenderer.INSTANCE.event(
        new ChatEvent.ModesChanged("dev", "alice", List.of(ModeChange.flag(true, 'm'),
            new ModeChange(true, 'o', "bob"), new ModeChange(false, 'v', "carol"),
            new ModeChange(true, 'b', "*!*@10.0.0.7")))));
    assertEquals("MODES dev +ntk sesame", LineRenderer.INSTANCE.modes("dev",
        RoomModes.NEW_ROOM.withKey("sesame"), true));
    assertEquals("MODES dev +ntkl * 10", LineRenderer.INSTANCE.modes("dev",
        RoomModes.NEW_ROOM.withKey("sesame").withLimit(10), false));
  }

  @Test
  void kicksInvitationsAndRefusalsSayWhoAndWhy() {
    assertEquals("KICKED dev alice bob spamming again",
        LineRenderer.INSTANCE.event(new ChatEvent.Kicked("dev", "alice", "bob", "spamming again")));
    assertEquals("KICKED dev alice bob",
        LineRenderer.INSTANCE.event(new ChatEvent.Kicked("dev", "alice", "bob", "")));
    assertEquals("INVITED dev alice", LineRenderer.INSTANCE.event(new ChatEvent.Invited("dev", "alice")));
    assertEquals("ERROR cannot-send Cannot send to the room (dev)", LineRenderer.INSTANCE.event(
        new ChatEvent.PostRefused("dev", RoomRefusal.CANNOT_SEND)));
    assertEquals("ERROR user-not-in-room They are not in that room: bob (dev)",
        LineRenderer.INSTANCE.refused(RoomRefusal.USER_NOT_IN_ROOM, "dev", "bob"));
  }

  @Test
  void listsEndWithTheirOwnMarker() {
    assertEquals("BAN dev bob!*@* alice 2024-03-01T12:34:56Z",
        LineRenderer.INSTANCE.listEntry("dev", new ListEntry('b', "bob!*@*", "alice", AT)));
    assertEquals("BANS dev", LineRenderer.INSTANCE.listEnd("dev", 'b'));
    assertEquals("EXCEPT dev *!*@lan alice 2024-03-01T12:34:56Z",
        LineRenderer.INSTANCE.listEntry("dev", new ListEntry('e', "*!*@lan", "alice", AT)));
    assertEquals("EXCEPTS dev", LineRenderer.INSTANCE.listEnd("dev", 'e'));
    assertEquals("INVEXES dev", LineRenderer.INSTANCE.listEnd("dev", 'I'));
  }

  @Test
  void aPageOfHistoryShowsPostsAndTopicsAndEndsWithTheIdToPageBackFrom() {
    List<HistoryEntry> page = List.of(
        new HistoryEntry(41, "dev", AT, "alice", "alice", "native", EntryKind.TEXT, "hi"),
        new HistoryEntry(42, "dev", AT, "bob", "bob", "irc", EntryKind.ACTION, "waves"),
        new HistoryEntry(43, "dev", AT, "bob", "bob", "irc", EntryKind.TOPIC, "release day"),
        new HistoryEntry(44, "dev", AT, "bob", "bob", "irc", EntryKind.TOPIC, ""));
    assertEquals(List.of("HISTORY 2024-03-01T12:34:56Z MSG dev alice hi",
            "HISTORY 2024-03-01T12:34:56Z ACTION dev bob waves",
            "HISTORY 2024-03-01T12:34:56Z TOPIC dev bob 2024-03-01T12:34:56Z release day",
            "HISTORY 2024-03-01T12:34:56Z NOTOPIC dev bob"),
        page.stream().map(LineRenderer.INSTANCE::history).toList());
    assertEquals("ENDHISTORY dev 4 41", LineRenderer.INSTANCE.historyEnd("dev", page));
    assertEquals("ENDHISTORY dev 0 0", LineRenderer.INSTANCE.historyEnd("dev", List.of()));
  }
}
