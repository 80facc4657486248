package lochat.guard;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import lochat.ConfigChecks;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * What each client address (IP) may do on the whole server, whichever listener it comes in on:
 * how many connections it may hold open, how many of them may be still without a nickname, and
 * how fast it may guess the server's password, and whether it is banned ({@link AddressBans},
 * set by server operators).
 *
 * <p>It exists so that one machine cannot lock everyone else out: without it a single address
 * could fill the connection limit with idle connections, or guess the password as fast as it
 * can reconnect. Listeners ask it before they give a connection a session ({@link Admit}) and
 * tell it when the session registers and ends; sessions ask it to check a password
 * ({@link CheckPassword}), and it answers late when the address has failed too often
 * ({@link PasswordFailures}). Refusals are logged once per episode, not once per connection, so
 * that a flood cannot fill the log.
 *
 * <p>Limits: an address is an IP address; every client behind one NAT counts as one. Counts live
 * in memory and start from zero when the server starts.
 */
public final class Gatekeeper extends AbstractBehavior<Gatekeeper.Command> {

  public sealed interface Command {}

  /**
   * A new connection from {@code address} asks to be let in; {@code ticket} comes back in the
   * answer so that the listener knows which connection it is about.
   */
  public record Admit(String address, long ticket, ActorRef<Admission> replyTo)
      implements Command {}

  /** A connection from {@code address} that was admitted has chosen its nickname. */
  public record Registered(String address) implements Command {}

  /** A connection from {@code address} that was admitted has ended. */
  public record Released(String address, boolean registered) implements Command {}

  /** Is {@code given} the server's password? Answered late when the address failed too often. */
  public record CheckPassword(String address, String given, ActorRef<PasswordChecked> replyTo)
      implements Command {}

  /** From now on, refuses the addresses {@code bans} names, at once. */
  public record SetBans(AddressBans bans) implements Command {}

  /** The answer to {@link Admit}. */
  public sealed interface Admission {
    long ticket();
  }

  public record Admitted(long ticket) implements Admission {}

  /** Not admitted; {@code reason} is said to the client. */
  public record Refused(long ticket, String reason) implements Admission {}

  /** Not admitted: the address is banned; {@code reason} is said to the client. */
  public record Banned(long ticket, String reason) implements Admission {}

  /** The answer to {@link CheckPassword}. */
  public record PasswordChecked(PasswordFailures.Outcome outcome) {

    public boolean accepted() {
      return outcome == PasswordFailures.Outcome.ACCEPTED;
    }
  }

  /**
   * @param passwordMatches whether a guess is the server's password (compared in constant time)
   */
  public static Behavior<Command> create(
      GuardSettings settings, Predicate<String> passwordMatches, Clock clock) {
    return create(settings, passwordMatches, AddressBans.NONE, clock);
  }

  /** @param bans the addresses banned from the start (the bans kept in the store) */
  public static Behavior<Command> create(GuardSettings settings,
      Predicate<String> passwordMatches, AddressBans bans, Clock clock) {
    return Behaviors.setup(
        context -> new Gatekeeper(context, settings, passwordMatches, bans, clock));
  }

  /** What one address holds now. */
  private static final class Address {
    private int open;
    private int unregistered;
    private int refused;
  }

  private final GuardSettings settings;
  private final Predicate<String> passwordMatches;
  private final Clock clock;
  private final PasswordFailures passwordFailures;
  private final Map<String, Address> addresses = new HashMap<>();
  private AddressBans bans;

  private Gatekeeper(ActorContext<Command> context, GuardSettings settings,
      Predicate<String> passwordMatches, AddressBans bans, Clock clock) {
    super(context);
    this.bans = bans;
    this.settings = settings;
    this.passwordMatches = passwordMatches;
    this.clock = clock;
    this.passwordFailures = new PasswordFailures(settings.freePasswordFailures(),
        settings.firstPasswordDelay(), settings.maxPasswordDelay(),
        settings.forgetPasswordFailuresAfter());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Admit.class, this::onAdmit)
        .onMessage(Registered.class, this::onRegistered)
        .onMessage(Released.class, this::onReleased)
        .onMessage(CheckPassword.class, this::onCheckPassword)
        .onMessage(SetBans.class, this::onSetBans)
        .build();
  }

  private Behavior<Command> onAdmit(Admit admit) {
    Optional<String> banned = bans.refusal(admit.address());
    if (banned.isPresent()) {
      admit.replyTo().tell(new Banned(admit.ticket(), banned.get()));
      return this;
    }
    Address address = addresses.computeIfAbsent(admit.address(), key -> new Address());
    String refusal = null;
    if (atLimit(address.open, settings.maxConnections())) {
      refusal = "Too many connections from your address (" + address.open
          + ", the most one address may have); close one and try again";
    } else if (atLimit(address.unregistered, settings.maxUnregistered())) {
      refusal = "Too many connections from your address without a nickname ("
          + address.unregistered + ", the most one address may have); choose a nickname on"
          + " those first";
    }
    if (refusal != null) {
      if (address.refused++ == 0) {
        getContext().getLog().warn("Refusing connections from {}: {} open, {} without a nickname"
            + " (limits {} and {})", admit.address(), address.open, address.unregistered,
            limitText(settings.maxConnections()), limitText(settings.maxUnregistered()));
      }
      admit.replyTo().tell(new Refused(admit.ticket(), refusal));
      forgetIfIdle(admit.address(), address);
      return this;
    }
    address.open++;
    address.unregistered++;
    admit.replyTo().tell(new Admitted(admit.ticket()));
    return this;
  }

  private Behavior<Command> onRegistered(Registered registered) {
    Address address = addresses.get(registered.address());
    if (address != null && address.unregistered > 0) {
      address.unregistered--;
      refusalsOver(registered.address(), address);
    }
    return this;
  }

  private Behavior<Command> onReleased(Released released) {
    Address address = addresses.get(released.address());
    if (address == null) {
      return this;
    }
    address.open = Math.max(0, address.open - 1);
    if (!released.registered()) {
      address.unregistered = Math.max(0, address.unregistered - 1);
    }
    refusalsOver(released.address(), address);
    forgetIfIdle(released.address(), address);
    return this;
  }

  private Behavior<Command> onCheckPassword(CheckPassword check) {
    boolean right = passwordMatches.test(check.given());
    PasswordFailures.Verdict verdict =
        passwordFailures.check(check.address(), right, clock.instant());
    if (verdict.outcome() == PasswordFailures.Outcome.REJECTED) {
      getContext().getLog().warn("Wrong password from {} ({} in a row from this address{}{})",
          check.address(), verdict.failures(), verdict.nextDelay().isZero() ? ""
              : "; its next check waits " + ConfigChecks.inWords(verdict.nextDelay()),
          verdict.refusedBefore() == 0 ? ""
              : "; " + verdict.refusedBefore() + " more refused unchecked before it");
    }
    PasswordChecked answer = new PasswordChecked(verdict.outcome());
    Duration wait = Duration.between(clock.instant(), verdict.answerAt());
    if (wait.isNegative() || wait.isZero()) {
      check.replyTo().tell(answer);
    } else {
      getContext().scheduleOnce(wait, check.replyTo(), answer);
    }
    return this;
  }

  private Behavior<Command> onSetBans(SetBans set) {
    bans = set.bans();
    return this;
  }

  /** Logs the end of a refusal episode once the address is below its limits again. */
  private void refusalsOver(String key, Address address) {
    if (address.refused > 0 && !atLimit(address.open, settings.maxConnections())
        && !atLimit(address.unregistered, settings.maxUnregistered())) {
      getContext().getLog().info("{} is below its connection limits again; {} connection(s)"
          + " were refused", key, address.refused);
      address.refused = 0;
    }
  }

  private void forgetIfIdle(String key, Address address) {
    if (address.open == 0 && address.refused == 0) {
      addresses.remove(key);
    }
  }

  private static boolean atLimit(int count, int limit) {
    return limit > 0 && count >= limit;
  }

  private static String limitText(int limit) {
    return limit == 0 ? "none" : String.valueOf(limit);
  }
}
