package lochat.protocol.line;

import java.util.Optional;

/** A line from a native-protocol client, parsed: a post, a command, or what was wrong with it. */
public sealed interface LineCommand {

  /** A blank line: nothing to do. */
  record Blank() implements LineCommand {}

  /** A plain line, posted to the current room. */
  record Say(String text) implements LineCommand {}

  record Me(String action) implements LineCommand {}

  record Nick(String nick) implements LineCommand {}

  record Join(String room) implements LineCommand {}

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

  /** {@code /pass PASSWORD}: the server's connection password, before choosing a nickname. */
  record Pass(String password) implements LineCommand {}

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
