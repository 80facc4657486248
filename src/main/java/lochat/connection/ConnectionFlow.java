package lochat.connection;

import java.time.Duration;
import java.util.function.BiFunction;
import java.util.concurrent.CompletionStage;
import lochat.protocol.InboundLine;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The byte-moving half of a connection, as one stream flow: socket bytes in, socket bytes out.
 *
 * <p>Inbound, bytes are cut into lines by {@link LineFraming} and handed to the session actor
 * one at a time with an ask: the next line is read only when the session has taken the previous
 * one, so a client that floods is slowed by TCP back-pressure instead of filling a mailbox.
 * Outbound, the session's {@link Outbound} queue is drained into the socket, coalescing queued
 * lines into larger writes. The two sides are coupled: when either ends, the connection closes.
 *
 * <p>The flow is protocol-neutral; the session decides what lines mean.
 */
public final class ConnectionFlow {

  private ConnectionFlow() {}

  /**
   * @param wrap builds the session's message for one line and the address to acknowledge it to
   * @return a flow materialising to the completion of the inbound side: normal at end of input,
   *     failed when the connection broke
   */
  public static <T> Flow<ByteString, ByteString, CompletionStage<Done>> create(
      ActorRef<T> session,
      BiFunction<InboundLine, ActorRef<Done>, T> wrap,
      Source<ByteString, NotUsed> outgoing,
      int maxLineBytes,
      int writeCoalesceBytes,
      Duration inputTimeout,
      Scheduler scheduler) {
    Sink<ByteString, CompletionStage<Done>> inbound =
        Flow.of(ByteString.class)
            .via(LineFraming.flow(maxLineBytes))
            .mapAsync(1, line -> AskPattern.<T, Done>ask(
                session, replyTo -> wrap.apply(line, replyTo), inputTimeout, scheduler))
            .toMat(Sink.ignore(), Keep.right());
    Source<ByteString, NotUsed> coalesced =
        outgoing.batchWeighted(
            writeCoalesceBytes, bytes -> (long) bytes.size(), bytes -> bytes, ByteString::concat);
    return Flow.fromSinkAndSourceCoupledMat(inbound, coalesced, Keep.left());
  }
}
