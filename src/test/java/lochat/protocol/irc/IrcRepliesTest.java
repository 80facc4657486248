package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import lochat.chat.FormerNick;
import org.junit.jupiter.api.Test;

class IrcRepliesTest {

  private static final IrcReplies REPLIES = new IrcReplies("lochat.lan", UnaryOperator.identity());

  private static List<String> rendered(List<IrcMessage> messages) {
    return messages.stream().map(IrcMessage::render).toList();
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void maskIsNickBangNickAtServerName() {
    assertEquals("alice!alice@lochat.lan", REPLIES.mask("alice"));
    assertEquals("lochat.lan", REPLIES.serverName());
  }

  @Test
  void numericComesFromTheServerAndIsAddressedToItsTarget() {
    IrcMessage reply = REPLIES.numeric("alice", Numerics.ERR_NOSUCHNICK, "bob",
        "No such nick/channel");
    assertEquals(Optional.of("lochat.lan"), reply.prefix());
    assertEquals("401", reply.command());
    assertEquals(List.of("alice", "bob", "No such nick/channel"), reply.params());
    assertEquals(":lochat.lan 401 alice bob :No such nick/channel", reply.render());
  }

  @Test
  void numericToAnUnregisteredClientIsAddressedToAStar() {
    assertEquals(":lochat.lan 451 * :You have not registered",
        REPLIES.numeric(IrcReplies.UNREGISTERED, Numerics.ERR_NOTREGISTERED,
            "You have not registered").render());
  }

  @Test
  void numericWithOverlongTextIsCutToFit() {
    IrcMessage reply = REPLIES.numeric("alice", Numerics.RPL_AWAY, "bob", "z".repeat(600));
    int bytes = utf8(reply.render());
    assertTrue(bytes == 509 || bytes == 510, "" + bytes); // 509 when the cut text needs no ':'
    assertEquals(List.of("alice", "bob"), reply.params().subList(0, 2));
  }

  @Test
  void commandsFromTheServerAndFromUsers() {
    assertEquals(":lochat.lan PONG lochat.lan :tok",
        REPLIES.command("PONG", "lochat.lan", "tok").render());
    assertEquals(":bob!bob@lochat.lan JOIN #lobby",
        REPLIES.fromUser("bob", "JOIN", "#lobby").render());
    assertEquals("ERROR :Closing Link: 10.0.0.1 (Quit)",
        REPLIES.error("Closing Link: 10.0.0.1 (Quit)").render());
  }

  @Test
  void welcomeIsOneToFour() {
    List<IrcMessage> welcome =
        REPLIES.welcome("alice", "Lochat", "lochat-1.0", Instant.parse("2024-05-01T12:00:00Z"));

    assertEquals(List.of(
        ":lochat.lan 001 alice :Welcome to the Lochat IRC Network alice!alice@lochat.lan",
        ":lochat.lan 002 alice :Your host is lochat.lan, running version lochat-1.0",
        ":lochat.lan 003 alice :This server was created 2024-05-01T12:00:00Z",
        ":lochat.lan 004 alice lochat.lan lochat-1.0 iow beIiklmnostv beIklov"), rendered(welcome));
  }

  @Test
  void isupportPutsAtMostThirteenTokensOnALineAndEndsEachWithText() {
    List<String> tokens = IntStream.rangeClosed(1, 30).mapToObj(i -> "T" + i + "=" + i).toList();

    List<IrcMessage> lines = REPLIES.isupport("alice", tokens);

    assertEquals(3, lines.size());
    List<String> announced = new ArrayList<>();
    int[] sizes = {13, 13, 4};
    for (int i = 0; i < lines.size(); i++) {
      IrcMessage line = lines.get(i);
      List<String> params = line.params();
      assertEquals("005", line.command());
      assertEquals("alice", params.get(0));
      assertEquals("are supported by this server", params.get(params.size() - 1));
      assertEquals(sizes[i], params.size() - 2);
      announced.addAll(params.subList(1, params.size() - 1));
      assertEquals(new IrcParse.Ok(line), IrcMessage.parse(line.render()));
    }
    assertEquals(tokens, announced, "every token once, in order");
  }

  @Test
  void isupportWithThirteenTokensIsOneLine() {
    List<String> tokens = IntStream.rangeClosed(1, 13).mapToObj(i -> "T" + i).toList();
    assertEquals(1, REPLIES.isupport("alice", tokens).size());
    assertEquals(2, REPLIES.isupport("alice",
        IntStream.rangeClosed(1, 14).mapToObj(i -> "T" + i).toList()).size());
  }

  @Test
  void lusersReportsUsersMaxUsersAndRooms() {
    assertEquals(List.of(
        ":lochat.lan 251 alice :There are 2 users and 1 invisible on 1 servers",
        ":lochat.lan 252 alice 0 :operator(s) online",
        ":lochat.lan 253 alice 0 :unknown connection(s)",
        ":lochat.lan 254 alice 2 :channels formed",
        ":lochat.lan 255 alice :I have 3 clients and 0 servers",
        ":lochat.lan 265 alice 3 7 :Current local users 3, max 7",
        ":lochat.lan 266 alice 3 7 :Current global users 3, max 7"),
        rendered(REPLIES.lusers("alice", 3, 1, 0, 7, 2)));
  }

  @Test
  void motdIsFramedByStartAndEndOneLinePerLine() {
    assertEquals(List.of(
        ":lochat.lan 375 alice :- lochat.lan Message of the day - ",
        ":lochat.lan 372 alice :- Be nice.",
        ":lochat.lan 372 alice :- No spam.",
        ":lochat.lan 376 alice :End of /MOTD command."),
        rendered(REPLIES.motd("alice", "Be nice.\n\nNo spam.\n")));
  }

  @Test
  void motdWithWindowsLineEndsHasNoStrayCarriageReturns() {
    assertEquals(List.of(
        ":lochat.lan 375 alice :- lochat.lan Message of the day - ",
        ":lochat.lan 372 alice :- one",
        ":lochat.lan 372 alice :- two",
        ":lochat.lan 376 alice :End of /MOTD command."),
        rendered(REPLIES.motd("alice", "one\r\ntwo")));
  }

  @Test
  void blankMotdIsNoMotd() {
    for (String blank : List.of("", "   ", "\n \n\t")) {
      assertEquals(List.of(":lochat.lan 422 alice :MOTD File is missing"),
          rendered(REPLIES.motd("alice", blank)), "'" + blank + "'");
    }
  }

  @Test
  void namesListsEveryoneOnOneLineWhenTheyFitThenEnds() {
    assertEquals(List.of(
        ":lochat.lan 353 alice = #lobby :alice bob carol",
        ":lochat.lan 366 alice #lobby :End of /NAMES list."),
        rendered(REPLIES.names("alice", "#lobby", List.of("alice", "bob", "carol"))));
  }

  @Test
  void namesOfAnEmptyChannelIsJustTheEnd() {
    assertEquals(List.of(":lochat.lan 366 alice #lobby :End of /NAMES list."),
        rendered(REPLIES.names("alice", "#lobby", List.of())));
  }

  @Test
  void longNameListsAreSplitIntoLinesThatFitWithNobodyLeftOut() {
    List<String> nicks = IntStream.range(0, 200)
        .mapToObj(i -> String.format("user%02d", i) + "_".repeat(i % 26)).toList();

    List<IrcMessage> lines = REPLIES.names("alice", "#lobby", nicks);

    IrcMessage end = lines.get(lines.size() - 1);
    assertEquals(List.of("alice", "#lobby", "End of /NAMES list."), end.params());
    assertEquals("366", end.command());
    List<IrcMessage> names = lines.subList(0, lines.size() - 1);
    assertTrue(names.size() > 5, "" + names.size());
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      IrcMessage line = names.get(i);
      assertEquals("353", line.command());
      assertEquals(List.of("alice", "=", "#lobby"), line.params().subList(0, 3));
      int bytes = utf8(line.render());
      assertTrue(bytes <= 510, bytes + ": " + line.render());
      if (i < names.size() - 1) {
        assertTrue(bytes > 510 - 33, "a line is filled before the next begins: " + bytes);
      }
      listed.addAll(List.of(line.params().get(3).split(" ")));
    }
    assertEquals(nicks, listed);
  }

  @Test
  void namesOfThirtyTwoCharacterNicksFitExactly() {
    List<String> nicks = IntStream.range(0, 40)
        .mapToObj(i -> String.format("%02d", i) + "n".repeat(30)).toList();
    List<IrcMessage> lines = REPLIES.names("a".repeat(32), "#" + "c".repeat(32), nicks);
    List<String> listed = new ArrayList<>();
    for (IrcMessage line : lines.subList(0, lines.size() - 1)) {
      assertTrue(utf8(line.render()) <= 510);
      listed.addAll(List.of(line.params().get(3).split(" ")));
    }
    assertEquals(nicks, listed);
  }

  @Test
  void packedWordsAreSplitIntoLinesThatFitWithoutCuttingAWord() {
    List<String> channels = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      channels.add("#" + "c".repeat(30) + i);
    }
    List<IrcMessage> lines =
        REPLIES.packed("alice", Numerics.RPL_WHOISCHANNELS, List.of("bob"), channels);
    assertTrue(lines.size() > 1, "20 long channel names need more than one line");
    List<String> seen = new java.util.ArrayList<>();
    for (IrcMessage line : lines) {
      assertTrue(line.render().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 510,
          line.render());
      assertEquals(List.of("alice", "bob"), line.params().subList(0, 2));
      seen.addAll(List.of(line.params().get(2).split(" ")));
    }
    assertEquals(channels, seen, "every name whole, in order");
    assertEquals(List.of(), REPLIES.packed("alice", Numerics.RPL_ISON, List.of(), List.of()));
  }
  // --- WHOWAS ---

  private static final Instant LEFT = Instant.parse("2024-05-01T12:34:56.789Z");

  @Test
  void whowasGivesEachEntryInTheOrderGivenThenTheEnd() {
    List<FormerNick> entries = List.of(
        new FormerNick("Ann", "ann3", "Ann Three", LEFT),
        new FormerNick("ann", "annie", "Ann One", LEFT.minusSeconds(3600)));

    assertEquals(List.of(
            ":lochat.lan 314 bob Ann ann3 lochat.lan * :Ann Three",
            ":lochat.lan 312 bob Ann lochat.lan 2024-05-01T12:34:56Z",
            ":lochat.lan 314 bob ann annie lochat.lan * :Ann One",
            ":lochat.lan 312 bob ann lochat.lan 2024-05-01T11:34:56Z",
            ":lochat.lan 369 bob aNN :End of WHOWAS"),
        rendered(REPLIES.whowas("bob", "aNN", entries)));
  }

  @Test
  void whowasOfANicknameNobodyHadIs406ThenTheEnd() {
    assertEquals(List.of(
            ":lochat.lan 406 bob carol :There was no such nickname",
            ":lochat.lan 369 bob carol :End of WHOWAS"),
        rendered(REPLIES.whowas("bob", "carol", List.of())));
  }

  @Test
  void whowasEchoesWhatWasAskedSafelyAndCutsALongRealName() {
    List<IrcMessage> none = REPLIES.whowas("bob", ":a b", List.of());
    assertEquals(List.of("bob", "a_b", "End of WHOWAS"), none.get(1).params());

    List<IrcMessage> lines = REPLIES.whowas("bob", "ann",
        List.of(new FormerNick("ann", "ann", "R".repeat(600), LEFT)));
    for (IrcMessage line : lines) {
      assertTrue(utf8(line.render()) <= 510, line.render());
    }
    assertTrue(lines.get(0).params().get(5).startsWith("RRR"));
  }
}
