package lochat.connection;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import lochat.ConfigChecks;
import lochat.Failures;
import lochat.protocol.InboundLine;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.SinkShape;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import scala.runtime.BoxedUnit;

/**
 * The end of a connection's inbound stream: hands the session one line at a time, and takes the
 * next only when the session has acknowledged the last, so that a client's lines take effect,
 * and are answered, in the order sent, and a client that floods is held back by TCP. It also
 * paces each client (flood control: {@code linesPerSecond} after a burst of {@code burst}), ends
 * the input once the connection is closing ({@link InputDrain#closing}), and tells the session
 * when the input has ended, cleanly or with the failure.
 *
 * <p>Why one stage and not {@code throttle}, {@code takeWhile}, {@code mapAsync} with an ask,
 * {@code watchTermination} and {@code Sink.ignore}: each of those stages costs every connection
 * memory while it is idle, and an ask per line costs a temporary actor, a future and a timeout
 * task. Here the acknowledgements go to the stage's own actor, and one timer at a time watches
 * both the pace and the {@code input-timeout} (a session that does not take a line within it
 * breaks the connection).
 */
final class SessionInput extends GraphStage<SinkShape<InboundLine>> {

  private static final String TIMER = "input";

  private final Inlet<InboundLine> in = Inlet.create("SessionInput.in");
  private final SinkShape<InboundLine> shape = SinkShape.of(in);
  private final CompletionStage<SessionSide> side;
  private final InputDrain input;

  /** Reads nothing until {@code side} has come: see {@link ConnectionFlow#awaiting}. */
  SessionInput(CompletionStage<SessionSide> side, InputDrain input) {
    this.side = side;
    this.input = input;
  }

  @Override
  public SinkShape<InboundLine> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes attributes) {
    return new TimerGraphStageLogic(shape) {
      /** Null until the session has come. */
      private ActorRef<SessionCommand> session;
      private long timeoutNanos;
      private long nanosPerLine;
      private int burst;
      private ActorRef<Done> acknowledgements;
      /** The line waiting for its turn under flood control, or null. */
      private InboundLine paced;
      private boolean awaitingAck;
      private long sentAt;
      private boolean finishing;
      private boolean ended;
      private Throwable failure;
      /** When the bucket of flood control is full again; it holds {@code burst} lines. */
      private long bucketFullAt = Long.MIN_VALUE;
      /** When the timer, if active, fires. */
      private long timerDue;

      {
        setHandler(in, new AbstractInHandler() {
          @Override
          public void onPush() {
            InboundLine line = grab(in);
            if (input.closing()) {
              endCleanly();
            } else if (!takeFromBucket()) {
              paced = line;
              scheduleCheck();
            } else {
              hand(line);
            }
          }

          @Override
          public void onUpstreamFinish() {
            if (awaitingAck || paced != null) {
              finishing = true;
              setKeepGoing(true);
            } else {
              endCleanly();
            }
          }

          @Override
          public void onUpstreamFailure(Throwable cause) {
            failure = cause;
            failStage(cause);
          }
        });
      }

      @Override
      public void preStart() {
        acknowledgements = Adapter.toTyped(getStageActor(message -> {
          onAcknowledged();
          return BoxedUnit.UNIT;
        }).ref());
        SessionSide now = side.toCompletableFuture().getNow(null);
        if (now != null) {
          start(now);
        } else {
          AsyncCallback<SessionSide> start = createAsyncCallback(this::start);
          side.thenAccept(start::invoke);
        }
      }

      private void start(SessionSide started) {
        ConnectionSettings settings = started.settings();
        session = started.session();
        timeoutNanos = settings.inputTimeout().toNanos();
        nanosPerLine = settings.inputLinesPerSecond() <= 0
            ? 0 : 1_000_000_000L / settings.inputLinesPerSecond();
        burst = settings.inputBurst();
        if (!isClosed(in)) {
          pull(in);
        }
      }

      private void hand(InboundLine line) {
        session.tell(new SessionCommand.Received(line, acknowledgements));
        awaitingAck = true;
        sentAt = System.nanoTime();
        scheduleCheck();
      }

      private void onAcknowledged() {
        if (!awaitingAck) {
          return;
        }
        awaitingAck = false;
        if (finishing) {
          endCleanly();
        } else if (!isClosed(in)) {
          pull(in);
        }
      }

      /** Flood control: whether the bucket has a line to spare now, taking it if so. */
      private boolean takeFromBucket() {
        if (nanosPerLine == 0) {
          return true;
        }
        long now = System.nanoTime();
        long emptyAt = now - burst * nanosPerLine;
        long full = Math.max(bucketFullAt, emptyAt);
        if (full + nanosPerLine > now) {
          return false;
        }
        bucketFullAt = full + nanosPerLine;
        return true;
      }

      /** Makes sure the timer fires by the next moment something is due (pace or timeout). */
      private void scheduleCheck() {
        long now = System.nanoTime();
        long due = Long.MAX_VALUE;
        if (paced != null) {
          due = Math.min(due, Math.max(bucketFullAt, now - burst * nanosPerLine) + nanosPerLine);
        }
        if (awaitingAck) {
          due = Math.min(due, sentAt + timeoutNanos);
        }
        if (due != Long.MAX_VALUE && (!isTimerActive(TIMER) || due < timerDue)) {
          timerDue = due;
          scheduleOnce(TIMER, Duration.ofNanos(Math.max(0, due - now)));
        }
      }

      @Override
      public void onTimer(Object key) {
        if (awaitingAck && System.nanoTime() - sentAt >= timeoutNanos) {
          failure = new TimeoutException("no answer to a line within "
              + ConfigChecks.inWords(Duration.ofNanos(timeoutNanos)));
          failStage(failure);
          return;
        }
        if (paced != null && !awaitingAck && takeFromBucket()) {
          InboundLine line = paced;
          paced = null;
          if (input.closing()) {
            endCleanly();
            return;
          }
          hand(line);
        }
        scheduleCheck();
      }

      private void endCleanly() {
        ended = true;
        completeStage();
      }

      @Override
      public void postStop() {
        if (!ended && failure == null) {
          failure = new IllegalStateException("the connection's stream stopped");
        }
        SessionCommand ended = new SessionCommand.InputEnded(
            Optional.ofNullable(failure).map(Failures::describe));
        if (session != null) {
          session.tell(ended);
        } else {
          side.thenAccept(late -> late.session().tell(ended));
        }
      }
    };
  }
}
