package lochat.protocol.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import lochat.testing.TestEvents;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.RoomInfo;
import lochat.chat.Topic;
import lochat.client.ServerLine;
import lochat.protocol.TextSanitizer;
import lochat.testing.Hostile;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * What {@link LineRenderer} promises for names the chat core accepts and text a session has
 * sanitised: one line, no control character, and fields the client reads back as they were.
 */
class LineRendererPropertiesTest {

  private static final Instant AT = Instant.parse("2024-03-01T12:34:56Z");

  @Provide
  Arbitrary<String> name() {
    return Arbitraries.strings().withChars("abcXYZ019_-.[]\\`^{|}").ofMinLength(1).ofMaxLength(32);
  }

  @Provide
  Arbitrary<String> text() {
    return Hostile.text().map(TextSanitizer::clean);
  }

  @Property(tries = 300)
  void aPostReadsBackAsSent(@ForAll("name") String room, @ForAll("name") String nick,
      @ForAll("text") String text, @ForAll boolean action) {
    ChatEvent.Posted post = TestEvents.posted(
        room, nick, text, action ? MessageKind.ACTION : MessageKind.TEXT, AT);
    ServerLine line = read(LineRenderer.INSTANCE.event(post));
    assertEquals(List.of(action ? "ACTION" : "MSG", room, nick, text),
        List.of(line.kind(), line.field(0), line.field(1), line.rest(2)));
    ServerLine history = read(LineRenderer.INSTANCE.history(post));
    assertEquals(LineRenderer.posted(post), history.rest(1));
  }

  @Property(tries = 300)
  void aPrivateMessageReadsBackAsSent(@ForAll("name") String from, @ForAll("name") String to,
      @ForAll("text") String text) {
    ServerLine line = read(LineRenderer.INSTANCE.event(
        TestEvents.privateMessage(from, to, text, MessageKind.TEXT, AT)));
    assertEquals(List.of("PRIV", from, to, text),
        List.of(line.kind(), line.field(0), line.field(1), line.rest(2)));
  }

  @Property(tries = 300)
  void everyOtherLineReadsBackAsSent(@ForAll("name") String room, @ForAll("name") String nick,
      @ForAll("text") String text) {
    ServerLine left = read(LineRenderer.INSTANCE.event(new ChatEvent.MemberLeft(room, nick, text, true)));
    assertEquals(List.of(room, nick, text), List.of(left.field(0), left.field(1), left.rest(2)));
    ServerLine topic = read(LineRenderer.INSTANCE.event(
        new ChatEvent.TopicChanged(room, nick, Optional.of(new Topic(text, nick, AT)))));
    assertEquals(List.of(room, nick, text), List.of(topic.field(0), topic.field(1), topic.rest(3)));
    assertEquals(text, read(LineRenderer.INSTANCE.server(text)).body());
    assertEquals(text, read(LineRenderer.INSTANCE.error(ErrorCode.BAD_ARGUMENT, text)).rest(1));
    read(LineRenderer.INSTANCE.event(new ChatEvent.MemberRenamed(room, nick, nick)));
    read(LineRenderer.INSTANCE.event(new ChatEvent.MemberJoined(room, nick)));
    read(LineRenderer.INSTANCE.event(new ChatEvent.TopicChanged(room, nick, Optional.empty())));
    read(LineRenderer.INSTANCE.who(room, List.of(nick, nick)));
    read(LineRenderer.INSTANCE.rooms(List.of(new RoomInfo(room, 3, text))));
    read(LineRenderer.INSTANCE.ok("nick", nick));
    read(LineRenderer.INSTANCE.prompt(text));
  }

  private static ServerLine read(String rendered) {
    Hostile.assertNoControl(rendered);
    return ServerLine.parse(rendered);
  }
}
