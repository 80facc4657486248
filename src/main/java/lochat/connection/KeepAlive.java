package lochat.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import lochat.ConfigChecks;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Asks a quiet client whether it is still there, and gives up on one that does not answer. A
 * client whose machine vanished (a laptop shut, a cable pulled, a phone out of range) sends no
 * FIN or reset, and TCP alone would keep its connection, and its nickname, for many minutes.
 *
 * <p>Not an actor: a session that wants a keep-alive owns one, tells it of every line it hears
 * ({@link #heard}), and hands it its timer's {@link Check} messages. After {@code interval}
 * without a line, {@link #check} says to ask (IRC's {@code PING}, the web's {@code ping}); when
 * {@code timeout} more passes without a line, to give up. Any line counts as the answer. The
 * timer runs only while the session owns the keep-alive's timer key, one check at a time.
 */
public final class KeepAlive {

  /** The timer's message: time to see whether the client has been quiet too long. */
  public record Check() implements SessionCommand.Own {}

  /** What a check found. */
  public enum Outcome {
    /** The client was heard lately, or the question is still on its way: nothing to do. */
    WAIT,
    /** The client has been quiet for the interval: ask it. */
    ASK,
    /** The client has not answered within the timeout: it is gone. */
    GIVE_UP
  }

  private final TimerScheduler<SessionCommand> timers;
  private final Clock clock;
  private final Duration interval;
  private final Duration timeout;
  private long lastHeard;
  private long askedAt;
  private boolean asked;

  /** Starts the keep-alive of a session whose client has just been heard. */
  public KeepAlive(TimerScheduler<SessionCommand> timers, Clock clock, Duration interval,
      Duration timeout) {
    this.timers = timers;
    this.clock = clock;
    this.interval = interval;
    this.timeout = timeout;
    this.lastHeard = clock.millis();
    timers.startSingleTimer(Check.class, new Check(), interval);
  }

  /** The client sent a line. */
  public void heard() {
    lastHeard = clock.millis();
    asked = false;
  }

  /** On the timer's {@link Check}: what to do, with the next check scheduled unless giving up. */
  public Outcome check() {
    long now = clock.millis();
    if (asked) {
      Duration waited = Duration.ofMillis(now - askedAt);
      if (waited.compareTo(timeout) >= 0) {
        return Outcome.GIVE_UP;
      }
      timers.startSingleTimer(Check.class, new Check(), timeout.minus(waited));
      return Outcome.WAIT;
    }
    Duration quiet = Duration.ofMillis(now - lastHeard);
    if (quiet.compareTo(interval) >= 0) {
      asked = true;
      askedAt = now;
      timers.startSingleTimer(Check.class, new Check(), timeout);
      return Outcome.ASK;
    }
    timers.startSingleTimer(Check.class, new Check(), interval.minus(quiet));
    return Outcome.WAIT;
  }

  /** Why the client was given up on, as the client is told: {@code Ping timeout: 60 seconds}. */
  public String reason() {
    return "Ping timeout: " + ConfigChecks.inWords(timeout);
  }

  /** Why the client was given up on, as its rooms are told: {@code ping timeout: 60 seconds}. */
  public String leavingReason() {
    return reason().toLowerCase(Locale.ROOT);
  }
}
