package lochat.connection;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import lochat.Failures;
import lochat.protocol.InboundLine;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a {@link ConnectionFlow} talks to the session actor it serves, whatever its protocol: one
 * message per received line (acknowledged by the session to read the next), and one each when
 * the input side and the output side of the connection have ended.
 */
public interface SessionMessages<T> {

  T line(InboundLine line, ActorRef<Done> replyTo);

  /** The client stopped sending: cleanly, or with {@code failure} when the connection broke. */
  T inputEnded(Optional<Throwable> failure);

  /** Everything queued for the client has been written, or the connection is gone. */
  T outputEnded();

  /**
   * The messages of a session whose protocol has one message per event, as every session has:
   * {@code inputEnded} gets the failure already described in words ({@link Failures#describe}).
   */
  static <T> SessionMessages<T> of(
      BiFunction<InboundLine, ActorRef<Done>, T> line,
      Function<Optional<String>, T> inputEnded,
      Supplier<T> outputEnded) {
    return new SessionMessages<>() {
      @Override
      public T line(InboundLine received, ActorRef<Done> replyTo) {
        return line.apply(received, replyTo);
      }

      @Override
      public T inputEnded(Optional<Throwable> failure) {
        return inputEnded.apply(failure.map(Failures::describe));
      }

      @Override
      public T outputEnded() {
        return outputEnded.get();
      }
    };
  }
}
