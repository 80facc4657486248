package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Registering over IRC: NICK and USER in either order, CAP negotiation, the server password,
 * what is answered before and after registration, the welcome burst, and the registration
 * timeout.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcRegistrationTest extends IrcEndToEndBase {

  /** The burst, ISUPPORT taking two 005 lines (at most 13 tokens in each). */
  private static final List<String> WELCOME_WITHOUT_MOTD = List.of("001", "002", "003", "004",
      "005", "005", "251", "252", "253", "254", "255", "265", "266", "422");

  @Test
  void nickThenUserRegisters() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("NICK dave");
    dave.send("USER dave 0 * :Dave Example");
    List<IrcMessage> welcome = welcome(dave);
    assertReply(welcome.get(0), "001", "dave");
    assertEquals("Welcome to the Lochat IRC Network " + mask("dave"), last(welcome.get(0)));
  }

  @Test
  void userThenNickRegisters() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("USER dave 0 * :Dave Example");
    dave.send("NICK dave");
    assertReply(welcome(dave).get(0), "001", "dave");
  }

  @Test
  void welcomeBurstHasTheNumericsClientsNeedInOrder() throws Exception {
    start("lochat.irc.network = \"TestNet\"");
    List<IrcMessage> welcome = register(ircConnect(), "dave");

    assertEquals(WELCOME_WITHOUT_MOTD, commands(welcome));
    assertEquals("Welcome to the TestNet IRC Network " + mask("dave"), last(welcome.get(0)));
    assertEquals(List.of("dave", SERVER), welcome.get(3).params().subList(0, 2), "004");
    List<String> isupport = welcome.stream().filter(m -> m.command().equals("005"))
        .flatMap(m -> m.params().stream()).toList();
    for (String token : List.of("CASEMAPPING=ascii", "CHANTYPES=#", "CHANNELLEN=33",
        "NICKLEN=32", "NETWORK=TestNet")) {
      assertTrue(isupport.contains(token), () -> token + " in " + isupport);
    }
    assertTrue(isupport.stream().anyMatch(token -> token.startsWith("PREFIX=")),
        () -> "PREFIX in " + isupport);
    assertEquals("There are 1 users and 0 invisible on 1 servers", last(welcome.get(6)));
  }

  @Test
  void welcomeBurstEndsWithTheMotdWhenThereIsOne() throws Exception {
    start("lochat.motd = \"Welcome, friends\\nBe kind\"");
    List<IrcMessage> welcome = register(ircConnect(), "dave");

    List<IrcMessage> motd = welcome.subList(welcome.size() - 4, welcome.size());
    assertEquals(List.of("375", "372", "372", "376"), commands(motd));
    assertEquals("- Welcome, friends", last(motd.get(1)));
    assertEquals("- Be kind", last(motd.get(2)));
    assertEquals(List.of(), welcome.stream().filter(m -> m.command().equals("422")).toList());
  }

  @Test
  void capLsHoldsRegistrationUntilCapEnd() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("CAP LS 302");
    dave.send("NICK dave");
    dave.send("USER dave 0 * :Dave");
    IrcMessage ls = dave.expectNext("CAP");
    assertEquals(List.of("*", "LS"), ls.params().subList(0, 2));
    assertTrue(List.of(last(ls).split(" ")).containsAll(
        List.of("server-time", "echo-message", "batch", "message-tags")), ls::render);
    assertEquals(List.of(), renders(sync(dave)), "nothing, and no 001, before CAP END");

    dave.send("CAP END");
    assertReply(welcome(dave).get(0), "001", "dave");
  }

  @Test
  void capReqIsAcknowledgedWholeOrRefusedWhole() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("CAP LS 302");
    dave.expectNext("CAP");
    dave.send("CAP REQ :server-time echo-message");
    assertEquals(List.of("*", "ACK", "server-time echo-message"), dave.expectNext("CAP").params());
    dave.send("CAP REQ :no-such-cap");
    assertEquals(List.of("*", "NAK", "no-such-cap"), dave.expectNext("CAP").params());
    dave.send("CAP REQ :batch no-such-cap");
    assertEquals(List.of("*", "NAK", "batch no-such-cap"), dave.expectNext("CAP").params());
    dave.send("CAP REQ :-echo-message");
    assertEquals(List.of("*", "ACK", "-echo-message"), dave.expectNext("CAP").params());
    dave.send("CAP LIST");
    List<String> enabled = List.of(last(dave.expectNext("CAP")).split(" "));
    assertTrue(enabled.contains("server-time"), enabled::toString);
    assertTrue(!enabled.contains("batch") && !enabled.contains("echo-message"), enabled::toString);

    dave.send("NICK dave");
    dave.send("USER dave 0 * :Dave");
    assertEquals(List.of(), renders(sync(dave)), "no 001 while CAP negotiation is open");
    dave.send("CAP END");
    assertReply(welcome(dave).get(0), "001", "dave");
  }

  @Test
  void rightPasswordRegisters() throws Exception {
    start("lochat.password = \"sesame\"");
    IrcTestClient dave = ircConnect();
    dave.send("PASS sesame");
    assertReply(register(dave, "dave").get(0), "001", "dave");
  }

  @Test
  void missingPasswordIsRefusedAndTheConnectionClosed() throws Exception {
    start("lochat.password = \"sesame\"");
    IrcTestClient dave = ircConnect();
    dave.send("NICK dave");
    dave.send("USER dave 0 * :Dave");
    assertPasswordRefused(dave.expectClosed());
  }

  @Test
  void wrongPasswordIsRefusedAndTheConnectionClosed() throws Exception {
    start("lochat.password = \"sesame\"");
    IrcTestClient dave = ircConnect();
    dave.send("PASS open-up");
    dave.send("NICK dave");
    dave.send("USER dave 0 * :Dave");
    assertPasswordRefused(dave.expectClosed());
  }

  @Test
  void pingBeforeRegistrationIsAnsweredWithItsToken() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("PING :early bird");
    assertExactReply(dave.expectNext(), "PONG", SERVER, "early bird");
    dave.send("PING LAG123");
    assertExactReply(dave.expectNext(), "PONG", SERVER, "LAG123");
  }

  @Test
  void commandsBeforeRegistrationAre451() throws Exception {
    IrcTestClient dave = ircConnect();
    for (String command : List.of("JOIN #lobby", "PRIVMSG #lobby :hi", "WHOIS dave", "LIST")) {
      dave.send(command);
      assertReply(dave.expectNext(), "451", "*");
    }
    register(dave, "dave");
  }

  @Test
  void userOrPassAfterRegistrationAre462() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("USER dave 0 * :Someone Else");
    assertReply(dave.expectNext(), "462", "dave");
    dave.send("PASS sesame");
    assertReply(dave.expectNext(), "462", "dave");
  }

  @Test
  void registrationTimeoutSaysErrorAndCloses() throws Exception {
    start("lochat.connection.registration-timeout = 300ms");
    IrcTestClient dave = ircConnect();
    dave.send("NICK dave");
    List<IrcMessage> last = dave.expectClosed();
    IrcMessage error = last.get(last.size() - 1);
    assertEquals("ERROR", error.command(), last::toString);
    assertTrue(last(error).contains("Registration timed out"), error::render);
  }

  @Test
  void registeredClientIsNotCutByTheRegistrationTimeout() throws Exception {
    start("lochat.connection.registration-timeout = 300ms");
    IrcTestClient dave = irc("dave");
    dave.send("CAP LS 302");
    dave.expectNext("CAP");
    assertTrue(dave.nothingWithin(Duration.ofMillis(600)), () -> dave.seen().toString());
    assertEquals(List.of(), renders(sync(dave)));
  }

  private static void assertPasswordRefused(List<IrcMessage> beforeClose) {
    assertEquals(List.of("464", "ERROR"), commands(beforeClose));
    assertReply(beforeClose.get(0), "464", "*");
  }
}
