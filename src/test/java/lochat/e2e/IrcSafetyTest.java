package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What protects everyone from one IRC client: a client that stops reading is dropped as too slow
 * without holding up the room, flood control paces IRC input as it does native input, and a
 * server shutdown tells IRC clients before it closes them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcSafetyTest extends IrcEndToEndBase {

  /** Bytes a client may leave unread. */
  private static final int SEND_BUFFER = 65_536;
  /**
   * Native posts may be 4096 bytes; the IRC listener splits each into nine lines, so that few
   * posts fill the socket buffers. The writer keeps at most {@link #WINDOW} posts ahead of its
   * own echo.
   */
  private static final String PAYLOAD = "z".repeat(4000);
  private static final int WINDOW = 4;
  private static final int MAX_POSTS = 20_000;

  @Test
  void ircClientThatStopsReadingIsDroppedWhileOthersKeepReceiving() throws Exception {
    start("lochat.connection.send-buffer = " + SEND_BUFFER);
    TestClient alice = nativeUser("alice");
    IrcTestClient bob = irc("bob", "#lobby");
    try (Socket slow = new Socket()) {
      slow.setReceiveBufferSize(4096);
      slow.connect(new InetSocketAddress("127.0.0.1", server().ircPort()), 5000);
      OutputStream out = slow.getOutputStream();
      out.write("NICK slow\r\nUSER slow 0 * :Never Reads\r\nJOIN #lobby\r\n"
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      alice.expect("JOINED lobby slow");
      expectLine(bob, ":" + mask("slow") + " JOIN #lobby");

      String reason = "too slow: more than " + SEND_BUFFER + " bytes unread";
      int sent = 0;
      int echoed = 0;
      boolean slowLeft = false;
      while (!slowLeft) {
        while (sent - echoed < WINDOW && sent < MAX_POSTS) {
          alice.send(sent++ + " " + PAYLOAD);
        }
        String line = alice.nextLine();
        if (line.startsWith("MSG lobby alice ")) {
          assertEquals(echoed++, Integer.parseInt(line.split(" ", 5)[3]), "order of posts");
        } else if (line.startsWith("LEFT lobby slow ")) {
          assertEquals("LEFT lobby slow " + reason, line);
          slowLeft = true;
        }
        assertTrue(echoed < MAX_POSTS, "slow client never dropped");
      }

      IrcMessage quit = bob.expect(from("slow", "QUIT"), "slow's QUIT");
      assertEquals("Too slow: more than " + SEND_BUFFER + " bytes unread", last(quit));
      alice.send("after the slow one left");
      expectLine(bob, ":" + mask("alice") + " PRIVMSG #lobby :after the slow one left");
      TestClient again = nativeUser("slow");
      again.send("/who lobby");
      again.expect("WHO lobby @alice bob slow");
    }
  }

  /**
   * A native user posts long lines as fast as its own echo allows, never more than
   * {@link #WINDOW} ahead; an IRC reader and a native reader, both reading all the time, must
   * both keep up. Each post is nine lines for the IRC reader and one for the native reader, and
   * the send buffer holds less than two posts: the readers are often behind, and the room waits
   * for them rather than dropping them.
   */
  @Test
  void ircClientThatKeepsReadingIsNotDroppedByLongPosts() throws Exception {
    int sendBuffer = 8192;
    int posts = 1000;
    start("lochat.connection.send-buffer = " + sendBuffer);
    TestClient alice = nativeUser("alice");
    TestClient carol = nativeUser("carol");
    IrcTestClient bob = irc("bob", "#lobby");
    alice.expect("JOINED lobby bob");

    int sent = 0;
    int echoed = 0;
    while (echoed < posts) {
      while (sent - echoed < WINDOW && sent < posts) {
        alice.send(sent++ + " " + PAYLOAD);
      }
      String line = alice.nextLine();
      if (line.startsWith("MSG lobby alice ")) {
        echoed++;
      } else {
        int after = echoed;
        assertTrue(line.startsWith("JOINED "), () -> "after " + after + " posts: " + line);
      }
    }
    alice.send("done");
    carol.expect("MSG lobby alice done");
    expectLine(bob, ":" + mask("alice") + " PRIVMSG #lobby :done");
  }

  @Test
  void floodControlPacesIrcInputWithoutDisconnecting() throws Exception {
    start("lochat.connection.input-lines-per-second = 10\nlochat.connection.input-burst = 2");
    IrcTestClient dave = irc("dave");
    int pings = 8;
    StringBuilder burst = new StringBuilder();
    for (int i = 0; i < pings; i++) {
      burst.append("PING :flood").append(i).append("\r\n");
    }
    long start = System.nanoTime();
    dave.sendRaw(burst.toString().getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < pings; i++) {
      assertExactReply(dave.expectNext(), "PONG", SERVER, "flood" + i);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // 8 lines at 10 a second, after a burst of at most 2, cannot all be taken within 0.4 s.
    assertTrue(took.compareTo(Duration.ofMillis(400)) >= 0, () -> "all answered in " + took);
  }

  @Test
  void serverShutdownTellsIrcClientsAndClosesThem() throws Exception {
    IrcTestClient erin = irc("erin", "#lobby");
    IrcTestClient dave = irc("dave", "#lobby");
    server().shutdown(Duration.ofSeconds(10));
    for (IrcTestClient client : List.of(erin, dave)) {
      List<IrcMessage> last = client.expectClosed();
      IrcMessage error = last.get(last.size() - 1);
      assertEquals("ERROR", error.command(), () -> renders(last).toString());
      assertTrue(last(error).contains("Server shutting down"), error::render);
    }
  }
}
