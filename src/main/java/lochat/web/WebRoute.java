package lochat.web;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * Where a browser's socket goes once its first request is read: to the chat stack above it
 * (the WebSocket's framing and the connection's session stages, materialised with the socket, so
 * that a chat message crosses no stream boundary), or to a flow of its own (pekko-http for the
 * page, an answer that refuses), run as a sub-stream only then. Until the route has come it
 * holds what the socket sent after the head.
 *
 * <p>Bottom: the socket's bytes in (after {@link RequestHead}), bytes for the socket out. Top:
 * the chat stack's ports, closed at once when the route is a flow of its own.
 */
final class WebRoute extends GraphStage<BidiShape<ByteString, ByteString, ByteString, ByteString>> {

  /** Where the socket goes. */
  sealed interface Route {}

  /** To the chat stack, after {@code opening} (the handshake's {@code 101}). */
  record ToChat(ByteString opening) implements Route {}

  /** To {@code flow}, in a sub-stream; the chat stack is closed. */
  record Served(Flow<ByteString, ByteString, NotUsed> flow) implements Route {}

  private final Inlet<ByteString> fromSocket = Inlet.create("WebRoute.fromSocket");
  private final Outlet<ByteString> toChat = Outlet.create("WebRoute.toChat");
  private final Inlet<ByteString> fromChat = Inlet.create("WebRoute.fromChat");
  private final Outlet<ByteString> toSocket = Outlet.create("WebRoute.toSocket");
  private final BidiShape<ByteString, ByteString, ByteString, ByteString> shape =
      BidiShape.of(fromSocket, toChat, fromChat, toSocket);
  private final CompletionStage<Route> route;

  private WebRoute(CompletionStage<Route> route) {
    this.route = route;
  }

  /** The routing layer: socket below, chat stack above; the route comes with {@code route}. */
  static BidiFlow<ByteString, ByteString, ByteString, ByteString, NotUsed> create(
      CompletionStage<Route> route) {
    return BidiFlow.fromGraph(new WebRoute(route));
  }

  @Override
  public BidiShape<ByteString, ByteString, ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {

      {
        // Until the route comes: what the socket sent after the head waits, even its end.
        setHandler(fromSocket, new AbstractInHandler() {
          @Override
          public void onPush() {}

          @Override
          public void onUpstreamFinish() {}
        });
        setHandler(toSocket, new AbstractOutHandler() {
          @Override
          public void onPull() {}
        });
        setHandler(toChat, new AbstractOutHandler() {
          @Override
          public void onPull() {}
        });
        setHandler(fromChat, new AbstractInHandler() {
          @Override
          public void onPush() {}
        });
      }

      @Override
      public void preStart() {
        pull(fromSocket);
        AsyncCallback<Route> go = createAsyncCallback(this::go);
        route.thenAccept(go::invoke);
      }

      private void go(Route chosen) {
        if (chosen instanceof ToChat chat) {
          toChat(chat.opening());
        } else if (chosen instanceof Served served) {
          serve(served.flow());
        }
      }

      /** Whether the socket's input has ended and nothing of it is left to hand on. */
      private boolean socketDone() {
        return isClosed(fromSocket) && !isAvailable(fromSocket);
      }

      /** Both ways straight through, once the opening is written. */
      private void toChat(ByteString opening) {
        setHandler(fromSocket, new AbstractInHandler() {
          @Override
          public void onPush() {
            push(toChat, grab(fromSocket));
          }

          @Override
          public void onUpstreamFinish() {
            if (!isAvailable(fromSocket)) {
              complete(toChat);
            }
          }

          @Override
          public void onUpstreamFailure(Throwable cause) {
            fail(toChat, cause);
          }
        });
        setHandler(toChat, new AbstractOutHandler() {
          @Override
          public void onPull() {
            socketToChat();
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            cancel(fromSocket, cause);
          }
        });
        setHandler(fromChat, new AbstractInHandler() {
          @Override
          public void onPush() {
            push(toSocket, grab(fromChat));
          }

          @Override
          public void onUpstreamFinish() {
            complete(toSocket);
          }

          @Override
          public void onUpstreamFailure(Throwable cause) {
            fail(toSocket, cause);
          }
        });
        setHandler(toSocket, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (!hasBeenPulled(fromChat) && !isClosed(fromChat)) {
              pull(fromChat);
            }
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            cancel(fromChat, cause);
          }
        });
        if (isAvailable(toChat)) {
          socketToChat();
        } else if (socketDone()) {
          complete(toChat);
        }
        emit(toSocket, opening);
      }

      /** The chat stack wants bytes: what waits, else the socket's next. */
      private void socketToChat() {
        if (isAvailable(fromSocket)) {
          push(toChat, grab(fromSocket));
        } else if (!hasBeenPulled(fromSocket) && !isClosed(fromSocket)) {
          pull(fromSocket);
        }
        if (socketDone()) {
          complete(toChat);
        }
      }

      /** The socket joined to {@code flow} in a sub-stream; the chat stack closed. */
      private void serve(Flow<ByteString, ByteString, NotUsed> flow) {
        complete(toChat);
        cancel(fromChat);
        SubSourceOutlet<ByteString> feed = new SubSourceOutlet<>("WebRoute.feed");
        SubSinkInlet<ByteString> answer = new SubSinkInlet<>("WebRoute.answer");
        feed.setHandler(new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (isAvailable(fromSocket)) {
              feed.push(grab(fromSocket));
            } else if (!hasBeenPulled(fromSocket) && !isClosed(fromSocket)) {
              pull(fromSocket);
            }
            if (socketDone()) {
              feed.complete();
            }
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            cancel(fromSocket, cause);
          }
        });
        answer.setHandler(new AbstractInHandler() {
          @Override
          public void onPush() {
            push(toSocket, answer.grab());
          }

          @Override
          public void onUpstreamFinish() {
            complete(toSocket);
          }

          @Override
          public void onUpstreamFailure(Throwable cause) {
            fail(toSocket, cause);
          }
        });
        setHandler(fromSocket, new AbstractInHandler() {
          @Override
          public void onPush() {
            if (feed.isAvailable()) {
              feed.push(grab(fromSocket));
            }
          }

          @Override
          public void onUpstreamFinish() {
            if (!isAvailable(fromSocket)) {
              feed.complete();
            }
          }

          @Override
          public void onUpstreamFailure(Throwable cause) {
            feed.fail(cause);
          }
        });
        setHandler(toSocket, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (!answer.hasBeenPulled() && !answer.isClosed()) {
              answer.pull();
            }
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            answer.cancel(cause);
          }
        });
        if (socketDone()) {
          feed.complete();
        }
        Source.fromGraph(feed.source()).via(flow)
            .runWith(answer.sink(), subFusingMaterializer());
        if (isAvailable(toSocket)) {
          answer.pull();
        }
      }
    };
  }
}
