package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.MessageKind;
import lochat.protocol.irc.IrcCommand.Answer;
import lochat.protocol.irc.IrcCommandParser.Syntax;
import lochat.protocol.irc.IrcCommandParser.Usable;
import org.junit.jupiter.api.Test;

class IrcCommandParserTest {

  private static IrcCommand registered(String line) {
    return IrcCommandParser.parse(line, true);
  }

  private static IrcCommand unregistered(String line) {
    return IrcCommandParser.parse(line, false);
  }

  private static void assertAnswer(IrcCommand command, String numeric, String... params) {
    Answer answer = assertInstanceOf(Answer.class, command);
    assertEquals(numeric, answer.numeric());
    assertEquals(List.of(params), answer.params());
  }

  // --- the table: validation in one place ---------------------------------------------------

  @Test
  void everyCommandWithRequiredParametersAnswersNeedMoreParamsWithoutThem() {
    for (Syntax syntax : IrcCommandParser.table().values()) {
      if (syntax.minParams() > 0) {
        boolean registered = syntax.usable() != Usable.BEFORE_REGISTRATION;
        assertAnswer(IrcCommandParser.parse(syntax.name(), registered),
            Numerics.ERR_NEEDMOREPARAMS, syntax.name(), "Not enough parameters");
      }
    }
  }

  @Test
  void everyCommandForRegisteredUsersIsRefusedBeforeRegistration() {
    int checked = 0;
    for (Syntax syntax : IrcCommandParser.table().values()) {
      if (syntax.usable() == Usable.AFTER_REGISTRATION) {
        assertAnswer(unregistered(syntax.name() + " a b c d"),
            Numerics.ERR_NOTREGISTERED, "You have not registered");
        checked++;
      }
    }
    assertTrue(checked > 25, "commands checked: " + checked);
  }

  @Test
  void passAndUserAfterRegistrationMayNotReregister() {
    assertAnswer(registered("PASS secret"), Numerics.ERR_ALREADYREGISTRED, "You may not reregister");
    assertAnswer(registered("USER a 0 * :A"), Numerics.ERR_ALREADYREGISTRED,
        "You may not reregister");
    assertAnswer(registered("PASS"), Numerics.ERR_ALREADYREGISTRED, "You may not reregister");
  }

  @Test
  void commandsUsableAlwaysWorkOnBothSidesOfRegistration() {
    for (String line : List.of("CAP LS 302", "PING x", "PONG x", "QUIT", "NICK ann")) {
      assertTrue(!(unregistered(line) instanceof Answer), line);
      assertTrue(!(registered(line) instanceof Answer), line);
    }
  }

  @Test
  void unknownCommandsAndLinesThatAreNotMessagesAreUnknownCommand() {
    assertAnswer(registered("FROB x"), Numerics.ERR_UNKNOWNCOMMAND, "FROB", "Unknown command");
    assertAnswer(unregistered("frob"), Numerics.ERR_UNKNOWNCOMMAND, "FROB", "Unknown command");
    assertAnswer(registered("PRIV-MSG x"), Numerics.ERR_UNKNOWNCOMMAND, "PRIV-MSG",
        "Unknown command");
    assertInstanceOf(IrcCommand.Ignored.class, registered("   "));
  }

  @Test
  void tooLongLinesAreAnsweredInputTooLong() {
    assertAnswer(registered("PRIVMSG #a :" + "x".repeat(600)),
        Numerics.ERR_INPUTTOOLONG, "Input line was too long");
    assertAnswer(IrcCommandParser.tooLong(), Numerics.ERR_INPUTTOOLONG, "Input line was too long");
  }

  // --- each command's own rules -------------------------------------------------------------

  @Test
  void nickNeedsAValidNickname() {
    assertEquals(new IrcCommand.Nick("ann"), unregistered("NICK ann"));
    assertAnswer(unregistered("NICK"), Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
    assertAnswer(unregistered("NICK :"), Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
    Answer bad = assertInstanceOf(Answer.class, unregistered("NICK 9lives"));
    assertEquals(Numerics.ERR_ERRONEUSNICKNAME, bad.numeric());
    assertEquals("9lives", bad.params().get(0));
  }

  @Test
  void userNeedsAUserNameAndARealName() {
    assertEquals(new IrcCommand.User("ann", "Ann Example"),
        unregistered("USER ann 0 * :Ann Example"));
    assertAnswer(unregistered("USER ann 0 * :"), Numerics.ERR_NEEDMOREPARAMS, "USER",
        "Not enough parameters");
  }

  @Test
  void capTakesItsFourSubcommandsInAnyCase() {
    assertEquals(new IrcCommand.Cap("LS", List.of("302")), unregistered("cap ls 302"));
    assertEquals(new IrcCommand.Cap("REQ", List.of("echo-message batch")),
        unregistered("CAP REQ :echo-message batch"));
    assertAnswer(unregistered("CAP FROB"), Numerics.ERR_INVALIDCAPCMD, "FROB",
        "Invalid CAP command");
  }

  @Test
  void pingNeedsAnOrigin() {
    assertEquals(new IrcCommand.Ping("abc"), registered("PING abc"));
    assertAnswer(registered("PING"), Numerics.ERR_NOORIGIN, "No origin specified");
  }

  @Test
  void quitReasonIsCleanedAndABlankOneIsNone() {
    assertEquals(new IrcCommand.Quit(Optional.of("bye now")), registered("QUIT :bye now "));
    assertEquals(new IrcCommand.Quit(Optional.empty()), registered("QUIT :  "));
    assertEquals(new IrcCommand.Quit(Optional.empty()), unregistered("QUIT"));
  }

  @Test
  void privmsgNeedsARecipientAndTextButANoticeIsNeverAnswered() {
    assertAnswer(registered("PRIVMSG"), Numerics.ERR_NORECIPIENT, "No recipient given (PRIVMSG)");
    assertAnswer(registered("PRIVMSG ,,"), Numerics.ERR_NORECIPIENT,
        "No recipient given (PRIVMSG)");
    assertAnswer(registered("PRIVMSG #a"), Numerics.ERR_NOTEXTTOSEND, "No text to send");
    assertAnswer(registered("PRIVMSG #a :\u0002\u0002"), Numerics.ERR_NOTEXTTOSEND,
        "No text to send");
    assertInstanceOf(IrcCommand.Ignored.class, registered("NOTICE"));
    assertInstanceOf(IrcCommand.Ignored.class, registered("NOTICE #a"));
  }

  @Test
  void messagesKnowTheirKind() {
    assertEquals(new IrcCommand.Message("#a,bob", MessageKind.TEXT, "hi", Map.of(), false),
        registered("PRIVMSG #a,bob :\u0002hi\u0002"));
    assertEquals(new IrcCommand.Message("#a", MessageKind.ACTION, "waves", Map.of(), false),
        registered("PRIVMSG #a :\u0001ACTION waves\u0001"));
    assertEquals(new IrcCommand.Message("bob", MessageKind.CTCP, "VERSION", Map.of(), false),
        registered("PRIVMSG bob :\u0001VERSION\u0001"));
    assertEquals(new IrcCommand.Message("bob", MessageKind.CTCP_REPLY, "VERSION x", Map.of(),
        true), registered("NOTICE bob :\u0001VERSION x\u0001"));
    assertEquals(new IrcCommand.Message("#a", MessageKind.TAGS_ONLY, "", Map.of("+typing",
        "active"), false), registered("@+typing=active;msgid=x TAGMSG #a"));
  }

  @Test
  void joinZeroLeavesEveryChannelAndAnEmptyListNeedsMoreParams() {
    assertEquals(new IrcCommand.Join("#a,#b", "key"), registered("JOIN #a,#b key"));
    assertEquals(new IrcCommand.PartAll(), registered("JOIN 0"));
    assertAnswer(registered("JOIN ,"), Numerics.ERR_NEEDMOREPARAMS, "JOIN",
        "Not enough parameters");
  }

  @Test
  void partGivesTheCoresReason() {
    assertEquals(new IrcCommand.Part("#a", "part"), registered("PART #a"));
    assertEquals(new IrcCommand.Part("#a", "part: see you"), registered("PART #a :see you"));
  }

  @Test
  void topicShowsOrSets() {
    assertEquals(new IrcCommand.Topic("#a", Optional.empty()), registered("TOPIC #a"));
    assertEquals(new IrcCommand.Topic("#a", Optional.of("")), registered("TOPIC #a :"));
    assertEquals(new IrcCommand.Topic("#a", Optional.of("news")), registered("TOPIC #a :news "));
  }

  @Test
  void whoisTakesTheLastParameterAndWhowasItsCount() {
    assertEquals(new IrcCommand.Whois("bob,carol"), registered("WHOIS server bob,carol"));
    assertAnswer(registered("WHOIS"), Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
    assertEquals(new IrcCommand.Whowas("bob", 0), registered("WHOWAS bob"));
    assertEquals(new IrcCommand.Whowas("bob", 3), registered("WHOWAS bob 3"));
    assertEquals(new IrcCommand.Whowas("bob", 0), registered("WHOWAS bob -1"));
    assertEquals(new IrcCommand.Whowas("bob", 0), registered("WHOWAS \u0002bob\u001b"));
    assertAnswer(registered("WHOWAS"), Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
  }

  @Test
  void userhostTakesAtMostFiveNicknamesAndIsonSplitsSpaces() {
    assertEquals(new IrcCommand.Userhost(List.of("a", "b", "c", "d", "e")),
        registered("USERHOST a b c d e f"));
    assertEquals(new IrcCommand.Ison(List.of("a", "b", "c")), registered("ISON a :b  c"));
  }

  @Test
  void serverQueriesMayNameAServer() {
    assertEquals(new IrcCommand.ServerQuery(IrcCommand.Query.MOTD, Optional.empty()),
        registered("MOTD"));
    assertEquals(new IrcCommand.ServerQuery(IrcCommand.Query.TIME, Optional.of("elsewhere")),
        registered("TIME elsewhere"));
    assertAnswer(registered("STATS u"), Numerics.RPL_ENDOFSTATS, "u", "End of STATS report");
  }

  @Test
  void operatorCommandsParse() {
    assertEquals(new IrcCommand.Oper("ann", "s3 cret"), registered("OPER ann :s3 cret"));
    assertAnswer(registered("OPER ann"), Numerics.ERR_NEEDMOREPARAMS, "OPER",
        "Not enough parameters");
    assertEquals(new IrcCommand.Kill("bob", "spam"), registered("KILL bob :spam"));
    assertEquals(new IrcCommand.Kill("bob", "No reason given"), registered("KILL bob :"));
    assertEquals(new IrcCommand.Wallops("hello all"), registered("WALLOPS :hello all"));
    assertAnswer(registered("WALLOPS :"), Numerics.ERR_NEEDMOREPARAMS, "WALLOPS",
        "Not enough parameters");
    assertEquals(new IrcCommand.Zline("1.2.3.*", Optional.of("0"), "spam"),
        registered("ZLINE 1.2.3.* 0 :spam"));
    assertEquals(new IrcCommand.Zline("1.2.3.*", Optional.empty(), ""),
        registered("ZLINE 1.2.3.*"));
    assertAnswer(registered("ZLINE 1.2.3.* 0"), Numerics.ERR_NEEDMOREPARAMS, "ZLINE",
        "Not enough parameters");
  }
}
