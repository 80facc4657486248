package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How IRC lines arrive over TCP: whole, several to a packet or a byte at a time, ended by CRLF,
 * LF or CR alone; invalid UTF-8 is replaced, not fatal; and no control character or IRC
 * formatting code reaches anyone else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcFramingTest extends IrcEndToEndBase {

  @Test
  void severalLinesInOnePacketAreEachAnswered() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.sendRaw(bytes("PING :one\r\nPING :two\r\nPING :three\r\n"));
    for (String token : List.of("one", "two", "three")) {
      assertExactReply(dave.expectNext(), "PONG", SERVER, token);
    }
  }

  @Test
  void linesSentOneByteAtATimeWork() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = ircConnect();
    sendByteByByte(dave, "NICK dave\r\nUSER dave 0 * :Dave\r\nJOIN #lobby\r\n");
    welcome(dave);
    carol.expect("JOINED lobby dave");
    sendByteByByte(dave, "PRIVMSG #lobby :caf\u00e9 \uD83D\uDE00 \u00fcber\r\n");
    carol.expect("MSG lobby dave caf\u00e9 \uD83D\uDE00 \u00fcber");
  }

  @Test
  void commandsAreCaseInsensitive() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave");
    dave.send("join #lobby");
    carol.expect("JOINED lobby dave");
    dave.send("privmsg #lobby :typed by hand");
    carol.expect("MSG lobby dave typed by hand");
    dave.send("ping :lower");
    dave.expect(m -> m.command().equals("PONG") && last(m).equals("lower"), "PONG lower");
  }

  @Test
  void crlfLfAndCrAloneEachEndALine() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.sendRaw(bytes("PING :crlf\r\n"));
    dave.sendRaw(bytes("PING :lf\n"));
    dave.sendRaw(bytes("PING :cr\r"));
    dave.sendRaw(bytes("PING :mixed-a\rPING :mixed-b\nPING :mixed-c\r\n"));
    dave.sendRaw(bytes("PING :split\r"));
    dave.sendRaw(bytes("\nPING :after-split\r\n"));
    for (String token : List.of("crlf", "lf", "cr", "mixed-a", "mixed-b", "mixed-c", "split",
        "after-split")) {
      assertExactReply(dave.expectNext(), "PONG", SERVER, token);
    }
    assertEquals(List.of(), renders(sync(dave)), "no error for any terminator");
  }

  @Test
  void messagesEndedEachWayReachNativeUsersUnchanged() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    dave.sendRaw(bytes("PRIVMSG #lobby :ended by crlf\r\n"));
    carol.expect("MSG lobby dave ended by crlf");
    dave.sendRaw(bytes("PRIVMSG #lobby :ended by lf\n"));
    carol.expect("MSG lobby dave ended by lf");
    dave.sendRaw(bytes("PRIVMSG #lobby :ended by cr\r"));
    carol.expect("MSG lobby dave ended by cr");
  }

  @Test
  void invalidUtf8IsReplacedAndTheConnectionStays() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    line.write(bytes("PRIVMSG #lobby :ok "));
    line.write(new byte[] {(byte) 0xff, (byte) 0xc3});
    line.write(bytes(" end\r\n"));
    dave.sendRaw(line.toByteArray());
    carol.expect("MSG lobby dave ok \uFFFD\uFFFD end");
    assertEquals(List.of(), renders(sync(dave)));
  }

  @Test
  void formattingAndControlCharactersNeverReachOthers() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient erin = irc("erin", "#lobby");
    IrcTestClient dave = irc("dave", "#lobby");
    String formatted = "\u0002bold\u0002 \u000304,12red\u0003 \u00033green \u001Funder\u001F"
        + " \u001Ditalic\u001D \u0016rev\u0016 \u000Fplain \u0004FF0000hex bell\u0007"
        + " \u001b[31mansi\u001b[0m \u202Eend";
    String clean = "bold red green under italic rev plain hex bell ansi end";

    dave.send("PRIVMSG #lobby :" + formatted);
    carol.expect("MSG lobby dave " + clean);
    expectLine(erin, ":" + mask("dave") + " PRIVMSG #lobby :" + clean);

    dave.send("PRIVMSG carol :" + formatted);
    carol.expect("PRIV dave carol " + clean);
    dave.send("PRIVMSG erin :" + formatted);
    expectLine(erin, ":" + mask("dave") + " PRIVMSG erin :" + clean);

    // A topic in a channel dave runs: new channels are +t.
    join(dave, "#rules");
    carol.send("/join rules");
    carol.expect("JOINED rules carol");
    join(erin, "#rules");
    dave.send("TOPIC #rules :\u0002Rules\u0002\u0007 apply");
    carol.expectMatching(line -> line.startsWith("TOPIC rules dave ")
        && line.endsWith(" Rules apply"), "TOPIC rules dave <time> Rules apply");
    expectLine(erin, ":" + mask("dave") + " TOPIC #rules :Rules apply");

    dave.send("QUIT :\u000304gone\u0003\u0007 now");
    carol.expect("LEFT lobby dave quit: gone now");
    expectLine(erin, ":" + mask("dave") + " QUIT :Quit: gone now");
    assertTrue(erin.seen().stream().noneMatch(IrcFramingTest::hasControl), erin.seen()::toString);
  }

  @Test
  void scriptThatHalfClosesGetsEveryReplyAndItsLastUnterminatedLineCounts() throws Exception {
    TestClient carol = nativeUser("carol");
    try (Socket script = new Socket()) {
      script.connect(new InetSocketAddress("127.0.0.1", server().ircPort()), 5000);
      script.getOutputStream().write(bytes("NICK bot\r\nUSER bot 0 * :Bot\r\nJOIN #lobby\r\n"
          + "PRIVMSG #lobby :hello from a script\r\nPRIVMSG #lobby :last words"));
      script.shutdownOutput();
      script.setSoTimeout(10_000);
      String received = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(received.contains(" 001 bot "), received);
      assertTrue(received.contains(":" + mask("bot") + " JOIN #lobby\r\n"), received);
      assertTrue(received.contains(" 366 bot #lobby "), received);
    }
    carol.expect("MSG lobby bot hello from a script");
    carol.expect("MSG lobby bot last words");
    carol.expect("LEFT lobby bot connection closed");
  }

  private static boolean hasControl(String line) {
    return line.chars().anyMatch(c -> c < 0x20 && c != '\u0001' || c >= 0x7f && c <= 0x9f);
  }

  private static void sendByteByByte(IrcTestClient client, String text) throws Exception {
    for (byte b : bytes(text)) {
      client.sendRaw(new byte[] {b});
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
