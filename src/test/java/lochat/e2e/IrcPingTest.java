package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server's keep-alive: a quiet IRC client is sent {@code PING :<server-name>}; one that
 * answers stays, one that does not is dropped with an ERROR, and its channels see it quit with
 * "Ping timeout".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcPingTest extends IrcEndToEndBase {

  @BeforeEach
  void startWithShortPings() throws Exception {
    start("lochat.irc.ping-interval = 300ms\nlochat.irc.ping-timeout = 300ms");
  }

  @Test
  void quietClientIsPingedAndStaysAsLongAsItAnswers() throws Exception {
    IrcTestClient dave = irc("dave");
    for (int i = 0; i < 3; i++) {
      IrcMessage ping = dave.expectNext("PING");
      assertEquals(List.of(SERVER), ping.params(), ping::render);
      dave.send("PONG :" + SERVER);
    }
    dave.send("PING :still here");
    assertExactReply(dave.expect("PONG"), "PONG", SERVER, "still here");
  }

  @Test
  void clientThatDoesNotAnswerIsDroppedAndItsChannelsSeeWhy() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient erin = ircConnect().answerPings(true);
    register(erin, "erin");
    join(erin, "#lobby");
    IrcTestClient dave = irc("dave", "#lobby");
    carol.expect("JOINED lobby dave");

    List<IrcMessage> beforeClose = dave.expectClosed();
    assertTrue(beforeClose.stream().anyMatch(m -> m.command().equals("PING")),
        () -> renders(beforeClose).toString());
    IrcMessage error = beforeClose.get(beforeClose.size() - 1);
    assertEquals("ERROR", error.command(), error::render);
    assertTrue(last(error).contains("Ping timeout"), error::render);

    IrcMessage quit = erin.expect(from("dave", "QUIT"), "dave's QUIT");
    assertTrue(last(quit).startsWith("Ping timeout: "), quit::render);
    carol.expectStartsWith("LEFT lobby dave ping timeout");

    erin.send("PING :erin stays");
    assertExactReply(erin.expect("PONG"), "PONG", SERVER, "erin stays");
  }
}
