package lochat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import lochat.protocol.irc.IrcMessage;
import lochat.testing.IrcTestClient;
import lochat.testing.TestClient;
import org.junit.jupiter.api.Test;

/**
 * A message an IRC client sent at full length no longer fits once the server adds the sender's
 * prefix: other IRC users receive it cut, in one line, as from other IRC servers, while native
 * users receive all of it. A long native post still reaches IRC users split.
 */
class IrcRelayLengthTest extends IrcEndToEndBase {

  private static final String COMMAND = "PRIVMSG #lobby :";
  private static final String A = "\u0001";

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The PRIVMSGs in {@code messages}. */
  private static List<IrcMessage> privmsgs(List<IrcMessage> messages) {
    return messages.stream().filter(m -> m.command().equals("PRIVMSG")).toList();
  }

  @Test
  void fullLengthIrcMessageReachesIrcUsersCutInOneLineAndNativeUsersWhole() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient erin = irc("erin", "#lobby");
    IrcTestClient dave = irc("dave", "#lobby");
    String text = "é".repeat((510 - COMMAND.length()) / 2);

    dave.send(COMMAND + text);

    IrcMessage relayed = erin.expect(from("dave", "PRIVMSG"), "dave's message");
    String shown = last(relayed);
    assertEquals(510, utf8(untagged(relayed)), "cut to exactly the limit");
    assertEquals("é".repeat((510 - (":" + mask("dave") + " " + COMMAND).length()) / 2), shown);
    assertEquals(List.of(), privmsgs(sync(erin)), "no second piece");
    carol.expect("MSG lobby dave " + text);
  }

  @Test
  void fullLengthIrcActionReachesIrcUsersAsOneWholeAction() throws Exception {
    IrcTestClient erin = irc("erin", "#lobby");
    IrcTestClient dave = irc("dave", "#lobby");
    String action = "w".repeat(510 - (COMMAND + A + "ACTION " + A).length());

    dave.send(COMMAND + A + "ACTION " + action + A);

    IrcMessage relayed = erin.expect(from("dave", "PRIVMSG"), "dave's action");
    assertTrue(last(relayed).startsWith(A + "ACTION www") && last(relayed).endsWith(A),
        relayed::render);
    assertEquals(510, utf8(untagged(relayed)));
    assertEquals(List.of(), privmsgs(sync(erin)), "no second piece");
  }

  @Test
  void fullLengthIrcMessageInTheHistoryIsOneNotice() throws Exception {
    IrcTestClient dave = irc("dave", "#lobby");
    String text = "h".repeat(510 - COMMAND.length());
    dave.send(COMMAND + text);
    sync(dave);

    IrcTestClient erin = irc("erin", "#lobby");
    List<IrcMessage> notices = sync(erin).stream()
        .filter(m -> m.command().equals("NOTICE") && last(m).contains("<dave> hhh"))
        .toList();

    assertEquals(1, notices.size(), () -> renders(notices).toString());
    assertEquals(510, utf8(untagged(notices.get(0))));
  }

  @Test
  void longNativePostStillReachesIrcUsersSplitWithNothingLost() throws Exception {
    TestClient carol = nativeUser("carol");
    IrcTestClient erin = irc("erin", "#lobby");
    String text = "n".repeat(900);

    carol.send(text);
    carol.expect("MSG lobby carol " + text);

    IrcMessage first = erin.expect(from("carol", "PRIVMSG"), "carol's post");
    List<IrcMessage> rest = privmsgs(sync(erin));
    assertEquals(1, rest.size(), () -> renders(rest).toString());
    assertEquals(text, last(first) + last(rest.get(0)));
  }
}
