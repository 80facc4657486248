package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * IRC users and native users on one server: they share rooms ({@code #lobby} is room
 * {@code lobby}) and one nickname namespace, and each sees the other's messages, actions, joins,
 * parts, quits, nickname changes, topics and private messages in its own protocol.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcInteropTest extends IrcEndToEndBase {

  @Test
  void ircAndNativeUsersInOneRoomSeeEachOthersMessagesAndActions() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave");
    dave.send("JOIN #lobby");
    carol.expect("JOINED lobby dave");
    IrcMessage names = dave.expect("353");
    assertEquals(List.of("dave", "=", "#lobby", "@carol dave"), names.params());

    carol.send("hello irc");
    expectLine(dave, ":" + mask("carol") + " PRIVMSG #lobby :hello irc");
    dave.send("PRIVMSG #lobby :hello native");
    carol.expect("MSG lobby dave hello native");

    carol.send("/me waves");
    expectLine(dave, ":" + mask("carol") + " PRIVMSG #lobby :\u0001ACTION waves\u0001");
    dave.send("PRIVMSG #lobby :\u0001ACTION waves back\u0001");
    carol.expect("ACTION lobby dave waves back");
  }

  @Test
  void joinsAndPartsCrossBetweenProtocols() throws Exception {
    IrcTestClient dave = irc("dave", "#lobby");
    TestClient carol = nativeUser("carol");
    expectLine(dave, ":" + mask("carol") + " JOIN #lobby");

    carol.send("/join games");
    carol.expect("JOINED games carol");
    dave.send("JOIN #games");
    carol.expect("JOINED games dave");
    carol.send("/part games");
    expectLine(dave, ":" + mask("carol") + " PART #games");

    dave.send("PART #lobby :see you later");
    carol.expect("LEFT lobby dave part: see you later");
    dave.send("JOIN #lobby");
    carol.expect("JOINED lobby dave");
    dave.send("PART #lobby");
    carol.expect("LEFT lobby dave part");
  }

  @Test
  void nativeQuitReachesIrcOnceWithItsReasonThoughTheyShareTwoChannels() throws Exception {
    IrcTestClient dave = irc("dave", "#lobby", "#games");
    TestClient carol = nativeUser("carol");
    carol.send("/join games");
    carol.expect("JOINED games carol");
    TestClient erin = witnessInLobbyAndGames(dave);

    carol.send("/quit gone home");
    expectLines(erin, "LEFT lobby carol quit: gone home", "LEFT games carol quit: gone home");
    postInBothRooms(erin, dave);

    assertEquals(1, timesSeen(dave, ":" + mask("carol") + " QUIT :Quit: gone home"),
        () -> "QUIT lines: " + linesWith(dave, " QUIT "));
    assertEquals(List.of(), linesWith(dave, " PART "), "a quit is no PART");
  }

  @Test
  void ircQuitReachesNativeAndIrcUsersWithItsReason() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient frank = irc("frank", "#lobby");
    IrcTestClient dave = irc("dave", "#lobby");
    carol.expect("JOINED lobby dave");

    dave.send("QUIT :bye all");
    List<IrcMessage> last = dave.expectClosed();
    assertEquals("ERROR", last.get(last.size() - 1).command(), last::toString);
    carol.expect("LEFT lobby dave quit: bye all");
    expectLine(frank, ":" + mask("dave") + " QUIT :Quit: bye all");
  }

  @Test
  void nativeNickChangeReachesIrcOnceThoughTheyShareTwoChannels() throws Exception {
    IrcTestClient dave = irc("dave", "#lobby", "#games");
    TestClient carol = nativeUser("carol");
    carol.send("/join games");
    carol.expect("JOINED games carol");
    TestClient erin = witnessInLobbyAndGames(dave);

    carol.send("/nick carol2");
    carol.expect("OK nick carol2");
    expectLines(erin, "RENAMED lobby carol carol2", "RENAMED games carol carol2");
    postInBothRooms(erin, dave);

    assertEquals(1, timesSeen(dave, ":" + mask("carol") + " NICK carol2"),
        () -> "NICK lines: " + linesWith(dave, " NICK "));
    carol.send("still me");
    expectLine(dave, ":" + mask("carol2", "carol") + " PRIVMSG #games :still me");
  }

  @Test
  void nativeChangeOfCaseOnlyReachesIrcOnceThoughTheyShareTwoChannels() throws Exception {
    IrcTestClient dave = irc("dave", "#lobby", "#games");
    TestClient carol = nativeUser("carol");
    carol.send("/join games");
    carol.expect("JOINED games carol");
    TestClient erin = witnessInLobbyAndGames(dave);

    carol.send("/nick Carol");
    carol.expect("OK nick Carol");
    expectLines(erin, "RENAMED lobby carol Carol", "RENAMED games carol Carol");
    postInBothRooms(erin, dave);

    assertEquals(1, timesSeen(dave, ":" + mask("carol") + " NICK Carol"),
        () -> "NICK lines: " + linesWith(dave, " NICK "));
  }

  @Test
  void ircNickChangeReachesNativeUsersAndTheIrcUserOnce() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby", "#games");
    carol.expect("JOINED lobby dave");

    dave.send("NICK dave2");
    carol.expect("RENAMED lobby dave dave2");
    expectRoomEchoes(dave, "dave2", "dave");
    assertEquals(1, timesSeen(dave, ":" + mask("dave") + " NICK dave2"),
        () -> "NICK lines: " + linesWith(dave, " NICK "));
  }

  @Test
  void ircChangeOfCaseOnlyReachesTheIrcUserOnce() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby", "#games");
    carol.expect("JOINED lobby dave");

    dave.send("NICK Dave");
    carol.expect("RENAMED lobby dave Dave");
    expectRoomEchoes(dave, "Dave", "dave");
    assertEquals(1, timesSeen(dave, ":" + mask("dave") + " NICK Dave"),
        () -> "NICK lines: " + linesWith(dave, " NICK "));
  }

  /** In a {@code -t} channel, which its IRC operator made so, anyone sets the topic. */
  @Test
  void topicChangesCrossBetweenProtocols() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#talk");
    dave.send("MODE #talk -t");
    expectLine(dave, ":" + mask("dave") + " MODE #talk -t");
    carol.send("/join talk");
    carol.expect("JOINED talk carol");
    expectLine(dave, ":" + mask("carol") + " JOIN #talk");

    carol.send("/topic Be nice");
    expectLine(dave, ":" + mask("carol") + " TOPIC #talk :Be nice");
    dave.send("TOPIC #talk :Play fair");
    carol.expectMatching(
        line -> line.startsWith("TOPIC talk dave ") && line.endsWith(" Play fair"),
        "TOPIC talk dave <time> Play fair");
    dave.send("TOPIC #talk :");
    carol.expect("NOTOPIC talk dave");
    carol.send("/topic Back again");
    expectLine(dave, ":" + mask("carol") + " TOPIC #talk :Back again");
    carol.send("/topic -");
    expectLine(dave, ":" + mask("carol") + " TOPIC #talk :");
  }

  @Test
  void privateMessagesAndActionsCrossBetweenProtocols() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave");

    dave.send("PRIVMSG CAROL :psst");
    carol.expect("PRIV dave carol psst");
    carol.send("/msg DAVE hi back");
    carol.expect("PRIV carol dave hi back");
    expectLine(dave, ":" + mask("carol") + " PRIVMSG dave :hi back");

    carol.send("/msg dave /me nods");
    expectLine(dave, ":" + mask("carol") + " PRIVMSG dave :\u0001ACTION nods\u0001");
    dave.send("PRIVMSG carol :\u0001ACTION winks\u0001");
    carol.expect("PRIVACTION dave carol winks");
  }

  // --- one nickname namespace ---------------------------------------------------------------

  @Test
  void nickOfANativeUserIsTakenForIrcInAnyCase() throws Exception {
    nativeUser("alice");
    IrcTestClient other = ircConnect();
    other.send("NICK alice");
    other.send("USER alice 0 * :Alice");
    assertReply(other.expectNext(), "433", "*", "alice");
    other.send("NICK ALICE");
    assertReply(other.expectNext(), "433", "*", "ALICE");
    register(other, "alice2");
  }

  @Test
  void nickOfAnIrcUserIsTakenForNativeUsersInAnyCase() throws Exception {
    irc("bob");
    TestClient other = nativeConnect();
    other.expectKind("PROMPT");
    other.send("bob");
    other.expectStartsWith("ERROR nick-taken ");
    other.expectKind("PROMPT");
    other.send("BOB");
    other.expectStartsWith("ERROR nick-taken ");
    other.expectKind("PROMPT");

    TestClient carol = nativeUser("carol");
    carol.send("/nick Bob");
    carol.expectStartsWith("ERROR nick-taken ");
  }

  @Test
  void ircNickChangeToATakenNickIsRefusedAndTheOldNickStays() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave");
    irc("erin");

    dave.send("NICK carol");
    assertReply(dave.expectNext(), "433", "dave", "carol");
    dave.send("NICK ERIN");
    assertReply(dave.expectNext(), "433", "dave", "ERIN");
    dave.send("PRIVMSG carol :still dave");
    carol.expect("PRIV dave carol still dave");
  }

  @Test
  void nickOfAnIrcUserWhoQuitIsFreeForNativeUsers() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    carol.expect("JOINED lobby dave");
    dave.send("QUIT");
    carol.expect("LEFT lobby dave quit");
    carol.send("/nick dave");
    carol.expect("OK nick dave");
  }

  // --- helpers ------------------------------------------------------------------------------

  /** A native user in lobby and games (current: games), once IRC user {@code ircUser} saw it. */
  private TestClient witnessInLobbyAndGames(IrcTestClient ircUser) throws Exception {
    TestClient erin = nativeUser("erin");
    erin.send("/join games");
    erin.expect("JOINED games erin");
    expectLines(ircUser, ":" + mask("erin") + " JOIN #lobby", ":" + mask("erin") + " JOIN #games");
    return erin;
  }

  /**
   * {@code erin} posts in games and in lobby, and IRC user {@code ircUser} waits for both posts:
   * each room's events reach a member in the room's order, so whatever either room said before
   * has then arrived.
   */
  private static void postInBothRooms(TestClient erin, IrcTestClient ircUser) throws Exception {
    erin.send("marker in games");
    erin.expect("MSG games erin marker in games");
    erin.send("/join lobby");
    erin.expect("OK current lobby");
    erin.send("marker in lobby");
    expectLines(ircUser, ":" + mask("erin") + " PRIVMSG #games :marker in games",
        ":" + mask("erin") + " PRIVMSG #lobby :marker in lobby");
  }

  /**
   * The IRC user asks #lobby and #games for their modes and waits for both answers: the rooms'
   * reports of its nickname change, which they sent before, have then arrived.
   */
  private static void expectRoomEchoes(IrcTestClient ircUser, String nick, String user)
      throws Exception {
    ircUser.send("MODE #lobby");
    ircUser.send("MODE #games");
    expectLines(ircUser, ":" + SERVER + " 324 " + nick + " #lobby +nt",
        ":" + SERVER + " 324 " + nick + " #games +nt");
    assertEquals(List.of(), linesWith(ircUser, " 433 "), "nick errors");
  }
}
