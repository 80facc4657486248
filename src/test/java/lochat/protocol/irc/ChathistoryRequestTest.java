package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import lochat.store.HistoryQuery;
import lochat.store.HistoryQuery.Ref;
import org.junit.jupiter.api.Test;

class ChathistoryRequestTest {

  private static IrcCommand parse(String line) {
    return IrcCommandParser.parse(line, true);
  }

  private static IrcCommand.Fail invalid(String subcommand, String why) {
    return new IrcCommand.Fail("CHATHISTORY", "INVALID_PARAMS", List.of(subcommand), why);
  }

  @Test
  void everySubcommandBecomesItsQuery() {
    assertEquals(new IrcCommand.Chathistory("LATEST", "#den",
        new HistoryQuery.Latest(Ref.NONE, 50)), parse("CHATHISTORY LATEST #den * 50"));
    assertEquals(new IrcCommand.Chathistory("LATEST", "#den",
        new HistoryQuery.Latest(new HistoryQuery.ById(7), 5)),
        parse("CHATHISTORY latest #den msgid=7 5"));
    assertEquals(new IrcCommand.Chathistory("BEFORE", "#den",
        new HistoryQuery.Before(new HistoryQuery.ByTime(Instant.parse("2024-05-01T12:00:00.123Z")),
            10)), parse("CHATHISTORY BEFORE #den timestamp=2024-05-01T12:00:00.123Z 10"));
    assertEquals(new IrcCommand.Chathistory("AFTER", "#den",
        new HistoryQuery.After(new HistoryQuery.ById(3), 1)),
        parse("CHATHISTORY AFTER #den msgid=3 1"));
    assertEquals(new IrcCommand.Chathistory("AROUND", "#den",
        new HistoryQuery.Around(new HistoryQuery.ById(3), 9)),
        parse("CHATHISTORY AROUND #den msgid=3 9"));
    assertEquals(new IrcCommand.Chathistory("BETWEEN", "#den",
        new HistoryQuery.Between(new HistoryQuery.ById(9), new HistoryQuery.ById(2), 4)),
        parse("CHATHISTORY BETWEEN #den msgid=9 msgid=2 4"));
  }

  @Test
  void aLimitAboveTheAdvertisedOneIsLowered() {
    assertEquals(new IrcCommand.Chathistory("LATEST", "#den",
        new HistoryQuery.Latest(Ref.NONE, ChathistoryRequest.MAX_LIMIT)),
        parse("CHATHISTORY LATEST #den * 100000"));
    assertEquals("CHATHISTORY=" + ChathistoryRequest.MAX_LIMIT,
        ChathistoryRequest.ISUPPORT_TOKENS.get(0));
  }

  @Test
  void badRequestsAreInvalidParams() {
    assertEquals(invalid("*", "Missing subcommand"), parse("CHATHISTORY"));
    assertEquals(invalid("TARGETS", "Unknown subcommand"), parse("CHATHISTORY TARGETS a b 5"));
    assertEquals(invalid("LATEST", "Not enough parameters"), parse("CHATHISTORY LATEST #den *"));
    assertEquals(invalid("BETWEEN", "Not enough parameters"),
        parse("CHATHISTORY BETWEEN #den msgid=1 5"));
    for (String ref : List.of("*", "msgid=", "msgid=x1", "msgid=-3", "timestamp=yesterday",
        "id=3", "msgid=1234567890123456789")) {
      assertEquals(invalid("BEFORE", "Invalid message reference"),
          parse("CHATHISTORY BEFORE #den " + ref + " 5"), ref);
    }
    for (String limit : List.of("0", "-1", "many", "")) {
      assertEquals(invalid("LATEST", "Invalid limit"),
          parse("CHATHISTORY LATEST #den * :" + limit), limit);
    }
  }

  @Test
  void failRendersAsAStandardReply() {
    IrcCommand fail = parse("CHATHISTORY LATEST #den * x");
    IrcCommand.Fail f = (IrcCommand.Fail) fail;
    assertEquals(List.of("LATEST"), f.context());
    assertEquals("Invalid limit", f.description());
  }
}
