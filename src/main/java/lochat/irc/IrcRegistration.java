package lochat.irc;

import java.util.Optional;
import lochat.ConfigChecks;
import lochat.chat.Profile;
import lochat.connection.ReceiveTable;
import lochat.connection.SessionCommand;
import lochat.connection.SessionCommand.NickReply;
import lochat.connection.SessionCommand.PasswordReply;
import lochat.connection.SessionCommand.Received;
import lochat.connection.SessionCommand.RegistrationTimedOut;
import lochat.connection.SessionCommand.ServerShutdown;
import lochat.connection.SessionLifecycle;
import lochat.guard.PasswordFailures;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.Numerics;
import lochat.registry.Registry;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * An IRC session before registration: {@code PASS}, {@code NICK}, {@code USER} and, if begun,
 * {@code CAP} negotiation until {@code CAP END}, for at most the registration timeout. When all
 * have come it checks the server's password, if there is one, then asks the registry for the
 * nickname; once accepted, the session becomes an {@link IrcSession} and this object is
 * dropped. Commands usable only after registration get ERR_NOTREGISTERED from the parser.
 */
final class IrcRegistration {

  private final IrcClient client;
  private String wantedNick;
  private String realName;
  private Optional<String> password = Optional.empty();
  private boolean passwordAccepted;
  /** The registry has been asked for the nickname and has not answered. */
  private boolean registering;

  IrcRegistration(IrcClient client) {
    this.client = client;
  }

  private static final ReceiveTable<IrcRegistration, SessionCommand> REGISTERING =
      SessionLifecycle.working(IrcRegistration.class, s -> s.client.session)
          .on(Received.class, IrcRegistration::onReceived)
          .on(NickReply.class, IrcRegistration::onNickReply)
          .on(PasswordReply.class, IrcRegistration::onPasswordReply)
          .on(RegistrationTimedOut.class, IrcRegistration::onRegistrationTimedOut)
          .on(ServerShutdown.class, (s, shutdown) -> IrcSession.shutdown(s.client))
          .build();

  Behavior<SessionCommand> start() {
    return REGISTERING.behavior(this);
  }

  private Behavior<SessionCommand> onReceived(Received received) {
    IrcCommand command = IrcSession.parse(client, received);
    if (command instanceof IrcCommand.Pass pass) {
      password = Optional.of(pass.password());
    } else if (command instanceof IrcCommand.Nick nick) {
      wantedNick = nick.nick();
    } else if (command instanceof IrcCommand.User user) {
      client.userName = IrcNames.userName(user.user())
          .orElse(wantedNick == null ? "user" : wantedNick);
      realName = user.realName();
    } else if (command instanceof IrcCommand.Quit quit) {
      return IrcSession.quit(client, quit);
    } else {
      IrcHandlers.handle(client, command);
    }
    return tryRegister();
  }

  /** Registers once NICK and USER have come and CAP negotiation, if begun, has ended. */
  private Behavior<SessionCommand> tryRegister() {
    if (wantedNick == null || client.userName == null || client.capNegotiating || registering) {
      return done();
    }
    if (client.session.passwordRequired() && !passwordAccepted) {
      client.session.checkPassword(password.orElse(""));
    } else {
      registering = true;
      client.session.register(wantedNick, new Profile(client.userName,
          client.session.remoteHost(), realName, IrcProtocol.NAME));
    }
    client.awaited.request();
    return Behaviors.same();
  }

  private Behavior<SessionCommand> onPasswordReply(PasswordReply reply) {
    client.awaited.arrived();
    if (reply.checked().outcome() == PasswordFailures.Outcome.NOT_CHECKED) {
      return IrcSession.closeWithError(client,
          "Too many wrong passwords from your address; try again later",
          "too many password guesses");
    }
    if (!reply.checked().accepted()) {
      client.send(client.numeric(Numerics.ERR_PASSWDMISMATCH, "Password incorrect"));
      return IrcSession.closeWithError(client, "Bad password", "wrong password");
    }
    passwordAccepted = true;
    return tryRegister();
  }

  private Behavior<SessionCommand> onNickReply(NickReply reply) {
    registering = false;
    client.awaited.arrived();
    if (!(reply.result() instanceof Registry.NickAccepted accepted)) {
      client.nickRefused(reply.result());
      wantedNick = null;
      return done();
    }
    client.session.nickAccepted(accepted.nick());
    client.log.info("{} registered as {} (IRC)", client.session.remote(), accepted.nick());
    ServerQueries.welcome(client);
    return IrcSession.registered(client);
  }

  private Behavior<SessionCommand> onRegistrationTimedOut(RegistrationTimedOut timeout) {
    return IrcSession.closeWithError(client, "Registration timed out",
        "no nickname chosen within " + ConfigChecks.inWords(timeout.after()));
  }

  private Behavior<SessionCommand> done() {
    return client.awaited.settled()
        ? client.session.acknowledge(Behaviors.same()) : Behaviors.same();
  }
}
