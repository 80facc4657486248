package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import org.junit.jupiter.api.Test;

/**
 * IRCv3 {@code draft/chathistory} against a server that keeps history (in memory, behind the
 * real history writer): live messages carry {@code msgid} and {@code time}, CHATHISTORY pages
 * back by msgid, and bad requests get the FAIL replies the spec names.
 */
class IrcChathistoryTest extends IrcEndToEndBase {

  private static final String CAPS = "batch server-time message-tags draft/chathistory";

  /** ann (with every history capability) and bob in #den; bob says "one" to "five". */
  private IrcTestClient annAfterFiveLines() throws Exception {
    IrcTestClient ann = ircWithCaps("ann", CAPS);
    join(ann, "#den");
    IrcTestClient bob = irc("bob", "#den");
    expectLine(ann, ":" + mask("bob") + " JOIN #den");
    for (String word : List.of("one", "two", "three", "four", "five")) {
      bob.send("PRIVMSG #den :" + word);
      IrcMessage live = expectLine(ann, ":" + mask("bob") + " PRIVMSG #den :" + word);
      assertTrue(live.tags().containsKey("msgid"), live::render);
      assertTrue(live.tags().containsKey("time"), live::render);
    }
    return ann;
  }

  /** The PRIVMSG texts of a chathistory batch, checking its frame and every line's tags. */
  private List<IrcMessage> batch(List<IrcMessage> replies) {
    assertEquals("BATCH", replies.get(0).command(), () -> renders(replies).toString());
    String id = replies.get(0).params().get(0).substring(1);
    assertEquals(List.of("+" + id, "chathistory", "#den"), replies.get(0).params());
    assertEquals(List.of("-" + id), replies.get(replies.size() - 1).params());
    List<IrcMessage> inside = replies.subList(1, replies.size() - 1);
    for (IrcMessage message : inside) {
      assertEquals(id, message.tags().get("batch"), message::render);
      assertTrue(message.tags().containsKey("msgid") && message.tags().containsKey("time"),
          message::render);
    }
    return inside;
  }

  private static List<String> texts(List<IrcMessage> messages) {
    return messages.stream().map(IrcEndToEndBase::last).toList();
  }

  @Test
  void latestThenBeforeTheOldestPagesBackThroughTheHistory() throws Exception {
    IrcTestClient ann = annAfterFiveLines();
    ann.send("CHATHISTORY LATEST #den * 3");
    List<IrcMessage> latest = batch(sync(ann));
    assertEquals(List.of("three", "four", "five"), texts(latest));
    String oldest = latest.get(0).tags().get("msgid");
    ann.send("CHATHISTORY BEFORE #den msgid=" + oldest + " 10");
    List<IrcMessage> before = batch(sync(ann));
    assertEquals(List.of("one", "two"), texts(before));
    ann.send("CHATHISTORY AFTER #den msgid=" + before.get(1).tags().get("msgid") + " 2");
    assertEquals(List.of("three", "four"), texts(batch(sync(ann))));
    ann.send("CHATHISTORY BETWEEN #den msgid=" + before.get(0).tags().get("msgid")
        + " msgid=" + latest.get(2).tags().get("msgid") + " 100");
    assertEquals(List.of("two", "three", "four"), texts(batch(sync(ann))));
  }

  @Test
  void aLaterJoinerGetsHistoryInABatchWithMessageIds() throws Exception {
    annAfterFiveLines();
    IrcTestClient carol = ircWithCaps("carol", CAPS);
    carol.send("JOIN #den");
    carol.expect("366");
    List<IrcMessage> replay = batch(sync(carol));
    assertEquals(List.of("one", "two", "three", "four", "five"), texts(replay));
  }

  @Test
  void badRequestsFailAsTheSpecSays() throws Exception {
    IrcTestClient ann = annAfterFiveLines();
    for (String request : List.of("CHATHISTORY LATEST #den * many", "CHATHISTORY BEFORE #den * 5",
        "CHATHISTORY BEFORE #den msgid=abc 5", "CHATHISTORY TARGETS a b 5",
        "CHATHISTORY LATEST #den")) {
      ann.send(request);
      List<IrcMessage> replies = sync(ann);
      assertEquals(1, replies.size(), () -> request + ": " + renders(replies));
      assertEquals(List.of("CHATHISTORY", "INVALID_PARAMS"),
          replies.get(0).params().subList(0, 2), () -> request + ": " + replies.get(0).render());
      assertEquals("FAIL", replies.get(0).command());
    }
    ann.send("CHATHISTORY LATEST #elsewhere * 5");
    List<IrcMessage> elsewhere = sync(ann);
    assertEquals(List.of("CHATHISTORY", "INVALID_TARGET", "LATEST", "#elsewhere"),
        elsewhere.get(0).params().subList(0, 4), () -> renders(elsewhere).toString());
  }

  @Test
  void withoutBatchHistoryComesAsPlainMessages() throws Exception {
    annAfterFiveLines();
    IrcTestClient carol = irc("carol", "#den");
    sync(carol);
    carol.send("CHATHISTORY LATEST #den * 2");
    List<IrcMessage> replies = sync(carol);
    assertEquals(List.of("four", "five"), texts(replies), () -> renders(replies).toString());
    assertTrue(replies.stream().allMatch(m -> m.tags().isEmpty()), () -> renders(replies).toString());
  }

  @Test
  void theCapabilityIsOffered() throws Exception {
    IrcTestClient ann = ircWithCaps("ann", "draft/chathistory");
    ann.send("CAP LIST");
    assertTrue(last(ann.expect("CAP")).contains("draft/chathistory"));
  }

  @Test
  void aPrivateConversationIsReadByNickWhenPrivateMessagesAreKept() throws Exception {
    start("lochat.history.private = on");
    IrcTestClient ann = ircWithCaps("ann", CAPS);
    IrcTestClient bob = irc("bob");
    ann.send("PRIVMSG bob :are you there?");
    expectLine(bob, ":" + mask("ann") + " PRIVMSG bob :are you there?");
    bob.send("PRIVMSG Ann :yes");
    expectLine(ann, ":" + mask("bob") + " PRIVMSG ann :yes");

    ann.send("CHATHISTORY LATEST BOB * 10");
    List<IrcMessage> replies = sync(ann);
    assertEquals(List.of("chathistory", "bob"), replies.get(0).params().subList(1, 3),
        () -> renders(replies).toString());
    List<IrcMessage> inside = replies.subList(1, replies.size() - 1);
    assertEquals(List.of("bob are you there?", "ann yes"), inside.stream()
        .map(m -> m.params().get(0) + " " + last(m)).toList(), () -> renders(replies).toString());
    assertTrue(inside.get(1).prefix().orElseThrow().startsWith("bob!"));

    ann.send("QUIT :bye");
    ann.expectClosed();
    IrcTestClient later = ircWithCaps("ann", CAPS);
    later.send("CHATHISTORY LATEST bob * 10");
    List<IrcMessage> theirs = sync(later);
    assertEquals(List.of("BATCH", "BATCH"), theirs.stream().map(IrcMessage::command).toList(),
        () -> "whoever takes the nick later reads nothing said before: " + renders(theirs));
  }

  @Test
  void privateConversationsAreNotKeptByDefault() throws Exception {
    IrcTestClient ann = ircWithCaps("ann", CAPS);
    IrcTestClient bob = irc("bob");
    ann.send("PRIVMSG bob :off the record");
    expectLine(bob, ":" + mask("ann") + " PRIVMSG bob :off the record");
    ann.send("CHATHISTORY LATEST bob * 10");
    List<IrcMessage> replies = sync(ann);
    assertEquals(List.of("CHATHISTORY", "INVALID_TARGET"),
        replies.get(0).params().subList(0, 2), () -> renders(replies).toString());
  }
}
