package lochat.line;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import lochat.chat.Profile;
import lochat.cluster.NodeEndpoints;
import lochat.connection.ConnectionSettings;
import lochat.connection.SessionCommand;
import lochat.connection.SessionProtocol;
import lochat.connection.SessionSetup;
import lochat.protocol.LineEncoding;
import lochat.protocol.LineFramer;
import lochat.protocol.line.ErrorCode;
import lochat.protocol.line.NativeCodec;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The native protocol as a {@code Listener} sees it, in one wire form ({@link NativeCodec}):
 * its framing and line encoding, how to start and address a {@link NativeSession}, and the lines
 * said to connections that get no session. {@link #INSTANCE} is the native port's text lines;
 * {@link #inForm} gives the web listener the same protocol in JSON. Kept apart from the session
 * actor, which is about what a user does.
 */
public final class NativeProtocol implements SessionProtocol {

  /** The native protocol itself: its text lines. */
  public static final NativeProtocol INSTANCE = new NativeProtocol(NativeCodec.LINES);

  /** The protocol's name in logs and in {@link lochat.chat.Profile#protocol()}. */
  public static final String NAME = Profile.NATIVE;

  private final NativeCodec codec;

  private NativeProtocol(NativeCodec codec) {
    this.codec = codec;
  }

  /** The native session in another wire form, such as the browser's JSON. */
  public static NativeProtocol inForm(NativeCodec codec) {
    return new NativeProtocol(codec);
  }

  @Override
  public String name() {
    return codec.protocol();
  }

  @Override
  public Supplier<LineFramer> framing(ConnectionSettings settings) {
    return () -> new LineFramer(settings.maxLineBytes());
  }

  @Override
  public LineEncoding encoding() {
    return codec.encoding();
  }

  @Override
  public Behavior<SessionCommand> session(SessionSetup setup) {
    return NativeSession.create(setup, codec);
  }

  @Override
  public String serverFullLine(int open) {
    return codec.replies().error(ErrorCode.SERVER_FULL, "The server has " + open
        + " connections, the most it takes; try again later");
  }

  @Override
  public String shuttingDownLine() {
    return codec.replies().server(NativeLines.SHUTDOWN_TEXT);
  }

  @Override
  public String refusedLine(String reason) {
    return codec.replies().error(ErrorCode.TOO_MANY_CONNECTIONS, reason);
  }

  @Override
  public String bannedLine(String reason) {
    return codec.replies().error(ErrorCode.BANNED, reason);
  }

  @Override
  public Optional<String> nodesLine(List<NodeEndpoints> others) {
    return Optional.of(codec.replies().nodes(others));
  }

}
