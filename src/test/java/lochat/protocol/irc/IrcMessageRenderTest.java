package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IrcMessageRenderTest {

  private static IrcMessage unprefixed(String command, String... params) {
    return new IrcMessage(Map.of(), Optional.empty(), command, List.of(params));
  }

  @Test
  void withoutPrefixOrTags() {
    assertEquals("PING :lochat", unprefixed("PING", "lochat").render());
    assertEquals("PONG lochat :token", unprefixed("PONG", "lochat", "token").render());
    assertEquals("QUIT", unprefixed("QUIT").render());
  }

  @Test
  void prefixComesFirstWithAColon() {
    assertEquals(":alice!al@h JOIN #a", IrcMessage.of("alice!al@h", "JOIN", "#a").render());
  }

  @Test
  void numericReplyWithText() {
    assertEquals(":lochat 001 alice :Welcome to Lochat, alice",
        IrcMessage.of("lochat", Numerics.RPL_WELCOME, "alice", "Welcome to Lochat, alice")
            .render());
  }

  @Test
  void lastParameterIsTrailingOnlyWhenItMustBe() {
    assertEquals(":s 433 * alice :Nickname is already in use",
        IrcMessage.of("s", "433", "*", "alice", "Nickname is already in use").render());
    assertEquals(":s TOPIC #a :", IrcMessage.of("s", "TOPIC", "#a", "").render());
    assertEquals(":s TOPIC #a ::)", IrcMessage.of("s", "TOPIC", "#a", ":)").render());
    assertEquals(":s TOPIC #a a:b", IrcMessage.of("s", "TOPIC", "#a", "a:b").render());
    assertEquals(":s 366 alice #a End", IrcMessage.of("s", "366", "alice", "#a", "End").render());
  }

  @Test
  void messageTextIsAlwaysTrailing() {
    assertEquals(":a PRIVMSG #a :hi", IrcMessage.of("a", "PRIVMSG", "#a", "hi").render());
    assertEquals(":a NOTICE bob :hi", IrcMessage.of("a", "NOTICE", "bob", "hi").render());
    assertEquals(":a PRIVMSG #a", IrcMessage.of("a", "PRIVMSG", "#a").render());
  }

  @Test
  void commandIsUpperCased() {
    assertEquals("PRIVMSG", IrcMessage.of("a", "privmsg", "#a", "hi").command());
  }

  @Test
  void fifteenthParameterWithSpacesIsTrailingAndParsesBack() {
    List<String> params = new ArrayList<>(Collections.nCopies(14, "p"));
    params.add("last one");
    IrcMessage message = new IrcMessage(Map.of(), Optional.empty(), "CMD", params);
    assertEquals("CMD " + "p ".repeat(14) + ":last one", message.render());
    assertEquals(new IrcParse.Ok(message), IrcMessage.parse(message.render()));
  }

  @Test
  void middleParametersThatCannotBeWrittenAreRefused() {
    for (String middle : List.of("", "a b", ":a")) {
      assertThrows(IllegalArgumentException.class,
          () -> IrcMessage.of("s", "CMD", middle, "last"), "'" + middle + "'");
    }
  }

  @Test
  void moreThanFifteenParametersAreRefused() {
    String[] sixteen = Collections.nCopies(16, "p").toArray(String[]::new);
    assertThrows(IllegalArgumentException.class, () -> IrcMessage.of("s", "CMD", sixteen));
  }

  @Test
  void lineBreaksAndNulAreRefusedEverywhere() {
    for (String bad : List.of("a\rb", "a\nb", "a\0b")) {
      assertThrows(IllegalArgumentException.class, () -> IrcMessage.of("s", "PRIVMSG", "#a", bad));
      assertThrows(IllegalArgumentException.class, () -> IrcMessage.of(bad, "PING", "x"));
    }
  }

  @Test
  void invalidCommandsAndPrefixesAreRefused() {
    for (String command : List.of("", "12", "1234", "PRIV MSG", "NICK2")) {
      assertThrows(IllegalArgumentException.class, () -> IrcMessage.of("s", command), command);
    }
    for (String prefix : List.of("", "a b")) {
      assertThrows(IllegalArgumentException.class, () -> IrcMessage.of(prefix, "PING"), prefix);
    }
  }
}
