package lochat.line;

import java.util.function.Supplier;
import lochat.chat.Profile;
import lochat.connection.ConnectionSettings;
import lochat.connection.SessionCommand;
import lochat.connection.SessionProtocol;
import lochat.connection.SessionSetup;
import lochat.protocol.LineFramer;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.LineRenderer;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The native line protocol as a {@code TcpListener} sees it: its framing and line ending, how
 * to start and address a {@link NativeSession}, and the lines said to connections that get no
 * session. Kept apart from the session actor, which is about what a user does.
 */
public final class NativeProtocol implements SessionProtocol {

  /** The one instance; the protocol has no settings of its own. */
  public static final NativeProtocol INSTANCE = new NativeProtocol();

  /** What ends each line the server sends. */
  static final String LINE_ENDING = "\n";

  /** The protocol's name in logs and in {@link lochat.chat.Profile#protocol()}. */
  public static final String NAME = Profile.NATIVE;

  /** What a session says, and a late connection is told, when the server shuts down. */
  static final String SHUTDOWN_LINE = LineRenderer.server("The server is shutting down. Goodbye!");

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
    return LINE_ENDING;
  }

  @Override
  public Behavior<SessionCommand> session(SessionSetup setup) {
    return NativeSession.create(setup);
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
  public String bannedLine(String reason) {
    return LineRenderer.error(ErrorCode.BANNED, reason);
  }

}
