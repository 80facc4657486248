package lochat.protocol.line;

import static lochat.protocol.line.LineCommandParser.parse;
import static lochat.protocol.line.LineCommandParser.parsePassword;
import static lochat.protocol.line.LineCommandParser.parseRegistration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import lochat.protocol.line.LineCommand.Blank;
import lochat.protocol.line.LineCommand.Help;
import lochat.protocol.line.LineCommand.Invalid;
import lochat.protocol.line.LineCommand.Join;
import lochat.protocol.line.LineCommand.Me;
import lochat.protocol.line.LineCommand.Msg;
import lochat.protocol.line.LineCommand.Nick;
import lochat.protocol.line.LineCommand.Part;
import lochat.protocol.line.LineCommand.Pass;
import lochat.protocol.line.LineCommand.Quit;
import lochat.protocol.line.LineCommand.Rooms;
import lochat.protocol.line.LineCommand.Say;
import lochat.protocol.line.LineCommand.Who;
import org.junit.jupiter.api.Test;

class LineCommandParserTest {

  private static final String NAME_32 = "a".repeat(32);
  private static final String NAME_33 = "a".repeat(33);

  /** Asserts that {@code line} is rejected with {@code code} and returns the message. */
  private static String assertInvalid(ErrorCode code, String line) {
    Invalid invalid = assertInstanceOf(Invalid.class, parse(line), line);
    assertEquals(code, invalid.code(), line);
    return invalid.message();
  }

  // Posts and blank lines

  @Test
  void plainLineIsPostedAsItIs() {
    assertEquals(new Say("hello  world "), parse("hello  world "));
  }

  @Test
  void doubleSlashPostsALineStartingWithOneSlash() {
    assertEquals(new Say("/text"), parse("//text"));
    assertEquals(new Say("/nick is a command"), parse("//nick is a command"));
  }

  @Test
  void blankLinesDoNothing() {
    assertEquals(new Blank(), parse(""));
    assertEquals(new Blank(), parse("   "));
    assertEquals(new Blank(), parse("\t"));
  }

  // Commands and aliases

  @Test
  void nick() {
    assertEquals(new Nick("alice"), parse("/nick alice"));
    assertEquals(new Nick("Alice_2-0-x"), parse("/nick   Alice_2-0-x  "));
  }

  @Test
  void join() {
    assertEquals(new Join("games"), parse("/join games"));
  }

  @Test
  void joinAcceptsAHashBeforeTheRoomName() {
    assertEquals(new Join("games"), parse("/join #games"));
  }

  @Test
  void partAndItsAliasLeave() {
    assertEquals(new Part(Optional.empty()), parse("/part"));
    assertEquals(new Part(Optional.of("games")), parse("/part games"));
    assertEquals(new Part(Optional.of("games")), parse("/part #games"));
    assertEquals(new Part(Optional.empty()), parse("/leave"));
    assertEquals(new Part(Optional.of("games")), parse("/leave #games"));
  }

  @Test
  void roomsOnOneLineAndListWithTopics() {
    assertEquals(new Rooms(), parse("/rooms"));
    assertEquals(new LineCommand.ListRooms(), parse("/list"));
    assertEquals(ErrorCode.BAD_ARGUMENT, ((Invalid) parse("/list games")).code());
  }

  @Test
  void awaySetsAMessageAndAloneComesBack() {
    assertEquals(new LineCommand.Away(Optional.of("gone to lunch")), parse("/away gone to lunch"));
    assertEquals(new LineCommand.Away(Optional.empty()), parse("/away"));
  }

  @Test
  void whoisNeedsOneValidNickname() {
    assertEquals(new LineCommand.Whois("bob"), parse("/whois bob"));
    assertEquals(ErrorCode.BAD_ARGUMENT, ((Invalid) parse("/whois")).code());
    assertEquals(ErrorCode.BAD_ARGUMENT, ((Invalid) parse("/whois bob carol")).code());
    assertEquals(ErrorCode.NICK_INVALID, ((Invalid) parse("/whois b@d")).code());
  }

  @Test
  void whoAndItsAliasNames() {
    assertEquals(new Who(Optional.empty()), parse("/who"));
    assertEquals(new Who(Optional.of("games")), parse("/who #games"));
    assertEquals(new Who(Optional.empty()), parse("/names"));
    assertEquals(new Who(Optional.of("games")), parse("/names games"));
  }

  @Test
  void msgAndItsAliasQueryKeepTheWholeText() {
    assertEquals(new Msg("bob", "hi there, bob", false), parse("/msg bob hi there, bob"));
    assertEquals(new Msg("bob", "hi", false), parse("/query bob   hi"));
    assertEquals(new Msg("bob", "waves", true), parse("/msg bob /me waves"));
    assertEquals(new Msg("bob", "hi", false), parse("/msg bob\thi"));
  }

  @Test
  void me() {
    assertEquals(new Me("waves at everyone"), parse("/me waves at everyone"));
  }

  @Test
  void help() {
    assertEquals(new Help(), parse("/help"));
  }

  @Test
  void quitAndItsAliasExitWithAndWithoutReason() {
    assertEquals(new Quit(Optional.empty()), parse("/quit"));
    assertEquals(new Quit(Optional.of("off to bed")), parse("/quit off to bed"));
    assertEquals(new Quit(Optional.empty()), parse("/exit"));
    assertEquals(new Quit(Optional.of("bye")), parse("/exit bye"));
  }

  @Test
  void commandNamesAreCaseInsensitiveButArgumentsKeepTheirCase() {
    assertEquals(new Nick("Alice"), parse("/NICK Alice"));
    assertEquals(new Join("Games"), parse("/Join #Games"));
    assertEquals(new Msg("Bob", "Hi", false), parse("/MsG Bob Hi"));
    assertEquals(new Quit(Optional.empty()), parse("/QUIT"));
  }

  @Test
  void unknownCommandIsRejectedWithAPointerToHelp() {
    String message = assertInvalid(ErrorCode.UNKNOWN_COMMAND, "/dance wildly");
    assertTrue(message.contains("/dance"), message);
    assertTrue(message.contains("/help"), message);
  }

  // Bad arguments

  @Test
  void commandsThatNeedArgumentsRejectMissingOnes() {
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/nick");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/nick   ");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/join");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/msg");
  }

  @Test
  void msgWithoutTextIsRejected() {
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/msg bob");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/msg bob    ");
  }

  @Test
  void meWithoutActionIsRejected() {
    String message = assertInvalid(ErrorCode.BAD_ARGUMENT, "/me");
    assertTrue(message.contains("/me waves"), message);
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/me   ");
  }

  @Test
  void roomsTakesNoArguments() {
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/rooms games");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/list games");
  }

  @Test
  void nickWithSpacesIsRejected() {
    String message = assertInvalid(ErrorCode.NICK_INVALID, "/nick alice smith");
    assertTrue(message.contains("spaces"), message);
  }

  @Test
  void nickWithInvalidCharactersIsRejected() {
    assertInvalid(ErrorCode.NICK_INVALID, "/nick al!ce");
    assertInvalid(ErrorCode.NICK_INVALID, "/nick #alice");
    assertInvalid(ErrorCode.NICK_INVALID, "/nick jürgen");
    assertInvalid(ErrorCode.NICK_INVALID, "/msg b@b hello");
  }

  @Test
  void nickLongerThan32CharactersIsRejected() {
    assertEquals(new Nick(NAME_32), parse("/nick " + NAME_32));
    assertInvalid(ErrorCode.NICK_INVALID, "/nick " + NAME_33);
    assertInvalid(ErrorCode.NICK_INVALID, "/msg " + NAME_33 + " hello");
  }

  @Test
  void roomWithSpacesIsRejected() {
    String message = assertInvalid(ErrorCode.ROOM_INVALID, "/part board games");
    assertTrue(message.contains("spaces"), message);
    assertInvalid(ErrorCode.ROOM_INVALID, "/who board games");
  }

  @Test
  void roomWithInvalidCharactersIsRejected() {
    assertInvalid(ErrorCode.ROOM_INVALID, "/join gam$s");
    assertInvalid(ErrorCode.ROOM_INVALID, "/join ##games");
    assertInvalid(ErrorCode.ROOM_INVALID, "/join #");
    assertInvalid(ErrorCode.ROOM_INVALID, "/part g!");
    assertInvalid(ErrorCode.ROOM_INVALID, "/who g!");
  }

  @Test
  void roomLongerThan32CharactersIsRejected() {
    assertEquals(new Join(NAME_32), parse("/join #" + NAME_32));
    assertInvalid(ErrorCode.ROOM_INVALID, "/join " + NAME_33);
  }

  // Registration

  @Test
  void registrationAcceptsABareNick() {
    assertEquals(new Nick("alice"), parseRegistration("alice"));
    assertEquals(new Nick("alice"), parseRegistration("  alice "));
  }

  @Test
  void registrationAcceptsNickCommand() {
    assertEquals(new Nick("alice"), parseRegistration("/nick alice"));
  }

  @Test
  void registrationRejectsABareNickWithSpacesOrBadCharacters() {
    assertEquals(ErrorCode.NICK_INVALID,
        assertInstanceOf(Invalid.class, parseRegistration("alice smith")).code());
    assertEquals(ErrorCode.NICK_INVALID,
        assertInstanceOf(Invalid.class, parseRegistration("al!ce")).code());
  }

  @Test
  void registrationOfABlankLineIsBlank() {
    assertEquals(new Blank(), parseRegistration(" "));
  }

  @Test
  void topicShowsSetsAndClears() {
    assertEquals(new LineCommand.ShowTopic(), parse("/topic"));
    assertEquals(new LineCommand.SetTopic("release on Friday"), parse("/topic release on Friday"));
    assertEquals(new LineCommand.SetTopic(""), parse("/TOPIC -"));
  }

  // Password

  @Test
  void passGivesThePassword() {
    assertEquals(new Pass("secret"), parse("/pass secret"));
    assertEquals(new Pass("s3cret"), parse("/PASS   s3cret  "));
    assertEquals(new Pass("two words"), parse("/pass two words"));
  }

  @Test
  void passWithoutAPasswordIsRejected() {
    String message = assertInvalid(ErrorCode.BAD_ARGUMENT, "/pass");
    assertTrue(message.contains("/pass secret"), message);
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/pass   ");
  }

  @Test
  void whenAskedForThePasswordABareLineIsThePassword() {
    assertEquals(new Pass("secret"), parsePassword("secret"));
    assertEquals(new Pass("secret"), parsePassword("  secret "));
    assertEquals(new Pass("not a nick!"), parsePassword("not a nick!"));
  }

  @Test
  void whenAskedForThePasswordCommandsAreStillCommands() {
    assertEquals(new Pass("secret"), parsePassword("/pass secret"));
    assertEquals(new Nick("alice"), parsePassword("/nick alice"));
    assertEquals(new Quit(Optional.empty()), parsePassword("/quit"));
    assertEquals(new Help(), parsePassword("/help"));
    assertEquals(new Blank(), parsePassword("  "));
    assertEquals(ErrorCode.BAD_ARGUMENT,
        assertInstanceOf(Invalid.class, parsePassword("/pass")).code());
  }

  @Test
  void passIsABareNickWhenNoPasswordIsAsked() {
    assertEquals(new Nick("secret"), parseRegistration("secret"));
    assertEquals(new Pass("secret"), parseRegistration("/pass secret"));
  }

  // IRC nickname characters

  @Test
  void nicksMayUseIrcCharacters() {
    assertEquals(new Nick("[alice]"), parse("/nick [alice]"));
    assertEquals(new Nick("a|b^c{d}`e\\f"), parse("/nick a|b^c{d}`e\\f"));
    assertEquals(new Nick("{bob}"), parseRegistration("{bob}"));
    assertEquals(new Msg("[bob]", "hi", false), parse("/msg [bob] hi"));
  }

  @Test
  void roomsMayNotUseIrcNickCharacters() {
    assertInvalid(ErrorCode.ROOM_INVALID, "/join [games]");
    assertInvalid(ErrorCode.ROOM_INVALID, "/join #a|b");
    assertInvalid(ErrorCode.ROOM_INVALID, "/part {x}");
    assertInvalid(ErrorCode.ROOM_INVALID, "/who a^b");
  }

  // Server operators

  @Test
  void operatorCommandsParse() {
    assertEquals(new LineCommand.Oper("ann", "s3cret"), parse("/oper ann s3cret"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/oper ann");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/oper ann two words");
    assertEquals(new LineCommand.Kill("bob", "spamming the room"),
        parse("/kill bob spamming the room"));
    assertEquals(new LineCommand.Kill("bob", "No reason given"), parse("/kill bob"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/kill");
    assertInvalid(ErrorCode.NICK_INVALID, "/kill #bob why");
    assertEquals(new LineCommand.Wallops("back at noon"), parse("/wallops back at noon"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/wallops");
    assertEquals(new LineCommand.ServerBan("10.0.0.*", "spam"), parse("/serverban 10.0.0.* spam"));
    assertEquals(new LineCommand.ServerBan("10.0.0.*", "No reason given"),
        parse("/serverban 10.0.0.*"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/serverban");
    assertEquals(new LineCommand.ServerUnban("10.0.0.*"), parse("/serverunban 10.0.0.*"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/serverunban");
    assertEquals(new LineCommand.ServerBans(), parse("/serverbans"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "/serverbans all");
  }
}
