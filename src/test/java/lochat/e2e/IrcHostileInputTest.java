package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lochat.protocol.WildcardMask;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile IRC input that once froze the server or reached other users' terminals, and lists
 * that once got no answer (issue 9, findings 1, 2 and 7).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IrcHostileInputTest extends IrcEndToEndBase {

  private static final String HOSTILE_WHO = "WHO *a*a*a*a*a*a*a*a*a*a*a*a*b";

  // --- WHO masks ----------------------------------------------------------------------------

  /** The regex matcher took minutes for this and pinned a core; the answer must be prompt. */
  @Test
  void whoWithManyStarsAgainstALongRealNameIsAnsweredAtOnce() throws Exception {
    IrcTestClient victim = ircConnect();
    victim.send("NICK longname");
    victim.send("USER longname 0 * :" + "a".repeat(400));
    welcome(victim);
    IrcTestClient asker = irc("asker");
    IrcTestClient alice = irc("alice");
    IrcTestClient bob = irc("bob");

    long start = System.nanoTime();
    asker.send(HOSTILE_WHO);
    IrcMessage end = asker.expect("315");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertReply(end, "315", "asker", "*a*a*a*a*a*a*a*a*a*a*a*a*b");
    assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, () -> "315 took " + took);
    assertEquals(0, asker.seen().stream().filter(line -> line.contains(" 352 ")).count(),
        () -> "nobody's name ends in b: " + asker.seen());

    alice.send("PRIVMSG bob :still delivering");
    expectLine(bob, ":" + mask("alice") + " PRIVMSG bob :still delivering");
  }

  @Test
  void whoMatchesNicknameUserNameHostAndRealNameRegardlessOfCase() throws Exception {
    IrcTestClient cool = ircConnect();
    cool.send("NICK coolNick");
    cool.send("USER myuser 0 * :Cool Person");
    welcome(cool);
    IrcTestClient asker = irc("asker");
    for (String mask : List.of("cool*", "MYUS?R", "*person", "*a*a*a*a*a*a*a*a*a*a*a*a*")) {
      asker.send("WHO " + mask);
      List<String> nicks = sync(asker).stream()
          .filter(m -> m.command().equals("352")).map(m -> m.params().get(5)).toList();
      boolean expected = !mask.startsWith("*a");
      assertEquals(expected, nicks.contains("coolNick"), () -> "WHO " + mask + ": " + nicks);
    }
    asker.send("WHO " + SERVER.toUpperCase());
    List<String> everyone = sync(asker).stream()
        .filter(m -> m.command().equals("352")).map(m -> m.params().get(5)).toList();
    assertEquals(List.of("asker", "coolNick"), everyone.stream().sorted().toList(),
        "every user's host is the server name");
  }

  @Test
  void whoWithAMaskOverTheLimitIsRefusedClearly() throws Exception {
    IrcTestClient asker = irc("asker");
    String mask = "a*".repeat(WildcardMask.MAX_LENGTH / 2) + "b";
    asker.send("WHO " + mask);
    List<IrcMessage> replies = sync(asker);
    assertEquals(List.of("416", "315"), commands(replies), () -> renders(replies).toString());
    assertExactReply(replies.get(0), "416", "asker", "WHO",
        "Mask longer than " + WildcardMask.MAX_LENGTH + " characters");
  }

  // --- control characters -------------------------------------------------------------------

  @Test
  void clientTagsReachOthersWithoutControlCharacters() throws Exception {
    IrcTestClient alice = ircWithCaps("alice", "message-tags");
    IrcTestClient bob = ircWithCaps("bob", "message-tags");
    join(alice, "#t");
    join(bob, "#t");
    alice.expect(from("bob", "JOIN"), "bob joining");

    alice.send("@+x=\u001b[2J\u009b31m\u202e\u007f;+typing=active PRIVMSG #t :hi");
    IrcMessage message = bob.expect(from("alice", "PRIVMSG"), "alice's PRIVMSG");
    assertEquals("hi", last(message));
    assertEquals(Map.of("+typing", "active"), clientTags(message),
        "the tag with controls is dropped, the clean one kept");

    // OSC 52 (set the clipboard), with its ';' escaped as the wire needs.
    alice.send("@+x=\u001b]52\\:c\\:aGVsbG8=\u0007;+typing=paused TAGMSG #t");
    IrcMessage tagmsg = bob.expect(from("alice", "TAGMSG"), "alice's TAGMSG");
    assertEquals(Map.of("+typing", "paused"), clientTags(tagmsg));

    for (String line : bob.seen()) {
      assertTrue(line.chars().noneMatch(IrcHostileInputTest::isControl),
          () -> "a control character reached bob: " + escaped(line));
    }
  }

  @Test
  void userNamesLoseWholeEscapeSequences() throws Exception {
    IrcTestClient alice = irc("alice", "#t");
    IrcTestClient mallory = ircConnect();
    mallory.send("NICK mallory");
    mallory.send("USER \u001b[2Jbob 0 * :\u001b]0;title\u0007Mallory");
    welcome(mallory);
    join(mallory, "#t");
    expectLine(alice, ":" + mask("mallory", "bob") + " JOIN #t");
    alice.send("WHOIS mallory");
    IrcMessage whois = alice.expect("311");
    assertExactReply(whois, "311", "alice", "mallory", "bob", SERVER, "*", "Mallory");
  }

  @Test
  void topicAwayPartAndQuitReasonsReachOthersClean() throws Exception {
    IrcTestClient alice = irc("alice", "#t");
    IrcTestClient bob = irc("bob", "#t", "#u");
    alice.send("JOIN #u");
    expectLine(bob, ":" + mask("alice") + " JOIN #u");
    alice.send("TOPIC #t :\u001b[31mred\u0003 topic\u202e");
    expectLine(bob, ":" + mask("alice") + " TOPIC #t :red topic");
    alice.send("AWAY :\u009b2Jgone\u0007");
    alice.expect("306");
    bob.send("PRIVMSG alice :there?");
    expectLine(bob, ":" + SERVER + " 301 bob alice :gone");
    alice.send("PRIVMSG bob :\u0001VERSION\u001b[2J\u0001");
    expectLine(bob, ":" + mask("alice") + " PRIVMSG bob :\u0001VERSION\u0001");
    alice.send("PART #u :\u001b]52;c;aGVsbG8=\u0007bye");
    expectLine(bob, ":" + mask("alice") + " PART #u :bye");
    alice.send("QUIT :\u001bcreset\u007f");
    expectLine(bob, ":" + mask("alice") + " QUIT :Quit: reset");
    for (String line : bob.seen()) {
      assertTrue(line.chars().noneMatch(c -> isControl(c) && c != 1),
          () -> "a control character reached bob: " + escaped(line));
    }
  }

  // --- lists that name nothing --------------------------------------------------------------

  @Test
  void everyCommandWithAnEmptyListGetsAnAnswer() throws Exception {
    IrcTestClient dave = irc("dave");
    Map<String, List<String>> expected = Map.of(
        "NAMES ,,,,", List.of("366"),
        "JOIN ,,,", List.of("461"),
        "PART ,,", List.of("461"),
        "PRIVMSG ,,, :hi", List.of("411"),
        "TAGMSG ,", List.of("411"),
        "WHOIS ,,", List.of("431"),
        "WHOIS lochat ,", List.of("431"),
        "LIST ,,,", List.of("321", "323"));
    for (Map.Entry<String, List<String>> command : expected.entrySet()) {
      dave.send(command.getKey());
      List<IrcMessage> replies = sync(dave);
      assertEquals(command.getValue(), commands(replies),
          () -> command.getKey() + " -> " + renders(replies));
    }
    dave.send("NAMES ,,,,");
    assertExactReply(sync(dave).get(0), "366", "dave", "*", "End of /NAMES list.");
    dave.send("PART ,,");
    assertExactReply(sync(dave).get(0), "461", "dave", "PART", "Not enough parameters");
    dave.send("PRIVMSG ,,, :hi");
    assertExactReply(sync(dave).get(0), "411", "dave", "No recipient given (PRIVMSG)");
    dave.send("NOTICE ,,, :hi");
    assertEquals(List.of(), renders(sync(dave)), "NOTICE is never answered with an error");
  }

  // --- helpers ------------------------------------------------------------------------------

  private static Map<String, String> clientTags(IrcMessage message) {
    Map<String, String> tags = new LinkedHashMap<>(message.tags());
    tags.keySet().removeIf(key -> !key.startsWith("+"));
    return tags;
  }

  /** C0 (TAB included), DEL, C1, and the bidi overrides, isolates and separators. */
  private static boolean isControl(int c) {
    return c < 0x20 || c >= 0x7F && c <= 0x9F || c >= 0x2028 && c <= 0x202E
        || c >= 0x2066 && c <= 0x2069;
  }

  private static String escaped(String line) {
    StringBuilder out = new StringBuilder();
    line.chars().forEach(c -> out.append(isControl(c)
        ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return out.toString();
  }
}
