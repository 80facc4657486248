package lochat.protocol.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Optional;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineCommand;
import lochat.protocol.line.LineCommandParser;
import org.junit.jupiter.api.Test;

class WebCommandParserTest {

  private static LineCommand parse(String json) {
    return WebCommandParser.parse(json, LineCommandParser::parse);
  }

  private static void assertInvalid(ErrorCode code, String json) {
    LineCommand command = parse(json);
    LineCommand.Invalid invalid = assertInstanceOf(LineCommand.Invalid.class, command, json);
    assertEquals(code, invalid.code(), invalid.message());
  }

  @Test
  void eachMessageTypeIsItsNativeCommand() {
    assertEquals(new LineCommand.Say("hi"), parse("{\"type\":\"say\",\"text\":\"hi\"}"));
    assertEquals(new LineCommand.Say("/not a command"),
        parse("{\"type\":\"say\",\"text\":\"/not a command\"}"));
    assertEquals(new LineCommand.Me("waves"), parse("{\"type\":\"me\",\"text\":\"waves\"}"));
    assertEquals(new LineCommand.Msg("bob", "psst", true),
        parse("{\"type\":\"msg\",\"to\":\"bob\",\"text\":\"psst\",\"action\":true}"));
    assertEquals(new LineCommand.Nick("ann"), parse("{\"type\":\"nick\",\"nick\":\" ann \"}"));
    assertEquals(new LineCommand.Pass("s3cret"),
        parse("{\"type\":\"pass\",\"password\":\"s3cret\"}"));
    assertEquals(new LineCommand.Join("games", "key"),
        parse("{\"type\":\"join\",\"room\":\"#games\",\"key\":\"key\"}"));
    assertEquals(new LineCommand.Join("games", ""), parse("{\"type\":\"join\",\"room\":\"games\"}"));
    assertEquals(new LineCommand.Part(Optional.empty()), parse("{\"type\":\"part\"}"));
    assertEquals(new LineCommand.Part(Optional.of("games")),
        parse("{\"type\":\"part\",\"room\":\"games\"}"));
    assertEquals(new LineCommand.Who(Optional.of("games")),
        parse("{\"type\":\"who\",\"room\":\"games\"}"));
    assertEquals(new LineCommand.Whois("bob"), parse("{\"type\":\"whois\",\"nick\":\"bob\"}"));
    assertEquals(new LineCommand.Rooms(), parse("{\"type\":\"rooms\"}"));
    assertEquals(new LineCommand.ListRooms(), parse("{\"type\":\"list\"}"));
    assertEquals(new LineCommand.Away(Optional.of("lunch")),
        parse("{\"type\":\"away\",\"message\":\"lunch\"}"));
    assertEquals(new LineCommand.Away(Optional.empty()), parse("{\"type\":\"away\"}"));
    assertEquals(new LineCommand.ShowTopic(), parse("{\"type\":\"topic\"}"));
    assertEquals(new LineCommand.SetTopic(""), parse("{\"type\":\"topic\",\"text\":\"\"}"));
    assertEquals(new LineCommand.SetTopic("Be nice"),
        parse("{\"type\":\"topic\",\"text\":\"Be nice\"}"));
    assertEquals(new LineCommand.Quit(Optional.of("bye")),
        parse("{\"type\":\"quit\",\"reason\":\"bye\"}"));
    assertEquals(new LineCommand.Ping("t"), parse("{\"type\":\"ping\",\"token\":\"t\"}"));
    assertEquals(new LineCommand.Blank(), parse("{\"type\":\"pong\",\"token\":\"t\"}"));
    assertEquals(new LineCommand.Blank(), parse("{\"type\":\"say\",\"text\":\"   \"}"));
  }

  @Test
  void historyTakesTheNativeDefaultsAndLimits() {
    assertEquals(LineCommandParser.parse("/history"), parse("{\"type\":\"history\"}"));
    assertEquals(LineCommandParser.parse("/history 5"),
        parse("{\"type\":\"history\",\"count\":5}"));
    assertEquals(LineCommandParser.parse("/history before 42 7"),
        parse("{\"type\":\"history\",\"before\":42,\"count\":7}"));
    assertInvalid(ErrorCode.BAD_ARGUMENT, "{\"type\":\"history\",\"before\":-1}");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "{\"type\":\"history\",\"count\":\"five\"}");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "{\"type\":\"history\",\"count\":1.5}");
  }

  @Test
  void aLineIsParsedAsTheSessionsStateParsesNativeLines() {
    assertEquals(LineCommandParser.parse("/kick bob spam"),
        parse("{\"type\":\"line\",\"text\":\"/kick bob spam\"}"));
    assertEquals(new LineCommand.Nick("ann"), WebCommandParser.parse(
        "{\"type\":\"line\",\"text\":\"ann\"}", LineCommandParser::parseRegistration));
  }

  @Test
  void namesFollowTheNativeRules() {
    assertInvalid(ErrorCode.NICK_INVALID, "{\"type\":\"nick\",\"nick\":\"a b\"}");
    assertInvalid(ErrorCode.NICK_INVALID, "{\"type\":\"nick\",\"nick\":\"9lives\"}");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "{\"type\":\"nick\",\"nick\":\"\"}");
    assertInvalid(ErrorCode.ROOM_INVALID, "{\"type\":\"join\",\"room\":\"a b\"}");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "{\"type\":\"join\",\"room\":\"games\",\"key\":\"a,b\"}");
    assertInvalid(ErrorCode.NICK_INVALID, "{\"type\":\"msg\",\"to\":\"a b\",\"text\":\"x\"}");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "{\"type\":\"msg\",\"to\":\"bob\",\"text\":\" \"}");
  }

  @Test
  void whatIsNotAMessageOrLacksAMemberIsSaid() {
    assertInvalid(ErrorCode.BAD_MESSAGE, "not json");
    assertInvalid(ErrorCode.BAD_MESSAGE, "[]");
    assertInvalid(ErrorCode.BAD_MESSAGE, "{\"text\":\"no type\"}");
    assertInvalid(ErrorCode.BAD_MESSAGE, "{\"type\":7}");
    assertInvalid(ErrorCode.BAD_MESSAGE, "{\"type\":\"say\",\"text\":\"x\"");
    assertInvalid(ErrorCode.BAD_MESSAGE, "{\"type\":\"say\",\"a\":[[[[[[1]]]]]]}");
    assertInvalid(ErrorCode.UNKNOWN_COMMAND, "{\"type\":\"fly\"}");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "{\"type\":\"say\"}");
    assertInvalid(ErrorCode.BAD_ARGUMENT, "{\"type\":\"say\",\"text\":5}");
    assertInvalid(ErrorCode.BAD_ARGUMENT,
        "{\"type\":\"msg\",\"to\":\"bob\",\"text\":\"x\",\"action\":\"yes\"}");
    assertEquals(new LineCommand.Say("x"),
        parse("{\"type\":\"say\",\"text\":\"x\",\"unknown\":{\"ignored\":true}}"));
  }

  @Test
  void textDecodedFromEscapesIsSanitised() {
    LineCommand say = parse("{\"type\":\"say\",\"text\":\"a\\u0007b\\u202Ec\"}");
    String text = assertInstanceOf(LineCommand.Say.class, say).text();
    assertEquals(-1, text.indexOf('\u0007'), text);
    assertEquals(-1, text.indexOf('\u202E'), text);
  }
}
