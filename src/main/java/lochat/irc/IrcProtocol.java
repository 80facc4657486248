package lochat.irc;

import java.time.Instant;
import java.util.function.Supplier;
import lochat.chat.Profile;
import lochat.connection.ConnectionSettings;
import lochat.connection.SessionCommand;
import lochat.connection.SessionProtocol;
import lochat.connection.SessionSetup;
import lochat.protocol.LineEncoding;
import lochat.protocol.LineFramer;
import lochat.protocol.irc.IrcLimits;
import org.apache.pekko.actor.typed.Behavior;

/**
 * IRC as a {@code Listener} sees it: IRC's line limits and CRLF, how to start and address an
 * {@link IrcSession} with the IRC listener's settings, and the {@code ERROR} lines said to
 * connections that get no session. Kept apart from the session actor, which is about commands.
 */
public final class IrcProtocol implements SessionProtocol {

  /** How the lines the server sends are written: each followed by CR LF. */
  static final LineEncoding ENCODING = LineEncoding.CRLF;

  /** The protocol's name in logs and in {@link lochat.chat.Profile#protocol()}. */
  public static final String NAME = Profile.IRC;

  private final IrcSettings irc;
  private final Instant started;

  /** @param started when the server started, which IRC calls its creation (RPL_CREATED) */
  public IrcProtocol(IrcSettings irc, Instant started) {
    this.irc = irc;
    this.started = started;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Supplier<LineFramer> framing(ConnectionSettings settings) {
    return () -> new LineFramer(IrcLimits.MAX_LINE_BYTES, true);
  }

  @Override
  public LineEncoding encoding() {
    return ENCODING;
  }

  @Override
  public Behavior<SessionCommand> session(SessionSetup setup) {
    return IrcSession.create(setup, irc, started);
  }

  @Override
  public String serverFullLine(int open) {
    return "ERROR :Server full (" + open + " connections); try again later";
  }

  @Override
  public String shuttingDownLine() {
    return "ERROR :Server shutting down";
  }

  @Override
  public String refusedLine(String reason) {
    return "ERROR :" + reason;
  }

}
