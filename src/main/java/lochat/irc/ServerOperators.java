package lochat.irc;

import java.util.Optional;
import java.util.function.Consumer;
import lochat.chat.ChatEvent;
import lochat.operators.Operators;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.registry.Audience;
import lochat.registry.Registry;

/**
 * Server operators on IRC: {@code OPER}, and what an operator may do, {@code KILL},
 * {@code WALLOPS} and InspIRCd's {@code ZLINE} (address bans). The decisions are the
 * {@link Operators} actor's and the registry's; this says them the IRC way: RPL_YOUREOPER and
 * {@code MODE nick +o}, ERR_PASSWDMISMATCH for a wrong name or password alike, ERR_NOOPERHOST
 * when the server has no operators, ERR_NOPRIVILEGES to anyone else, and server notices
 * ({@code *** ...}) for what a ban did.
 */
final class ServerOperators {

  private ServerOperators() {}

  static void oper(IrcClient client, IrcCommand.Oper oper) {
    client.session.operators().tell(new Operators.LogIn(client.session.remoteHost(),
        oper.name(), oper.password(), client.session.replies().oper()));
    client.awaited.request();
  }

  static void operAnswered(IrcClient client, Operators.LoginResult result) {
    if (result instanceof Operators.LoggedIn) {
      boolean already = client.operator;
      client.operator = true;
      client.session.registry().tell(
          new Registry.SetOperator(client.session.chatAddress(), true));
      client.send(client.numeric(Numerics.RPL_YOUREOPER, "You are now an IRC operator"));
      if (!already && client.userModes.add('o')) {
        client.send(client.replies.fromUser(client.nick(), "MODE", client.nick(), "+o"));
      }
    } else if (result instanceof Operators.NoOperators) {
      client.send(client.numeric(Numerics.ERR_NOOPERHOST, "No O-lines for your host"));
    } else if (((Operators.LoginRefused) result).unchecked()) {
      client.send(client.numeric(Numerics.ERR_PASSWDMISMATCH,
          "Too many OPER attempts from your address; try again later"));
    } else {
      client.send(client.numeric(Numerics.ERR_PASSWDMISMATCH, "Password incorrect"));
    }
  }

  /** The user gave up being an operator ({@code MODE nick -o}). */
  static void deoper(IrcClient client) {
    client.operator = false;
    client.session.registry().tell(new Registry.SetOperator(client.session.chatAddress(), false));
  }

  static void kill(IrcClient client, IrcCommand.Kill kill) {
    if (refused(client)) {
      return;
    }
    String reason = "Killed (" + client.nick() + " (" + kill.reason() + "))";
    tell(client, Audience.nick(kill.nick()), new ChatEvent.Removed(reason, false), reached -> {
      if (reached.users() == 0) {
        client.noSuchNick(kill.nick());
      } else {
        notice(client, "Killed " + IrcText.clean(kill.nick()) + ": " + reason);
      }
    });
  }

  static void wallops(IrcClient client, IrcCommand.Wallops wallops) {
    if (!refused(client)) {
      tell(client, Audience.everyone(),
          new ChatEvent.Wallops(client.nick(), client.userName, wallops.text()), reached -> { });
    }
  }

  static void zline(IrcClient client, IrcCommand.Zline zline) {
    if (refused(client)) {
      return;
    }
    if (zline.duration().isPresent() && !zline.duration().get().equals("0")) {
      notice(client, "Lochat's Z-lines are permanent: give 0 as the duration, e.g. ZLINE "
          + IrcText.clean(zline.mask()) + " 0 :" + zline.reason());
      return;
    }
    client.session.operators().tell(zline.duration().isPresent()
        ? new Operators.Ban(zline.mask(), zline.reason(), client.nick(),
            client.session.replies().ban())
        : new Operators.Unban(zline.mask(), client.session.replies().ban()));
    client.awaited.request();
  }

  static void banAnswered(IrcClient client, Operators.BanResult result) {
    if (result instanceof Operators.Banned banned) {
      notice(client, (banned.replaced() ? "Replaced" : "Added") + " permanent Z-line on "
          + banned.ban().mask() + ": " + banned.ban().reason());
    } else if (result instanceof Operators.Unbanned unbanned) {
      notice(client, "Removed Z-line on " + unbanned.ban().mask());
    } else if (result instanceof Operators.NotBanned notBanned) {
      notice(client, "Z-line on " + IrcText.clean(notBanned.mask()) + " not found on the list");
    } else if (result instanceof Operators.BadMask bad) {
      notice(client, "Cannot add a Z-line: " + IrcText.clean(bad.problem()));
    }
  }

  static void reachedAnswered(IrcClient client, Audience.Reached reached) {
    Consumer<Audience.Reached> then = client.onReached;
    client.onReached = ignored -> { };
    then.accept(reached);
  }

  /** ERR_NOPRIVILEGES, unless the user is an operator. */
  private static boolean refused(IrcClient client) {
    if (!client.operator) {
      client.send(client.numeric(
          Numerics.ERR_NOPRIVILEGES, "Permission Denied - You're not an IRC operator"));
    }
    return !client.operator;
  }

  private static void tell(IrcClient client, Audience audience, ChatEvent event,
      Consumer<Audience.Reached> then) {
    client.onReached = then;
    client.session.registry().tell(new Registry.Tell(audience, event,
        Optional.of(client.session.replies().reached())));
    client.awaited.request();
  }

  private static void notice(IrcClient client, String text) {
    client.send(client.replies.command("NOTICE", client.nick(), "*** " + text));
  }
}
