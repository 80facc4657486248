package lochat.protocol.irc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lochat.chat.ModeChange;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.store.ListEntry;

/**
 * How a room's moderation looks on IRC: a room's refusals as the numerics RFC 2812 and the
 * Modern IRC documentation give them (with InspIRCd's texts), its modes (RPL_CHANNELMODEIS and
 * RPL_CREATIONTIME), its lists (bans 367/368, exceptions 348/349, invite exceptions 346/347),
 * and mode changes as {@code MODE} lines.
 *
 * <p>Pure: strings in, messages out, through the server's {@link IrcReplies}. A mode change
 * whose arguments do not fit one line is sent as several {@code MODE} lines, each with whole
 * changes, in order.
 */
public final class RoomReplies {

  /** Most bytes the mode string and arguments of one MODE line take: room for the prefix. */
  static final int MAX_MODE_BYTES = 300;

  private final IrcReplies replies;

  public RoomReplies(IrcReplies replies) {
    this.replies = replies;
  }

  /**
   * The numeric that says why a room refused {@code me}: {@code subject} is the nick, mask or
   * argument concerned, {@code mode} the mode letter of a refused mode change (or 0).
   */
  public IrcMessage refused(String me, String channel, RoomRefusal refusal, String subject,
      char mode) {
    String who = subject.isEmpty() ? "*" : IrcText.clean(subject);
    return switch (refusal) {
      case NO_SUCH_ROOM -> replies.numeric(me, Numerics.ERR_NOSUCHCHANNEL, channel,
          "No such channel");
      case NOT_ON_ROOM -> replies.numeric(me, Numerics.ERR_NOTONCHANNEL, channel,
          "You're not on that channel");
      case NOT_OPERATOR -> replies.numeric(me, Numerics.ERR_CHANOPRIVSNEEDED, channel,
          "You're not channel operator");
      case USER_NOT_IN_ROOM -> replies.numeric(me, Numerics.ERR_USERNOTINCHANNEL, who, channel,
          "They aren't on that channel");
      case ALREADY_IN_ROOM -> replies.numeric(me, Numerics.ERR_USERONCHANNEL, who, channel,
          "is already on channel");
      case NO_SUCH_NICK -> replies.numeric(me, Numerics.ERR_NOSUCHNICK, who,
          "No such nick/channel");
      case BANNED -> replies.numeric(me, Numerics.ERR_BANNEDFROMCHAN, channel,
          "Cannot join channel (you're banned)");
      case INVITE_ONLY -> replies.numeric(me, Numerics.ERR_INVITEONLYCHAN, channel,
          "Cannot join channel (invite only)");
      case BAD_KEY -> replies.numeric(me, Numerics.ERR_BADCHANNELKEY, channel,
          "Cannot join channel (incorrect channel key)");
      case FULL -> replies.numeric(me, Numerics.ERR_CHANNELISFULL, channel,
          "Cannot join channel (channel is full)");
      case CANNOT_SEND -> replies.numeric(me, Numerics.ERR_CANNOTSENDTOCHAN, channel,
          "Cannot send to channel");
      case LIST_FULL -> replies.numeric(me, Numerics.ERR_BANLISTFULL, channel,
          String.valueOf(mode == 0 ? 'b' : mode), who, "Channel list is full");
      case INVALID_KEY -> invalidParameter(me, channel, 'k', who, refusal.text());
      case INVALID_LIMIT -> invalidParameter(me, channel, 'l', who, refusal.text());
      case INVALID_MASK -> invalidParameter(me, channel, mode == 0 ? 'b' : mode, who,
          refusal.text());
    };
  }

  private IrcMessage invalidParameter(String me, String channel, char mode, String parameter,
      String why) {
    return replies.numeric(me, Numerics.ERR_INVALIDMODEPARAM, channel, String.valueOf(mode),
        parameter, why);
  }

  /** ERR_UNKNOWNMODE for a letter no room knows, in RFC 2812's words. */
  public IrcMessage unknownMode(String me, char mode, String channel) {
    return replies.numeric(me, Numerics.ERR_UNKNOWNMODE, String.valueOf(mode),
        "is unknown mode char to me for " + channel);
  }

  /** RPL_CHANNELMODEIS (the key itself only when {@code showKey}) and RPL_CREATIONTIME. */
  public List<IrcMessage> modesAre(String me, String channel, RoomModes modes, boolean showKey,
      Instant created) {
    List<String> params = new ArrayList<>(List.of(channel));
    params.addAll(List.of(modes.describe(showKey).split(" ")));
    return List.of(
        replies.numeric(me, Numerics.RPL_CHANNELMODEIS, params.toArray(String[]::new)),
        replies.numeric(me, Numerics.RPL_CREATIONTIME, channel,
            String.valueOf(created.getEpochSecond())));
  }

  /** A list ({@code b}, {@code e} or {@code I}), entry by entry, then its end. */
  public List<IrcMessage> list(String me, String channel, char list, List<ListEntry> entries) {
    String entry = switch (list) {
      case 'e' -> Numerics.RPL_EXCEPTLIST;
      case 'I' -> Numerics.RPL_INVITELIST;
      default -> Numerics.RPL_BANLIST;
    };
    List<IrcMessage> lines = new ArrayList<>();
    for (ListEntry item : entries) {
      lines.add(replies.numeric(me, entry, channel, item.mask(), item.setBy(),
          String.valueOf(item.setAt().getEpochSecond())));
    }
    lines.add(switch (list) {
      case 'e' -> replies.numeric(me, Numerics.RPL_ENDOFEXCEPTLIST, channel,
          "End of channel exception list");
      case 'I' -> replies.numeric(me, Numerics.RPL_ENDOFINVITELIST, channel,
          "End of channel invite list");
      default -> replies.numeric(me, Numerics.RPL_ENDOFBANLIST, channel,
          "End of channel ban list");
    });
    return lines;
  }

  /**
   * {@code changes} by {@code nick} (user name {@code user}) as MODE lines:
   * {@code :nick!user@host MODE #room +o-v ann bob}.
   */
  public List<IrcMessage> modesChanged(String nick, String user, String channel,
      List<ModeChange> changes) {
    List<IrcMessage> lines = new ArrayList<>();
    for (List<String> params : modeParams(changes)) {
      List<String> all = new ArrayList<>(List.of(channel));
      all.addAll(params);
      lines.add(replies.fromUserAs(nick, user, "MODE", all.toArray(String[]::new)));
    }
    return lines;
  }

  /**
   * The parameters of MODE lines for {@code changes}: each a mode string such as {@code +o-v}
   * and its arguments, as many lines as keep each within {@link #MAX_MODE_BYTES}.
   */
  public static List<List<String>> modeParams(List<ModeChange> changes) {
    List<List<String>> lines = new ArrayList<>();
    StringBuilder letters = new StringBuilder();
    List<String> arguments = new ArrayList<>();
    int bytes = 0;
    char sign = 0;
    for (ModeChange change : changes) {
      int size = 2 + (change.hasArgument() ? 1 + IrcLimits.utf8Length(change.argument()) : 0);
      if (letters.length() > 0 && bytes + size > MAX_MODE_BYTES) {
        lines.add(line(letters, arguments));
        letters.setLength(0);
        arguments.clear();
        bytes = 0;
        sign = 0;
      }
      char wanted = change.adding() ? '+' : '-';
      if (wanted != sign) {
        letters.append(wanted);
        sign = wanted;
      }
      letters.append(change.mode());
      if (change.hasArgument()) {
        arguments.add(change.argument());
      }
      bytes += size;
    }
    if (letters.length() > 0) {
      lines.add(line(letters, arguments));
    }
    return lines;
  }

  private static List<String> line(StringBuilder letters, List<String> arguments) {
    List<String> params = new ArrayList<>();
    params.add(letters.toString());
    params.addAll(arguments);
    return params;
  }

  /**
   * {@code nicks} with their prefixes from {@code roles} (by nickname), for NAMES: the highest
   * only, or all of them when {@code all} (IRCv3 {@code multi-prefix}).
   */
  public static List<String> prefixed(List<String> nicks, Map<String, Roles> roles,
      boolean all) {
    List<String> prefixed = new ArrayList<>(nicks.size());
    for (String nick : nicks) {
      prefixed.add(roles.getOrDefault(nick, Roles.NONE).prefixes(all) + nick);
    }
    return prefixed;
  }

  /** {@code :by!user@host KICK #room nick :reason}; no reason given shows the kicker's nick. */
  public IrcMessage kicked(String by, String user, String channel, String nick, String reason) {
    return IrcLimits.fit(replies.fromUserAs(by, user, "KICK", channel, nick,
        reason.isEmpty() ? by : reason));
  }

  /** {@code :by!user@host INVITE nick #room}, to the user invited. */
  public IrcMessage invited(String by, String user, String nick, String channel) {
    return replies.fromUserAs(by, user, "INVITE", nick, channel);
  }

  /** RPL_INVITING, to the one who invited. */
  public IrcMessage inviting(String me, String nick, String channel) {
    return replies.numeric(me, Numerics.RPL_INVITING, nick, channel);
  }
}
