package lochat.testing;

import lochat.connection.Outbound;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * A socket that reads everything an {@link Outbound} sends, for session tests without a network:
 * each line, without its line ending, goes to a probe. The outbound gathers what is queued into
 * one write, so a write is split back into its lines here.
 */
public final class OutboundReader {

  private OutboundReader() {}

  public static void readLines(Outbound outbound, ActorRef<String> lines, ActorSystem<?> system) {
    outbound.source().runWith(Sink.foreach(bytes -> {
      for (String line : bytes.utf8String().split("\n")) {
        lines.tell(line.stripTrailing());
      }
    }), system);
  }
}
