package lochat.line;

import java.util.Optional;
import lochat.ConfigChecks;
import lochat.Version;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.connection.ConnectionSettings;
import lochat.connection.ReceiveTable;
import lochat.connection.SessionCommand;
import lochat.connection.SessionCommand.InputEnded;
import lochat.connection.SessionCommand.NickReply;
import lochat.connection.SessionCommand.OnlineReply;
import lochat.connection.SessionCommand.PasswordReply;
import lochat.connection.SessionCommand.Received;
import lochat.connection.SessionCommand.RegistrationTimedOut;
import lochat.connection.SessionCommand.ServerShutdown;
import lochat.connection.SessionLifecycle;
import lochat.guard.PasswordFailures;
import lochat.protocol.TextSanitizer;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineCommand;
import lochat.protocol.line.NativeCodec;
import lochat.protocol.line.NativeReplies;
import lochat.registry.Registry;
import lochat.room.RoomArchive;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A native-protocol session before its user has a nickname: the welcome, the server's password
 * when it has one, and the nickname, for at most the registration timeout. Once the registry
 * accepts a nickname the session becomes a {@link NativeSession}, and this object is dropped.
 *
 * <p>States: {@code welcoming} (until the registry has said how many are online, for the
 * welcome; a line that comes meanwhile waits, and there can be only one, as each waits for its
 * acknowledgement) and {@code registering}.
 */
final class NativeRegistration {

  private static final String TOO_MANY_GUESSES =
      "Too many wrong passwords from your address; try again later";

  private final ActorContext<SessionCommand> context;
  private final SessionLifecycle session;
  private final ConnectionSettings settings;
  private final RoomArchive archive;
  private final NativeCodec codec;
  private final NativeReplies render;
  private Received early;
  /** The client stopped sending, cleanly, before the welcome: it still gets the welcome. */
  private InputEnded endedEarly;
  private boolean passwordGiven;

  NativeRegistration(ActorContext<SessionCommand> context, SessionLifecycle session,
      RoomArchive archive, NativeCodec codec) {
    this.context = context;
    this.archive = archive;
    this.codec = codec;
    this.render = codec.replies();
    this.session = session;
    this.settings = session.settings();
    this.passwordGiven = settings.password().isEmpty();
  }

  Behavior<SessionCommand> start() {
    if (session.passwordRequired()) {
      // Who is online is for those who may come in: not shown before the password.
      return welcome("");
    }
    session.registry().tell(new Registry.GetOnline(session.replies().online()));
    return WELCOMING.behavior(this);
  }

  /** The cases both states have, after {@code first}. */
  private static ReceiveTable.Builder<NativeRegistration, SessionCommand> working(
      ReceiveTable.Builder<NativeRegistration, SessionCommand> first) {
    return SessionLifecycle.working(first, s -> s.session)
        .on(ServerShutdown.class, (s, shutdown) -> NativeLines.shutdown(s.session, s.render))
        .on(RegistrationTimedOut.class, NativeRegistration::onRegistrationTimedOut);
  }

  private static ReceiveTable.Builder<NativeRegistration, SessionCommand> cases() {
    return ReceiveTable.builder(NativeRegistration.class, SessionCommand.class);
  }

  private static final ReceiveTable<NativeRegistration, SessionCommand> WELCOMING =
      working(cases().on(InputEnded.class, NativeRegistration::onInputEndedBeforeWelcome))
          .on(OnlineReply.class, (s, reply) -> s.welcome(" " + onlineText(reply.online()) + "."))
          .on(Received.class, NativeRegistration::keepUntilWelcomed)
          .build();

  private static final ReceiveTable<NativeRegistration, SessionCommand> REGISTERING =
      working(cases())
          .on(Received.class, NativeRegistration::onReceivedWhileRegistering)
          .on(NickReply.class, NativeRegistration::onNickReplyWhileRegistering)
          .on(PasswordReply.class, NativeRegistration::onPasswordReply)
          .build();

  /** Made once: a line waiting for its answer stays in this state, wherever it came from. */
  private Behavior<SessionCommand> registeringBehavior;

  private Behavior<SessionCommand> registering() {
    if (registeringBehavior == null) {
      registeringBehavior = REGISTERING.behavior(this);
    }
    return registeringBehavior;
  }

  private Behavior<SessionCommand> keepUntilWelcomed(Received received) {
    session.hold(received.replyTo());
    early = received;
    return Behaviors.same();
  }

  private Behavior<SessionCommand> onInputEndedBeforeWelcome(InputEnded ended) {
    if (ended.failure().isPresent()) {
      return session.inputEnded(ended);
    }
    endedEarly = ended;
    return Behaviors.same();
  }

  private Behavior<SessionCommand> welcome(String online) {
    send(render.server("Welcome to " + TextSanitizer.clean(settings.serverName())
        + " (Lochat " + Version.CURRENT + ")." + online));
    for (String line : settings.motd().split("\\R")) {
      if (!line.isBlank()) {
        send(render.server(TextSanitizer.clean(line)));
      }
    }
    promptForRegistration();
    if (endedEarly != null) {
      return session.inputEnded(endedEarly);
    }
    if (early != null) {
      Received line = early;
      early = null;
      return onReceivedWhileRegistering(line);
    }
    return registering();
  }

  private Behavior<SessionCommand> onReceivedWhileRegistering(Received received) {
    session.hold(received.replyTo());
    Optional<String> text = NativeLines.text(session, render, received.line());
    if (text.isEmpty()) {
      promptForRegistration();
      return session.acknowledge(registering());
    }
    LineCommand command = passwordGiven
        ? codec.parseRegistration(text.get())
        : codec.parsePassword(text.get());
    if (command instanceof LineCommand.Pass pass) {
      return password(pass.password());
    } else if (command instanceof LineCommand.Nick n && !passwordGiven) {
      send(render.error(ErrorCode.PASSWORD_REQUIRED,
          "This server needs a password before a nickname: /pass PASSWORD"));
    } else if (command instanceof LineCommand.Nick n) {
      session.register(n.nick(), new Profile(n.nick(), session.remoteHost(), n.nick(),
          codec.protocol()));
      return registering();
    } else if (command instanceof LineCommand.Quit quit) {
      return NativeLines.quit(session, render, quit.reason());
    } else if (command instanceof LineCommand.Help) {
      render.help().forEach(this::send);
    } else if (command instanceof LineCommand.Invalid invalid) {
      send(render.error(invalid.code(), invalid.message()));
    } else if (!(command instanceof LineCommand.Blank)) {
      send(render.error(ErrorCode.NOT_REGISTERED,
          "Choose a nickname first; commands work once you have one"));
    }
    promptForRegistration();
    return session.acknowledge(registering());
  }

  private Behavior<SessionCommand> password(String given) {
    if (settings.password().isEmpty()) {
      send(render.ok("pass", "This server needs no password"));
    } else if (passwordGiven) {
      send(render.ok("pass", "Password already accepted"));
    } else {
      session.checkPassword(given);
      return registering();
    }
    promptForRegistration();
    return session.acknowledge(registering());
  }

  private Behavior<SessionCommand> onPasswordReply(PasswordReply reply) {
    if (reply.checked().outcome() == PasswordFailures.Outcome.NOT_CHECKED) {
      send(render.error(ErrorCode.TOO_MANY_GUESSES, TOO_MANY_GUESSES + "; goodbye"));
      return session.close("too many password guesses");
    }
    if (!reply.checked().accepted()) {
      send(render.error(ErrorCode.PASSWORD_WRONG, "Wrong password; goodbye"));
      return session.close("wrong password");
    }
    passwordGiven = true;
    send(render.ok("pass", "Password accepted"));
    promptForRegistration();
    return session.acknowledge(registering());
  }

  private Behavior<SessionCommand> onNickReplyWhileRegistering(NickReply reply) {
    if (reply.result() instanceof Registry.NickAccepted accepted) {
      session.nickAccepted(accepted.nick());
      context.getLog().info("{} registered as {}", session.remote(), accepted.nick());
      send(render.ok("nick", accepted.nick()));
      if (settings.defaultRoom().isEmpty()) {
        return NativeSession.chattingInNoRoom(context, session, archive, codec);
      }
      session.registry().tell(
          new Registry.JoinRoom(settings.defaultRoom(), accepted.nick(), "",
              session.chatAddress(),
              session.deliveryFor(settings.defaultRoom()), session.replies().join()));
      return NativeSession.chatting(context, session, archive, codec);
    }
    send(NativeAnswers.nickRefused(render, reply.result(), "; choose another"));
    promptForRegistration();
    return session.acknowledge(registering());
  }

  private Behavior<SessionCommand> onRegistrationTimedOut(RegistrationTimedOut timeout) {
    send(render.error(ErrorCode.REGISTRATION_TIMEOUT, "No nickname chosen within "
        + ConfigChecks.inWords(timeout.after()) + "; goodbye"));
    return session.close("no nickname chosen");
  }

  private void send(String line) {
    session.send(line);
  }

  private void promptForRegistration() {
    if (!passwordGiven) {
      send(render.prompt("This server needs a password (/pass PASSWORD):"));
    } else {
      send(render.prompt("Choose a nickname (" + Names.NICK_RULE + "):"));
    }
  }

  /** Everyone connected, whatever their protocol, and whether or not they have a nickname. */
  private static String onlineText(Registry.Online online) {
    int everyone = online.users() + online.unknown();
    return everyone == 1 ? "1 client online" : everyone + " clients online";
  }
}
