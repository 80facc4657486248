package lochat.protocol.line;

import java.util.List;
import java.util.Optional;
import lochat.chat.ModeChange;

/** A line from a native-protocol client, parsed: a post, a command, or what was wrong with it. */
public sealed interface LineCommand {

  /** A blank line: nothing to do. */
  record Blank() implements LineCommand {}

  /** A plain line, posted to the current room. */
  record Say(String text) implements LineCommand {}

  record Me(String action) implements LineCommand {}

  record Nick(String nick) implements LineCommand {}

  /** {@code /join ROOM [KEY]}; {@code key} is "" when none was given. */
  record Join(String room, String key) implements LineCommand {

    public Join(String room) {
      this(room, "");
    }
  }

  record Part(Optional<String> room) implements LineCommand {}

  /** {@code /rooms}: every room with its member count, on one line. */
  record Rooms() implements LineCommand {}

  /** {@code /list}: every room with its member count and topic, a line each. */
  record ListRooms() implements LineCommand {}

  /** {@code /away MESSAGE} marks the user away; {@code /away} alone marks them back. */
  record Away(Optional<String> message) implements LineCommand {}

  record Whois(String nick) implements LineCommand {}

  record Who(Optional<String> room) implements LineCommand {}

  /** A private message; {@code action} when written as {@code /msg NICK /me ACTION}. */
  record Msg(String nick, String text, boolean action) implements LineCommand {}

  /** {@code /topic}: show the current room's topic. */
  record ShowTopic() implements LineCommand {}

  /** {@code /topic TEXT} sets the current room's topic; {@code /topic -} clears it (text ""). */
  record SetTopic(String text) implements LineCommand {}

  /**
   * {@code /mode}, and the commands that are one in other words ({@code /op}, {@code /deop},
   * {@code /voice}, {@code /devoice}, {@code /ban}, {@code /unban}, {@code /bans}): changes to
   * {@code room}'s modes (the current room when empty), then the {@code lists} to show
   * ({@code b}, {@code e}, {@code I}). Nothing to change and no list: show the room's modes.
   */
  record Mode(Optional<String> room, List<ModeChange> changes, List<Character> lists)
      implements LineCommand {

    public Mode {
      changes = List.copyOf(changes);
      lists = List.copyOf(lists);
    }
  }

  /** {@code /kick NICK [REASON]} from the current room; {@code reason} "" when none. */
  record Kick(String nick, String reason) implements LineCommand {}

  /** {@code /invite NICK [ROOM]}, into the current room when {@code room} is empty. */
  record Invite(String nick, Optional<String> room) implements LineCommand {}

  /**
   * {@code /history [N]} and {@code /history before ID [N]}: the current room's {@code count}
   * latest posts, or those just before the post with id {@code before} when it is above 0.
   */
  record History(long before, int count) implements LineCommand {}

  /** {@code /pass PASSWORD}: the server's connection password, before choosing a nickname. */
  record Pass(String password) implements LineCommand {}

  /** {@code /ping [TOKEN]}: answered at once with the token, to check the connection. */
  record Ping(String token) implements LineCommand {}

  record Help() implements LineCommand {}

  record Quit(Optional<String> reason) implements LineCommand {}

  /** {@code /oper NAME PASSWORD}: become a server operator. */
  record Oper(String name, String password) implements LineCommand {}

  /** {@code /kill NICK [REASON]}, operators only. */
  record Kill(String nick, String reason) implements LineCommand {}

  /** {@code /wallops TEXT}, operators only. */
  record Wallops(String text) implements LineCommand {}

  /** {@code /serverban MASK [REASON]}: bans addresses from the server, operators only. */
  record ServerBan(String mask, String reason) implements LineCommand {}

  /** {@code /serverunban MASK}, operators only. */
  record ServerUnban(String mask) implements LineCommand {}

  /** {@code /serverbans}: the server-wide bans, operators only. */
  record ServerBans() implements LineCommand {}

  /** A line that could not be accepted; {@code message} says why. */
  record Invalid(ErrorCode code, String message) implements LineCommand {}
}
