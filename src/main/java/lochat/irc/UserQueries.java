package lochat.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import lochat.chat.Roles;
import lochat.protocol.WildcardMask;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.IrcCase;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcReplies;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.registry.Registry;
import lochat.room.ChatRoom;

/**
 * Users: changing one's nickname, user modes and away status, and asking about others (WHO,
 * WHOIS, WHOWAS, USERHOST, ISON), answered from the registry. Every user's host is the
 * server's name, so that no client learns another's address. User modes {@code +i} and
 * {@code +w} may be set; {@code +o} is ignored, as RFC 2812 asks (OPER gives it), and
 * {@code -o} gives up being a server operator.
 */
final class UserQueries {

  /** The server's line in WHOIS. */
  static final String SERVER_INFO = "Lochat, a chat server for the LAN";

  private UserQueries() {}

  static void nick(IrcClient client, IrcCommand.Nick nick) {
    if (nick.nick().equals(client.nick())) {
      return;
    }
    client.session.registry().tell(new Registry.ChangeNick(
        nick.nick(), client.session.chatAddress(), client.session.replies().nick()));
    client.awaited.request();
  }

  static void nickAnswered(IrcClient client, Registry.NickResult result) {
    if (result instanceof Registry.NickAccepted accepted) {
      String oldNick = client.nick();
      client.session.nickAccepted(accepted.nick());
      client.channels.renamedEverywhere(oldNick, accepted.nick());
      client.send(client.events.renamed(oldNick, client.userName, accepted.nick()));
      client.log.info("{} ({}) is now {}", oldNick, client.session.remote(), accepted.nick());
    } else {
      client.nickRefused(result);
    }
  }

  static void who(IrcClient client, IrcCommand.Who who) {
    String mask = who.mask();
    Optional<String> room = IrcNames.room(mask);
    if (room.isPresent()) {
      client.askMembers(room.get(), members -> {
        if (!(members instanceof ChatRoom.Members found)) {
          client.send(endOfWho(client, mask));
          return;
        }
        // The room's members, looked up by nickname wherever they are connected.
        client.askUsers(new Registry.LookUp(found.nicks(), client.session.replies().users()),
            users -> {
          List<IrcMessage> lines = new ArrayList<>();
          for (Registry.UserDetails user : users.users()) {
            lines.add(whoReply(client, IrcNames.channel(found.room()), user,
                found.roles().getOrDefault(user.nick(), Roles.NONE)));
          }
          lines.add(endOfWho(client, mask));
          client.sendAll(lines);
        });
      });
    } else if (IrcNames.isChannel(mask)) {
      client.send(endOfWho(client, IrcText.clean(mask)));
    } else {
      Optional<WildcardMask> glob = WildcardMask.of(mask.equals("0") ? "*" : mask);
      if (glob.isEmpty()) {
        client.send(client.numeric(Numerics.ERR_TOOMANYMATCHES, "WHO",
            "Mask longer than " + WildcardMask.MAX_LENGTH + " characters"));
        client.send(endOfWho(client, IrcText.clean(mask)));
        return;
      }
      client.askUsers(new Registry.ListUsers(Optional.empty(), client.session.chatAddress(),
          client.session.replies().users()),
          users -> {
            List<IrcMessage> lines = new ArrayList<>();
            for (Registry.UserDetails user : users.users()) {
              // RFC 2812 3.6.1: nickname, user name, host, server and real name.
              if (Stream.of(user.nick(), user.profile().user(), client.replies.serverName(),
                  user.profile().realName()).anyMatch(glob.get()::matches)) {
                lines.add(whoReply(client,
                    user.rooms().isEmpty() ? "*" : IrcNames.channel(user.rooms().get(0)), user,
                    Roles.NONE));
              }
            }
            lines.add(endOfWho(client, IrcText.clean(mask)));
            client.sendAll(lines);
          });
    }
  }

  /** RPL_WHOREPLY; its flags are {@code H} or {@code G} (away), then the member's prefixes. */
  private static IrcMessage whoReply(IrcClient client, String channel, Registry.UserDetails user,
      Roles roles) {
    String server = client.replies.serverName();
    String flags = (user.away().isPresent() ? "G" : "H")
        + roles.prefixes(client.capEnabled(Capabilities.MULTI_PREFIX));
    return client.numeric(Numerics.RPL_WHOREPLY, channel, user.profile().user(), server, server,
        user.nick(), flags, "0 " + user.profile().realName());
  }

  private static IrcMessage endOfWho(IrcClient client, String mask) {
    return client.numeric(Numerics.RPL_ENDOFWHO, mask, "End of WHO list");
  }

  static void whois(IrcClient client, IrcCommand.Whois whois) {
    for (String target : client.targets(whois.nicks(), true)) {
      client.session.registry().tell(new Registry.Whois(target, client.session.chatAddress(),
          client.session.replies().user()));
      client.awaited.request();
    }
  }

  static void whoisAnswered(IrcClient client, Registry.UserResult result) {
    if (result instanceof Registry.UserDetails user) {
      client.send(client.numeric(Numerics.RPL_WHOISUSER, user.nick(), user.profile().user(),
          client.replies.serverName(), "*", user.profile().realName()));
      client.sendAll(client.replies.packed(client.nick(), Numerics.RPL_WHOISCHANNELS,
          List.of(user.nick()), user.rooms().stream().map(IrcNames::channel).toList()));
      client.send(client.numeric(
          Numerics.RPL_WHOISSERVER, user.nick(), client.replies.serverName(), SERVER_INFO));
      if (user.operator()) {
        client.send(client.numeric(Numerics.RPL_WHOISOPERATOR, user.nick(),
            "is an IRC operator"));
      }
      user.away().ifPresent(away -> client.send(
          client.numeric(Numerics.RPL_AWAY, user.nick(), away)));
      client.send(client.numeric(Numerics.RPL_ENDOFWHOIS, user.nick(), "End of /WHOIS list."));
    } else {
      String missing = IrcText.clean(((Registry.NoSuchNick) result).nick());
      client.noSuchNick(missing);
      client.send(client.numeric(Numerics.RPL_ENDOFWHOIS, missing, "End of /WHOIS list."));
    }
  }

  /** Who used a nickname that is no longer in use: the registry keeps the latest departures. */
  static void whowas(IrcClient client, IrcCommand.Whowas whowas) {
    client.session.registry().tell(
        new Registry.Whowas(whowas.nick(), whowas.count(), client.session.replies().was()));
    client.awaited.request();
  }

  static void whowasAnswered(IrcClient client, Registry.WasResult result) {
    client.sendAll(client.replies.whowas(client.nick(), result.nick(), result.entries()));
  }

  static void away(IrcClient client, IrcCommand.Away away) {
    client.session.registry().tell(
        new Registry.SetAway(client.session.chatAddress(), away.message()));
    if (away.message().isPresent()) {
      client.send(client.numeric(Numerics.RPL_NOWAWAY, "You have been marked as being away"));
    } else {
      client.send(client.numeric(Numerics.RPL_UNAWAY, "You are no longer marked as being away"));
    }
  }

  static void userhost(IrcClient client, IrcCommand.Userhost userhost) {
    client.askUsers(new Registry.LookUp(userhost.nicks(), client.session.replies().users()),
        users -> {
          List<String> found = new ArrayList<>();
          for (Registry.UserDetails user : users.users()) {
            found.add(user.nick() + "=" + (user.away().isPresent() ? "-" : "+")
                + user.profile().user() + "@" + client.replies.serverName());
          }
          client.send(client.numeric(Numerics.RPL_USERHOST, String.join(" ", found)));
        });
  }

  static void ison(IrcClient client, IrcCommand.Ison ison) {
    client.askUsers(new Registry.LookUp(ison.nicks(), client.session.replies().users()),
        users -> {
          List<IrcMessage> lines = client.replies.packed(client.nick(), Numerics.RPL_ISON,
              List.of(), users.users().stream().map(Registry.UserDetails::nick).toList());
          client.sendAll(lines.isEmpty() ? List.of(client.numeric(Numerics.RPL_ISON, "")) : lines);
        });
  }

  /** A channel's modes, the user's own, or another user's, which may not be changed. */
  static void mode(IrcClient client, IrcCommand.Mode mode) {
    String target = mode.target();
    if (IrcNames.isChannel(target)) {
      RoomModeration.mode(client, target, mode.modes(), mode.arguments());
    } else if (IrcCase.foldCase(target).equals(IrcCase.foldCase(client.nick()))) {
      userMode(client, mode.modes());
    } else {
      client.askUsers(new Registry.LookUp(List.of(target), client.session.replies().users()),
          users -> {
            if (users.users().isEmpty()) {
              client.noSuchNick(target);
            } else {
              client.send(client.numeric(
                  Numerics.ERR_USERSDONTMATCH, "Cant change mode for other users"));
            }
          });
    }
  }

  private static void userMode(IrcClient client, String modes) {
    if (modes.isEmpty()) {
      StringBuilder current = new StringBuilder("+");
      client.userModes.forEach(current::append);
      client.send(client.numeric(Numerics.RPL_UMODEIS, current.toString()));
      return;
    }
    StringBuilder applied = new StringBuilder();
    boolean adding = true;
    char lastSign = 0;
    boolean unknown = false;
    for (char c : modes.toCharArray()) {
      if (c == '+' || c == '-') {
        adding = c == '+';
      } else if (c == 'O' || c == 'o' && (adding || !client.operator)) {
        continue;
      } else if (IrcReplies.USER_MODES.indexOf(c) < 0) {
        unknown = true;
      } else if (adding ? client.userModes.add(c) : client.userModes.remove(c)) {
        char sign = adding ? '+' : '-';
        if (sign != lastSign) {
          applied.append(sign);
          lastSign = sign;
        }
        applied.append(c);
      }
    }
    if (client.operator && !client.userModes.contains('o')) {
      ServerOperators.deoper(client);
    }
    if (applied.length() > 0) {
      client.session.registry().tell(new Registry.SetInvisible(
          client.session.chatAddress(), client.userModes.contains('i')));
      client.send(client.replies.fromUser(client.nick(), "MODE", client.nick(),
          applied.toString()));
    }
    if (unknown) {
      client.send(client.numeric(Numerics.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag"));
    }
  }
}
