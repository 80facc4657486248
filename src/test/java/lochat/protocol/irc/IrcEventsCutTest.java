package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import lochat.testing.TestEvents;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MessageKind;
import lochat.chat.Profile;
import org.junit.jupiter.api.Test;

/**
 * Text from an IRC user that no longer fits 512 bytes once the server adds the sender's prefix
 * is cut, at a UTF-8 character, into one message, as other IRC servers do; a split would deliver
 * messages the sender never sent. Native users' long posts are still split (see
 * {@link IrcEventsTest}).
 */
class IrcEventsCutTest {

  private static final Instant AT = Instant.parse("2024-05-01T12:34:56.789Z");
  private static final String A = "\u0001";
  private static final IrcEvents EVENTS = new IrcEvents(new IrcReplies("lochat.lan", UnaryOperator.identity()));
  private static final Map<String, String> CLIENT_TAGS = Map.of("+draft/reply", "abc123");
  /** What an IRC client may send: {@code PRIVMSG #lobby :} and this many bytes fill 510. */
  private static final int MAX_SENT = 510 - "PRIVMSG #lobby :".length();
  /** What the relayed message has before the text. */
  private static final int PREFIX_AND_TARGET = ":bob!bobby@lochat.lan PRIVMSG #lobby :".length();

  private static Posted fromIrc(String text, MessageKind kind) {
    return new Posted("lobby", "bob", "bobby", Profile.IRC, text, kind, CLIENT_TAGS, AT);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static int contentBytes(IrcMessage message) {
    return utf8(message.withTags(Map.of()).render()).length;
  }

  private static String text(IrcMessage message) {
    return message.params().get(message.params().size() - 1);
  }

  /** {@code cut} is {@code original} up to a character, as long as {@code room} allows. */
  private static void assertLongestPrefix(String original, String cut, int room) {
    assertTrue(original.startsWith(cut), "a start of the original: " + cut);
    byte[] bytes = utf8(cut);
    assertArrayEquals(Arrays.copyOf(utf8(original), bytes.length), bytes);
    assertTrue(bytes.length <= room, bytes.length + " > " + room);
    String next = original.substring(cut.length(), original.offsetByCodePoints(cut.length(), 1));
    assertTrue(bytes.length + utf8(next).length > room, "the next character would have fitted");
  }

  /** One message that fits, its text a whole CTCP message that starts with {@code start}. */
  private static String oneWholeCtcp(List<IrcMessage> messages, String start) {
    assertEquals(1, messages.size(), messages::toString);
    assertTrue(contentBytes(messages.get(0)) <= 510, messages.get(0)::render);
    String param = text(messages.get(0));
    assertTrue(param.startsWith(A + start) && param.endsWith(A), param);
    return param;
  }

  @Test
  void ircPostThatFitsIsRelayedWhole() {
    String text = "x".repeat(472);

    List<IrcMessage> messages = EVENTS.posted(fromIrc(text, MessageKind.TEXT), false, false);

    assertEquals(1, messages.size());
    assertEquals(510, contentBytes(messages.get(0)));
    assertEquals(text, text(messages.get(0)));
  }

  @Test
  void ircPostTooLongWithItsPrefixIsCutIntoOneMessage() {
    String text = "lorem ipsum ".repeat(60).substring(0, MAX_SENT);

    List<IrcMessage> messages = EVENTS.posted(fromIrc(text, MessageKind.TEXT), false, false);

    assertEquals(1, messages.size());
    IrcMessage message = messages.get(0);
    assertEquals(510, contentBytes(message));
    assertEquals("bob!bobby@lochat.lan", message.prefix().orElseThrow());
    assertEquals(List.of("PRIVMSG", "#lobby"), List.of(message.command(), message.params().get(0)));
    assertLongestPrefix(text, text(message), 510 - PREFIX_AND_TARGET);
  }

  @Test
  void cutNeverSplitsAMultiByteCharacterWhereverTheLimitFalls() {
    for (String wide : List.of("é", "€", "😀")) {
      for (int pad = 0; pad < 4; pad++) {
        String text = "a".repeat(pad) + wide.repeat(MAX_SENT);

        IrcMessage message = EVENTS.posted(fromIrc(text, MessageKind.TEXT), false, false).get(0);

        String cut = text(message);
        assertLongestPrefix(text, cut, 510 - PREFIX_AND_TARGET);
        assertEquals(cut, new String(utf8(cut), StandardCharsets.UTF_8));
        assertTrue(contentBytes(message) <= 510);
      }
    }
  }

  @Test
  void cutIsTheSameWithAndWithoutServerTimeAndClientTags() {
    String text = "ü".repeat(MAX_SENT / 2);

    IrcMessage bare = EVENTS.posted(fromIrc(text, MessageKind.TEXT), false, false).get(0);
    List<IrcMessage> tagged = EVENTS.posted(fromIrc(text, MessageKind.TEXT), true, true);

    assertEquals(1, tagged.size());
    assertEquals(Map.of("time", "2024-05-01T12:34:56.789Z", "+draft/reply", "abc123"),
        tagged.get(0).tags());
    assertEquals(bare.params(), tagged.get(0).params(), "tags do not count towards 512 bytes");
    assertEquals(bare.render(), tagged.get(0).withTags(Map.of()).render());
  }

  @Test
  void longIrcActionIsCutAndStaysAWholeAction() {
    for (int pad = 0; pad < 4; pad++) {
      String text = "d".repeat(pad) + "🙂".repeat(MAX_SENT);

      List<IrcMessage> messages = EVENTS.posted(fromIrc(text, MessageKind.ACTION), true, true);

      String action = IrcText.action(oneWholeCtcp(messages, "ACTION ")).orElseThrow();
      assertLongestPrefix(text, action, 510 - PREFIX_AND_TARGET - (A + "ACTION " + A).length());
    }
  }

  @Test
  void ircNoticeIsCutToo() {
    String text = "n".repeat(MAX_SENT);

    List<IrcMessage> messages = EVENTS.posted(fromIrc(text, MessageKind.NOTICE), false, false);

    assertEquals(1, messages.size());
    assertEquals("NOTICE", messages.get(0).command());
    assertEquals(510, contentBytes(messages.get(0)));
  }

  @Test
  void privateMessageFromAnIrcUserIsCut() {
    ChatEvent.PrivateMessage message = new ChatEvent.PrivateMessage("bob", "bobby", Profile.IRC,
        "alice", "p".repeat(MAX_SENT), MessageKind.TEXT, Map.of(), AT);

    List<IrcMessage> messages = EVENTS.privateMessage(message, true, false);

    assertEquals(1, messages.size());
    assertEquals(510, contentBytes(messages.get(0)));
    assertEquals("alice", messages.get(0).params().get(0));
  }

  @Test
  void longPrivateMessageFromANativeUserIsStillSplit() {
    String text = "q".repeat(900);
    ChatEvent.PrivateMessage message =
        TestEvents.privateMessage("bob", "alice", text, MessageKind.TEXT, AT);

    List<IrcMessage> messages = EVENTS.privateMessage(message, false, false);

    assertEquals(2, messages.size());
    assertEquals(text, text(messages.get(0)) + text(messages.get(1)));
  }

  @Test
  void ctcpRequestThatIsCutKeepsItsClosingCtcpMarker() {
    String body = "PING " + "9".repeat(MAX_SENT);

    List<IrcMessage> messages = EVENTS.posted(fromIrc(body, MessageKind.CTCP), false, false);

    oneWholeCtcp(messages, "PING 999");
  }

  // --- history follows the same rule ---

  @Test
  void ircPostInAHistoryBatchIsCutIntoOneMessageOfTheBatch() {
    String text = "é".repeat(MAX_SENT / 2);

    List<IrcMessage> messages = EVENTS.replayed(fromIrc(text, MessageKind.TEXT),
        Optional.of("h1"), true, false);

    assertEquals(1, messages.size());
    assertEquals(Map.of("batch", "h1", "time", "2024-05-01T12:34:56.789Z"),
        messages.get(0).tags());
    assertLongestPrefix(text, text(messages.get(0)), 510 - PREFIX_AND_TARGET);
  }

  @Test
  void ircActionInAHistoryBatchStaysAWholeAction() {
    List<IrcMessage> messages =
        EVENTS.replayed(fromIrc("w".repeat(MAX_SENT), MessageKind.ACTION),
            Optional.of("h1"), true, false);

    oneWholeCtcp(messages, "ACTION www");
  }

  @Test
  void ircPostAsAHistoryNoticeIsCutIntoOneNotice() {
    String text = "€".repeat(MAX_SENT / 3);

    List<IrcMessage> messages = EVENTS.historyAsNotice(fromIrc(text, MessageKind.TEXT));

    assertEquals(1, messages.size());
    String shown = text(messages.get(0));
    String preamble = "[2024-05-01T12:34:56Z] <bob> ";
    assertTrue(shown.startsWith(preamble), shown);
    int room = 510 - utf8(":lochat.lan NOTICE #lobby :" + preamble).length;
    assertLongestPrefix(text, shown.substring(preamble.length()), room);
  }

  @Test
  void ircActionAsAHistoryNoticeIsCutIntoOneNotice() {
    List<IrcMessage> messages =
        EVENTS.historyAsNotice(fromIrc("v".repeat(MAX_SENT), MessageKind.ACTION));

    assertEquals(1, messages.size());
    assertTrue(text(messages.get(0)).startsWith("[2024-05-01T12:34:56Z] * bob vvv"));
    assertEquals(510, contentBytes(messages.get(0)));
  }

  @Test
  void everyCutMessageParsesBackToItself() {
    for (MessageKind kind : List.of(MessageKind.TEXT, MessageKind.ACTION, MessageKind.NOTICE)) {
      Posted posted = fromIrc(": é;\\ ".repeat(MAX_SENT / 6), kind);
      List<IrcMessage> all = new java.util.ArrayList<>();
      all.addAll(EVENTS.posted(posted, true, true));
      all.addAll(EVENTS.replayed(posted, Optional.of("h1"), true, false));
      all.addAll(EVENTS.historyAsNotice(posted));
      for (IrcMessage message : all) {
        assertEquals(new IrcParse.Ok(message), IrcMessage.parse(message.render()),
            message.render());
      }
    }
  }
}
