package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The IRCv3 capabilities as a client sees them: {@code server-time} stamps messages,
 * {@code echo-message} returns the client's own messages, and a room's history comes as a
 * {@code chathistory} batch to clients that asked for {@code batch} and {@code server-time}, and
 * as plain notices to the others.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcCapabilitiesTest extends IrcEndToEndBase {

  private static final String SERVER_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  @Test
  void serverTimeStampsMessagesOnlyForClientsThatAskedForIt() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = ircWithCaps("dave", "server-time");
    join(dave, "#lobby");
    IrcTestClient erin = irc("erin", "#lobby");

    Instant before = Instant.now();
    carol.send("what time is it?");
    IrcMessage stamped =
        expectLine(dave, ":" + mask("carol") + " PRIVMSG #lobby :what time is it?");
    assertTimeBetween(stamped, before, Instant.now());
    IrcMessage plain = expectLine(erin, ":" + mask("carol") + " PRIVMSG #lobby :what time is it?");
    assertEquals(Map.of(), plain.tags());

    carol.send("/msg dave private time");
    IrcMessage privately = expectLine(dave, ":" + mask("carol") + " PRIVMSG dave :private time");
    assertTimeBetween(privately, before, Instant.now());
  }

  @Test
  void echoMessageReturnsOwnMessagesOnlyWhenEnabled() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = ircWithCaps("dave", "echo-message");
    join(dave, "#lobby");
    IrcTestClient erin = irc("erin", "#lobby");
    expectLine(dave, ":" + mask("erin") + " JOIN #lobby");

    dave.send("PRIVMSG #lobby :echo me");
    assertEquals(List.of(":" + mask("dave") + " PRIVMSG #lobby :echo me"), renders(sync(dave)));
    dave.send("PRIVMSG carol :and me");
    assertEquals(List.of(":" + mask("dave") + " PRIVMSG carol :and me"), renders(sync(dave)));
    carol.expect("PRIV dave carol and me");

    expectLine(erin, ":" + mask("dave") + " PRIVMSG #lobby :echo me");
    erin.send("PRIVMSG #lobby :no echo");
    erin.send("PRIVMSG carol :nor here");
    assertEquals(List.of(), renders(sync(erin)), "no echo without echo-message");
    carol.expect("PRIV erin carol nor here");
    expectLine(dave, ":" + mask("erin") + " PRIVMSG #lobby :no echo");
  }

  @Test
  void historyComesAsAChathistoryBatchWithTimesWhenAskedFor() throws Exception {
    TestClient carol = nativeUser("carol");
    Instant before = Instant.now();
    carol.send("first");
    carol.send("/me waves");
    carol.send("second");
    carol.expect("MSG lobby carol second");
    Instant after = Instant.now();

    IrcTestClient dave = ircWithCaps("dave", "batch server-time");
    join(dave, "#lobby");
    List<IrcMessage> history = sync(dave);
    assertEquals(List.of("BATCH", "PRIVMSG", "PRIVMSG", "PRIVMSG", "BATCH"), commands(history),
        () -> renders(history).toString());
    IrcMessage start = history.get(0);
    String id = start.params().get(0).substring(1);
    assertEquals(List.of("+" + id, "chathistory", "#lobby"), start.params());
    assertEquals(List.of("-" + id), history.get(4).params());
    List<String> texts = List.of("first", "\u0001ACTION waves\u0001", "second");
    for (int i = 0; i < 3; i++) {
      IrcMessage post = history.get(i + 1);
      assertEquals(":" + mask("carol") + " PRIVMSG #lobby :" + texts.get(i), untagged(post));
      assertEquals(id, post.tags().get("batch"), post::render);
      assertTimeBetween(post, before, after);
    }
  }

  @Test
  void historyComesAsPlainNoticesOtherwise() throws Exception {
    TestClient carol = nativeUser("carol");
    carol.send("first");
    carol.send("/me waves");
    carol.expect("ACTION lobby carol waves");

    IrcTestClient dave = ircWithCaps("dave", "batch");
    join(dave, "#lobby");
    IrcTestClient erin = irc("erin", "#lobby");
    for (IrcTestClient client : List.of(dave, erin)) {
      List<IrcMessage> history = sync(client).stream()
          .filter(m -> !m.command().equals("JOIN")).toList();
      assertEquals(2, history.size(), () -> renders(history).toString());
      for (IrcMessage notice : history) {
        assertEquals("NOTICE", notice.command(), notice::render);
        assertEquals(Map.of(), notice.tags(), notice::render);
        assertEquals("#lobby", notice.params().get(0), notice::render);
      }
      assertTrue(last(history.get(0)).matches("\\[[-0-9T:]+Z] <carol> first"),
          history.get(0)::render);
      assertTrue(last(history.get(1)).matches("\\[[-0-9T:]+Z] \\* carol waves"),
          history.get(1)::render);
    }
  }

  private static void assertTimeBetween(IrcMessage message, Instant from, Instant to) {
    String time = message.tags().get("time");
    assertTrue(time != null && time.matches(SERVER_TIME), message::render);
    Instant at = Instant.parse(time);
    assertTrue(!at.isBefore(from.minus(Duration.ofMillis(1)))
        && !at.isAfter(to.plus(Duration.ofMillis(1))), () -> at + " not within " + from + "-" + to);
  }
}
