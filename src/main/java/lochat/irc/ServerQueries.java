package lochat.irc;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import lochat.Version;
import lochat.chat.ModeChanges;
import lochat.chat.Names;
import lochat.chat.RoomModes;
import lochat.protocol.irc.ChathistoryRequest;
import lochat.protocol.irc.IrcCase;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcCommandParser;
import lochat.protocol.irc.IrcLimits;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.registry.Registry;

/**
 * What a client may ask of the server itself: the welcome burst with RPL_ISUPPORT, LUSERS,
 * MOTD, VERSION, TIME, ADMIN, INFO and PING. The answers are fixed text, the settings and the
 * registry's counts; a query naming another server gets ERR_NOSUCHSERVER, as there is only one.
 */
final class ServerQueries {

  static final String VERSION = "lochat-" + Version.CURRENT;
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEEE MMMM d uuuu -- HH:mm:ss xxx", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private ServerQueries() {}

  /** The replies to a new registration; the LUSERS and MOTD that end them come later. */
  static void welcome(IrcClient client) {
    client.sendAll(client.replies.welcome(client.nick(), client.irc.network(), VERSION,
        client.started));
    client.sendAll(client.replies.isupport(client.nick(), isupport(client)));
    client.welcoming = true;
    client.askOnline();
  }

  private static List<String> isupport(IrcClient client) {
    int targets = IrcCommandParser.MAX_TARGETS;
    return List.of(
        "AWAYLEN=" + IrcLimits.MAX_CONTENT_BYTES,
        IrcCase.ISUPPORT_TOKEN,
        "CHANLIMIT=#:" + client.settings().maxRoomsPerUser(),
        "CHANMODES=" + ModeChanges.LISTS + ",k,l," + sorted(RoomModes.FLAGS),
        "CHANNELLEN=" + (Names.MAX_LENGTH + 1),
        "CHANTYPES=#",
        ChathistoryRequest.ISUPPORT_TOKENS.get(0),
        "KEYLEN=" + RoomModes.MAX_KEY_LENGTH,
        "MAXLIST=" + ModeChanges.LISTS + ":" + ModeChanges.MAX_LIST,
        "MAXTARGETS=" + targets,
        "MODES=" + ModeChanges.MAX_CHANGES,
        ChathistoryRequest.ISUPPORT_TOKENS.get(1),
        "NETWORK=" + client.irc.network(),
        "NICKLEN=" + Names.MAX_LENGTH,
        "PREFIX=(ov)@+",
        "TARGMAX=JOIN:" + targets + ",PART:" + targets + ",PRIVMSG:" + targets
            + ",NOTICE:" + targets + ",NAMES:" + targets + ",WHOIS:" + targets + ",KICK:" + targets
            + ",USERHOST:" + IrcCommandParser.MAX_USERHOST_NICKS,
        "USERLEN=" + IrcNames.MAX_USER_NAME,
        "UTF8ONLY");
  }

  private static String sorted(String letters) {
    char[] sorted = letters.toCharArray();
    Arrays.sort(sorted);
    return new String(sorted);
  }

  static void query(IrcClient client, IrcCommand.ServerQuery query) {
    if (query.server().isPresent()
        && !query.server().get().equalsIgnoreCase(client.replies.serverName())) {
      client.send(client.numeric(
          Numerics.ERR_NOSUCHSERVER, IrcText.clean(query.server().get()), "No such server"));
      return;
    }
    String server = client.replies.serverName();
    switch (query.query()) {
      case LUSERS -> client.askOnline();
      case MOTD -> client.sendAll(client.replies.motd(client.nick(), client.settings().motd()));
      case VERSION -> {
        client.send(client.numeric(
            Numerics.RPL_VERSION, VERSION, server, UserQueries.SERVER_INFO));
        client.sendAll(client.replies.isupport(client.nick(), isupport(client)));
      }
      case TIME -> client.send(client.numeric(
          Numerics.RPL_TIME, server, TIME.format(client.clock.instant())));
      case ADMIN -> {
        client.send(client.numeric(Numerics.RPL_ADMINME, server, "Administrative info"));
        client.send(client.numeric(
            Numerics.RPL_ADMINLOC1, "A Lochat server on the local network"));
        client.send(client.numeric(Numerics.RPL_ADMINLOC2, "Run by whoever started it"));
        client.send(client.numeric(Numerics.RPL_ADMINEMAIL, "No e-mail address is kept"));
      }
      case INFO -> {
        client.send(client.numeric(Numerics.RPL_INFO,
            UserQueries.SERVER_INFO + ", version " + Version.CURRENT));
        client.send(client.numeric(
            Numerics.RPL_INFO, "Built on Apache Pekko; see docs/protocol.md"));
        client.send(client.numeric(Numerics.RPL_ENDOFINFO, "End of /INFO list"));
      }
    }
  }

  /** LUSERS; the first answer, to the welcome, is followed by the MOTD. */
  static void onlineAnswered(IrcClient client, Registry.Online online) {
    client.sendAll(client.replies.lusers(client.nick(), online.users(), online.invisible(),
        online.unknown(), online.maxUsers(), online.rooms()));
    if (client.welcoming) {
      client.welcoming = false;
      client.sendAll(client.replies.motd(client.nick(), client.settings().motd()));
    }
  }

  static void ping(IrcClient client, IrcCommand.Ping ping) {
    client.send(client.replies.command("PONG", client.replies.serverName(), ping.token()));
  }
}
