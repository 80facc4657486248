package lochat.connection;

import java.time.Duration;
import java.util.function.Supplier;
import lochat.protocol.LineFramer;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineRenderer;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The native line protocol as a {@code TcpListener} sees it: its framing and line ending, how
 * to start and address a {@link ConnectionActor}, and the lines said to connections that get no
 * session. Kept apart from the session actor, which is about what a user does.
 */
public final class NativeProtocol implements SessionProtocol<ConnectionActor.Command> {

  /** The one instance; the protocol has no settings of its own. */
  public static final NativeProtocol INSTANCE = new NativeProtocol();

  /** The protocol's name in logs and in {@link lochat.chat.Profile#protocol()}. */
  public static final String NAME = "native";

  /** What a session says, and a late connection is told, when the server shuts down. */
  static final String SHUTDOWN_LINE = LineRenderer.server("The server is shutting down. Goodbye!");

  private static final SessionMessages<ConnectionActor.Command> STREAM_MESSAGES =
      SessionMessages.of(ConnectionActor.Received::new, ConnectionActor.InputEnded::new,
          ConnectionActor.OutputEnded::new);

  private NativeProtocol() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Supplier<LineFramer> framing(ConnectionSettings settings) {
    return () -> new LineFramer(settings.maxLineBytes());
  }

  @Override
  public String lineEnding() {
    return "\n";
  }

  @Override
  public Behavior<ConnectionActor.Command> session(SessionSetup setup) {
    return ConnectionActor.create(setup);
  }

  @Override
  public SessionMessages<ConnectionActor.Command> streamMessages() {
    return STREAM_MESSAGES;
  }

  @Override
  public ConnectionActor.Command serverShutdown() {
    return new ConnectionActor.ServerShutdown();
  }

  @Override
  public String serverFullLine(int open) {
    return LineRenderer.error(ErrorCode.SERVER_FULL, "The server has " + open
        + " connections, the most it takes; try again later");
  }

  @Override
  public String shuttingDownLine() {
    return SHUTDOWN_LINE;
  }

  @Override
  public String refusedLine(String reason) {
    return LineRenderer.error(ErrorCode.TOO_MANY_CONNECTIONS, reason);
  }

  @Override
  public ConnectionActor.Command registrationTimedOut(Duration after) {
    return new ConnectionActor.RegistrationTimedOut(after);
  }
}
