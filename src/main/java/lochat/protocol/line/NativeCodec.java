package lochat.protocol.line;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import lochat.protocol.LineEncoding;

/**
 * A wire form of the native session: how the lines a client sends become {@link LineCommand}s,
 * and how the session's {@link NativeReplies} are rendered. The native protocol's text lines are
 * one form ({@link #LINES}); the browser's JSON messages ({@code lochat.protocol.web.WebCodec})
 * are the other, so that web users get every native command and reply, with the same rules,
 * from the same session.
 *
 * <p>Each method takes one line, already cut from the input and sanitised as a whole; the
 * three mirror the session's states: chatting, waiting for a nickname, and waiting for the
 * password.
 */
public interface NativeCodec {

  /** The native protocol's own form: the lines of docs/protocol.md, Part I. */
  NativeCodec LINES = new NativeCodec() {
    @Override
    public String protocol() {
      return lochat.chat.Profile.NATIVE;
    }

    @Override
    public NativeReplies replies() {
      return LineRenderer.INSTANCE;
    }

    @Override
    public LineCommand parse(String line) {
      return LineCommandParser.parse(line);
    }

    @Override
    public LineCommand parseRegistration(String line) {
      return LineCommandParser.parseRegistration(line);
    }

    @Override
    public LineCommand parsePassword(String line) {
      return LineCommandParser.parsePassword(line);
    }
  };

  /** The name users of this form have as their protocol ({@link lochat.chat.Profile}). */
  String protocol();

  NativeReplies replies();

  /** A line from a registered user. */
  LineCommand parse(String line);

  /** A line from a user who has no nickname yet: a bare line is a nickname. */
  LineCommand parseRegistration(String line);

  /** A line at the password prompt: a bare line is the password. */
  LineCommand parsePassword(String line);

  /** How the lines of this form are written to the connection: LF-ended lines by default. */
  default LineEncoding encoding() {
    return LineEncoding.LF;
  }

  /** The keep-alive a registered client of this form gets; none by default. */
  default Optional<Pinging> pinging() {
    return Optional.empty();
  }

  /**
   * A keep-alive: a client quiet for {@code interval} is sent {@code question} of a token, and
   * one that then sends nothing for {@code timeout} is disconnected.
   */
  record Pinging(Duration interval, Duration timeout, Function<String, String> question) {}
}
