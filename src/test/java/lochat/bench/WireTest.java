package lochat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a benchmark client speaks each protocol: what it sends, which server lines it counts as
 * deliveries (and where their text starts), and how it follows sign-in and join.
 */
class WireTest {

  private static final Wire NATIVE = new Wire.Native();
  private static final Wire IRC = new Wire.Irc();

  /** What a wire sent while handling one line, as text. */
  private static final class Sent {
    final List<String> lines = new ArrayList<>();

    void accept(byte[] bytes) {
      lines.add(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The text {@code wire} finds in {@code line}, or null when it is not a delivery. */
  private static String delivered(Wire wire, String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    int start = wire.deliveryText(bytes, 0, bytes.length);
    return start < 0 ? null : line.substring(start);
  }

  /**
   * {@link #delivered}, with the line placed inside a larger array between other bytes, so that
   * the wire must respect {@code from} and {@code to}.
   */
  private static String deliveredWithin(Wire wire, String line) {
    String before = "MSG x y z\n";
    String after = " trailing junk";
    byte[] bytes = (before + line + after).getBytes(StandardCharsets.UTF_8);
    int from = before.length();
    int to = from + line.length();
    int start = wire.deliveryText(bytes, from, to);
    if (start < 0) {
      return null;
    }
    assertTrue(start >= from && start <= to, "text start " + start + " outside the line");
    return new String(bytes, start, to - start, StandardCharsets.UTF_8);
  }

  private static void assertDelivery(Wire wire, String line, String expectedText) {
    assertEquals(expectedText, delivered(wire, line), line);
    assertEquals(expectedText, deliveredWithin(wire, line), line + " (inside a larger array)");
  }

  @Test
  void wiresAreNamedAsOnTheCommandLine() {
    assertEquals("native", NATIVE.name());
    assertEquals("irc", IRC.name());
    assertInstanceOf(Wire.Native.class, Wire.named("native"));
    assertInstanceOf(Wire.Irc.class, Wire.named("irc"));
  }

  @Test
  void unknownWireNameSaysWhichNamesExist() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> Wire.named("smtp"));
    assertTrue(error.getMessage().contains("smtp"), error.getMessage());
    assertTrue(error.getMessage().contains("native"), error.getMessage());
    assertTrue(error.getMessage().contains("irc"), error.getMessage());
    assertTrue(error.getMessage().contains("web"), error.getMessage());
  }

  @Test
  void nativeGreetingIsTheNicknameOnItsOwnLine() {
    assertEquals("bob\n", text(NATIVE.greeting("bob")));
  }

  @Test
  void nativePostIsThePlainTextAndQuitIsTheQuitCommand() {
    assertEquals("b1.2.3 xxxx\n", text(NATIVE.post("bench0", "b1.2.3 xxxx")));
    assertEquals("/quit\n", text(NATIVE.quit()));
  }

  @Test
  void nativeTextOfARoomPostStartsAfterRoomAndNick() {
    assertDelivery(NATIVE, "MSG bench0 ab1 b1.2.3 xxxx", "b1.2.3 xxxx");
    assertDelivery(NATIVE, "MSG bench0 ab1 hello", "hello");
    assertDelivery(NATIVE, "MSG lobby alice look red evil", "look red evil");
  }

  @Test
  void nativeOtherLinesAreNotDeliveries() {
    for (String line : List.of(
        "HISTORY 2026-11-22T04:08:54Z MSG bench0 ab1 b1.2.3 xxxx",
        "JOINED bench0 ab1",
        "LEFT bench0 ab1 quit",
        "WHO bench0 ab1 ab2",
        "SERVER Hello ab1! You are in lobby.",
        "ERROR not-in-room You are not in a room",
        "MSG bench0 ab1",
        "MSG",
        "MS",
        "")) {
      assertEquals(null, delivered(NATIVE, line), line);
      assertEquals(null, deliveredWithin(NATIVE, line), line + " (inside a larger array)");
    }
  }

  @Test
  void nativeHelloSignsInAndJoinsTheRoom() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.REGISTERED,
        NATIVE.onLine("SERVER Hello ab1! You are in lobby. Type /help for commands, /quit to "
            + "leave.", "bench0", sent::accept));
    assertEquals(List.of("/join bench0\n"), sent.lines);
  }

  @Test
  void nativeHelloWithoutARoomSignsInAndSendsNothing() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.REGISTERED,
        NATIVE.onLine("SERVER Hello ab1! Type /help for commands, /quit to leave.", null,
            sent::accept));
    assertEquals(List.of(), sent.lines);
  }

  @Test
  void nativeJoinedTheRoomIsJoined() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.JOINED, NATIVE.onLine("JOINED bench0 ab1", "bench0",
        sent::accept));
    assertEquals(Wire.Progress.NONE, NATIVE.onLine("JOINED lobby ab1", "bench0", sent::accept));
    assertEquals(Wire.Progress.NONE, NATIVE.onLine("JOINED bench01 ab1", "bench0",
        sent::accept));
    assertEquals(Wire.Progress.NONE, NATIVE.onLine("JOINED bench0 ab1", null, sent::accept));
    assertEquals(List.of(), sent.lines);
  }

  @Test
  void nativeErrorIsARefusal() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.REFUSED,
        NATIVE.onLine("ERROR nick-taken Nickname ab1 is already in use; choose another",
            "bench0", sent::accept));
    assertEquals(Wire.Progress.REFUSED,
        NATIVE.onLine("ERROR room-refused Cannot join bench0", "bench0", sent::accept));
    assertEquals(List.of(), sent.lines);
  }

  @Test
  void aNicknameACannotGiveNowIsToBeTriedAgainAndIrcAsksForItAloneThen() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.RETRY, NATIVE.onLine("ERROR nick-unavailable The cluster is not "
        + "reachable, so the nickname ab1 cannot be taken now; try again", "bench0",
        sent::accept));
    assertEquals(Wire.Progress.RETRY, IRC.onLine(
        ":lochat 437 * ab1 :The cluster is not reachable; try again", "bench0", sent::accept));
    assertEquals(List.of(), sent.lines);
    assertEquals("NICK ab1\r\n", new String(IRC.retry("ab1"), StandardCharsets.US_ASCII));
    assertEquals("ab1\n", new String(NATIVE.retry("ab1"), StandardCharsets.US_ASCII));
  }

  @Test
  void nativeOtherLinesAreNoProgress() {
    Sent sent = new Sent();
    for (String line : List.of("PROMPT nick Choose a nickname", "OK nick ab1",
        "WHO bench0 ab1", "HISTORY 2026-11-22T04:08:54Z MSG bench0 x hi",
        "SERVER You are not in any room now", "")) {
      assertEquals(Wire.Progress.NONE, NATIVE.onLine(line, "bench0", sent::accept), line);
    }
    assertEquals(List.of(), sent.lines);
  }

  @Test
  void ircGreetingRegistersNickAndUser() {
    assertEquals("NICK ab1\r\nUSER ab1 0 * :Lochat bench\r\n", text(IRC.greeting("ab1")));
  }

  @Test
  void ircPostIsAPrivmsgToTheChannelAndQuitIsQuit() {
    assertEquals("PRIVMSG #bench0 :b1.2.3 xxxx\r\n", text(IRC.post("bench0", "b1.2.3 xxxx")));
    String quit = text(IRC.quit());
    assertTrue(quit.startsWith("QUIT"), quit);
    assertTrue(quit.endsWith("\r\n"), quit);
  }

  @Test
  void ircTextOfAChannelPrivmsgIsItsTrailingParameter() {
    assertDelivery(IRC, ":ab1!ab1@127.0.0.1 PRIVMSG #bench0 :b1.2.3 xxxx", "b1.2.3 xxxx");
    assertDelivery(IRC, ":ab1 PRIVMSG #bench0 :hello", "hello");
    assertDelivery(IRC, "PRIVMSG #bench0 :hello there", "hello there");
    assertDelivery(IRC, ":ab1!u@h PRIVMSG #bench0 b1.2.3", "b1.2.3");
    assertDelivery(IRC, "PRIVMSG #bench0 b1.2.3", "b1.2.3");
    assertDelivery(IRC, ":ab1!u@h PRIVMSG #bench0 ::colon", ":colon");
  }

  @Test
  void ircOtherLinesAreNotDeliveries() {
    for (String line : List.of(
        ":ab1!u@h PRIVMSG ab2 :b1.2.3 private",
        "PRIVMSG ab2 :b1.2.3 private",
        ":ab1!u@h NOTICE #bench0 :b1.2.3 notice",
        ":ab1!u@h JOIN #bench0",
        ":ab1!u@h PART #bench0 :bye",
        ":lochat 001 ab1 :Welcome to Lochat ab1",
        ":lochat 366 ab1 #bench0 :End of /NAMES list",
        ":lochat 353 ab1 = #bench0 :ab1 ab2",
        "PING :lochat",
        ":ab1!u@h PRIVMSG #bench0",
        ":ab1!u@h PRIVMSG #bench0 ",
        ":ab1!u@h PRIVMSG ",
        ":ab1!u@h",
        ":",
        "")) {
      assertEquals(null, delivered(IRC, line), line);
      assertEquals(null, deliveredWithin(IRC, line), line + " (inside a larger array)");
    }
  }

  @Test
  void ircWelcomeRegistersAndJoinsTheChannel() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.REGISTERED,
        IRC.onLine(":lochat 001 ab1 :Welcome to the Lochat IRC network ab1", "bench0",
            sent::accept));
    assertEquals(List.of("JOIN #bench0\r\n"), sent.lines);
  }

  @Test
  void ircWelcomeWithoutARoomRegistersAndSendsNothing() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.REGISTERED, IRC.onLine(":lochat 001 ab1 :Welcome", null,
        sent::accept));
    assertEquals(List.of(), sent.lines);
  }

  @Test
  void ircPingIsAnsweredWithPongOfTheSameToken() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.NONE, IRC.onLine("PING :abc", "bench0", sent::accept));
    assertEquals(Wire.Progress.NONE, IRC.onLine("PING :abc def", "bench0", sent::accept));
    assertEquals(Wire.Progress.NONE, IRC.onLine(":lochat PING :lochat", null, sent::accept));
    assertEquals(Wire.Progress.NONE, IRC.onLine("PING token", null, sent::accept));
    assertEquals(List.of("PONG :abc\r\n", "PONG :abc def\r\n", "PONG :lochat\r\n",
        "PONG token\r\n"), sent.lines);
  }

  @Test
  void ircEndOfNamesOfTheChannelIsJoined() {
    Sent sent = new Sent();
    assertEquals(Wire.Progress.JOINED,
        IRC.onLine(":lochat 366 ab1 #bench0 :End of /NAMES list", "bench0", sent::accept));
    assertEquals(Wire.Progress.JOINED,
        IRC.onLine("366 ab1 #bench0 :End", "bench0", sent::accept));
    assertEquals(Wire.Progress.NONE,
        IRC.onLine(":lochat 366 ab1 #bench01 :End of /NAMES list", "bench0", sent::accept));
    assertEquals(Wire.Progress.NONE,
        IRC.onLine(":lochat 366 ab1 #other :End of /NAMES list", "bench0", sent::accept));
    assertEquals(Wire.Progress.NONE,
        IRC.onLine(":lochat 366 ab1 #bench0 :End of /NAMES list", null, sent::accept));
    assertEquals(List.of(), sent.lines);
  }

  @Test
  void ircRefusalsOfNickJoinOrConnectionAreRefused() {
    Sent sent = new Sent();
    for (String line : List.of(
        ":lochat 433 * ab1 :Nickname is already in use",
        ":lochat 432 * a@b :Erroneous nickname",
        ":lochat 436 ab1 :Nickname collision",
        ":lochat 403 ab1 #bench0 :No such channel",
        ":lochat 405 ab1 #bench0 :You have joined too many channels",
        ":lochat 471 ab1 #bench0 :Cannot join channel (+l)",
        ":lochat 473 ab1 #bench0 :Cannot join channel (+i)",
        ":lochat 474 ab1 #bench0 :Cannot join channel (+b)",
        ":lochat 475 ab1 #bench0 :Cannot join channel (+k)",
        "ERROR :Closing link: too many connections")) {
      assertEquals(Wire.Progress.REFUSED, IRC.onLine(line, "bench0", sent::accept), line);
    }
    assertEquals(List.of(), sent.lines);
  }

  @Test
  void ircOtherLinesAreNoProgress() {
    Sent sent = new Sent();
    for (String line : List.of(
        ":lochat 002 ab1 :Your host is lochat",
        ":lochat 005 ab1 CHANTYPES=# :are supported by this server",
        ":lochat 375 ab1 :- lochat Message of the day -",
        ":lochat 353 ab1 = #bench0 :ab1",
        ":ab1!ab1@127.0.0.1 JOIN #bench0",
        ":lochat NOTICE * :*** Looking up your hostname",
        ":lochat",
        "")) {
      assertEquals(Wire.Progress.NONE, IRC.onLine(line, "bench0", sent::accept), line);
    }
    assertEquals(List.of(), sent.lines);
  }
}
