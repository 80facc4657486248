package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IrcMessageParseTest {

  private static IrcMessage parsed(String line) {
    return assertInstanceOf(IrcParse.Ok.class, IrcMessage.parse(line), line).message();
  }

  private static String invalid(String line) {
    return assertInstanceOf(IrcParse.Invalid.class, IrcMessage.parse(line), line).reason();
  }

  private static String words(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString)
        .collect(Collectors.joining(" "));
  }

  private static List<String> wordList(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
  }

  @Test
  void commandWithMiddleParameter() {
    assertEquals(new IrcMessage(Map.of(), Optional.empty(), "NICK", List.of("alice")),
        parsed("NICK alice"));
  }

  @Test
  void commandAlone() {
    IrcMessage ping = parsed("PING");
    assertEquals("PING", ping.command());
    assertEquals(List.of(), ping.params());
    assertEquals(Optional.empty(), ping.prefix());
    assertEquals(Map.of(), ping.tags());
  }

  @Test
  void lowerAndMixedCaseCommandsAreUpperCased() {
    assertEquals("PRIVMSG", parsed("privmsg #a :hi").command());
    assertEquals("PRIVMSG", parsed("PrivMsg #a :hi").command());
  }

  @Test
  void numericCommandIsKeptWithPrefixAndTrailing() {
    IrcMessage welcome = parsed(":lochat.local 001 alice :Welcome to Lochat, alice");
    assertEquals(Optional.of("lochat.local"), welcome.prefix());
    assertEquals("001", welcome.command());
    assertEquals(List.of("alice", "Welcome to Lochat, alice"), welcome.params());
  }

  @Test
  void fullUserPrefix() {
    IrcMessage join = parsed(":alice!al@10.0.0.2 JOIN #games");
    assertEquals(Optional.of("alice!al@10.0.0.2"), join.prefix());
    assertEquals(List.of("#games"), join.params());
  }

  @Test
  void trailingKeepsSpacesAndColonsAsTheyAre() {
    assertEquals(List.of("#a", "hello: world :)  "),
        parsed("PRIVMSG #a :hello: world :)  ").params());
    assertEquals(List.of("#a", ":)"), parsed("PRIVMSG #a ::)").params());
  }

  @Test
  void emptyTrailingIsAnEmptyParameter() {
    assertEquals(List.of("#a", ""), parsed("TOPIC #a :").params());
    assertEquals(List.of(""), parsed("AWAY :").params());
  }

  @Test
  void colonInsideAMiddleParameterDoesNotStartTrailing() {
    assertEquals(List.of("a:b", "c"), parsed("USER a:b c").params());
  }

  @Test
  void fifteenParameters() {
    assertEquals(wordList(1, 15), parsed("CMD " + words(1, 15)).params());
  }

  @Test
  void afterFourteenMiddleParametersTheRestOfTheLineIsTheFifteenth() {
    List<String> expected = new ArrayList<>(wordList(1, 14));
    expected.add("15 16 :17");
    assertEquals(expected, parsed("CMD " + words(1, 14) + " 15 16 :17").params());
    expected.set(14, "x y");
    assertEquals(expected, parsed("CMD " + words(1, 14) + " :x y").params());
  }

  @Test
  void extraSpacesBetweenPartsAreTolerated() {
    IrcMessage message = parsed("  @id=1   :srv   PRIVMSG   #a    :hi  there ");
    assertEquals(Map.of("id", "1"), message.tags());
    assertEquals(Optional.of("srv"), message.prefix());
    assertEquals(List.of("#a", "hi  there "), message.params());
    assertEquals(List.of("alice"), parsed("NICK   alice   ").params());
  }

  @Test
  void tagsPrefixAndParametersTogether() {
    IrcMessage message =
        parsed("@id=123;+example.com/foo=bar :nick!u@h PRIVMSG #a :hi");
    assertEquals(List.of("id", "+example.com/foo"), List.copyOf(message.tags().keySet()));
    assertEquals("bar", message.tags().get("+example.com/foo"));
    assertEquals(Optional.of("nick!u@h"), message.prefix());
    assertEquals("PRIVMSG", message.command());
    assertEquals(List.of("#a", "hi"), message.params());
  }

  @Test
  void emptyOrBlankLinesAreInvalid() {
    assertEquals("Line is empty", invalid(""));
    assertEquals("Line is empty", invalid("    "));
  }

  @Test
  void linesWithoutACommandAreInvalid() {
    assertEquals("Line has tags but no command", invalid("@a=b"));
    assertEquals("Line has no command", invalid("@a=b   "));
    assertEquals("Line has no command", invalid(":srv"));
    assertEquals("Line has no command", invalid(":srv   "));
    assertEquals("Line has no command", invalid("@a=b :srv "));
  }

  @Test
  void emptyPrefixIsInvalid() {
    assertEquals("Prefix is empty", invalid(": PING"));
    assertEquals("Prefix is empty", invalid(":"));
  }

  @Test
  void commandsOtherThanLettersOrThreeDigitsAreInvalid() {
    for (String command : List.of("12", "1234", "PRIV_MSG", "ÄÖ", "NICK2", "4x4")) {
      assertTrue(invalid(command + " x").contains(command), command);
    }
  }

  @Test
  void nulCrAndLfAreInvalidAnywhere() {
    for (String line : List.of("PING \0", "PRIVMSG #a :a\rb", "PRIVMSG #a :a\nb", "@a=\0 PING")) {
      assertEquals("Line contains NUL, CR or LF", invalid(line), line);
    }
  }

  @Test
  void tabsAreNotSeparators() {
    assertEquals(List.of("a\tb"), parsed("NICK a\tb").params());
  }

  @Test
  void renderedMessagesParseBackToThemselves() {
    List<String> lines = List.of(
        "@a=\\:\\s\\\\\\r\\n;b;+example.com/c=x :srv NOTICE * :hi there",
        ":srv 353 alice = #a :alice bob",
        "PRIVMSG #a ::)",
        "TOPIC #a :",
        "CMD " + words(1, 14) + " :15 16",
        "JOIN #a");
    for (String line : lines) {
      IrcMessage message = parsed(line);
      assertEquals(line, message.render(), line);
      assertEquals(message, parsed(message.render()), line);
    }
  }
}
