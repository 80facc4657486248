package lochat.protocol.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import lochat.chat.MessageKind;
import lochat.protocol.TextSanitizer;
import lochat.protocol.irc.IrcCommand.Answer;
import lochat.protocol.irc.IrcCommand.Query;

/**
 * Parses one line from an IRC client into an {@link IrcCommand}, with every command's rules in
 * one table, as the best IRC servers keep them: its name, whether it may be used before
 * registration, after it, or both, its least number of parameters, and how its parameters
 * become a command. Whatever a line lacks is answered here, the same way for every command:
 * ERR_UNKNOWNCOMMAND, ERR_NOTREGISTERED, ERR_ALREADYREGISTRED, ERR_NEEDMOREPARAMS, or the
 * command's own error (no nickname, no recipient, no text...).
 *
 * <p>Pure. What needs the server's state (does a channel exist, is the user in it) is the
 * session's to decide. A NOTICE gets no error reply about its targets or text (RFC 2812
 * 3.3.2), so a bad one parses to {@link IrcCommand.Ignored}; like any line, it is still
 * refused before registration, or when too long.
 */
public final class IrcCommandParser {

  /** Most targets one PRIVMSG, NOTICE, JOIN, PART, NAMES or WHOIS may name. */
  public static final int MAX_TARGETS = 4;
  /** Most nicknames one USERHOST answers for (RFC 2812 4.8); the rest are ignored. */
  public static final int MAX_USERHOST_NICKS = 5;

  /** When a command may be used: before registration only, after it only, or either. */
  public enum Usable { BEFORE_REGISTRATION, AFTER_REGISTRATION, ALWAYS }

  /** One row of the command table. */
  public record Syntax(String name, Usable usable, int minParams,
      Function<List<String>, IrcCommand> build) {}

  private static final IrcCommand IGNORED = new IrcCommand.Ignored();
  private static final Answer TOO_LONG =
      Answer.of(Numerics.ERR_INPUTTOOLONG, "Input line was too long");
  private static final Set<String> CAP_SUBCOMMANDS = Set.of("LS", "LIST", "REQ", "END");

  private static final Map<String, Syntax> TABLE = table(
      syntax("PASS", Usable.BEFORE_REGISTRATION, 1, p -> new IrcCommand.Pass(p.get(0))),
      syntax("NICK", Usable.ALWAYS, 0, IrcCommandParser::nick),
      syntax("USER", Usable.BEFORE_REGISTRATION, 4, IrcCommandParser::user),
      syntax("CAP", Usable.ALWAYS, 1, IrcCommandParser::cap),
      syntax("PING", Usable.ALWAYS, 0, IrcCommandParser::ping),
      syntax("PONG", Usable.ALWAYS, 0, p -> IGNORED),
      syntax("QUIT", Usable.ALWAYS, 0, p -> new IrcCommand.Quit(text(p, 0))),
      syntax("PRIVMSG", Usable.AFTER_REGISTRATION, 0, p -> message(p, "PRIVMSG")),
      syntax("NOTICE", Usable.AFTER_REGISTRATION, 0, p -> message(p, "NOTICE")),
      syntax("TAGMSG", Usable.AFTER_REGISTRATION, 0, p -> message(p, "TAGMSG")),
      syntax("JOIN", Usable.AFTER_REGISTRATION, 1, IrcCommandParser::join),
      syntax("PART", Usable.AFTER_REGISTRATION, 1, IrcCommandParser::part),
      syntax("TOPIC", Usable.AFTER_REGISTRATION, 1, p -> new IrcCommand.Topic(p.get(0),
          p.size() == 1 ? Optional.empty() : Optional.of(clean(p.get(1)).strip()))),
      syntax("NAMES", Usable.AFTER_REGISTRATION, 0, p -> new IrcCommand.Names(given(p, 0))),
      syntax("LIST", Usable.AFTER_REGISTRATION, 0,
          p -> new IrcCommand.ListChannels(given(p, 0))),
      syntax("MODE", Usable.AFTER_REGISTRATION, 1, IrcCommandParser::mode),
      syntax("KICK", Usable.AFTER_REGISTRATION, 2, IrcCommandParser::kick),
      syntax("INVITE", Usable.AFTER_REGISTRATION, 2,
          p -> new IrcCommand.Invite(p.get(0), p.get(1))),
      syntax("CHATHISTORY", Usable.AFTER_REGISTRATION, 0, ChathistoryRequest::parse),
      syntax("WHO", Usable.AFTER_REGISTRATION, 0,
          p -> new IrcCommand.Who(given(p, 0).orElse("*"))),
      syntax("WHOIS", Usable.AFTER_REGISTRATION, 0, IrcCommandParser::whois),
      syntax("WHOWAS", Usable.AFTER_REGISTRATION, 0, IrcCommandParser::whowas),
      syntax("AWAY", Usable.AFTER_REGISTRATION, 0, p -> new IrcCommand.Away(text(p, 0))),
      syntax("USERHOST", Usable.AFTER_REGISTRATION, 1, p -> new IrcCommand.Userhost(
          p.subList(0, Math.min(p.size(), MAX_USERHOST_NICKS)))),
      syntax("ISON", Usable.AFTER_REGISTRATION, 1, IrcCommandParser::ison),
      syntax("LUSERS", Usable.AFTER_REGISTRATION, 0,
          p -> new IrcCommand.ServerQuery(Query.LUSERS, Optional.empty())),
      syntax("MOTD", Usable.AFTER_REGISTRATION, 0, p -> serverQuery(Query.MOTD, p)),
      syntax("VERSION", Usable.AFTER_REGISTRATION, 0, p -> serverQuery(Query.VERSION, p)),
      syntax("TIME", Usable.AFTER_REGISTRATION, 0, p -> serverQuery(Query.TIME, p)),
      syntax("ADMIN", Usable.AFTER_REGISTRATION, 0, p -> serverQuery(Query.ADMIN, p)),
      syntax("INFO", Usable.AFTER_REGISTRATION, 0, p -> serverQuery(Query.INFO, p)),
      syntax("STATS", Usable.AFTER_REGISTRATION, 0, p -> Answer.of(Numerics.RPL_ENDOFSTATS,
          given(p, 0).map(IrcCommandParser::clean).orElse("*"), "End of STATS report")),
      syntax("OPER", Usable.AFTER_REGISTRATION, 2,
          p -> new IrcCommand.Oper(p.get(0), p.get(1))),
      syntax("KILL", Usable.AFTER_REGISTRATION, 2, p -> new IrcCommand.Kill(p.get(0),
          text(p, 1).orElse("No reason given"))),
      syntax("WALLOPS", Usable.AFTER_REGISTRATION, 1, p -> text(p, 0)
          .<IrcCommand>map(IrcCommand.Wallops::new).orElse(needMoreParams("WALLOPS"))),
      syntax("ZLINE", Usable.AFTER_REGISTRATION, 1, IrcCommandParser::zline),
      syntax("SUMMON", Usable.AFTER_REGISTRATION, 0,
          p -> Answer.of(Numerics.ERR_SUMMONDISABLED, "SUMMON has been disabled")),
      syntax("USERS", Usable.AFTER_REGISTRATION, 0,
          p -> Answer.of(Numerics.ERR_USERSDISABLED, "USERS has been disabled")));

  private IrcCommandParser() {}

  /** The command table, in the order above. */
  public static Map<String, Syntax> table() {
    return TABLE;
  }

  /** A line the framer found too long. */
  public static IrcCommand tooLong() {
    return TOO_LONG;
  }

  /** Parses {@code line}, from a client that has registered or has not. */
  public static IrcCommand parse(String line, boolean registered) {
    // NUL may not appear in IRC; dropping it keeps the rest of the line, as for other controls.
    String text = line.replace("\0", "");
    if (IrcLimits.tooLong(text).isPresent() || IrcLimits.clientTagDataTooLong(text)) {
      return TOO_LONG;
    }
    IrcParse parsed = IrcMessage.parse(text);
    if (parsed instanceof IrcParse.Ok ok) {
      return parse(ok.message(), registered);
    }
    String word = text.strip().split(" ", 2)[0];
    return word.isEmpty() ? IGNORED : unknown(clean(word));
  }

  /** Parses a message, from a client that has registered or has not. */
  public static IrcCommand parse(IrcMessage message, boolean registered) {
    Syntax syntax = TABLE.get(message.command());
    if (syntax == null) {
      return unknown(message.command());
    }
    if (!registered && syntax.usable() == Usable.AFTER_REGISTRATION) {
      return Answer.of(Numerics.ERR_NOTREGISTERED, "You have not registered");
    }
    if (registered && syntax.usable() == Usable.BEFORE_REGISTRATION) {
      return Answer.of(Numerics.ERR_ALREADYREGISTRED, "You may not reregister");
    }
    if (message.params().size() < syntax.minParams()) {
      return needMoreParams(syntax.name());
    }
    IrcCommand command = syntax.build().apply(message.params());
    if (command instanceof IrcCommand.Message parsed && !message.tags().isEmpty()) {
      return parsed.withTags(ClientTags.forwarded(message.tags()));
    }
    return command;
  }

  // --- the commands' own rules --------------------------------------------------------------

  private static IrcCommand nick(List<String> params) {
    if (params.isEmpty() || params.get(0).isEmpty()) {
      return Answer.of(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
    }
    String nick = params.get(0);
    return IrcNames.nickProblem(nick)
        .<IrcCommand>map(problem -> Answer.of(Numerics.ERR_ERRONEUSNICKNAME, clean(nick),
            "Erroneous nickname: " + problem))
        .orElseGet(() -> new IrcCommand.Nick(nick));
  }

  private static IrcCommand user(List<String> params) {
    if (params.get(0).isEmpty() || params.get(3).isEmpty()) {
      return needMoreParams("USER");
    }
    return new IrcCommand.User(params.get(0), clean(params.get(3)));
  }

  private static IrcCommand cap(List<String> params) {
    String subcommand = params.get(0).toUpperCase(Locale.ROOT);
    if (!CAP_SUBCOMMANDS.contains(subcommand)) {
      return Answer.of(Numerics.ERR_INVALIDCAPCMD, clean(params.get(0)), "Invalid CAP command");
    }
    return new IrcCommand.Cap(subcommand, params.subList(1, params.size()));
  }

  private static IrcCommand ping(List<String> params) {
    return given(params, 0).<IrcCommand>map(IrcCommand.Ping::new)
        .orElse(Answer.of(Numerics.ERR_NOORIGIN, "No origin specified"));
  }

  /**
   * PRIVMSG, NOTICE and TAGMSG. A CTCP ACTION becomes an action; other CTCP requests and
   * replies pass between IRC clients only.
   */
  private static IrcCommand message(List<String> params, String command) {
    boolean notice = command.equals("NOTICE");
    if (params.isEmpty() || TargetList.isEmpty(params.get(0))) {
      return notice ? IGNORED
          : Answer.of(Numerics.ERR_NORECIPIENT, "No recipient given (" + command + ")");
    }
    MessageKind kind = notice ? MessageKind.NOTICE : MessageKind.TEXT;
    String text = "";
    if (command.equals("TAGMSG")) {
      kind = MessageKind.TAGS_ONLY;
    } else {
      text = params.size() > 1 ? IrcText.stripFormatting(params.get(1)) : "";
      if (IrcText.isCtcp(text)) {
        Optional<String> action = IrcText.action(text);
        if (action.isPresent() && !notice) {
          kind = MessageKind.ACTION;
          text = action.get();
        } else {
          kind = notice ? MessageKind.CTCP_REPLY : MessageKind.CTCP;
          text = IrcText.ctcpBody(text);
        }
      }
      text = TextSanitizer.clean(text);
      if (text.isEmpty()) {
        return notice ? IGNORED : Answer.of(Numerics.ERR_NOTEXTTOSEND, "No text to send");
      }
    }
    return new IrcCommand.Message(params.get(0), kind, text, Map.of(), notice);
  }

  private static IrcCommand join(List<String> params) {
    if (TargetList.isEmpty(params.get(0))) {
      return needMoreParams("JOIN");
    }
    return params.get(0).equals("0") ? new IrcCommand.PartAll()
        : new IrcCommand.Join(params.get(0), params.size() > 1 ? params.get(1) : "");
  }

  private static IrcCommand part(List<String> params) {
    if (TargetList.isEmpty(params.get(0))) {
      return needMoreParams("PART");
    }
    return new IrcCommand.Part(params.get(0),
        text(params, 1).map(reason -> "part: " + reason).orElse("part"));
  }

  private static IrcCommand mode(List<String> params) {
    if (params.get(0).isEmpty()) {
      return needMoreParams("MODE");
    }
    return new IrcCommand.Mode(params.get(0), params.size() > 1 ? params.get(1) : "",
        params.size() > 2 ? params.subList(2, params.size()) : List.of());
  }

  private static IrcCommand kick(List<String> params) {
    if (params.get(0).isEmpty() || TargetList.isEmpty(params.get(1))) {
      return needMoreParams("KICK");
    }
    return new IrcCommand.Kick(params.get(0), params.get(1), text(params, 2));
  }

  private static IrcCommand whois(List<String> params) {
    // WHOIS [server] nicks: the nicknames are the last parameter.
    if (params.isEmpty() || TargetList.isEmpty(params.get(params.size() - 1))) {
      return Answer.of(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
    }
    return new IrcCommand.Whois(params.get(params.size() - 1));
  }

  private static IrcCommand whowas(List<String> params) {
    Optional<String> nick = given(params, 0);
    if (nick.isEmpty()) {
      return Answer.of(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given");
    }
    int count = 0;
    if (params.size() > 1 && params.get(1).matches("-?[0-9]{1,9}")) {
      count = Math.max(0, Integer.parseInt(params.get(1)));
    }
    return new IrcCommand.Whowas(clean(nick.get()), count);
  }

  private static IrcCommand ison(List<String> params) {
    List<String> nicks = new ArrayList<>();
    for (String param : params) {
      for (String nick : param.trim().split(" +")) {
        if (!nick.isEmpty()) {
          nicks.add(nick);
        }
      }
    }
    return new IrcCommand.Ison(nicks);
  }

  private static IrcCommand zline(List<String> params) {
    if (params.get(0).isEmpty() || params.size() == 2) {
      return needMoreParams("ZLINE");
    }
    if (params.size() == 1) {
      return new IrcCommand.Zline(params.get(0), Optional.empty(), "");
    }
    return new IrcCommand.Zline(params.get(0), Optional.of(params.get(1)),
        text(params, 2).orElse("No reason given"));
  }

  private static IrcCommand serverQuery(Query query, List<String> params) {
    return new IrcCommand.ServerQuery(query, given(params, 0));
  }

  // --- helpers ------------------------------------------------------------------------------

  private static Answer unknown(String command) {
    return Answer.of(Numerics.ERR_UNKNOWNCOMMAND, command, "Unknown command");
  }

  private static Answer needMoreParams(String command) {
    return Answer.of(Numerics.ERR_NEEDMOREPARAMS, command, "Not enough parameters");
  }

  /** Parameter {@code index} if it was given and is not empty. */
  private static Optional<String> given(List<String> params, int index) {
    return params.size() > index && !params.get(index).isEmpty()
        ? Optional.of(params.get(index)) : Optional.empty();
  }

  /** Parameter {@code index} as text for people: cleaned, stripped, empty when blank. */
  private static Optional<String> text(List<String> params, int index) {
    return given(params, index).map(text -> clean(text).strip()).filter(text -> !text.isEmpty());
  }

  private static String clean(String text) {
    return IrcText.clean(text);
  }

  private static Syntax syntax(String name, Usable usable, int minParams,
      Function<List<String>, IrcCommand> build) {
    return new Syntax(name, usable, minParams, build);
  }

  private static Map<String, Syntax> table(Syntax... rows) {
    Map<String, Syntax> table = new LinkedHashMap<>();
    for (Syntax row : rows) {
      table.put(row.name(), row);
    }
    return Collections.unmodifiableMap(table);
  }
}
