package lochat.connection;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.util.ByteString;

/**
 * A connection a listener has accepted, whatever carries it: a TCP socket, or a WebSocket
 * whose upgrade waits for the listener's answer. The listener decides, and the connection is
 * then either given its session ({@link #run}) or told why not ({@link #refuse}), exactly once.
 */
public interface IncomingConnection {

  /** The client's address. */
  InetSocketAddress remoteAddress();

  /** Says {@code bytes} (one line: why the connection is refused) and closes it. */
  void refuse(ByteString bytes, Duration linger, ActorSystem<?> system);

  /**
   * Joins the connection to its session ({@link ConnectionFlow}); completes when the connection
   * is closed.
   */
  CompletionStage<Done> run(SessionSide side, ActorSystem<?> system);
}
