package lochat.line;

import java.util.Optional;
import lochat.connection.KeepAlive;
import lochat.connection.SessionCommand;
import lochat.connection.SessionLifecycle;
import lochat.protocol.InboundLine;
import lochat.protocol.TextSanitizer;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.NativeReplies;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * What every state of a native session does alike with a line and on the way out: takes the
 * line's text, quits, says goodbye when the server shuts down, and gives up on a client that no
 * longer answers the keep-alive. Shared by
 * {@link NativeRegistration} and {@link NativeSession}.
 */
final class NativeLines {

  /** What a session says, and a late connection is told, when the server shuts down. */
  static final String SHUTDOWN_TEXT = NativeReplies.SHUTDOWN_TEXT;

  private NativeLines() {}

  /** The line's text, made safe; empty (after saying so) when it was too long. */
  static Optional<String> text(SessionLifecycle session, NativeReplies render, InboundLine line) {
    if (line instanceof InboundLine.TooLong tooLong) {
      session.send(render.error(ErrorCode.LINE_TOO_LONG,
          "Line longer than " + tooLong.limit() + " bytes; it was discarded"));
      return Optional.empty();
    }
    return Optional.of(TextSanitizer.clean(((InboundLine.Text) line).text()));
  }

  static Behavior<SessionCommand> quit(
      SessionLifecycle session, NativeReplies render, Optional<String> reason) {
    session.leaveServer(reason.map(r -> "quit: " + r).orElse("quit"));
    session.send(
        render.ok("quit", "Bye" + (session.nick() == null ? "" : " " + session.nick())));
    return session.close("quit");
  }

  /** On the keep-alive's timer: asks a quiet client, or gives up on one that did not answer. */
  static Behavior<SessionCommand> keepAliveCheck(
      SessionLifecycle session, KeepAlive keepAlive, String ping) {
    KeepAlive.Outcome outcome = keepAlive.check();
    if (outcome == KeepAlive.Outcome.ASK) {
      session.send(ping);
    } else if (outcome == KeepAlive.Outcome.GIVE_UP) {
      session.leaveServer(keepAlive.leavingReason());
      return session.close("ping timeout");
    }
    return Behaviors.same();
  }

  static Behavior<SessionCommand> shutdown(SessionLifecycle session, NativeReplies render) {
    session.send(render.server(SHUTDOWN_TEXT));
    session.leaveServer("server shutdown");
    return session.close("server shutdown");
  }
}
