package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The IRC commands a client uses once registered, and their replies: channels (JOIN, PART,
 * NAMES, TOPIC, LIST, MODE), users (WHO, WHOIS, AWAY, USERHOST, ISON, MODE on oneself) and the
 * server (LUSERS, MOTD, VERSION, TIME).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcCommandsTest extends IrcEndToEndBase {

  @Test
  void joinOfANewChannelGivesTheNamesAndNoTopic() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("JOIN #games");
    assertEquals(":" + mask("dave") + " JOIN #games", dave.expectNext().render());
    assertReply(dave.expectNext(), "353", "dave", "=", "#games");
    assertReply(dave.expectNext(), "366", "dave", "#games");
  }

  @Test
  void joinOfAChannelWithATopicGivesTopicWhoTimeAndEveryMember() throws Exception {
    TestClient carol = nativeUser("carol");
    long before = Instant.now().getEpochSecond();
    carol.send("/topic Be nice");
    carol.expectStartsWith("TOPIC lobby carol ");
    IrcTestClient dave = irc("dave");
    dave.send("JOIN #LOBBY");
    assertEquals(":" + mask("dave") + " JOIN #lobby", dave.expectNext().render());
    IrcMessage topic = dave.expectNext();
    assertExactReply(topic, "332", "dave", "#lobby", "Be nice");
    IrcMessage whoTime = dave.expectNext();
    assertEquals("333", whoTime.command(), whoTime::render);
    assertEquals(List.of("dave", "#lobby"), whoTime.params().subList(0, 2));
    assertTrue(whoTime.params().get(2).startsWith("carol"), whoTime::render);
    long setAt = Long.parseLong(whoTime.params().get(3));
    assertTrue(setAt >= before - 1 && setAt <= Instant.now().getEpochSecond(), whoTime::render);
    assertExactReply(dave.expectNext(), "353", "dave", "=", "#lobby", "@carol dave");
    assertReply(dave.expectNext(), "366", "dave", "#lobby");
  }

  @Test
  void topicOfAChannelThatDoesNotExistIsNoSuchChannelAndOfOneNotJoinedIsNotOnChannel()
      throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("TOPIC #nowhere");
    assertReply(dave.expectNext(), "403", "dave", "#nowhere");
    dave.send("TOPIC #lobby");
    assertReply(dave.expectNext(), "442", "dave", "#lobby");
  }

  @Test
  void whowasRemembersWhoUsedANicknameAfterTheyLeft() throws Exception {
    IrcTestClient dave = irc("dave");
    IrcTestClient erin = irc("erin");
    erin.send("QUIT :bye");
    erin.expect(m -> m.command().equals("ERROR"), "ERROR");
    dave.send("WHOWAS erin");
    IrcMessage was = dave.expectNext();
    assertEquals(List.of("314", "erin", "erin", "lochat", "*"),
        List.of(was.command(), was.params().get(1), was.params().get(2), was.params().get(3),
            was.params().get(4)), was::render);
    assertEquals("312", dave.expectNext().command());
    assertReply(dave.expectNext(), "369", "dave", "erin");
    dave.send("WHOWAS nobody");
    assertReply(dave.expectNext(), "406", "dave", "nobody");
    assertReply(dave.expectNext(), "369", "dave", "nobody");
  }

  @Test
  void joinOfSeveralChannelsAtOnceAndJoinZeroPartsThemAll() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave");
    dave.send("JOIN #games,#lobby,#zoo");
    // Joined in the order given, so the replies come in that order whichever room is faster.
    List<String> joined = new ArrayList<>();
    while (joined.size() < 3) {
      joined.add(dave.expect(m -> m.command().equals("366"), "366").params().get(1));
    }
    assertEquals(List.of("#games", "#lobby", "#zoo"), joined);
    dave.send("PART #zoo");
    carol.expect("JOINED lobby dave");

    dave.expect(m -> m.command().equals("PART"), "PART #zoo");
    dave.send("JOIN 0");
    List<IrcMessage> parts = sync(dave);
    assertEquals(2, parts.size(), () -> renders(parts).toString());
    assertEquals(Set.of(":" + mask("dave") + " PART #lobby", ":" + mask("dave") + " PART #games"),
        Set.copyOf(renders(parts)));
    carol.expect("LEFT lobby dave part");
    dave.send("PRIVMSG #lobby :gone?");
    assertReply(dave.expectNext(), "404", "dave", "#lobby");
  }

  @Test
  void partWithAReasonIsShownToEveryone() throws Exception {
    IrcTestClient erin = irc("erin", "#games");
    IrcTestClient dave = irc("dave", "#games");
    dave.send("PART #games :off to bed");
    assertEquals(":" + mask("dave") + " PART #games :off to bed", dave.expectNext().render());
    expectLine(erin, ":" + mask("dave") + " PART #games :off to bed");
  }

  @Test
  void namesListsAChannelsMembersInJoinOrder() throws Exception {
    nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    irc("erin", "#lobby");
    expectLine(dave, ":" + mask("erin") + " JOIN #lobby");
    dave.send("NAMES #lobby");
    assertExactReply(dave.expectNext(), "353", "dave", "=", "#lobby", "@carol dave erin");
    assertReply(dave.expectNext(), "366", "dave", "#lobby");
    dave.send("NAMES #nowhere");
    assertReply(dave.expectNext(), "366", "dave", "#nowhere");
  }

  @Test
  void whoListsAChannelsMembers() throws Exception {
    nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    dave.send("WHO #lobby");
    List<IrcMessage> who = sync(dave);
    assertEquals(List.of("352", "352", "315"), commands(who), () -> renders(who).toString());
    assertEquals(List.of("dave", "#lobby", "carol", SERVER, SERVER, "carol", "H@"),
        who.get(0).params().subList(0, 7));
    assertEquals(List.of("dave", "#lobby", "dave", SERVER, SERVER, "dave", "H"),
        who.get(1).params().subList(0, 7));
    assertEquals("0 Real Name", last(who.get(1)));
    assertReply(who.get(2), "315", "dave", "#lobby");
  }

  @Test
  void whoisShowsUserChannelsServerAndAway() throws Exception {
    TestClient carol = nativeUser("carol");
    carol.send("/join games");
    carol.expect("JOINED games carol");
    IrcTestClient erin = irc("erin");
    erin.send("AWAY :at lunch");
    assertReply(erin.expectNext(), "306", "erin");
    IrcTestClient dave = irc("dave");

    dave.send("WHOIS carol");
    List<IrcMessage> whois = sync(dave);
    assertEquals(List.of("311", "319", "312", "318"), commands(whois),
        () -> renders(whois).toString());
    assertEquals(List.of("dave", "carol", "carol", SERVER, "*"),
        whois.get(0).params().subList(0, 5));
    assertEquals(List.of("#lobby", "#games"), List.of(last(whois.get(1)).split(" ")));
    assertEquals(List.of("dave", "carol", SERVER), whois.get(2).params().subList(0, 3));
    assertReply(whois.get(3), "318", "dave", "carol");

    dave.send("WHOIS ERIN");
    List<IrcMessage> away = sync(dave);
    assertEquals(List.of("311", "312", "301", "318"), commands(away),
        () -> renders(away).toString());
    assertExactReply(away.get(2), "301", "dave", "erin", "at lunch");
  }

  @Test
  void listShowsChannelsWithTheirMemberCounts() throws Exception {
    nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby", "#games");
    dave.send("LIST");
    List<IrcMessage> list = sync(dave);
    assertEquals("321", list.get(0).command(), () -> renders(list).toString());
    assertEquals("323", list.get(list.size() - 1).command(), () -> renders(list).toString());
    List<List<String>> channels = list.subList(1, list.size() - 1).stream()
        .map(m -> m.params().subList(0, 3)).toList();
    assertEquals(List.of(List.of("dave", "#games", "1"), List.of("dave", "#lobby", "2")),
        channels.stream().sorted((a, b) -> a.get(1).compareTo(b.get(1))).toList());

    dave.send("LIST #games");
    List<IrcMessage> one = sync(dave);
    assertEquals(List.of("321", "322", "323"), commands(one), () -> renders(one).toString());
    assertEquals("#games", one.get(1).params().get(1));
    assertEquals("", one.get(1).params().get(3), "no topic yet");

    dave.send("TOPIC #games :Chess at eight");
    dave.expect("TOPIC");
    dave.send("LIST #games");
    List<IrcMessage> topical = sync(dave);
    assertEquals("Chess at eight", topical.get(1).params().get(3), "LIST shows the topic");
  }

  @Test
  void topicCanBeAskedSetAndCleared() throws Exception {
    IrcTestClient dave = irc("dave", "#games");
    dave.send("TOPIC #games");
    assertReply(dave.expectNext(), "331", "dave", "#games");
    dave.send("TOPIC #games :Chess at eight");
    assertEquals(":" + mask("dave") + " TOPIC #games :Chess at eight", dave.expectNext().render());
    dave.send("TOPIC #games");
    assertExactReply(dave.expectNext(), "332", "dave", "#games", "Chess at eight");
    IrcMessage whoTime = dave.expectNext();
    assertEquals(List.of("333", "dave", "#games"),
        List.of(whoTime.command(), whoTime.params().get(0), whoTime.params().get(1)));
    dave.send("TOPIC #games :");
    assertEquals(":" + mask("dave") + " TOPIC #games :", dave.expectNext().render());
    dave.send("TOPIC #games");
    assertReply(dave.expectNext(), "331", "dave", "#games");
  }

  @Test
  void channelModesAndEmptyBanList() throws Exception {
    IrcTestClient dave = irc("dave", "#games");
    dave.send("MODE #games");
    IrcMessage modes = dave.expectNext();
    assertEquals("324", modes.command(), modes::render);
    assertEquals(List.of("dave", "#games"), modes.params().subList(0, 2));
    assertTrue(modes.params().get(2).startsWith("+"), modes::render);
    assertEquals("329", dave.expectNext().command());
    dave.send("MODE #games b");
    assertReply(dave.expectNext(), "368", "dave", "#games");
    dave.send("MODE #games +b");
    assertReply(dave.expectNext(), "368", "dave", "#games");
  }

  @Test
  void userModesOnOneself() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("MODE dave +i");
    IrcMessage set = dave.expectNext();
    assertEquals(List.of("MODE", "dave", "+i"),
        List.of(set.command(), set.params().get(0), set.params().get(1)), set::render);
    dave.send("MODE dave");
    assertExactReply(dave.expectNext(), "221", "dave", "+i");
    dave.send("MODE dave -i");
    assertEquals("-i", dave.expectNext("MODE").params().get(1));
    irc("carol");
    dave.send("MODE carol +i");
    assertReply(dave.expectNext(), "502", "dave");
    dave.send("MODE nobody +i");
    assertReply(dave.expectNext(), "401", "dave", "nobody");
  }

  @Test
  void awayIsToldToWhoeverMessagesTheAbsentUser() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient erin = irc("erin");
    IrcTestClient dave = irc("dave");
    erin.send("AWAY :back at two");
    assertReply(erin.expectNext(), "306", "erin");

    dave.send("PRIVMSG erin :lunch?");
    expectLine(erin, ":" + mask("dave") + " PRIVMSG erin :lunch?");
    assertExactReply(dave.expectNext(), "301", "dave", "erin", "back at two");
    dave.send("NOTICE erin :fyi");
    assertEquals(List.of(), renders(sync(dave)), "no away reply to a NOTICE");
    carol.send("/msg erin native lunch?");
    carol.expect("PRIV carol erin native lunch?");

    erin.send("AWAY");
    assertReply(erin.expect("305"), "305", "erin");
    dave.send("PRIVMSG erin :back?");
    assertEquals(List.of(), renders(sync(dave)), "no 301 once back");
  }

  @Test
  void userhostAndIsonTellWhoIsOnline() throws Exception {
    nativeUser("carol");
    IrcTestClient erin = irc("erin");
    erin.send("AWAY :out");
    erin.expectNext("306");
    IrcTestClient dave = irc("dave");
    dave.send("USERHOST carol nobody ERIN");
    assertExactReply(dave.expectNext(), "302", "dave",
        "carol=+carol@" + SERVER + " erin=-erin@" + SERVER);
    dave.send("ISON carol nobody ERIN");
    IrcMessage ison = dave.expectNext();
    assertEquals("303", ison.command(), ison::render);
    assertEquals(List.of("carol", "erin"), List.of(last(ison).trim().split(" ")));
    dave.send("ISON :nobody nothere");
    assertExactReply(dave.expectNext(), "303", "dave", "");
  }

  @Test
  void lusersCountsUsersOfBothProtocols() throws Exception {
    nativeUser("carol");
    nativeUser("erin");
    IrcTestClient dave = irc("dave");
    dave.send("LUSERS");
    List<IrcMessage> lusers = sync(dave);
    assertEquals(List.of("251", "252", "253", "254", "255", "265", "266"), commands(lusers));
    assertTrue(last(lusers.get(0)).startsWith("There are 3 users"), lusers.get(0)::render);
  }

  @Test
  void motdIsSentOnRequest() throws Exception {
    start("lochat.motd = \"Be kind\"");
    IrcTestClient dave = irc("dave");
    dave.send("MOTD");
    List<IrcMessage> motd = sync(dave);
    assertEquals(List.of("375", "372", "376"), commands(motd));
    assertEquals("- Be kind", last(motd.get(1)));
  }

  @Test
  void motdRequestWithoutMotdIs422() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("MOTD");
    assertReply(dave.expectNext(), "422", "dave");
  }

  @Test
  void versionAndTime() throws Exception {
    IrcTestClient dave = irc("dave");
    dave.send("VERSION");
    IrcMessage version = dave.expectNext();
    assertEquals("351", version.command(), version::render);
    assertTrue(version.params().get(1).contains("lochat"), version::render);
    assertEquals(SERVER, version.params().get(2), version::render);
    assertEquals("005", dave.expectNext().command());
    dave.send("TIME");
    IrcMessage time = dave.expect("391");
    assertReply(time, "391", "dave", SERVER);
    assertTrue(last(time).contains(String.valueOf(Year.now(ZoneOffset.UTC))),
        time::render);
  }

  @Test
  void repliesForSeveralChannelsEachNameTheirOwnChannel() throws Exception {
    IrcTestClient dave = irc("dave", "#games");
    irc("erin", "#lobby");

    dave.send("NAMES #nochan,#games");
    List<IrcMessage> names = sync(dave);
    assertEquals(List.of("366", "353", "366"), commands(names), () -> renders(names).toString());
    assertReply(names.get(0), "366", "dave", "#nochan");
    assertReply(names.get(2), "366", "dave", "#games");

    dave.send("PRIVMSG #nochan,#lobby :hello?");
    List<IrcMessage> errors = sync(dave);
    assertEquals(2, errors.size(), () -> renders(errors).toString());
    assertTrue(errors.stream().anyMatch(m -> m.command().equals("401")
        && m.params().get(1).equals("#nochan")), () -> renders(errors).toString());
    assertTrue(errors.stream().anyMatch(m -> m.command().equals("404")
        && m.params().get(1).equals("#lobby")), () -> renders(errors).toString());
  }

  @Test
  void aVeryLongNickInAQueryIsAnsweredNotFatal() throws Exception {
    IrcTestClient dave = irc("dave");
    String longNick = "n".repeat(480);
    dave.send("WHOIS " + longNick);
    List<IrcMessage> replies = sync(dave);
    assertEquals(List.of("401", "318"), commands(replies), () -> renders(replies).toString());
    assertTrue(replies.get(0).params().get(1).length() <= 128, replies.get(0).render());
    dave.send("NICK :a b");
    assertEquals("432", dave.expectNext().command());
  }

  @Test
  void listOfOnlyUnknownChannelsListsNone() throws Exception {
    IrcTestClient dave = irc("dave", "#games");
    dave.send("LIST #nochan,>3");
    assertEquals(List.of("321", "323"), commands(sync(dave)));
  }

  @Test
  void isupportTokensArriveWhole() throws Exception {
    IrcTestClient dave = ircConnect();
    List<IrcMessage> welcome = register(dave, "dave");
    List<String> tokens = welcome.stream().filter(m -> m.command().equals("005"))
        .flatMap(m -> m.params().subList(1, m.params().size() - 1).stream()).toList();
    assertTrue(tokens.contains(
        "TARGMAX=JOIN:4,PART:4,PRIVMSG:4,NOTICE:4,NAMES:4,WHOIS:4,KICK:4,USERHOST:5"),
        tokens::toString);
    assertTrue(tokens.contains("USERLEN=16"), tokens::toString);
  }

  @Test
  void anOddOrLongUserNameIsTrimmedToFitAMask() throws Exception {
    IrcTestClient erin = irc("erin", "#games");
    IrcTestClient dave = ircConnect();
    dave.send("NICK dave");
    dave.send("USER " + "u!s@e".repeat(60) + " 0 * :Dave");
    dave.expect("001");
    join(dave, "#games");
    dave.send("PRIVMSG #games :hello");
    IrcMessage heard = erin.expect("PRIVMSG");
    assertEquals("dave!useuseuseuseuseu@" + SERVER, heard.prefix().orElseThrow(),
        "the characters a mask may hold, 16 at most");
    erin.send("PING :still here");
    assertEquals("still here", last(erin.expect("PONG")));
  }

  @Test
  void aCtcpActionSentAsANoticeStaysAnAction() throws Exception {
    IrcTestClient erin = irc("erin");
    IrcTestClient dave = irc("dave");
    dave.send("NOTICE erin :\u0001ACTION waves\u0001");
    assertEquals("\u0001ACTION waves\u0001", last(erin.expect("NOTICE")));
  }
}
