package lochat.line;

import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.connection.SessionLifecycle;
import lochat.operators.Operators;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineCommand;
import lochat.protocol.line.NativeReplies;
import lochat.registry.Audience;
import lochat.registry.Registry;

/**
 * Server operators on the native protocol: {@code /oper}, and what an operator may do,
 * {@code /kill}, {@code /wallops} and the server bans ({@code /serverban}, {@code /serverunban},
 * {@code /serverbans}). It holds whether this session's user is an operator; the decisions are
 * the {@link Operators} actor's and the registry's, and this says them in native lines.
 *
 * <p>Part of one {@link NativeSession}, on its actor only. Every request it makes is answered
 * once, and the session holds the line until then.
 */
final class NativeOperators {

  private final SessionLifecycle session;
  private final NativeReplies render;
  private boolean operator;
  /** The nickname the line being handled kills, while the registry's answer is awaited. */
  private String killing;

  NativeOperators(SessionLifecycle session, NativeReplies render) {
    this.session = session;
    this.render = render;
  }

  /** Whether {@code command} is one of these. */
  static boolean handles(LineCommand command) {
    return command instanceof LineCommand.Oper || command instanceof LineCommand.Kill
        || command instanceof LineCommand.Wallops || command instanceof LineCommand.ServerBan
        || command instanceof LineCommand.ServerUnban
        || command instanceof LineCommand.ServerBans;
  }

  /** Carries out {@code command}; whether an answer is now awaited. */
  boolean handle(LineCommand command) {
    if (command instanceof LineCommand.Oper oper) {
      session.operators().tell(new Operators.LogIn(session.remoteHost(), oper.name(),
          oper.password(), session.replies().oper()));
      return true;
    }
    if (!operator) {
      session.send(render.error(ErrorCode.NOT_OPERATOR,
          "Only server operators may do that; /oper NAME PASSWORD first"));
      return false;
    }
    if (command instanceof LineCommand.Kill kill) {
      killing = kill.nick();
      tell(Audience.nick(kill.nick()), new ChatEvent.Removed(
          "Killed (" + session.nick() + " (" + kill.reason() + "))", false));
    } else if (command instanceof LineCommand.Wallops wallops) {
      tell(Audience.everyone(), new ChatEvent.Wallops(session.nick(), session.nick(),
          wallops.text()));
    } else if (command instanceof LineCommand.ServerBan ban) {
      session.operators().tell(new Operators.Ban(ban.mask(), ban.reason(), session.nick(),
          session.replies().ban()));
    } else if (command instanceof LineCommand.ServerUnban unban) {
      session.operators().tell(new Operators.Unban(unban.mask(), session.replies().ban()));
    } else {
      session.operators().tell(new Operators.ListBans(session.replies().ban()));
    }
    return true;
  }

  void operAnswered(Operators.LoginResult result) {
    if (result instanceof Operators.LoggedIn in) {
      operator = true;
      session.registry().tell(new Registry.SetOperator(session.chatAddress(), true));
      session.send(render.oper(in.name()));
    } else if (result instanceof Operators.NoOperators) {
      session.send(render.error(ErrorCode.NO_OPERATORS,
          "This server has no operators"));
    } else if (((Operators.LoginRefused) result).unchecked()) {
      session.send(render.error(ErrorCode.TOO_MANY_GUESSES,
          "Too many /oper attempts from your address; try again later"));
    } else {
      session.send(render.error(ErrorCode.PASSWORD_WRONG,
          "Wrong operator name or password"));
    }
  }

  void banAnswered(Operators.BanResult result) {
    if (result instanceof Operators.Banned banned) {
      session.send(render.serverBan(banned.ban()));
    } else if (result instanceof Operators.Unbanned unbanned) {
      session.send(render.ok("serverunban", unbanned.ban().mask()));
    } else if (result instanceof Operators.NotBanned notBanned) {
      session.send(render.error(ErrorCode.BAD_ARGUMENT,
          "No server ban on " + notBanned.mask() + "; /serverbans lists them"));
    } else if (result instanceof Operators.BadMask bad) {
      session.send(render.error(ErrorCode.BAD_ARGUMENT,
          "Cannot ban " + bad.mask() + ": " + bad.problem()));
    } else {
      Operators.BanList list = (Operators.BanList) result;
      list.bans().forEach(ban -> session.send(render.serverBan(ban)));
      session.send(render.ok("serverbans", list.bans().size() + " server ban"
          + (list.bans().size() == 1 ? "" : "s")));
    }
  }

  void reachedAnswered(Audience.Reached reached) {
    if (killing == null) {
      session.send(render.ok("wallops", "sent to " + reached.users() + " user"
          + (reached.users() == 1 ? "" : "s")));
    } else if (reached.users() == 0) {
      session.send(render.error(ErrorCode.NO_SUCH_USER,
          "Nobody called " + killing + " is online"));
    } else {
      session.send(render.ok("kill", killing));
    }
    killing = null;
  }

  private void tell(Audience audience, ChatEvent event) {
    session.registry().tell(new Registry.Tell(audience, event,
        Optional.of(session.replies().reached())));
  }
}
