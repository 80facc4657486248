package lochat.protocol.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import lochat.testing.TestEvents;
import lochat.chat.ChatEvent.MemberJoined;
import lochat.chat.ChatEvent.MemberLeft;
import lochat.chat.ChatEvent.MemberRenamed;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MessageKind;
import lochat.chat.RoomInfo;
import org.junit.jupiter.api.Test;

class LineRendererTest {

  private static final Instant AT = Instant.parse("2024-03-01T12:34:56.789123Z");

  @Test
  void post() {
    Posted post = TestEvents.posted("lobby", "alice", "hello there", MessageKind.TEXT, AT);
    assertEquals("MSG lobby alice hello there", LineRenderer.event(post));
    assertEquals("MSG lobby alice hello there", LineRenderer.posted(post));
  }

  @Test
  void action() {
    Posted action = TestEvents.posted("lobby", "alice", "waves", MessageKind.ACTION, AT);
    assertEquals("ACTION lobby alice waves", LineRenderer.event(action));
  }

  @Test
  void historyHasAnIsoUtcTimestampInWholeSecondsBeforeThePost() {
    assertEquals("HISTORY 2024-03-01T12:34:56Z MSG lobby alice hi",
        LineRenderer.history(TestEvents.posted("lobby", "alice", "hi", MessageKind.TEXT, AT)));
    assertEquals("HISTORY 2024-03-01T12:34:56Z ACTION lobby alice waves",
        LineRenderer.history(TestEvents.posted("lobby", "alice", "waves", MessageKind.ACTION, AT)));
  }

  @Test
  void historyOfAPostOnAWholeSecondHasNoFraction() {
    assertEquals("HISTORY 1999-12-31T23:59:59Z MSG lobby bob x",
        LineRenderer.history(
            TestEvents.posted("lobby", "bob", "x", MessageKind.TEXT, Instant.parse("1999-12-31T23:59:59Z"))));
  }

  @Test
  void joined() {
    assertEquals("JOINED lobby alice", LineRenderer.event(new MemberJoined("lobby", "alice")));
    assertEquals("JOINED lobby alice", LineRenderer.joined("lobby", "alice"));
  }

  @Test
  void left() {
    assertEquals("LEFT lobby alice off to bed",
        LineRenderer.event(new MemberLeft("lobby", "alice", "off to bed", false)));
  }

  @Test
  void renamed() {
    assertEquals("RENAMED lobby alice alice2",
        LineRenderer.event(new MemberRenamed("lobby", "alice", "alice2")));
  }

  @Test
  void privateMessage() {
    assertEquals("PRIV alice bob psst, bob",
        LineRenderer.event(TestEvents.privateMessage("alice", "bob", "psst, bob", MessageKind.TEXT, AT)));
  }

  @Test
  void privateAction() {
    assertEquals("PRIVACTION alice bob winks",
        LineRenderer.event(TestEvents.privateMessage("alice", "bob", "winks", MessageKind.ACTION, AT)));
  }

  @Test
  void whoWithMembers() {
    assertEquals("WHO lobby alice bob carol",
        LineRenderer.who("lobby", List.of("alice", "bob", "carol")));
  }

  @Test
  void whoWithoutMembers() {
    assertEquals("WHO lobby", LineRenderer.who("lobby", List.of()));
  }

  @Test
  void roomsWithRooms() {
    assertEquals("ROOMS lobby:3 games:1",
        LineRenderer.rooms(List.of(new RoomInfo("lobby", 3, ""), new RoomInfo("games", 1, ""))));
  }

  @Test
  void roomsEmpty() {
    assertEquals("ROOMS", LineRenderer.rooms(List.of()));
  }

  @Test
  void serverAndPrompt() {
    assertEquals("SERVER Welcome to Lochat", LineRenderer.server("Welcome to Lochat"));
    assertEquals("PROMPT Choose a nickname", LineRenderer.prompt("Choose a nickname"));
  }

  @Test
  void okWithAndWithoutDetail() {
    assertEquals("OK nick alice", LineRenderer.ok("nick", "alice"));
    assertEquals("OK quit Bye alice", LineRenderer.ok("quit", "Bye alice"));
    assertEquals("OK quit", LineRenderer.ok("quit", ""));
  }

  @Test
  void errorUsesTheLowerCaseDashedCodeName() {
    assertEquals("ERROR nick-taken Nickname alice is taken",
        LineRenderer.error(ErrorCode.NICK_TAKEN, "Nickname alice is taken"));
    assertEquals("ERROR line-too-long Line longer than 10 bytes",
        LineRenderer.error(ErrorCode.LINE_TOO_LONG, "Line longer than 10 bytes"));
  }

  @Test
  void everyErrorCodeHasItsDashedWireName() {
    assertEquals(
        List.of("unknown-command", "bad-argument", "nick-invalid", "nick-taken",
            "not-registered", "already-registered", "password-required", "password-wrong",
            "registration-timeout", "room-invalid", "room-refused", "not-in-room", "no-such-room",
            "no-such-user", "line-too-long", "server-full",
            "too-many-connections", "too-many-guesses", "no-operators", "not-operator",
            "killed", "banned"),
        Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList());
  }

  @Test
  void topicLinesCarryTheSetterAndTheTime() {
    lochat.chat.Topic topic = new lochat.chat.Topic(
        "release on Friday", "alice", java.time.Instant.parse("2026-01-02T03:04:05.678Z"));
    assertEquals("TOPIC dev alice 2026-01-02T03:04:05Z release on Friday",
        LineRenderer.topic("dev", topic));
    assertEquals("NOTOPIC dev", LineRenderer.noTopic("dev"));
    assertEquals("NOTOPIC dev bob", LineRenderer.event(
        new lochat.chat.ChatEvent.TopicChanged("dev", "bob", java.util.Optional.empty())));
    assertEquals("TOPIC dev alice 2026-01-02T03:04:05Z release on Friday", LineRenderer.event(
        new lochat.chat.ChatEvent.TopicChanged("dev", "alice", java.util.Optional.of(topic))));
  }
}
