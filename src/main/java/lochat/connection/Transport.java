package lochat.connection;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * How a listener's connections reach it: plain TCP, or WebSocket upgrades over HTTP. A
 * transport binds, hands over every connection it accepts, and unbinds; what is done with each
 * connection (admission, limits, the session) is the listener's, the same for every transport.
 */
public interface Transport {

  /**
   * Starts accepting: {@code accepted} is called once for each connection, from the
   * transport's threads. Completes with the binding, or fails when the address cannot be bound.
   */
  CompletionStage<Binding> bind(Consumer<IncomingConnection> accepted, ActorSystem<?> system);

  /** A transport bound to an address. */
  interface Binding {

    /** Where clients reach it (the real port when bound to port 0). */
    InetSocketAddress address();

    /** Stops accepting new connections; those accepted are not affected. */
    void unbind();
  }
}
