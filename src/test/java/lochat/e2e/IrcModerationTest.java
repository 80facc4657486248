package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * Running a channel over IRC, as RFC 2812 and the Modern IRC documentation describe it and
 * InspIRCd does it: whoever creates a channel is its operator; operators give and take
 * {@code +o} and {@code +v}, set {@code +m}, {@code +k}, {@code +l}, {@code +i}, {@code +s},
 * bans, KICK and INVITE; everyone else is refused with the numerics clients know.
 */
class IrcModerationTest extends IrcEndToEndBase {

  /** ann creates #den (and is its operator); bob joins; both have seen each other. */
  private IrcTestClient[] annAndBobInDen() throws Exception {
    IrcTestClient ann = irc("ann", "#den");
    IrcTestClient bob = irc("bob", "#den");
    expectLine(ann, ":" + mask("bob") + " JOIN #den");
    sync(ann);
    return new IrcTestClient[] {ann, bob};
  }

  @Test
  void theCreatorIsOperatorAndGivesVoiceAndOperatorEchoedToTheRoom() throws Exception {
    IrcTestClient ann = irc("ann");
    ann.send("JOIN #den");
    IrcMessage names = ann.expect("353");
    assertEquals(List.of("ann", "=", "#den", "@ann"), names.params());
    IrcTestClient bob = irc("bob", "#den");
    expectLine(ann, ":" + mask("bob") + " JOIN #den");

    ann.send("MODE #den +v-o+o bob ann ann");
    // -o ann then +o ann: both made, in order, as one line.
    String echo = ":" + mask("ann") + " MODE #den +v-o+o bob ann ann";
    expectLine(ann, echo);
    expectLine(bob, echo);
    ann.send("MODE #den +o bob");
    expectLine(bob, ":" + mask("ann") + " MODE #den +o bob");
    bob.send("NAMES #den");
    assertEquals("@ann @bob", last(bob.expect("353")));
    bob.send("MODE #den -o bob");
    expectLine(ann, ":" + mask("bob") + " MODE #den -o bob");
    bob.send("NAMES #den");
    assertEquals("@ann +bob", last(bob.expect("353")));
  }

  @Test
  void aMemberWhoIsNoOperatorIsRefused482AndChangesNothing() throws Exception {
    IrcTestClient[] both = annAndBobInDen();
    IrcTestClient bob = both[1];
    for (String line : List.of("MODE #den +m", "MODE #den +o bob", "KICK #den ann",
        "TOPIC #den :mine now", "MODE #den +e *!*@*")) {
      bob.send(line);
      List<IrcMessage> replies = sync(bob);
      assertEquals(List.of("482"), commands(replies), () -> line + ": " + renders(replies));
      assertReply(replies.get(0), "482", "bob", "#den");
    }
    both[0].send("MODE #den");
    assertEquals("+nt", both[0].expect("324").params().get(2), "nothing changed");
    assertEquals(0, timesSeen(both[0], ":" + mask("bob") + " TOPIC #den :mine now"));
  }

  @Test
  void modesAreShownWithTheirCreationTimeAndUnknownLettersAre472() throws Exception {
    IrcTestClient ann = irc("ann", "#den");
    ann.send("MODE #den +ks sesame");
    expectLine(ann, ":" + mask("ann") + " MODE #den +ks sesame");
    ann.send("MODE #den");
    List<IrcMessage> replies = sync(ann);
    assertExactReply(replies.get(0), "324", "ann", "#den", "+nstk", "sesame");
    assertEquals("329", replies.get(1).command());
    ann.send("MODE #den +zq-y");
    List<IrcMessage> unknown = sync(ann);
    assertEquals(List.of("472", "472", "472"), commands(unknown), () -> renders(unknown).toString());
    assertEquals("z", unknown.get(0).params().get(1));
    ann.send("MODE #den +k :has space");
    List<IrcMessage> badKey = sync(ann);
    assertEquals(List.of("696"), commands(badKey), () -> renders(badKey).toString());
    assertEquals(List.of("ann", "#den", "k"), badKey.get(0).params().subList(0, 3));
    ann.send("MODE #den +l many");
    assertEquals(List.of("696"), commands(sync(ann)));
  }

  @Test
  void aKeyAndALimitKeepPeopleOutWithTheirNumerics() throws Exception {
    IrcTestClient ann = irc("ann", "#den");
    ann.send("MODE #den +kl sesame 2");
    expectLine(ann, ":" + mask("ann") + " MODE #den +kl sesame 2");
    IrcTestClient bob = irc("bob");
    bob.send("JOIN #den");
    assertReply(bob.expectNext(), "475", "bob", "#den");
    bob.send("JOIN #other,#den x,sesame");
    expectLine(bob, ":" + mask("bob") + " JOIN #other");
    expectLine(bob, ":" + mask("bob") + " JOIN #den");
    IrcTestClient carol = irc("carol");
    carol.send("JOIN #den sesame");
    assertReply(carol.expectNext(), "471", "carol", "#den");
    bob.send("MODE #den");
    IrcMessage modes = bob.expect("324");
    assertEquals(List.of("bob", "#den", "+ntkl", "sesame", "2"), modes.params());
    carol.send("MODE #den");
    assertEquals(List.of("carol", "#den", "+ntkl", "*", "2"), carol.expect("324").params());
  }

  @Test
  void moderatedChannelsLetOnlyVoicedMembersAndOperatorsSpeak() throws Exception {
    IrcTestClient[] both = annAndBobInDen();
    IrcTestClient ann = both[0];
    IrcTestClient bob = both[1];
    ann.send("MODE #den +m");
    expectLine(bob, ":" + mask("ann") + " MODE #den +m");
    bob.send("PRIVMSG #den :can anyone hear me?");
    List<IrcMessage> refused = sync(bob);
    assertEquals(List.of("404"), commands(refused), () -> renders(refused).toString());
    assertReply(refused.get(0), "404", "bob", "#den");
    bob.send("NOTICE #den :quietly");
    assertEquals(List.of(), renders(sync(bob)), "NOTICE gets no error reply");
    ann.send("MODE #den +v bob");
    expectLine(bob, ":" + mask("ann") + " MODE #den +v bob");
    bob.send("PRIVMSG #den :now I may");
    expectLine(ann, ":" + mask("bob") + " PRIVMSG #den :now I may");
    assertEquals(0, timesSeen(ann, ":" + mask("bob") + " PRIVMSG #den :can anyone hear me?"));
  }

  @Test
  void aBanKeepsOutAndSilencesAndIsListed() throws Exception {
    IrcTestClient[] both = annAndBobInDen();
    IrcTestClient ann = both[0];
    IrcTestClient bob = both[1];
    ann.send("MODE #den +b bob");
    expectLine(bob, ":" + mask("ann") + " MODE #den +b bob!*@*");
    expectLine(ann, ":" + mask("ann") + " MODE #den +b bob!*@*");
    bob.send("PRIVMSG #den :still here");
    assertEquals(List.of("404"), commands(sync(bob)));
    ann.send("MODE #den +b");
    List<IrcMessage> list = sync(ann);
    assertEquals(List.of("367", "368"), commands(list), () -> renders(list).toString());
    assertEquals(List.of("ann", "#den", "bob!*@*", "ann"), list.get(0).params().subList(0, 4));
    bob.send("PART #den");
    bob.expect("PART");
    bob.send("JOIN #den");
    assertReply(bob.expectNext(), "474", "bob", "#den");
    ann.send("MODE #den +e bob!*@*");
    expectLine(ann, ":" + mask("ann") + " MODE #den +e bob!*@*");
    bob.send("JOIN #den");
    expectLine(bob, ":" + mask("bob") + " JOIN #den");
  }

  @Test
  void kickRemovesAMemberWithTheReasonEveryoneSees() throws Exception {
    IrcTestClient[] both = annAndBobInDen();
    IrcTestClient ann = both[0];
    IrcTestClient bob = both[1];
    IrcTestClient carol = irc("carol", "#den");
    expectLine(ann, ":" + mask("carol") + " JOIN #den");
    ann.send("KICK #den bob :too loud");
    String kick = ":" + mask("ann") + " KICK #den bob :too loud";
    expectLine(ann, kick);
    expectLine(bob, kick);
    expectLine(carol, kick);
    carol.send("NAMES #den");
    assertEquals("@ann carol", last(carol.expect("353")));
    bob.send("PRIVMSG #den :let me back");
    assertEquals(List.of("404"), commands(sync(bob)), "bob is out of a +n channel");
    ann.send("KICK #den bob");
    List<IrcMessage> notThere = sync(ann);
    assertEquals(List.of("441"), commands(notThere), () -> renders(notThere).toString());
    assertReply(notThere.get(0), "441", "ann", "bob", "#den");
    ann.send("KICK #den carol");
    expectLine(carol, ":" + mask("ann") + " KICK #den carol :ann");
  }

  @Test
  void inviteLetsAUserIntoAnInviteOnlyChannel() throws Exception {
    IrcTestClient ann = irc("ann", "#den");
    ann.send("MODE #den +i");
    expectLine(ann, ":" + mask("ann") + " MODE #den +i");
    IrcTestClient bob = irc("bob");
    bob.send("JOIN #den");
    assertReply(bob.expectNext(), "473", "bob", "#den");
    ann.send("INVITE bob #den");
    List<IrcMessage> inviting = sync(ann);
    assertEquals(List.of("341"), commands(inviting), () -> renders(inviting).toString());
    assertExactReply(inviting.get(0), "341", "ann", "bob", "#den");
    expectLine(bob, ":" + mask("ann") + " INVITE bob #den");
    bob.send("JOIN #den");
    expectLine(bob, ":" + mask("bob") + " JOIN #den");
    expectLine(ann, ":" + mask("bob") + " JOIN #den");
    ann.send("INVITE bob #den");
    assertEquals(List.of("443"), commands(sync(ann)));
    ann.send("INVITE nobody #den");
    assertEquals(List.of("401"), commands(sync(ann)));
    sync(bob);
    bob.send("INVITE ann #nowhere");
    assertEquals(List.of("403"), commands(sync(bob)));
  }

  @Test
  void aChannelWithoutNAcceptsMessagesFromOutside() throws Exception {
    IrcTestClient ann = irc("ann", "#den");
    IrcTestClient zed = irc("zed");
    zed.send("PRIVMSG #den :knock knock");
    assertEquals(List.of("404"), commands(sync(zed)));
    ann.send("MODE #den -n");
    expectLine(ann, ":" + mask("ann") + " MODE #den -n");
    zed.send("PRIVMSG #den :knock knock");
    expectLine(ann, ":" + mask("zed") + " PRIVMSG #den :knock knock");
    assertEquals(List.of(), renders(sync(zed)));
  }

  @Test
  void secretChannelsAreHiddenFromOthersAndMarkedInNames() throws Exception {
    IrcTestClient ann = irc("ann", "#den");
    ann.send("MODE #den +s");
    expectLine(ann, ":" + mask("ann") + " MODE #den +s");
    ann.send("NAMES #den");
    assertEquals(List.of("ann", "@", "#den", "@ann"), ann.expect("353").params());
    IrcTestClient zed = irc("zed");
    zed.send("LIST");
    List<IrcMessage> list = sync(zed);
    assertTrue(list.stream().noneMatch(m -> m.params().contains("#den")), () -> renders(list).toString());
    zed.send("NAMES #den");
    assertEquals(List.of("366"), commands(sync(zed)));
  }

  @Test
  void aNativeUsersPostsAreRefusedUnderABanLikeAnyonesAndItsOperatorRoleShows() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient dave = irc("dave", "#lobby");
    dave.send("WHO #lobby");
    List<IrcMessage> who = sync(dave);
    assertEquals("H@", who.get(0).params().get(6), who.get(0)::render);
    carol.send("hello");
    expectLine(dave, ":" + mask("carol") + " PRIVMSG #lobby :hello");
  }

  @Test
  void isupportAdvertisesWhatChannelsHave() throws Exception {
    List<IrcMessage> welcome = register(ircConnect(), "dave");
    List<String> tokens = welcome.stream().filter(m -> m.command().equals("005"))
        .flatMap(m -> m.params().subList(1, m.params().size() - 1).stream()).toList();
    for (String token : List.of("PREFIX=(ov)@+", "CHANMODES=beI,k,l,imnst", "MODES=20",
        "MAXLIST=beI:100", "KEYLEN=32", "CHATHISTORY=100", "MSGREFTYPES=msgid,timestamp")) {
      assertTrue(tokens.contains(token), () -> token + " in " + tokens);
    }
  }
}
