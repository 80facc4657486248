package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.testing.TestEvents;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MessageKind;
import lochat.chat.Topic;
import org.junit.jupiter.api.Test;

class IrcEventsTest {

  private static final Instant AT = Instant.parse("2024-05-01T12:34:56.789123Z");
  private static final String A = "\u0001";
  private static final IrcEvents EVENTS = new IrcEvents(new IrcReplies("lochat.lan", UnaryOperator.identity()));

  private static Posted posted(String text, MessageKind kind) {
    return TestEvents.posted("lobby", "bob", text, kind, AT);
  }

  private static List<String> rendered(List<IrcMessage> messages) {
    return messages.stream().map(IrcMessage::render).toList();
  }

  private static int contentBytes(IrcMessage message) {
    return message.withTags(Map.of()).render().getBytes(StandardCharsets.UTF_8).length;
  }

  // --- posts ---

  @Test
  void postIsAPrivmsgToTheChannelFromTheUsersMask() {
    assertEquals(List.of(":bob!bob@lochat.lan PRIVMSG #lobby :hello all"),
        rendered(EVENTS.posted(posted("hello all", MessageKind.TEXT), false, false)));
  }

  @Test
  void serverTimeAddsTheTimeTagInUtcWithMilliseconds() {
    List<IrcMessage> messages = EVENTS.posted(posted("hi", MessageKind.TEXT), true, false);
    assertEquals(List.of("@time=2024-05-01T12:34:56.789Z :bob!bob@lochat.lan PRIVMSG #lobby :hi"),
        rendered(messages));
    assertEquals("2024-05-01T12:00:00.000Z",
        IrcEvents.serverTime(Instant.parse("2024-05-01T12:00:00Z")));
  }

  @Test
  void withoutServerTimeThereAreNoTags() {
    assertEquals(Map.of(),
        EVENTS.posted(posted("hi", MessageKind.TEXT), false, false).get(0).tags());
  }

  @Test
  void actionIsACtcpAction() {
    assertEquals(List.of(":bob!bob@lochat.lan PRIVMSG #lobby :" + A + "ACTION waves" + A),
        rendered(EVENTS.posted(posted("waves", MessageKind.ACTION), false, false)));
  }

  @Test
  void noticeIsANotice() {
    assertEquals(List.of(":bob!bob@lochat.lan NOTICE #lobby :build is green"),
        rendered(EVENTS.posted(posted("build is green", MessageKind.NOTICE), false, false)));
  }

  @Test
  void longPostIsSplitIntoSeveralMessagesThatEachFitAndCarryTheTime() {
    String text = "lorem ipsum ".repeat(120);

    List<IrcMessage> messages = EVENTS.posted(posted(text, MessageKind.TEXT), true, false);

    assertTrue(messages.size() >= 3, "" + messages.size());
    StringBuilder joined = new StringBuilder();
    for (IrcMessage message : messages) {
      assertTrue(contentBytes(message) <= 510, "" + contentBytes(message));
      assertEquals("PRIVMSG", message.command());
      assertEquals("#lobby", message.params().get(0));
      assertEquals(Map.of("time", "2024-05-01T12:34:56.789Z"), message.tags());
      joined.append(message.params().get(1));
    }
    assertEquals(text, joined.toString());
  }

  @Test
  void longActionIsSplitIntoSeveralWholeActions() {
    String text = "dances ".repeat(200);

    List<IrcMessage> messages = EVENTS.posted(posted(text, MessageKind.ACTION), false, false);

    assertTrue(messages.size() >= 3, "" + messages.size());
    StringBuilder joined = new StringBuilder();
    for (IrcMessage message : messages) {
      assertTrue(contentBytes(message) <= 510, "" + contentBytes(message));
      String param = message.params().get(1);
      assertTrue(param.startsWith(A + "ACTION ") && param.endsWith(A), param);
      joined.append(IrcText.action(param).orElseThrow());
    }
    assertEquals(text, joined.toString());
  }

  @Test
  void privateMessageIsAddressedToItsRecipient() {
    ChatEvent.PrivateMessage message =
        TestEvents.privateMessage("bob", "alice", "psst", MessageKind.TEXT, AT);
    assertEquals(List.of(":bob!bob@lochat.lan PRIVMSG alice :psst"),
        rendered(EVENTS.privateMessage(message, false, false)));
    assertEquals(List.of("@time=2024-05-01T12:34:56.789Z :bob!bob@lochat.lan PRIVMSG alice :psst"),
        rendered(EVENTS.privateMessage(message, true, false)));
  }

  // --- history ---

  @Test
  void historyInABatchCarriesTheBatchAndTimeTags() {
    List<IrcMessage> messages = EVENTS.replayed(posted("earlier", MessageKind.TEXT),
        Optional.of("h1"), true, false);

    assertEquals(1, messages.size());
    IrcMessage message = messages.get(0);
    assertEquals(Map.of("batch", "h1", "time", "2024-05-01T12:34:56.789Z"), message.tags());
    assertEquals(":bob!bob@lochat.lan PRIVMSG #lobby :earlier",
        message.withTags(Map.of()).render());
  }

  @Test
  void longHistoryLineInABatchIsSplitAndEveryPieceIsInTheBatch() {
    List<IrcMessage> messages =
        EVENTS.replayed(posted("x".repeat(1000), MessageKind.TEXT), Optional.of("h2"), true, false);
    assertEquals(3, messages.size());
    for (IrcMessage message : messages) {
      assertEquals("h2", message.tags().get("batch"));
      assertTrue(contentBytes(message) <= 510);
    }
  }

  @Test
  void batchStartAndEnd() {
    assertEquals(":lochat.lan BATCH +h1 chathistory #lobby",
        EVENTS.batchStart("h1", "#lobby").render());
    assertEquals(":lochat.lan BATCH -h1", EVENTS.batchEnd("h1").render());
  }

  @Test
  void historyAsNoticeIsFromTheServerWithTimeAndNick() {
    assertEquals(List.of(":lochat.lan NOTICE #lobby :[2024-05-01T12:34:56Z] <bob> earlier"),
        rendered(EVENTS.historyAsNotice(posted("earlier", MessageKind.TEXT))));
    assertEquals(List.of(":lochat.lan NOTICE #lobby :[2024-05-01T12:34:56Z] * bob waves"),
        rendered(EVENTS.historyAsNotice(posted("waves", MessageKind.ACTION))));
  }

  @Test
  void longHistoryNoticeIsSplitNotCut() {
    String text = "y".repeat(900);
    List<IrcMessage> messages = EVENTS.historyAsNotice(posted(text, MessageKind.TEXT));
    StringBuilder joined = new StringBuilder();
    for (IrcMessage message : messages) {
      assertTrue(contentBytes(message) <= 510);
      joined.append(message.params().get(1));
    }
    assertEquals("[2024-05-01T12:34:56Z] <bob> " + text, joined.toString());
  }

  // --- membership ---

  @Test
  void joined() {
    assertEquals(":carol!carol@lochat.lan JOIN #lobby", EVENTS.joined("lobby", "carol").render());
  }

  @Test
  void partWithoutReasonHasNoReasonParameter() {
    IrcMessage part = EVENTS.parted("lobby", "carol", "part");
    assertEquals(List.of("#lobby"), part.params());
    assertEquals(":carol!carol@lochat.lan PART #lobby", part.render());
  }

  @Test
  void partWithReasonShowsOnlyTheReason() {
    assertEquals(":carol!carol@lochat.lan PART #lobby :bye now",
        EVENTS.parted("lobby", "carol", "part: bye now").render());
    assertEquals(List.of("#lobby", "bye"), EVENTS.parted("lobby", "carol", "part: bye").params());
  }

  @Test
  void quitReasonsReadAsIrcClientsExpect() {
    assertEquals(List.of("Quit"), EVENTS.quit("carol", "carol", "quit").params());
    assertEquals("carol!carol@lochat.lan",
        EVENTS.quit("carol", "carol", "quit").prefix().orElseThrow());
    assertEquals(":carol!carol@lochat.lan QUIT :Quit: bye",
        EVENTS.quit("carol", "carol", "quit: bye").render());
    assertEquals(":carol!carol@lochat.lan QUIT :Connection lost",
        EVENTS.quit("carol", "carol", "connection lost").render());
    assertEquals(List.of("Server shutdown"),
        EVENTS.quit("carol", "carol", "server shutdown").params());
  }

  @Test
  void renamed() {
    assertEquals(":carol!carol@lochat.lan NICK caro",
        EVENTS.renamed("carol", "carol", "caro").render());
  }

  @Test
  void topicSetIsATopicFromTheSetter() {
    ChatEvent.TopicChanged changed = new ChatEvent.TopicChanged("lobby", "carol",
        Optional.of(new Topic("release on Friday", "carol", AT)));
    assertEquals(":carol!carol@lochat.lan TOPIC #lobby :release on Friday",
        EVENTS.topicChanged(changed).render());
  }

  @Test
  void clearedTopicIsAnEmptyTrailingParameter() {
    IrcMessage cleared =
        EVENTS.topicChanged(new ChatEvent.TopicChanged("lobby", "carol", Optional.empty()));
    assertEquals(List.of("#lobby", ""), cleared.params());
    assertEquals(":carol!carol@lochat.lan TOPIC #lobby :", cleared.render());
  }

  @Test
  void overlongTopicIsCutToFit() {
    ChatEvent.TopicChanged changed = new ChatEvent.TopicChanged("lobby", "carol",
        Optional.of(new Topic("t ".repeat(400), "carol", AT)));
    IrcMessage topic = EVENTS.topicChanged(changed);
    assertTrue(contentBytes(topic) <= 510);
    assertTrue("t ".repeat(400).startsWith(topic.params().get(1)));
  }

  @Test
  void everyEventParsesBackToItself() {
    List<IrcMessage> all = new java.util.ArrayList<>();
    all.addAll(EVENTS.posted(posted(":) hi", MessageKind.TEXT), true, false));
    all.addAll(EVENTS.posted(posted("waves", MessageKind.ACTION), true, false));
    all.addAll(EVENTS.replayed(posted("a;b c\\d", MessageKind.NOTICE),
        Optional.of("h 1;x"), true, false));
    all.addAll(EVENTS.historyAsNotice(posted("old", MessageKind.TEXT)));
    all.add(EVENTS.parted("lobby", "carol", "part"));
    all.add(EVENTS.parted("lobby", "carol", "part: :("));
    all.add(EVENTS.quit("carol", "carol", "quit"));
    all.add(EVENTS.renamed("carol", "carol", "caro"));
    all.add(EVENTS.topicChanged(new ChatEvent.TopicChanged("lobby", "carol", Optional.empty())));
    for (IrcMessage message : all) {
      assertEquals(new IrcParse.Ok(message), IrcMessage.parse(message.render()), message.render());
    }
  }
}
