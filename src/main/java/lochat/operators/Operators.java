package lochat.operators;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import lochat.ConfigChecks;
import lochat.chat.ChatEvent;
import lochat.guard.Gatekeeper;
import lochat.guard.GuardSettings;
import lochat.guard.PasswordFailures;
import lochat.registry.Registry;
import lochat.store.HistoryStore;
import lochat.store.ServerBan;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The server operators' office: who becomes an operator ({@link LogIn}, IRC {@code OPER}), and
 * the server-wide address bans ({@link Ban}, {@link Unban}, {@link ListBans}).
 *
 * <p>Passwords are checked with {@link OperatorAccounts#verify}, which is slow on purpose, on
 * Pekko's blocking dispatcher, never on this actor's thread, and the answer is piped back. Wrong
 * attempts are counted per address by the same {@link PasswordFailures} rules as the server's
 * password ({@code lochat.password-failures}, counted apart from it), logged with the address
 * and the name tried, and answered late. An address has at most one check under way, and the
 * server at most {@value #MOST_CHECKS}: more are refused at once, unchecked, so that guessing
 * cannot keep the processors busy.
 *
 * <p>A ban takes effect at once: the {@link Gatekeeper} refuses new connections from matching
 * addresses, and the registry tells every user connected from one that it is removed. Bans are
 * written to the {@link HistoryStore} in the order made, on the blocking dispatcher; a failed
 * write is logged and the ban holds until the server stops. In a cluster, every ban and lift
 * is told to the other nodes ({@link Sharing}), whose operators apply it ({@link Shared}), and a
 * node that starts takes the cluster's bans ({@link Adopt}). Limits: a user who has not chosen a
 * nickname yet is not cut by a new ban (it cannot be found by the registry); bans are permanent
 * until removed.
 */
public final class Operators extends AbstractBehavior<Operators.Command> {

  /** The most password checks under way at once, server-wide. */
  static final int MOST_CHECKS = 4;

  public sealed interface Command {}

  /** {@code address} (IP) asks to become operator {@code name} with {@code password}. */
  public record LogIn(String address, String name, String password,
      ActorRef<LoginResult> replyTo) implements Command {}

  /** Bans {@code mask} (as given; see {@link ServerBans}), set by operator nickname {@code by}. */
  public record Ban(String mask, String reason, String by, ActorRef<BanResult> replyTo)
      implements Command {}

  public record Unban(String mask, ActorRef<BanResult> replyTo) implements Command {}

  public record ListBans(ActorRef<BanResult> replyTo) implements Command {}

  /** From another node of the cluster: a ban set there, or lifted when {@code lifted}. */
  public record Shared(ServerBan ban, boolean lifted) implements Command {}

  /** At this node's start in a cluster: the cluster's bans, which replace this node's. */
  public record Adopt(List<ServerBan> bans) implements Command {}

  /** Where this node's bans and lifts are told, for the other nodes of a cluster. */
  public interface Sharing {
    void changed(ServerBan ban, boolean lifted);

    Sharing NONE = (ban, lifted) -> { };
  }

  private record Verified(LogIn login, boolean right) implements Command {}

  private record Answer(String address, ActorRef<LoginResult> replyTo, LoginResult result)
      implements Command {}

  private record StoreFailed(String what, Throwable failure) implements Command {}

  /** The answer to {@link LogIn}. */
  public sealed interface LoginResult {}

  public record LoggedIn(String name) implements LoginResult {}

  /** Wrong name or password, or ({@code unchecked}) too many attempts to check this one. */
  public record LoginRefused(boolean unchecked) implements LoginResult {}

  /** The server has no operators configured. */
  public record NoOperators() implements LoginResult {}

  /** The answer to {@link Ban}, {@link Unban} and {@link ListBans}. */
  public sealed interface BanResult {}

  /** {@code ban} is set; {@code replaced} when it took the place of one on the same mask. */
  public record Banned(ServerBan ban, boolean replaced) implements BanResult {}

  public record Unbanned(ServerBan ban) implements BanResult {}

  public record NotBanned(String mask) implements BanResult {}

  public record BadMask(String mask, String problem) implements BanResult {}

  public record BanList(List<ServerBan> bans) implements BanResult {

    public BanList {
      bans = List.copyOf(bans);
    }
  }

  /**
   * @param store where bans are kept; {@code bans} are those it held at start
   * @param failures how wrong passwords are slowed, as {@code lochat.password-failures} says
   */
  public static Behavior<Command> create(OperatorAccounts accounts, GuardSettings failures,
      HistoryStore store, ServerBans bans, ActorRef<Gatekeeper.Command> gatekeeper,
      ActorRef<Registry.Command> registry, Clock clock) {
    return create(accounts, failures, store, bans, gatekeeper, registry, clock, Sharing.NONE);
  }

  /** Operators whose bans and lifts are also told to {@code sharing} (a cluster's nodes). */
  public static Behavior<Command> create(OperatorAccounts accounts, GuardSettings failures,
      HistoryStore store, ServerBans bans, ActorRef<Gatekeeper.Command> gatekeeper,
      ActorRef<Registry.Command> registry, Clock clock, Sharing sharing) {
    return Behaviors.setup(context -> new Operators(
        context, accounts, failures, store, bans, gatekeeper, registry, clock, sharing));
  }

  private final OperatorAccounts accounts;
  private final PasswordFailures failures;
  private final HistoryStore store;
  private final ActorRef<Gatekeeper.Command> gatekeeper;
  private final ActorRef<Registry.Command> registry;
  private final Clock clock;
  private final Sharing sharing;
  private final Executor blocking;
  private final Set<String> checking = new HashSet<>();
  private ServerBans bans;
  private CompletableFuture<?> writes = CompletableFuture.completedFuture(null);

  private Operators(ActorContext<Command> context, OperatorAccounts accounts,
      GuardSettings failures, HistoryStore store, ServerBans bans,
      ActorRef<Gatekeeper.Command> gatekeeper, ActorRef<Registry.Command> registry,
      Clock clock, Sharing sharing) {
    super(context);
    this.accounts = accounts;
    this.failures = new PasswordFailures(failures.freePasswordFailures(),
        failures.firstPasswordDelay(), failures.maxPasswordDelay(),
        failures.forgetPasswordFailuresAfter());
    this.store = store;
    this.bans = bans;
    this.gatekeeper = gatekeeper;
    this.registry = registry;
    this.clock = clock;
    this.sharing = sharing;
    this.blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(LogIn.class, this::onLogIn)
        .onMessage(Verified.class, this::onVerified)
        .onMessage(Answer.class, this::onAnswer)
        .onMessage(Ban.class, this::onBan)
        .onMessage(Unban.class, this::onUnban)
        .onMessage(ListBans.class, this::onListBans)
        .onMessage(Shared.class, this::onShared)
        .onMessage(Adopt.class, this::onAdopt)
        .onMessage(StoreFailed.class, this::onStoreFailed)
        .build();
  }

  private Behavior<Command> onLogIn(LogIn login) {
    if (accounts.isEmpty()) {
      login.replyTo().tell(new NoOperators());
    } else if (checking.size() >= MOST_CHECKS || !checking.add(login.address())) {
      login.replyTo().tell(new LoginRefused(true));
    } else {
      char[] password = login.password().toCharArray();
      CompletableFuture<Boolean> right = CompletableFuture.supplyAsync(() -> {
        try {
          return accounts.verify(login.name(), password);
        } finally {
          PasswordHash.forget(password);
        }
      }, blocking);
      getContext().pipeToSelf(right, (ok, failure) -> new Verified(login, Boolean.TRUE.equals(ok)));
    }
    return this;
  }

  private Behavior<Command> onVerified(Verified verified) {
    LogIn login = verified.login();
    PasswordFailures.Verdict verdict =
        failures.check(login.address(), verified.right(), clock.instant());
    LoginResult result = switch (verdict.outcome()) {
      case ACCEPTED -> new LoggedIn(login.name());
      case REJECTED -> new LoginRefused(false);
      case NOT_CHECKED -> new LoginRefused(true);
    };
    if (verdict.outcome() == PasswordFailures.Outcome.REJECTED) {
      getContext().getLog().warn("Failed OPER from {} as operator name '{}' ({} in a row from"
          + " this address{})", login.address(), login.name(), verdict.failures(),
          verdict.nextDelay().isZero() ? ""
              : "; its next attempt waits " + ConfigChecks.inWords(verdict.nextDelay()));
    } else if (verdict.accepted()) {
      getContext().getLog().info("{} is now server operator {}", login.address(), login.name());
    }
    Answer answer = new Answer(login.address(), login.replyTo(), result);
    Duration wait = Duration.between(clock.instant(), verdict.answerAt());
    if (wait.isNegative() || wait.isZero()) {
      return onAnswer(answer);
    }
    getContext().scheduleOnce(wait, getContext().getSelf(), answer);
    return this;
  }

  /** Answers a check once its delay is over; only then may its address try again. */
  private Behavior<Command> onAnswer(Answer answer) {
    checking.remove(answer.address());
    answer.replyTo().tell(answer.result());
    return this;
  }

  private Behavior<Command> onBan(Ban request) {
    String mask = ServerBans.normal(request.mask());
    Optional<String> problem = ServerBans.maskProblem(mask);
    if (problem.isPresent()) {
      request.replyTo().tell(new BadMask(mask, problem.get()));
      return this;
    }
    ServerBan ban = new ServerBan(mask, request.reason(), request.by(), clock.instant());
    boolean replaced = bans.get(mask).isPresent();
    set(ban);
    sharing.changed(ban, false);
    request.replyTo().tell(new Banned(ban, replaced));
    return this;
  }

  /** Sets {@code ban} here: new connections refused, users connected from it removed. */
  private void set(ServerBan ban) {
    changed(bans.with(ban));
    write("the ban on " + ban.mask(), () -> store.saveServerBan(ban));
    getContext().getLog().info("Server operator {} banned {}: {}", ban.setBy(), ban.mask(),
        ban.reason());
    ServerBans only = ServerBans.of(List.of(ban));
    registry.tell(new Registry.Tell((nick, address) -> only.matching(address).isPresent(),
        new ChatEvent.Removed(ServerBans.refusalText(ban), true), Optional.empty()));
  }

  private void lift(String mask) {
    changed(bans.without(mask));
    write("the removal of the ban on " + mask, () -> store.removeServerBan(mask));
    getContext().getLog().info("The ban on {} was removed", mask);
  }

  private Behavior<Command> onShared(Shared shared) {
    Optional<ServerBan> here = bans.get(shared.ban().mask());
    if (shared.lifted() && here.isPresent()) {
      lift(shared.ban().mask());
    } else if (!shared.lifted() && !here.equals(Optional.of(shared.ban()))) {
      set(shared.ban());
    }
    return this;
  }

  private Behavior<Command> onAdopt(Adopt adopt) {
    ServerBans cluster = ServerBans.of(adopt.bans());
    bans.list().stream().filter(ban -> cluster.get(ban.mask()).isEmpty())
        .forEach(ban -> lift(ban.mask()));
    adopt.bans().stream().filter(ban -> !bans.get(ban.mask()).equals(Optional.of(ban)))
        .forEach(this::set);
    return this;
  }

  private Behavior<Command> onUnban(Unban request) {
    String mask = ServerBans.normal(request.mask());
    Optional<ServerBan> ban = bans.get(mask);
    if (ban.isEmpty()) {
      request.replyTo().tell(new NotBanned(mask));
      return this;
    }
    lift(mask);
    sharing.changed(ban.get(), true);
    request.replyTo().tell(new Unbanned(ban.get()));
    return this;
  }

  private Behavior<Command> onListBans(ListBans request) {
    request.replyTo().tell(new BanList(bans.list()));
    return this;
  }

  private Behavior<Command> onStoreFailed(StoreFailed failed) {
    getContext().getLog().error("Could not store {}; it holds until the server stops: {}",
        failed.what(), failed.failure().getMessage());
    return this;
  }

  private void changed(ServerBans now) {
    bans = now;
    gatekeeper.tell(new Gatekeeper.SetBans(now));
  }

  /** Writes one change to the store after those before it, off this actor's thread. */
  private void write(String what, Runnable change) {
    ActorRef<Command> self = getContext().getSelf();
    writes = writes.thenRunAsync(change, blocking).handle((done, failure) -> {
      if (failure != null) {
        self.tell(new StoreFailed(what, failure.getCause() != null ? failure.getCause() : failure));
      }
      return null;
    });
  }
}
