package lochat.web;

import static lochat.protocol.web.WebSocketFrame.NORMAL_CLOSURE;
import static lochat.protocol.web.WebSocketFrame.NO_STATUS;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The server's side of a chat WebSocket, as one stage between the socket and the connection's
 * byte flow (the one every protocol's sessions use): frames from the browser in, the lines of
 * their messages out ({@link FrameReader}); the session's text frames, which its line encoding
 * made ({@link lochat.protocol.web.TextFrames}), out as they are, with the control frames
 * between them ({@link ControlFrames}). So a browser's connection is a native one with one
 * stage more: no stream per message, no interpreter between the socket and the session, and
 * nothing done per message on the way out.
 *
 * <p>It writes {@code opening} (the handshake's {@code 101}) first, answers pings with pongs
 * (at most one waiting at a time), and closes as RFC 6455 (section 7) asks: when the session
 * ends its output, a close frame ({@code 1000}) and the socket's half-close, after which the
 * browser's close ends the reading; when the browser closes first, the session is told its input
 * ended, and its close is echoed once the session has written its last line. A broken rule of
 * the protocol fails the session's input, and the browser gets a close frame with the code.
 * Input that ends in the middle of a frame or a message fails too, so that a half-received
 * message is never read as a line. A failure of the session's output aborts the socket, as on
 * the other listeners.
 */
final class WebSocketFraming
    extends GraphStage<BidiShape<ByteString, ByteString, ByteString, ByteString>> {

  /** The input ended in the middle of a frame or a message. */
  static final class CutShort extends Exception {
    CutShort() {
      super("the browser's connection ended in the middle of a WebSocket message", null, false,
          false);
    }
  }

  private final Inlet<ByteString> fromClient = Inlet.create("WebSocket.fromClient");
  private final Outlet<ByteString> toSession = Outlet.create("WebSocket.toSession");
  private final Inlet<ByteString> fromSession = Inlet.create("WebSocket.fromSession");
  private final Outlet<ByteString> toClient = Outlet.create("WebSocket.toClient");
  private final BidiShape<ByteString, ByteString, ByteString, ByteString> shape =
      BidiShape.of(fromClient, toSession, fromSession, toClient);
  private final ByteString opening;

  private WebSocketFraming(ByteString opening) {
    this.opening = opening;
  }

  /**
   * The WebSocket as a layer whose top joins the connection's byte flow: socket bytes in and
   * session lines out on one side, session frames in and socket bytes out on the other. It
   * writes {@code opening} before any frame.
   */
  static BidiFlow<ByteString, ByteString, ByteString, ByteString, NotUsed> create(
      ByteString opening) {
    return BidiFlow.fromGraph(new WebSocketFraming(opening));
  }

  /** The same, for a socket whose opening is written below it ({@link WebRoute}). */
  static BidiFlow<ByteString, ByteString, ByteString, ByteString, NotUsed> create() {
    return create(ByteString.emptyByteString());
  }

  @Override
  public BidiShape<ByteString, ByteString, ByteString, ByteString> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new GraphStageLogic(shape) {
      private final FrameReader reader = new FrameReader();
      private boolean closeSent;
      private boolean closeReceived;
      private int receivedCode = NORMAL_CLOSURE;
      private boolean pongWaiting;

      {
        setHandler(fromClient, new AbstractInHandler() {
          @Override
          public void onPush() {
            onClientBytes(grab(fromClient));
          }

          @Override
          public void onUpstreamFinish() {
            if (!closeSent && !closeReceived && reader.unfinished()) {
              fail(toSession, new CutShort());
            } else {
              complete(toSession);
            }
          }
        });
        setHandler(toSession, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (!closeReceived && !hasBeenPulled(fromClient) && !isClosed(fromClient)) {
              pull(fromClient);
            }
          }

          @Override
          public void onDownstreamFinish(Throwable cause) {
            cancel(fromClient, cause);
          }
        });
        setHandler(fromSession, new AbstractInHandler() {
          @Override
          public void onPush() {
            ByteString frames = grab(fromSession);
            if (closeSent) {
              pull(fromSession);
            } else {
              emit(toClient, frames);
            }
          }

          @Override
          public void onUpstreamFinish() {
            sendClose(receivedCode);
          }
        });
        setHandler(toClient, new AbstractOutHandler() {
          @Override
          public void onPull() {
            if (!closeSent && !hasBeenPulled(fromSession) && !isClosed(fromSession)) {
              pull(fromSession);
            }
          }
        });
      }

      @Override
      public void preStart() {
        if (!opening.isEmpty()) {
          emit(toClient, opening);
        }
      }

      private void onClientBytes(ByteString bytes) {
        FrameReader.Read read;
        try {
          read = reader.read(bytes);
        } catch (FrameReader.Violation violation) {
          onViolation(violation);
          return;
        }
        read.ping().ifPresent(this::answerPing);
        if (read.close().isPresent()) {
          onClientClose(read.close().get(), read.lines());
        } else if (read.lines().isEmpty()) {
          pull(fromClient);
        } else {
          push(toSession, read.lines());
        }
      }

      private void answerPing(ByteString payload) {
        if (!pongWaiting && !closeSent) {
          pongWaiting = true;
          emit(toClient, ControlFrames.pong(payload), () -> pongWaiting = false);
        }
      }

      private void onClientClose(FrameReader.Close close, ByteString lastLines) {
        closeReceived = true;
        receivedCode = close.code() == NO_STATUS ? NORMAL_CLOSURE : close.code();
        if (!lastLines.isEmpty() && !isClosed(toSession)) {
          emit(toSession, lastLines);
        }
        complete(toSession);
        if (closeSent) {
          cancel(fromClient);
        }
      }

      private void onViolation(FrameReader.Violation violation) {
        fail(toSession, violation);
        cancel(fromClient);
        sendClose(violation.code());
        cancel(fromSession);
      }

      /** The close frame, once, after what is being written, then the socket's half-close. */
      private void sendClose(int code) {
        if (closeSent) {
          return;
        }
        closeSent = true;
        emit(toClient, ControlFrames.close(code));
        complete(toClient);
        if (closeReceived) {
          cancel(fromClient);
        }
      }
    };
  }
}
