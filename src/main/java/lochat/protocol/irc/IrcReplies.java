package lochat.protocol.irc;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import lochat.chat.FormerNick;
import lochat.protocol.TextSanitizer;

/**
 * The messages one IRC server says on its own behalf: numeric replies, the welcome burst, the
 * message of the day, and the user masks it shows.
 *
 * <p>Every user is shown as {@code nick!user@server-name}, with the user name given with
 * {@code USER} (a native user's is its first nickname), and the server's name as everyone's
 * host, which keeps users' addresses private on the LAN. Pure: strings in, messages out.
 */
public final class IrcReplies {

  /** How a numeric addresses a client that has no nickname yet. */
  public static final String UNREGISTERED = "*";

  private final String serverName;
  private final UnaryOperator<String> userNames;

  /**
   * @param serverName the server's name: the prefix of its messages, the host of every mask
   * @param userNames a user's user name, from its nickname, for masks
   */
  public IrcReplies(String serverName, UnaryOperator<String> userNames) {
    this.serverName = serverName;
    this.userNames = userNames;
  }

  public String serverName() {
    return serverName;
  }

  /** The {@code nick!user@host} a user is shown as. */
  public String mask(String nick) {
    return mask(nick, userName(nick));
  }

  /** The user name of {@code nick}, as far as this client knows it. */
  public String userName(String nick) {
    return userNames.apply(nick);
  }

  public String mask(String nick, String user) {
    return nick + "!" + user + "@" + serverName;
  }

  /**
   * A numeric reply to {@code target} (the client's nickname, or {@code *}). Parameters before
   * the last may echo what a client sent (a channel or nickname it asked about); those are made
   * writable as middle parameters by {@link #asMiddle}.
   */
  public IrcMessage numeric(String target, String numeric, String... params) {
    List<String> all = new ArrayList<>(params.length + 1);
    all.add(asMiddle(target));
    for (int i = 0; i < params.length; i++) {
      all.add(i == params.length - 1 ? params[i] : asMiddle(params[i]));
    }
    return IrcLimits.fit(new IrcMessage(Map.of(), Optional.of(serverName), numeric, all));
  }

  /**
   * {@code text} as a middle parameter: spaces become {@code _}, a leading {@code :} is dropped,
   * a very long one is cut, and nothing left becomes {@code *}.
   */
  public static String asMiddle(String text) {
    String middle = text.replace(' ', '_');
    while (middle.startsWith(":")) {
      middle = middle.substring(1);
    }
    middle = IrcLimits.utf8Prefix(middle, MAX_ECHOED_BYTES);
    return middle.isEmpty() ? "*" : middle;
  }

  /**
   * Longest a middle parameter may be, in UTF-8 bytes: a client's word echoed back is cut to
   * this, so that a reply always fits.
   */
  private static final int MAX_ECHOED_BYTES = 128;

  /** A command from the server itself, e.g. {@code PONG} or {@code NOTICE}. */
  public IrcMessage command(String command, String... params) {
    return IrcMessage.of(serverName, command, params);
  }

  /** {@code ERROR :text}: the last thing a client hears before the server closes it. */
  public IrcMessage error(String text) {
    return IrcLimits.fit(new IrcMessage(Map.of(), Optional.empty(), "ERROR", List.of(text)));
  }

  /** A command from user {@code nick}, e.g. its JOIN or PRIVMSG. */
  public IrcMessage fromUser(String nick, String command, String... params) {
    return IrcMessage.of(mask(nick), command, params);
  }

  /** A command from user {@code nick} whose user name is {@code user}. */
  public IrcMessage fromUserAs(String nick, String user, String command, String... params) {
    return IrcMessage.of(mask(nick, user), command, params);
  }

  /** RPL_WELCOME to RPL_MYINFO. */
  public List<IrcMessage> welcome(String nick, String network, String version, Instant created) {
    return List.of(
        numeric(nick, Numerics.RPL_WELCOME,
            "Welcome to the " + network + " IRC Network " + mask(nick)),
        numeric(nick, Numerics.RPL_YOURHOST,
            "Your host is " + serverName + ", running version " + version),
        numeric(nick, Numerics.RPL_CREATED, "This server was created " + created),
        numeric(nick, Numerics.RPL_MYINFO, serverName, version, USER_MODES, CHANNEL_MODES,
            CHANNEL_MODES_WITH_PARAMETER));
  }

  /**
   * The user modes: invisible, operator (given by OPER, dropped with {@code MODE nick -o}) and
   * wallops (shown WALLOPS).
   */
  public static final String USER_MODES = "iow";
  /** Every channel mode, member roles included, for RPL_MYINFO. */
  public static final String CHANNEL_MODES = "beIiklmnostv";
  /** The channel modes that take a parameter, RPL_MYINFO's last. */
  public static final String CHANNEL_MODES_WITH_PARAMETER = "beIklov";

  /** RPL_ISUPPORT lines, at most 13 tokens each as the spec advises. */
  public List<IrcMessage> isupport(String nick, List<String> tokens) {
    List<IrcMessage> lines = new ArrayList<>();
    for (int from = 0; from < tokens.size(); from += 13) {
      List<String> params =
          new ArrayList<>(tokens.subList(from, Math.min(tokens.size(), from + 13)));
      params.add(0, nick);
      params.add("are supported by this server");
      // The server's own tokens: written as they are, never cut like a client's words.
      lines.add(new IrcMessage(Map.of(), Optional.of(serverName), Numerics.RPL_ISUPPORT, params));
    }
    return lines;
  }

  /**
   * RPL_LUSERCLIENT to RPL_GLOBALUSERS, for {@code users} online ({@code invisible} of them +i),
   * {@code unknown} connections not registered yet, and {@code rooms} rooms.
   */
  public List<IrcMessage> lusers(
      String nick, int users, int invisible, int unknown, int maxUsers, int rooms) {
    return List.of(
        numeric(nick, Numerics.RPL_LUSERCLIENT, "There are " + (users - invisible)
            + " users and " + invisible + " invisible on 1 servers"),
        numeric(nick, Numerics.RPL_LUSEROP, "0", "operator(s) online"),
        numeric(nick, Numerics.RPL_LUSERUNKNOWN, String.valueOf(unknown),
            "unknown connection(s)"),
        numeric(nick, Numerics.RPL_LUSERCHANNELS, String.valueOf(rooms), "channels formed"),
        numeric(nick, Numerics.RPL_LUSERME, "I have " + users + " clients and 0 servers"),
        numeric(nick, Numerics.RPL_LOCALUSERS, String.valueOf(users), String.valueOf(maxUsers),
            "Current local users " + users + ", max " + maxUsers),
        numeric(nick, Numerics.RPL_GLOBALUSERS, String.valueOf(users), String.valueOf(maxUsers),
            "Current global users " + users + ", max " + maxUsers));
  }

  /** The message of the day, one RPL_MOTD per line, or ERR_NOMOTD when there is none. */
  public List<IrcMessage> motd(String nick, String motd) {
    List<String> text = new ArrayList<>();
    for (String line : motd.split("\\R")) {
      if (!line.isBlank()) {
        text.add(TextSanitizer.clean(line));
      }
    }
    if (text.isEmpty()) {
      return List.of(numeric(nick, Numerics.ERR_NOMOTD, "MOTD File is missing"));
    }
    List<IrcMessage> lines = new ArrayList<>();
    lines.add(numeric(nick, Numerics.RPL_MOTDSTART, "- " + serverName + " Message of the day - "));
    for (String line : text) {
      lines.add(numeric(nick, Numerics.RPL_MOTD, "- " + line));
    }
    lines.add(numeric(nick, Numerics.RPL_ENDOFMOTD, "End of /MOTD command."));
    return lines;
  }

  /**
   * The answer to {@code WHOWAS nick} for {@code me}, {@code entries} being who held it, newest
   * first: for each, RPL_WHOWASUSER (nickname, user name, the server's name as host, real name)
   * and RPL_WHOISSERVER, whose server info is when the nickname was let go of (UTC, whole
   * seconds), as InspIRCd and Solanum show it; ERR_WASNOSUCHNICK when there are none; then
   * RPL_ENDOFWHOWAS, which names {@code nick} as asked.
   */
  public List<IrcMessage> whowas(String me, String nick, List<FormerNick> entries) {
    List<IrcMessage> lines = new ArrayList<>();
    for (FormerNick entry : entries) {
      lines.add(numeric(me, Numerics.RPL_WHOWASUSER, entry.nick(), entry.user(), serverName, "*",
          entry.realName()));
      lines.add(numeric(me, Numerics.RPL_WHOISSERVER, entry.nick(), serverName,
          DateTimeFormatter.ISO_INSTANT.format(entry.left().truncatedTo(ChronoUnit.SECONDS))));
    }
    if (entries.isEmpty()) {
      lines.add(numeric(me, Numerics.ERR_WASNOSUCHNICK, nick, "There was no such nickname"));
    }
    lines.add(numeric(me, Numerics.RPL_ENDOFWHOWAS, nick, "End of WHOWAS"));
    return lines;
  }

  /**
   * RPL_NAMREPLY lines listing {@code nicks} in {@code channel}, as many as it takes to keep
   * each within 512 bytes, then RPL_ENDOFNAMES.
   */
  public List<IrcMessage> names(String nick, String channel, List<String> nicks) {
    return names(nick, false, channel, nicks);
  }

  /**
   * RPL_NAMREPLY lines as {@link #names(String, String, List)}, with the channel's symbol:
   * {@code @} for a {@code secret} channel, {@code =} for any other.
   */
  public List<IrcMessage> names(String nick, boolean secret, String channel, List<String> nicks) {
    List<IrcMessage> lines = new ArrayList<>(
        packed(nick, Numerics.RPL_NAMREPLY, List.of(secret ? "@" : "=", channel), nicks));
    lines.add(numeric(nick, Numerics.RPL_ENDOFNAMES, channel, "End of /NAMES list."));
    return lines;
  }

  /**
   * Numeric {@code numeric} to {@code target} with {@code params}, then {@code words} joined by
   * spaces as the last parameter: in as many lines as it takes to keep each within 512 bytes,
   * never cutting a word (RPL_NAMREPLY, RPL_WHOISCHANNELS, RPL_ISON). None when there are no
   * words.
   */
  public List<IrcMessage> packed(
      String target, String numeric, List<String> params, List<String> words) {
    List<String> withEmpty = new ArrayList<>(params);
    withEmpty.add("");
    int budget = IrcLimits.MAX_CONTENT_BYTES - IrcLimits.utf8Length(
        numeric(target, numeric, withEmpty.toArray(String[]::new)).render());
    List<IrcMessage> lines = new ArrayList<>();
    StringBuilder batch = new StringBuilder();
    for (String word : words) {
      int bytes = IrcLimits.utf8Length(word);
      if (batch.length() > 0 && IrcLimits.utf8Length(batch.toString()) + 1 + bytes > budget) {
        lines.add(packedLine(target, numeric, params, batch.toString()));
        batch.setLength(0);
      }
      if (batch.length() > 0) {
        batch.append(' ');
      }
      batch.append(word);
    }
    if (batch.length() > 0) {
      lines.add(packedLine(target, numeric, params, batch.toString()));
    }
    return lines;
  }

  private IrcMessage packedLine(String target, String numeric, List<String> params, String words) {
    List<String> all = new ArrayList<>(params);
    all.add(words);
    return numeric(target, numeric, all.toArray(String[]::new));
  }
}
