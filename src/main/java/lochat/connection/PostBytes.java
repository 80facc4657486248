package lochat.connection;

import java.util.function.Function;
import lochat.chat.ChatEvent;
import org.apache.pekko.util.ByteString;

/**
 * How a session's client is shown posts, as bytes ready for its connection: what rooms queue
 * straight into it ({@link RoomDelivery}). Rooms call it from their own threads, so an
 * implementation may read only what is safe to read from another thread; it should share each
 * rendering with every other client of the same form ({@link SessionLifecycle#shared}).
 */
public interface PostBytes {

  /** Somebody else's post; empty when this client is not shown it. */
  ByteString others(ChatEvent.Posted posted);

  /** The client's own post, as its echo; empty when its protocol shows none. */
  ByteString own(ChatEvent.Posted posted);

  static PostBytes of(Function<ChatEvent.Posted, ByteString> others,
      Function<ChatEvent.Posted, ByteString> own) {
    return new PostBytes() {
      @Override
      public ByteString others(ChatEvent.Posted posted) {
        return others.apply(posted);
      }

      @Override
      public ByteString own(ChatEvent.Posted posted) {
        return own.apply(posted);
      }
    };
  }
}
