package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The IRC listener as a strict conformance suite sees it: RFC 1459 / RFC 2812 first, the Modern
 * IRC documentation (modern.ircdocs.horse) as tie-breaker, and the IRCv3 specs for CAP,
 * message-tags, server-time, echo-message, batch, multi-prefix and cap-notify.
 *
 * <p>The first part, "Deviations", has one test per place where Lochat's wire output differs
 * from what such a suite expects: each fails until that deviation is fixed, and its message names
 * the section. The second part, "Conformant", holds edge cases Lochat already gets right, kept as
 * regression tests. Neither repeats what the other {@code Irc*Test} classes check.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcConformanceTest extends IrcEndToEndBase {

  // ============================================================================================
  // Deviations: each test fails until Lochat follows the spec it cites.
  // ============================================================================================

  // --- the user part of masks ---------------------------------------------------------------

  /**
   * RFC 2812 3.1.3 (USER gives the username) and 5.1 (311 {@code <nick> <user> <host> *
   * :<real name>}); Modern allows a {@code ~} before a username not checked by ident.
   */
  @Test
  void whoisShowsTheUsernameGivenWithUser() throws Exception {
    registerAsCoolNick(ircConnect());
    IrcTestClient other = irc("otherNick");
    other.send("WHOIS coolNick");
    IrcMessage user = other.expect("311");
    assertTrue(user.params().get(2).matches("~?myuser"),
        () -> "RFC 2812 5.1 311 <user> must be the USER username (myuser or ~myuser): "
            + user.render());
  }

  /** RFC 2812 5.1 352 {@code <channel> <user> <host> <server> <nick> ...}. */
  @Test
  void whoShowsTheUsernameGivenWithUser() throws Exception {
    registerAsCoolNick(ircConnect());
    IrcTestClient other = irc("otherNick");
    other.send("WHO coolNick");
    List<IrcMessage> who = sync(other);
    assertEquals(List.of("352", "315"), commands(who), () -> renders(who).toString());
    assertTrue(who.get(0).params().get(2).matches("~?myuser"),
        () -> "RFC 2812 5.1 352 <user> must be the USER username: " + who.get(0).render());
  }

  /**
   * RFC 2812 2.3.1 prefix {@code nickname [ [ "!" user ] "@" host ]} and 5.1 001 {@code
   * Welcome ... <nick>!<user>@<host>}: the user part is the username, not the nickname again.
   */
  @Test
  void prefixesAndWelcomeCarryTheUsernameGivenWithUser() throws Exception {
    IrcTestClient cool = ircConnect();
    List<IrcMessage> welcome = registerAsCoolNick(cool);
    IrcTestClient other = irc("otherNick");
    cool.send("PRIVMSG otherNick :hi");
    sync(cool);
    IrcMessage message = other.expect("PRIVMSG");
    assertTrue(message.prefix().orElse("").matches("coolNick!~?myuser@.+"),
        () -> "RFC 2812 2.3.1: prefix nick!user@host with the USER username: "
            + message.render());
    assertTrue(last(welcome.get(0)).matches(".* coolNick!~?myuser@.+"),
        () -> "RFC 2812 5.1 001 mask: " + welcome.get(0).render());
  }

  // --- registration ---------------------------------------------------------------------------

  /**
   * Modern USER ("MUST NOT be empty ... SHOULD reject with ERR_NEEDMOREPARAMS (even if an empty
   * parameter is provided)"), as irctest's testEmptyRealname applies it to the real name.
   */
  @Test
  void userWithAnEmptyRealNameIs461() throws Exception {
    IrcTestClient eve = ircConnect();
    eve.send("NICK eve");
    eve.send("USER eve 0 * :");
    List<IrcMessage> replies = sync(eve);
    assertFalse(replies.isEmpty(), "no reply at all to USER with an empty real name");
    assertEquals("461", replies.get(0).command(),
        () -> "USER eve 0 * : should be 461 (not enough parameters), got " + renders(replies));
    assertEquals("USER", replies.get(0).params().get(1), replies.get(0)::render);
  }

  // --- replies to several targets -----------------------------------------------------------

  /**
   * RFC 2812 3.2.5 (NAMES: 366 {@code <channel> :End of NAMES list} for each channel asked) and
   * 3.3.1 (PRIVMSG: 404 for a channel one may not send to, 401 for one that does not exist):
   * each reply must name the channel it is about. Lochat pairs the answers of the rooms with
   * the channels in the order they arrive, and the registry answers for a missing room before
   * an existing room does, so the numerics swap channels. Tried five times: it is a race.
   */
  @Test
  void repliesAboutSeveralChannelsNameTheRightChannel() throws Exception {
    nativeUser("carol");
    IrcTestClient dave = irc("dave");
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      dave.send("NAMES #lobby,#nowhere");
      List<IrcMessage> names = sync(dave);
      List<String> about = names.stream().map(m -> m.command() + " "
          + m.params().get(m.command().equals("353") ? 2 : 1)).sorted().toList();
      if (!about.equals(List.of("353 #lobby", "366 #lobby", "366 #nowhere"))) {
        wrong.add("NAMES #lobby,#nowhere -> " + renders(names));
      }
      dave.send("PRIVMSG #lobby,#nowhere :anyone?");
      List<IrcMessage> errors = sync(dave);
      Set<String> got = Set.copyOf(errors.stream()
          .map(m -> m.command() + " " + m.params().get(1)).toList());
      if (!got.equals(Set.of("404 #lobby", "401 #nowhere")) || errors.size() != 2) {
        wrong.add("PRIVMSG #lobby,#nowhere -> " + renders(errors));
      }
    }
    assertEquals(List.of(), wrong,
        "replies name the wrong channel (want 353+366 #lobby, 366 #nowhere; 404 #lobby,"
            + " 401 #nowhere)");
  }

  // --- channels -------------------------------------------------------------------------------

  /**
   * RFC 2812 3.2.1 (JOIN is followed by RPL_TOPIC and RPL_NAMREPLY) and Modern JOIN ("The
   * channel's topic ... and no message if the channel does not have a topic"): no 331 on JOIN.
   * (IrcCommandsTest.joinOfANewChannelSaysNoTopicThenTheNames pins the 331 and must change with
   * the fix.)
   */
  @Test
  void joinOfAChannelWithoutTopicSendsNoTopicNumeric() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("JOIN #games");
    List<IrcMessage> burst = sync(dave);
    assertEquals(List.of("JOIN", "353", "366"), commands(burst),
        () -> "Modern JOIN: JOIN, [332 333 only if there is a topic], 353, 366; got "
            + renders(burst));
  }

  /**
   * RFC 2812 3.2.3 and 5.2: 472 ERR_UNKNOWNMODE {@code <char> :is unknown mode char to me for
   * <channel>}, not 482, for a mode letter the server does not have.
   */
  @Test
  void unknownChannelModeLetterIs472() throws Exception {
    IrcTestClient dave = irc("dave", "#games");
    dave.send("MODE #games +z");
    List<IrcMessage> replies = sync(dave);
    assertEquals(List.of("472"), commands(replies),
        () -> "RFC 2812 5.2 472 for unknown mode letter z, got " + renders(replies));
    assertEquals("z", replies.get(0).params().get(1), replies.get(0)::render);
  }

  /** Modern MODE (channel): "If <target> is a channel that does not exist ... 403". */
  @Test
  void modeChangeOnAChannelThatDoesNotExistIs403() throws Exception {
    IrcTestClient dave = irc("dave");
    for (String modes : List.of("+n", "+b")) {
      dave.send("MODE #nowhere " + modes);
      List<IrcMessage> replies = sync(dave);
      assertEquals(List.of("403"), commands(replies),
          () -> "MODE #nowhere " + modes + ": Modern says 403, got " + renders(replies));
      assertReply(replies.get(0), "403", "dave", "#nowhere");
    }
  }

  /** Modern MODE (user): "If <target> is a nickname that does not exist ... ERR_NOSUCHNICK". */
  @Test
  void modeOfANickThatDoesNotExistIs401() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("MODE nobody");
    List<IrcMessage> replies = sync(dave);
    assertEquals(List.of("401"), commands(replies),
        () -> "Modern MODE: 401 for a nick that does not exist, got " + renders(replies));
  }

  /**
   * RFC 2812 3.1.5: "If a user attempts to make themselves an operator using the "+o" ...
   * flag, the attempt SHOULD be ignored"; +o is a known mode, so no 501 either.
   */
  @Test
  void plusOOnOneselfIsIgnored() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("MODE dave +o");
    List<IrcMessage> replies = sync(dave);
    assertEquals(List.of(), renders(replies), "RFC 2812 3.1.5: MODE dave +o is ignored");
  }

  /**
   * RFC 2812 3.2.6 ("If the channel parameter is used, only the status of that channel is
   * displayed") and Modern LIST: a list of names that are no channels matches nothing.
   */
  @Test
  void listOfNamesThatAreNoChannelsListsNoChannel() throws Exception {
    nativeUser("carol");
    IrcTestClient dave = irc("dave");
    dave.send("LIST lobby");
    List<IrcMessage> list = sync(dave);
    assertFalse(commands(list).contains("322"),
        () -> "LIST lobby (no #) must not list every channel: " + renders(list));
  }

  /**
   * RFC 2812 3.2.5: "If no <channel> parameter is given, a list of all channels and their
   * occupants is returned", not only the caller's channels.
   */
  @Test
  void namesWithoutParametersListsEveryVisibleChannel() throws Exception {
    IrcTestClient alice = irc("alice", "#a");
    irc("bob", "#b");
    alice.send("NAMES");
    List<IrcMessage> names = sync(alice);
    assertTrue(names.stream().anyMatch(m -> m.command().equals("353")
            && m.params().get(2).equals("#b")),
        () -> "RFC 2812 3.2.5: NAMES without parameters lists #b too: " + renders(names));
  }

  /**
   * Modern WHO / irctest testWhoChan[casefolded]: the channel field of 352 is the channel,
   * not the mask as the client spelled it.
   */
  @Test
  void whoOfAChannelSpelledInAnotherCaseNamesTheChannel() throws Exception {
    irc("alice", "#games");
    IrcTestClient bob = irc("bob", "#games");
    bob.send("WHO #GAMES");
    List<IrcMessage> who = sync(bob);
    assertEquals(List.of("352", "352", "315"), commands(who), () -> renders(who).toString());
    for (IrcMessage reply : who.subList(0, 2)) {
      assertEquals("#games", reply.params().get(1), reply::render);
    }
    assertEquals("#GAMES", who.get(2).params().get(1), "315 keeps the mask as sent");
  }

  // --- messages -------------------------------------------------------------------------------

  /**
   * RFC 2812 3.3.1: the server delivers the text; CTCP is a convention between clients (and
   * irctest expects {@code PRIVMSG bar :\x01VERSION\x01} relayed by default).
   */
  @Test
  void ctcpRequestsReachTheirTarget() throws Exception {
    IrcTestClient alice = irc("alice");
    IrcTestClient bob = irc("bob");
    alice.send("PRIVMSG bob :\u0001VERSION\u0001");
    List<IrcMessage> got = beforeMarker(alice, "bob", bob);
    assertEquals(List.of(":" + mask("alice") + " PRIVMSG bob :\u0001VERSION\u0001"),
        renders(got), "CTCP VERSION dropped instead of relayed");
  }

  /** RFC 2812 2.3.1 / 3.3.1: 412 is for no text; spaces are text. */
  @Test
  void textOfOnlySpacesIsRelayed() throws Exception {
    IrcTestClient alice = irc("alice", "#games");
    IrcTestClient bob = irc("bob", "#games");
    // bob's JOIN reaches alice on its own path; a PING may overtake it.
    alice.expect("JOIN");
    alice.send("PRIVMSG #games :   ");
    List<IrcMessage> replies = sync(alice);
    assertEquals(List.of(), renders(replies), "PRIVMSG of three spaces answered with an error");
    assertEquals(List.of(":" + mask("alice") + " PRIVMSG #games :   "),
        renders(beforeMarker(alice, "#games", bob)), "three spaces not relayed");
  }

  // --- server queries -------------------------------------------------------------------------

  /**
   * RFC 2812 3.4.2 and 5.1: 253 {@code <integer> :unknown connection(s)} counts connections
   * that have not registered (irctest LusersUnregisteredTestCase).
   */
  @Test
  void lusersCountsConnectionsThatHaveNotRegistered() throws Exception {
    IrcTestClient dave = irc("dave");
    IrcTestClient pending = ircConnect();
    pending.send("NICK pending");
    sync(pending);
    dave.send("LUSERS");
    List<IrcMessage> lusers = sync(dave);
    IrcMessage unknown = lusers.stream().filter(m -> m.command().equals("253")).findFirst()
        .orElseThrow(() -> new AssertionError("no 253: " + renders(lusers)));
    assertEquals("1", unknown.params().get(1),
        () -> "RFC 2812 3.4.2: one connection has not registered: " + unknown.render());
  }

  /** RFC 1459 / Modern 251 {@code There are <u> users and <i> invisible}: +i users count. */
  @Test
  void lusersCountsInvisibleUsers() throws Exception {
    IrcTestClient alice = irc("alice");
    IrcTestClient bob = irc("bob");
    alice.send("MODE alice +i");
    sync(alice);
    bob.send("LUSERS");
    List<IrcMessage> lusers = sync(bob);
    String text = last(lusers.get(0));
    Matcher counts = Pattern.compile("There are (\\d+) users and (\\d+) invisible").matcher(text);
    assertTrue(counts.find(), text);
    assertEquals(List.of("1", "1"), List.of(counts.group(1), counts.group(2)),
        () -> "251 for one visible and one +i user: " + text);
  }

  /**
   * RFC 2812 3.4.1 (MOTD), 3.4.3 (VERSION), 3.4.6 (TIME): a target that matches no server is
   * answered with 402 ERR_NOSUCHSERVER {@code <server name> :No such server}.
   */
  @Test
  void serverQueriesForAnotherServerAre402() throws Exception {
    IrcTestClient dave = irc("dave");
    List<String> wrong = new ArrayList<>();
    for (String command : List.of("VERSION", "TIME", "MOTD")) {
      dave.send(command + " no.such.server");
      List<IrcMessage> replies = sync(dave);
      if (!commands(replies).equals(List.of("402"))
          || !replies.get(0).params().get(1).equals("no.such.server")) {
        wrong.add(command + " no.such.server -> " + renders(replies));
      }
    }
    assertEquals(List.of(), wrong, "RFC 2812 3.4: 402 ERR_NOSUCHSERVER expected");
  }

  /**
   * RFC 2812 commands Lochat does not implement are answered 421 "Unknown command", which
   * says the server does not know them. Each has a proper answer even without operators:
   * KICK 3.2.8 (482), INVITE 3.2.7 (341/482), ADMIN 3.4.9 (256-259 or 423), INFO 3.4.10
   * (371/374), OPER 3.1.4 (464/491), KILL 3.7.1 (481), SUMMON 4.5 and USERS 4.6 ("If disabled,
   * the correct numeric MUST be returned": 445, 446), STATS 3.4.4 (219).
   */
  @Test
  void rfcCommandsLochatLacksGetTheirOwnRepliesNot421() throws Exception {
    IrcTestClient alice = irc("alice", "#games");
    irc("bob", "#games");
    irc("carol");
    // bob's JOIN reaches alice on its own path; a PING may overtake it.
    alice.expect("JOIN");
    sync(alice);
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    expected.put("KICK #games bob", Set.of("482", "KICK"));
    expected.put("INVITE carol #games", Set.of("341", "482"));
    expected.put("ADMIN", Set.of("256", "423"));
    expected.put("INFO", Set.of("371", "374"));
    expected.put("OPER admin secret", Set.of("464", "491"));
    expected.put("KILL bob :bye", Set.of("481"));
    expected.put("SUMMON bob", Set.of("445"));
    expected.put("USERS", Set.of("446"));
    expected.put("STATS u", Set.of("242", "219"));
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, Set<String>> entry : expected.entrySet()) {
      alice.send(entry.getKey());
      List<IrcMessage> replies = sync(alice);
      if (replies.isEmpty() || !entry.getValue().contains(replies.get(0).command())) {
        wrong.add(entry.getKey() + " -> " + renders(replies) + " (want " + entry.getValue()
            + ")");
      }
    }
    assertEquals(List.of(), wrong, "RFC 2812 commands answered as unknown");
  }

  // --- IRCv3 ------------------------------------------------------------------------------------

  /**
   * Capability negotiation, cap-notify: "servers MUST NOT disable the cap-notify capability if
   * the client requests CAP LS with a version of 302 or newer".
   */
  @Test
  void capNotifyCannotBeDisabledAfterCapLs302() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("CAP LS 302");
    dave.expectNext("CAP");
    dave.send("CAP REQ :-cap-notify");
    IrcMessage answer = dave.expectNext("CAP");
    dave.send("CAP LIST");
    IrcMessage list = dave.expectNext("CAP");
    assertTrue(List.of(last(list).split(" ")).contains("cap-notify"),
        () -> "cap-notify was disabled after CAP LS 302: " + answer.render() + " / "
            + list.render());
    assertEquals("NAK", answer.params().get(1), answer::render);
  }

  /**
   * Capability negotiation, CAP LS Version: "The CAP version number argument MUST be treated
   * as a number", so CAP LS 1000 enables what CAP LS 302 does (here: cap-notify, which
   * Lochat lists in CAP LIST once implied).
   */
  @Test
  void capLsVersionIsReadAsANumber() throws Exception {
    IrcTestClient v302 = ircConnect();
    v302.send("CAP LS 302");
    v302.send("CAP LIST");
    IrcTestClient v1000 = ircConnect();
    v1000.send("CAP LS 1000");
    v1000.send("CAP LIST");
    List<IrcMessage> a = sync(v302);
    List<IrcMessage> b = sync(v1000);
    assertEquals(last(a.get(1)), last(b.get(1)),
        "CAP LIST after CAP LS 1000 differs from after CAP LS 302: " + renders(b));
  }

  /**
   * message-tags, Size limit: "Clients MUST NOT send messages with tag data exceeding 4094
   * bytes ... Servers MUST reply with ERR_INPUTTOOLONG (417) ... and MUST always reject lines
   * that exceed this limit" (irctest testLineTooLong, testLengthLimits).
   */
  @Test
  void clientTagDataOver4094BytesIs417AndNotRelayed() throws Exception {
    IrcTestClient alice = withCaps("alice", "message-tags");
    join(alice, "#t");
    IrcTestClient bob = withCaps("bob", "message-tags");
    join(bob, "#t");
    sync(alice);
    String tags = "@+example.com/big=" + "a".repeat(4096 - "+example.com/big=".length());
    assertEquals(4097, tags.length(), "tag data of 4096 bytes, 2 over the limit");
    alice.send(tags + " PRIVMSG #t :too many tags");
    List<IrcMessage> replies = sync(alice);
    assertEquals(List.of("417"), commands(replies),
        () -> "message-tags: 4096 bytes of client tag data must be 417: " + renders(replies));
    assertEquals(List.of(), renders(beforeMarker(alice, "#t", bob)),
        "the over-long message was relayed");
  }

  /**
   * message-tags, Client-only tags: "servers MUST attach as-is to any relevant message relayed
   * to other clients ... MUST be relayed on PRIVMSG and NOTICE", to clients with
   * message-tags; tags without {@code +} are removed; clients without it get no tags.
   */
  @Test
  void clientOnlyTagsAreRelayedOnPrivmsgToMessageTagsClients() throws Exception {
    IrcTestClient alice = withCaps("alice", "message-tags echo-message");
    join(alice, "#t");
    IrcTestClient bob = withCaps("bob", "message-tags");
    join(bob, "#t");
    IrcTestClient carol = irc("carol", "#t");
    sync(alice);
    sync(bob);
    alice.send("@+example.com/react=yes;fizz=buzz PRIVMSG #t :tagged");
    List<IrcMessage> echo = beforeMarker(alice, "#t", alice);
    List<IrcMessage> relayed = beforeMarker(bob);
    List<IrcMessage> plain = beforeMarker(carol);
    assertEquals(List.of(":" + mask("alice") + " PRIVMSG #t :tagged"), renders(plain));
    assertEquals(Map.of(), plain.get(0).tags(), "carol negotiated no tags");
    assertFalse(relayed.get(0).tags().containsKey("fizz"), "non-client-only tag relayed");
    assertEquals("yes", relayed.get(0).tags().get("+example.com/react"),
        () -> "message-tags: client-only tag not relayed: " + relayed.get(0).render());
    assertEquals("yes", echo.get(0).tags().get("+example.com/react"),
        () -> "message-tags + echo-message: client-only tag not echoed: "
            + echo.get(0).render());
  }

  /**
   * message-tags, TAGMSG: "This message MUST be delivered to targets in the same way as PRIVMSG
   * and NOTICE ... honouring ... echo-message"; "Servers MUST NOT deliver TAGMSG to clients
   * that haven't negotiated the message tags capability".
   */
  @Test
  void tagmsgIsDeliveredToMessageTagsClientsAndEchoed() throws Exception {
    IrcTestClient alice = withCaps("alice", "message-tags echo-message");
    join(alice, "#t");
    IrcTestClient bob = withCaps("bob", "message-tags");
    join(bob, "#t");
    IrcTestClient carol = irc("carol", "#t");
    alice.expect(from("carol", "JOIN"), "carol joining");
    bob.expect(from("carol", "JOIN"), "carol joining");
    alice.send("@+typing=active TAGMSG #t");
    List<IrcMessage> echo = beforeMarker(alice, "#t", alice);
    List<IrcMessage> relayed = beforeMarker(bob);
    assertEquals(List.of(), renders(beforeMarker(carol)),
        "TAGMSG to a client without message-tags");
    assertEquals(List.of(":" + mask("alice") + " TAGMSG #t"), renders(
        relayed.stream().map(m -> m.withTags(Map.of())).toList()),
        "message-tags: TAGMSG not delivered to a message-tags member");
    assertEquals("active", relayed.get(0).tags().get("+typing"), relayed.get(0)::render);
    assertEquals(List.of("TAGMSG"), commands(echo), "echo-message: TAGMSG not echoed");
  }

  // ============================================================================================
  // Conformant: edge cases Lochat gets right, kept as regression tests.
  // ============================================================================================

  // --- CAP ------------------------------------------------------------------------------------

  /**
   * Capability negotiation: CAP LIST with nothing enabled is {@code CAP * LIST :}; CAP LS
   * without a version is one line without values; NAK echoes the request exactly.
   */
  @Test
  void capListLsAndNakBeforeRegistration() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("CAP LIST");
    assertExactReply(dave.expectNext(), "CAP", "*", "LIST", "");
    dave.send("CAP LS");
    IrcMessage ls = dave.expectNext("CAP");
    assertEquals(List.of("*", "LS"), ls.params().subList(0, 2));
    assertEquals(3, ls.params().size(), ls::render);
    assertFalse(last(ls).contains("="), "no capability values without CAP LS 302");
    dave.send("CAP REQ :foo qux bar baz qux quux");
    assertExactReply(dave.expectNext(), "CAP", "*", "NAK", "foo qux bar baz qux quux");
  }

  /** Capability negotiation: a CAP REQ without LS also holds registration until CAP END. */
  @Test
  void blindCapReqHoldsRegistrationUntilCapEnd() throws Exception {
    IrcTestClient dave = ircConnect();
    dave.send("CAP REQ :server-time");
    dave.send("NICK dave");
    dave.send("USER dave 0 * :Dave");
    List<IrcMessage> before = sync(dave);
    assertEquals(List.of(":" + SERVER + " CAP * ACK server-time"), renders(before));
    dave.send("CAP END");
    assertReply(welcome(dave).get(0), "001", "dave");
  }

  /**
   * Capability negotiation after registration: replies name the nick, CAP END is ignored
   * ("If the client is already registered, this command MUST be ignored"), and an unknown
   * subcommand is {@code 410 <nick> <subcommand> :Invalid CAP command}.
   */
  @Test
  void capAfterRegistration() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("CAP REQ :batch multi-prefix");
    assertExactReply(dave.expectNext(), "CAP", "dave", "ACK", "batch multi-prefix");
    dave.send("CAP END");
    assertEquals(List.of(), renders(sync(dave)), "CAP END after registration is ignored");
    dave.send("CAP FOO");
    assertExactReply(dave.expectNext(), "410", "dave", "FOO", "Invalid CAP command");
    dave.send("CAP LIST");
    assertEquals(Set.of("batch", "multi-prefix"),
        Set.of(last(dave.expectNext("CAP")).split(" ")));
  }

  /**
   * multi-prefix: "the server MUST send all prefixes, in order of rank" in NAMES and WHO;
   * without it, only the highest.
   */
  @Test
  void multiPrefixShowsEveryPrefixInNamesAndWho() throws Exception {
    IrcTestClient dave = registerWithCaps(ircConnect(), "dave", "multi-prefix");
    IrcTestClient erin = irc("erin", "#games");
    join(dave, "#games");
    erin.send("MODE #games +v erin");
    expectLine(dave, ":" + mask("erin") + " MODE #games +v erin");
    dave.send("NAMES #games");
    assertExactReply(dave.expectNext(), "353", "dave", "=", "#games", "@+erin dave");
    erin.send("NAMES #games");
    assertExactReply(erin.expect("353"), "353", "erin", "=", "#games", "@erin dave");
    dave.send("WHO #games");
    IrcMessage who = dave.expect(m -> m.command().equals("352") && m.params().get(5).equals("erin"),
        "352 for erin");
    assertEquals(List.of("erin", "H@+"), who.params().subList(5, 7), who::render);
  }

  /** echo-message with server-time: echoed when alone in a channel, and for NOTICE too. */
  @Test
  void echoMessageWhenAloneAndForNoticeCarriesTheTime() throws Exception {
    IrcTestClient dave = registerWithCaps(ircConnect(), "dave", "echo-message server-time");
    join(dave, "#solo");
    for (String command : List.of("PRIVMSG", "NOTICE")) {
      dave.send(command + " #solo :hello everyone");
      List<IrcMessage> echo = sync(dave);
      assertEquals(List.of(":" + mask("dave") + " " + command + " #solo :hello everyone"),
          renders(echo.stream().map(m -> m.withTags(Map.of())).toList()));
      assertTrue(echo.get(0).tags().getOrDefault("time", "")
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), echo.get(0)::render);
    }
  }

  // --- registration ---------------------------------------------------------------------------

  /** irctest testPassAfterNickuser (RFC 2812 3.1.1): PASS after NICK and USER is too late. */
  @Test
  void passAfterNickAndUserDoesNotRegister() throws Exception {
    start("lochat.password = \"sesame\"");
    IrcTestClient dave = ircConnect();
    // In one write: the server may close as soon as NICK and USER arrive without a password.
    dave.send("NICK dave\r\nUSER dave 0 * :Dave\r\nPASS sesame");
    List<IrcMessage> all = dave.expectClosed();
    assertFalse(commands(all).contains("001"), () -> renders(all).toString());
  }

  /** RFC 2812 3.1.2 / 5.2: a nickname in use during registration is 433 to {@code *}. */
  @Test
  void nickInUseDuringRegistrationIs433ToStarAndAnotherNickThenRegisters() throws Exception {
    nativeUser("carol");
    IrcTestClient dave = ircConnect();
    dave.send("NICK carol");
    dave.send("USER dave 0 * :Dave");
    assertReply(dave.expectNext(), "433", "*", "carol");
    dave.send("NICK dave");
    assertReply(welcome(dave).get(0), "001", "dave");
  }

  /** NICK to the nickname one already has changes nothing and says nothing. */
  @Test
  void nickToTheSameNickIsSilent() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("NICK dave");
    assertEquals(List.of(), renders(sync(dave)));
  }

  /** Modern PING: no token is 409 ERR_NOORIGIN {@code <client> :No origin specified}. */
  @Test
  void pingWithoutTokenIs409() throws Exception {
    IrcTestClient dave = irc("dave");
    for (String ping : List.of("PING", "PING :")) {
      dave.send(ping);
      assertReply(dave.expectNext(), "409", "dave");
    }
  }

  /** RFC 2812 5.1: the exact parameter layout of the welcome burst and LUSERS. */
  @Test
  void welcomeBurstNumericsHaveTheirExactLayout() throws Exception {
    List<IrcMessage> welcome = register(ircConnect(), "dave");
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("001", 2);
    sizes.put("002", 2);
    sizes.put("003", 2);
    sizes.put("004", 6);
    sizes.put("251", 2);
    sizes.put("252", 3);
    sizes.put("253", 3);
    sizes.put("254", 3);
    sizes.put("255", 2);
    sizes.put("265", 4);
    sizes.put("266", 4);
    sizes.put("422", 2);
    for (IrcMessage message : welcome) {
      assertEquals(Optional.of(SERVER), message.prefix(), message::render);
      assertEquals("dave", message.params().get(0), message::render);
      Integer size = sizes.get(message.command());
      if (size != null) {
        assertEquals(size, message.params().size(), message::render);
      }
    }
    assertEquals(List.of("dave", SERVER), welcome.get(3).params().subList(0, 2));
    assertEquals("are supported by this server", last(welcome.get(4)));
  }

  /** RFC 2812 5.1: the exact parameter layout of query replies. */
  @Test
  void queryRepliesHaveTheirExactLayout() throws Exception {
    IrcTestClient erin = irc("erin", "#games");
    erin.send("TOPIC #games :Chess");
    erin.expect("TOPIC");
    IrcTestClient dave = irc("dave", "#games");
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("311", 6);
    sizes.put("319", 3);
    sizes.put("312", 4);
    sizes.put("318", 3);
    sizes.put("352", 8);
    sizes.put("315", 3);
    sizes.put("321", 3);
    sizes.put("322", 4);
    sizes.put("323", 2);
    sizes.put("324", 3);
    sizes.put("332", 3);
    sizes.put("333", 4);
    sizes.put("351", 4);
    sizes.put("391", 3);
    for (String query : List.of("WHOIS erin", "WHO #games", "LIST", "MODE #games",
        "TOPIC #games", "VERSION", "TIME")) {
      dave.send(query);
      for (IrcMessage reply : sync(dave)) {
        assertEquals(Optional.of(SERVER), reply.prefix(), reply::render);
        assertEquals("dave", reply.params().get(0), reply::render);
        Integer size = sizes.get(reply.command());
        if (size != null) {
          assertEquals(size, reply.params().size(), () -> query + ": " + reply.render());
        }
      }
    }
  }

  // --- channels -------------------------------------------------------------------------------

  /** RFC 2812 3.2.1: keys are paired with channels; a channel without a key ignores one. */
  @Test
  void joinWithKeysJoinsChannelsThatHaveNone() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("JOIN #one,#two key1,key2");
    List<IrcMessage> burst = sync(dave);
    // The order of the two joins is not fixed: each room answers on its own.
    assertEquals(Set.of(":" + mask("dave") + " JOIN #one", ":" + mask("dave") + " JOIN #two"),
        Set.copyOf(renders(burst.stream().filter(m -> m.command().equals("JOIN")).toList())));
  }

  /** RFC 2812 3.2.2: PART of several channels parts each, each with the one reason. */
  @Test
  void partOfSeveralChannelsPartsEachWithTheReason() throws Exception {
    IrcTestClient erin = irc("erin", "#one");
    IrcTestClient dave = irc("dave", "#one", "#two");
    dave.send("PART #one,#two :good night");
    assertEquals(List.of(":" + mask("dave") + " PART #one :good night",
        ":" + mask("dave") + " PART #two :good night"), renders(sync(dave)));
    expectLine(erin, ":" + mask("dave") + " PART #one :good night");
  }

  /**
   * RFC 2812 1.3: channel names are case-insensitive; every reply names the channel as it
   * is, however the client spelled it.
   */
  @Test
  void channelNamesAreCaseInsensitive() throws Exception {
    IrcTestClient dave = irc("dave", "#games");
    IrcTestClient erin = irc("erin", "#games");
    expectLine(dave, ":" + mask("erin") + " JOIN #games");
    sync(erin);
    dave.send("JOIN #GAMES");
    assertEquals(List.of(), renders(sync(dave)), "already in #games");
    dave.send("PRIVMSG #GAMES :hi");
    expectLine(erin, ":" + mask("dave") + " PRIVMSG #games :hi");
    dave.send("TOPIC #Games :Chess");
    assertEquals(normal(":" + mask("dave") + " TOPIC #games :Chess"),
        untagged(dave.expectNext()));
    dave.send("NAMES #GAMES");
    assertExactReply(dave.expectNext(), "353", "dave", "=", "#games", "@dave erin");
    dave.expectNext("366");
    dave.send("PART #GAMES");
    assertEquals(":" + mask("dave") + " PART #games", dave.expectNext().render());
  }

  /** RFC 2812 3.2.5 and Modern NAMES: a name that is no channel gets one 366 with it. */
  @Test
  void namesOfANameThatIsNoChannelIsOne366() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("NAMES invalid");
    List<IrcMessage> replies = sync(dave);
    assertEquals(List.of("366"), commands(replies));
    assertReply(replies.get(0), "366", "dave", "invalid");
  }

  // --- users ----------------------------------------------------------------------------------

  /** Modern WHOIS: a server or nick before the nick still answers for the nick. */
  @Test
  void whoisWithATargetBeforeTheNickAnswersForTheNick() throws Exception {
    irc("erin");
    IrcTestClient dave = irc("dave");
    for (String query : List.of("WHOIS " + SERVER + " erin", "WHOIS erin erin")) {
      dave.send(query);
      List<IrcMessage> whois = sync(dave);
      assertEquals(List.of("311", "312", "318"), commands(whois), () -> renders(whois) + "");
      assertEquals("erin", whois.get(0).params().get(1));
    }
  }

  /** Modern WHO: an unknown nick is one 315; a nick in another case is found; masks kept. */
  @Test
  void whoOfNicksKeepsTheMaskInItsEnd() throws Exception {
    irc("erin", "#games");
    IrcTestClient dave = irc("dave");
    dave.send("WHO idontexist");
    List<IrcMessage> none = sync(dave);
    assertEquals(List.of("315"), commands(none));
    assertReply(none.get(0), "315", "dave", "idontexist");
    dave.send("WHO ERIN");
    List<IrcMessage> one = sync(dave);
    assertEquals(List.of("352", "315"), commands(one), () -> renders(one).toString());
    IrcMessage reply = one.get(0);
    assertEquals(List.of("dave", "#games"), reply.params().subList(0, 2), reply::render);
    assertEquals(List.of(SERVER, "erin", "H"), reply.params().subList(4, 7), reply::render);
    assertReply(one.get(1), "315", "dave", "ERIN");
  }

  /**
   * Modern MODE (user): known modes are applied and echoed, then 501 for the unknown ones
   * ("MUST apply the modes that are implemented, and then send ERR_UMODEUNKNOWNFLAG").
   */
  @Test
  void userModeAppliesKnownFlagsThenSays501() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("MODE dave +iz");
    List<IrcMessage> replies = sync(dave);
    assertEquals(List.of("MODE", "501"), commands(replies), () -> renders(replies).toString());
    assertEquals(":" + mask("dave") + " MODE dave +i", replies.get(0).render());
    assertReply(replies.get(1), "501", "dave");
  }

  /** A message to oneself arrives once, with echo-message or without. */
  @Test
  void privmsgToOneselfArrivesOnce() throws Exception {
    IrcTestClient dave = irc("dave");
    IrcTestClient erin = registerWithCaps(ircConnect(), "erin", "echo-message");
    dave.send("PRIVMSG dave :note to self");
    assertEquals(List.of(":" + mask("dave") + " PRIVMSG dave :note to self"),
        renders(sync(dave)));
    erin.send("PRIVMSG erin :note to self");
    assertEquals(List.of(":" + mask("erin") + " PRIVMSG erin :note to self"),
        renders(sync(erin)));
  }

  // --- helpers ----------------------------------------------------------------------------------

  private int markers;
  private String marker;

  /**
   * Has {@code sender} post a marker to {@code target} after what it sent before, and returns
   * what {@code first} received before the marker; {@link #beforeMarker(IrcTestClient)} then
   * gives the same for further receivers. A PING to the receiver is no such fence: the server
   * may answer it before a message from another client reaches that receiver; the marker
   * follows the message on its own path (one room, or sender to recipient), so it cannot pass
   * it.
   */
  private List<IrcMessage> beforeMarker(IrcTestClient sender, String target,
      IrcTestClient first) throws Exception {
    marker = "marker" + (++markers);
    sender.send("PRIVMSG " + target + " :" + marker);
    return beforeMarker(first);
  }

  /** What {@code receiver} received before the marker last posted (its copy is consumed). */
  private List<IrcMessage> beforeMarker(IrcTestClient receiver) throws Exception {
    List<IrcMessage> before = new ArrayList<>();
    while (true) {
      IrcMessage message = receiver.expectNext();
      if (message.command().equals("PRIVMSG") && last(message).equals(marker)) {
        return before;
      }
      before.add(message);
    }
  }

  /** coolNick, registered with username myuser (which differs from the nick): its welcome. */
  private static List<IrcMessage> registerAsCoolNick(IrcTestClient client) throws Exception {
    client.send("NICK coolNick");
    client.send("USER myuser 0 * :My Real Name");
    return welcome(client);
  }

  private IrcTestClient withCaps(String nick, String caps) throws Exception {
    return registerWithCaps(ircConnect(), nick, caps);
  }
}
