package lochat.protocol.irc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lochat.chat.MessageKind;

/**
 * One line from an IRC client, parsed and validated by {@link IrcCommandParser}: a command the
 * session carries out, or {@link Answer}, the one numeric that answers a line that cannot be
 * carried out (or needs no more than that). Text meant for other people is already cleaned; target lists are as given
 * ({@link TargetList} splits them).
 */
public sealed interface IrcCommand {

  // --- registration and the connection ------------------------------------------------------

  record Pass(String password) implements IrcCommand {}

  /** A valid nickname ({@link IrcNames#nickProblem} found none). */
  record Nick(String nick) implements IrcCommand {}

  /** {@code user} as given; {@code realName} cleaned. */
  record User(String user, String realName) implements IrcCommand {}

  /** {@code CAP LS|LIST|REQ|END}: {@code subcommand} in upper case, {@code args} after it. */
  record Cap(String subcommand, List<String> args) implements IrcCommand {
    public Cap {
      args = List.copyOf(args);
    }
  }

  record Ping(String token) implements IrcCommand {}

  /** A line that needs nothing done: {@code PONG}, or a {@code NOTICE} that was bad. */
  record Ignored() implements IrcCommand {}

  /** {@code reason} cleaned; empty when none was given. */
  record Quit(Optional<String> reason) implements IrcCommand {}

  // --- messages -----------------------------------------------------------------------------

  /**
   * PRIVMSG, NOTICE or TAGMSG. {@code kind} says what the text is (a CTCP ACTION has become an
   * action); {@code tags} are the client-only tags that go with it; {@code notice} is whether
   * the line was a NOTICE, which never gets error replies.
   */
  record Message(String targets, MessageKind kind, String text, Map<String, String> tags,
      boolean notice) implements IrcCommand {
    public Message {
      tags = tags.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    public Message withTags(Map<String, String> forwarded) {
      return new Message(targets, kind, text, forwarded, notice);
    }
  }

  // --- channels -----------------------------------------------------------------------------

  /** {@code keys} as given, comma-separated in the order of the channels; "" for none. */
  record Join(String channels, String keys) implements IrcCommand {}

  /** {@code JOIN 0}: leave every channel. */
  record PartAll() implements IrcCommand {}

  /** {@code reason} is the core's: {@code part} or {@code part: TEXT}. */
  record Part(String channels, String reason) implements IrcCommand {}

  /** Shows the topic, or sets it to {@code text} (cleaned; empty clears it). */
  record Topic(String channel, Optional<String> text) implements IrcCommand {}

  /** {@code NAMES}, for every channel when {@code channels} is empty. */
  record Names(Optional<String> channels) implements IrcCommand {}

  /** {@code LIST}, for every channel when {@code channels} is empty. */
  record ListChannels(Optional<String> channels) implements IrcCommand {}

  /**
   * A user's or a channel's modes: shown when {@code modes} is empty; {@code arguments} are the
   * parameters after the mode string (nicknames, masks, a key, a limit).
   */
  record Mode(String target, String modes, List<String> arguments) implements IrcCommand {
    public Mode {
      arguments = List.copyOf(arguments);
    }
  }

  /** Removes {@code nicks} (comma-separated) from {@code channel}; {@code reason} cleaned. */
  record Kick(String channel, String nicks, Optional<String> reason) implements IrcCommand {}

  record Invite(String nick, String channel) implements IrcCommand {}

  /** IRCv3 {@code CHATHISTORY}, checked by {@link ChathistoryRequest}: a page of a channel. */
  record Chathistory(String subcommand, String channel, lochat.store.HistoryQuery query)
      implements IrcCommand {}

  // --- users --------------------------------------------------------------------------------

  record Who(String mask) implements IrcCommand {}

  record Whois(String nicks) implements IrcCommand {}

  /** At most {@code count} entries per nickname; 0 for all that are kept. */
  record Whowas(String nick, int count) implements IrcCommand {}

  /** Marks the user away with {@code message} (cleaned), or back when empty. */
  record Away(Optional<String> message) implements IrcCommand {}

  /** At most {@link IrcCommandParser#MAX_USERHOST_NICKS} nicknames. */
  record Userhost(List<String> nicks) implements IrcCommand {
    public Userhost {
      nicks = List.copyOf(nicks);
    }
  }

  record Ison(List<String> nicks) implements IrcCommand {
    public Ison {
      nicks = List.copyOf(nicks);
    }
  }

  // --- server operators ---------------------------------------------------------------------

  record Oper(String name, String password) implements IrcCommand {}

  /** {@code reason} cleaned; "No reason given" when there was none. */
  record Kill(String nick, String reason) implements IrcCommand {}

  /** {@code text} cleaned, not empty. */
  record Wallops(String text) implements IrcCommand {}

  /**
   * InspIRCd's {@code ZLINE <ipmask> <duration> :<reason>}, which bans {@code mask}, or
   * {@code ZLINE <ipmask>} ({@code duration} empty), which lifts the ban; {@code reason} cleaned.
   */
  record Zline(String mask, Optional<String> duration, String reason) implements IrcCommand {}

  // --- the server ---------------------------------------------------------------------------

  /** What a {@link ServerQuery} asks for. */
  enum Query { LUSERS, MOTD, VERSION, TIME, ADMIN, INFO }

  /** A question about the server, of {@code server} if one was named. */
  record ServerQuery(Query query, Optional<String> server) implements IrcCommand {}

  /**
   * The line is answered with one IRCv3 standard reply, {@code FAIL command code context...
   * :description}, and nothing else is done.
   */
  record Fail(String command, String code, List<String> context, String description)
      implements IrcCommand {
    public Fail {
      context = List.copyOf(context);
    }
  }

  /** The line is answered with this one numeric, mostly an error, and nothing else is done. */
  record Answer(String numeric, List<String> params) implements IrcCommand {
    public Answer {
      params = List.copyOf(params);
    }

    static Answer of(String numeric, String... params) {
      return new Answer(numeric, List.of(params));
    }
  }
}
