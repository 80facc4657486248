package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class LineStylerTest {

  private static AttributedString style(String line, String ownNick) {
    return LineStyler.style(ServerLine.parse(line), ownNick, java.time.ZoneOffset.UTC);
  }

  private static String text(String line) {
    return style(line, "me").toString();
  }

  /** The style of the last occurrence of {@code word} in the shown text. */
  private static AttributedStyle styleOf(AttributedString line, String word) {
    return line.styleAt(line.toString().lastIndexOf(word));
  }

  // Plain text of each kind

  @Test
  void message() {
    assertEquals("[lobby] <alice> hi there", text("MSG lobby alice hi there"));
  }

  @Test
  void action() {
    assertEquals("[lobby] * alice waves", text("ACTION lobby alice waves"));
  }

  @Test
  void privateMessage() {
    assertEquals("[alice -> bob] psst, bob", text("PRIV alice bob psst, bob"));
  }

  @Test
  void privateAction() {
    assertEquals("[alice -> bob] * alice winks", text("PRIVACTION alice bob winks"));
  }

  @Test
  void historyShowsHoursAndMinutesBeforeThePost() {
    assertEquals("12:34 [lobby] <alice> earlier",
        text("HISTORY 2024-03-01T12:34:56Z MSG lobby alice earlier"));
    assertEquals("09:05 [lobby] * alice waved",
        text("HISTORY 2024-03-01T09:05:00Z ACTION lobby alice waved"));
  }

  @Test
  void membershipNotices() {
    assertEquals("[lobby] -- alice joined", text("JOINED lobby alice"));
    assertEquals("[lobby] -- alice left (off to bed)", text("LEFT lobby alice off to bed"));
    assertEquals("[lobby] -- alice is now known as ally", text("RENAMED lobby alice ally"));
  }

  @Test
  void whoListsMembersOrNobody() {
    assertEquals("[lobby] -- in the room: alice, bob, me", text("WHO lobby alice bob me"));
    assertEquals("[lobby] -- in the room: nobody", text("WHO lobby"));
  }

  @Test
  void roomsListsRoomsWithMemberCountsOrNone() {
    assertEquals("Rooms: lobby (3), games (1)", text("ROOMS lobby:3 games:1"));
    assertEquals("Rooms: none", text("ROOMS"));
  }

  @Test
  void okLines() {
    assertEquals("You are now alice", text("OK nick alice"));
    assertEquals("You are now talking in games", text("OK current games"));
    assertEquals("Bye alice", text("OK quit Bye alice"));
    assertEquals("OK something new", text("OK something new"));
  }

  @Test
  void passwordAnswersReadAsSentences() {
    assertEquals("Password accepted", text("OK pass Password accepted"));
    assertEquals("This server needs no password", text("OK pass This server needs no password"));
  }

  // Timestamps

  private static final Instant NOW = Instant.parse("2026-03-01T21:07:00Z");

  private static String stamped(String line, String pattern) {
    return LineStyler.style(ServerLine.parse(line), "me",
        Timestamps.parse(pattern, ZoneOffset.UTC), NOW).toString();
  }

  @Test
  void everyLineShowsTheTimeItWasShown() {
    assertEquals("21:07 [lobby] <alice> hi", stamped("MSG lobby alice hi", "HH:mm"));
    assertEquals("21:07:00 Error: oops", stamped("ERROR bad-argument oops", "HH:mm:ss"));
    assertEquals("21:07 Password accepted", stamped("OK pass Password accepted", "HH:mm"));
  }

  @Test
  void aPostFromHistoryShowsTheTimeItWasPostedOnce() {
    assertEquals("12:34:56 [lobby] <alice> earlier",
        stamped("HISTORY 2024-03-01T12:34:56Z MSG lobby alice earlier", "HH:mm:ss"));
    assertEquals("21:07 HISTORY-ish", stamped("HISTORY-ish", "HH:mm"));
  }

  @Test
  void withoutTimestampsLinesAreAsBefore() {
    assertEquals("[lobby] <alice> hi", stamped("MSG lobby alice hi", "none"));
    assertEquals("12:34 [lobby] <alice> earlier",
        stamped("HISTORY 2024-03-01T12:34:56Z MSG lobby alice earlier", "none"));
  }

  @Test
  void theClientsOwnMessagesAreStampedToo() {
    assertEquals("21:07 Connection closed by server", LineStyler.info(
        "Connection closed by server", Timestamps.parse("HH:mm", ZoneOffset.UTC), NOW).toString());
    assertEquals("Connection closed by server", LineStyler.info(
        "Connection closed by server", Timestamps.off(ZoneOffset.UTC), NOW).toString());
  }

  @Test
  void errorShowsTheMessageWithoutTheCode() {
    assertEquals("Error: Nickname alice is taken", text("ERROR nick-taken Nickname alice is taken"));
  }

  @Test
  void serverAndPromptShowTheirText() {
    assertEquals("Welcome to Lochat", text("SERVER Welcome to Lochat"));
    assertEquals("Choose a nickname:", text("PROMPT Choose a nickname:"));
  }

  @Test
  void unknownKindIsShownAsItIs() {
    assertEquals("TYPING lobby alice", text("TYPING lobby alice"));
    assertEquals("PING", text("PING"));
  }

  @Test
  void kindsAreShownInDifferentStylesFromPlainText() {
    AttributedString error = style("ERROR bad-argument oops", "me");
    AttributedString plain = style("TYPING x", "me");
    assertNotEquals(plain.styleAt(0), error.styleAt(0));
  }

  // Mentions

  @Test
  void mentionOfOwnNickByOthersIsHighlighted() {
    AttributedString line = style("MSG lobby alice hey bob, look", "bob");
    assertEquals("[lobby] <alice> hey bob, look", line.toString());
    assertNotEquals(styleOf(line, "hey"), styleOf(line, "bob"));
    assertEquals(styleOf(line, "hey"), styleOf(line, "look"));
  }

  @Test
  void mentionIsFoundCaseInsensitively() {
    AttributedString line = style("MSG lobby alice hey BOB", "bob");
    assertNotEquals(styleOf(line, "hey"), styleOf(line, "BOB"));
  }

  @Test
  void mentionAtTheEndOfASentenceIsHighlighted() {
    AttributedString line = style("MSG lobby alice thanks bob.", "bob");
    assertNotEquals(styleOf(line, "thanks"), styleOf(line, "bob"));
  }

  @Test
  void nickInsideALongerWordIsNotAMention() {
    AttributedString line = style("MSG lobby alice bobby and kabob", "bob");
    assertEquals(styleOf(line, "and"), styleOf(line, "bobby"));
    assertEquals(styleOf(line, "and"), styleOf(line, "kabob"));
    assertEquals(styleOf(line, "and"), styleOf(line, "bob"));
  }

  @Test
  void mentionInPrivateMessageIsHighlighted() {
    AttributedString line = style("PRIV alice bob are you there bob", "bob");
    assertNotEquals(styleOf(line, "there"), styleOf(line, "bob"));
  }

  @Test
  void ownMessageMentioningOwnNickIsNotHighlighted() {
    AttributedString line = style("MSG lobby bob I am bob", "bob");
    assertEquals(styleOf(line, "am"), styleOf(line, "bob"));
  }

  @Test
  void ownActionIsNotHighlightedEvenWhenTheServerSpellsTheNickInAnotherCase() {
    AttributedString line = style("ACTION lobby Bob thinks bob is great", "bob");
    assertEquals(styleOf(line, "thinks"), styleOf(line, "bob"));
  }

  @Test
  void ownNickIsStyledDifferentlyFromOtherNicks() {
    int nick = "[lobby] <".length();
    assertNotEquals(
        style("MSG lobby bob hi", "alice").styleAt(nick), style("MSG lobby bob hi", "bob").styleAt(nick));
  }

  @Test
  void nothingIsHighlightedBeforeTheUserHasANick() {
    AttributedString line = style("MSG lobby alice hi bob", null);
    assertEquals("[lobby] <alice> hi bob", line.toString());
    assertEquals(styleOf(line, "hi"), styleOf(line, "bob"));
  }

  @Test
  void topicLinesReadAsSentences() {
    assertEquals("[dev] -- topic: release on Friday (set by alice at 03:04)",
        text("TOPIC dev alice 2026-01-02T03:04:05Z release on Friday"));
    assertEquals("[dev] -- no topic", text("NOTOPIC dev"));
    assertEquals("[dev] -- bob cleared the topic", text("NOTOPIC dev bob"));
  }

  // Running a room

  @Test
  void whoShowsOperatorsWithAnAt() {
    assertEquals("[lobby] -- in the room: @alice, +bob, carol",
        text("WHO lobby @alice +bob carol"));
  }

  @Test
  void aKickedUserIsToldByWhomAndWhy() {
    AttributedString kicked = style("KICKED games bob me too loud", "me");
    assertEquals("You were kicked from #games by bob: too loud", kicked.toString());
    assertEquals(AttributedStyle.DEFAULT.foreground(AttributedStyle.RED).bold(),
        styleOf(kicked, "kicked"));
    assertEquals("You were kicked from #games by bob", text("KICKED games bob me"));
    assertEquals("[games] -- bob kicked carol (too loud)", text("KICKED games bob carol too loud"));
  }

  @Test
  void modesInvitationsAndBansReadAsSentences() {
    assertEquals("[games] -- alice sets mode +o-v bob carol",
        text("MODE games alice +o-v bob carol"));
    assertEquals("[games] -- modes: +tnk sesame", text("MODES games +tnk sesame"));
    assertEquals("bob invites you to #games; /join games to enter", text("INVITED games bob"));
    assertEquals("[games] -- ban bob!*@* (set by alice at 03:04)",
        text("BAN games bob!*@* alice 2026-01-02T03:04:05Z"));
    assertEquals("[games] -- end of the ban list", text("BANS games"));
    assertEquals("[games] -- end of the invite exception list", text("INVEXES games"));
    assertEquals("You invited bob to #games", text("OK invite bob games"));
    assertEquals("Error: You are not a room operator (games)",
        text("ERROR not-operator You are not a room operator (games)"));
  }

  @Test
  void theEndOfAPageOfHistorySaysHowToPageBack() {
    assertEquals("[games] -- end of 20 posts; /history before 1234 for earlier ones",
        text("ENDHISTORY games 20 1234"));
    assertEquals("[games] -- end of 1 post; /history before 7 for earlier ones",
        text("ENDHISTORY games 1 7"));
    assertEquals("[games] -- no earlier posts", text("ENDHISTORY games 0 0"));
    assertEquals("03:04 [games] -- topic: release (set by bob at 03:04)",
        text("HISTORY 2026-01-02T03:04:05Z TOPIC games bob 2026-01-02T03:04:05Z release"));
  }
}
