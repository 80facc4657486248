package lochat.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import lochat.chat.ChatEvent;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One nickname's owner in the cluster: a Cluster Sharding entity, one per case-folded nickname,
 * that decides claims one after the other ({@link NickDecision}), so that of claims raced from
 * several nodes exactly one is granted.
 *
 * <p>Its state, the holder, lives in the one of the directory's replicated maps that its nickname
 * hashes to ({@link NickPartitions}): it is read from a majority of nodes when the entity starts
 * (first use, or after its shard moved because a node left or died) and written to a majority
 * before a claim is granted, so that any later start reads it back. While running it watches the
 * holder's session, and frees the nickname when the session stops or its node is removed from the
 * cluster ({@link NodeRemoved}, told by every node's {@link NickReplica}, since an entity that is
 * not running watches nothing). A write that no majority acknowledged in time refuses the claim and
 * puts back what was there, on this node, whence gossip spreads it.
 *
 * <p>Limits: while it reads or writes it stashes other messages (at most {@value #STASH}; a
 * claim beyond that is refused as busy). If no majority answers its read, it refuses claims and
 * answers finds with {@link NickDirectory.Unknown} for a second, then reads again if a release
 * waits, or else when it is next asked. A free entity passivates after {@link #IDLE}; a held
 * one runs as long as its shard stays on the node.
 * Messages that cross nodes are versioned as {@link NickHolder} explains.
 */
public final class NickEntity {

  public static final EntityTypeKey<Command> TYPE_KEY =
      EntityTypeKey.create(Command.class, "lochat-nick");

  static final int STASH = 256;
  static final Duration IDLE = Duration.ofSeconds(30);
  private static final Duration RETRY_READ = Duration.ofSeconds(1);

  public sealed interface Command {}

  /**
   * Asks for the nickname for {@code holder}; refused unseen if it is decided after {@code
   * deadline}, as the claimant has given up on it by then.
   */
  public record Claim(NickHolder holder, Instant deadline,
      ActorRef<NickDirectory.ClaimResult> replyTo) implements Command, ClusterMessage {}

  /** Frees the nickname if {@code session} holds it. */
  public record Release(ActorRef<ChatEvent> session) implements Command, ClusterMessage {}

  /** Asks who holds the nickname. */
  public record Find(ActorRef<NickDirectory.FindResult> replyTo)
      implements Command, ClusterMessage {}

  /** {@code node} has left the cluster: a holder connected to it is gone. */
  public record NodeRemoved(NickHolder.Node node) implements Command, ClusterMessage {}

  private enum Tick implements Command { RETRY_READ, IDLE, STOP }

  /** Sharding's stop message, on hand-off or passivation: stop once no write is pending. */
  static final Command STOP = Tick.STOP;

  private record Read(Replicator.GetResponse<LWWMap<String, NickHolder>> response)
      implements Command {}

  private record Written(Replicator.UpdateResponse<LWWMap<String, NickHolder>> response,
      Write write) implements Command {}

  private record HolderStopped(ActorRef<ChatEvent> session) implements Command {}

  /**
   * A write of the directory under way: {@code next} replaces {@code before}; {@code claimant}
   * is told the outcome.
   */
  private record Write(Optional<NickHolder> before, Optional<NickHolder> next,
      Optional<ActorRef<NickDirectory.ClaimResult>> claimant, boolean majority) {}

  public static Behavior<Command> create(String key,
      ActorRef<ClusterSharding.ShardCommand> shard, Duration majorityTimeout) {
    return Behaviors.setup(context -> Behaviors.withStash(STASH, stash ->
        Behaviors.withTimers(timers ->
            DistributedData.<Command, LWWMap<String, NickHolder>>withReplicatorMessageAdapter(
                replicator -> new NickEntity(key, context, stash, timers, replicator, shard,
                    majorityTimeout).loading()))));
  }

  private final String key;
  /** The directory's map that holds this nickname ({@link NickPartitions}). */
  private final Key<LWWMap<String, NickHolder>> map;
  private final ActorContext<Command> context;
  private final StashBuffer<Command> stash;
  private final TimerScheduler<Command> timers;
  private final ReplicatorMessageAdapter<Command, LWWMap<String, NickHolder>> replicator;
  private final ActorRef<ClusterSharding.ShardCommand> shard;
  private final SelfUniqueAddress selfAddress;
  private final Duration majorityTimeout;
  private Optional<NickHolder> holder = Optional.empty();

  private NickEntity(String key, ActorContext<Command> context, StashBuffer<Command> stash,
      TimerScheduler<Command> timers,
      ReplicatorMessageAdapter<Command, LWWMap<String, NickHolder>> replicator,
      ActorRef<ClusterSharding.ShardCommand> shard, Duration majorityTimeout) {
    this.key = key;
    this.map = NickPartitions.mapOf(key);
    this.context = context;
    this.stash = stash;
    this.timers = timers;
    this.replicator = replicator;
    this.shard = shard;
    this.selfAddress = DistributedData.get(context.getSystem()).selfUniqueAddress();
    this.majorityTimeout = majorityTimeout;
  }

  /** Reading the holder from a majority; everything else waits. */
  private Behavior<Command> loading() {
    replicator.askGet(
        replyTo -> new Replicator.Get<>(map,
            new Replicator.ReadMajority(majorityTimeout), replyTo),
        Read::new);
    return Behaviors.receive(Command.class)
        .onMessage(Read.class, this::onRead)
        .onAnyMessage(this::stashed)
        .build();
  }

  /** The holder known: claims, releases and finds are answered. */
  private Behavior<Command> ready() {
    if (holder.isEmpty()) {
      context.setReceiveTimeout(IDLE, Tick.IDLE);
    } else {
      context.cancelReceiveTimeout();
    }
    return Behaviors.receive(Command.class)
        .onMessage(Claim.class, this::onClaim)
        .onMessage(Release.class, release -> freeIf(NickDecision.freedBy(holder,
            release.session())))
        .onMessage(HolderStopped.class, stopped -> freeIf(NickDecision.freedBy(holder,
            stopped.session())))
        .onMessage(NodeRemoved.class, removed -> freeIf(NickDecision.freedBy(holder,
            removed.node())))
        .onMessage(Find.class, this::onFind)
        .onMessageEquals(Tick.IDLE, this::onIdle)
        .onMessageEquals(Tick.STOP, Behaviors::stopped)
        .build();
  }

  /** No majority answered the read: claims are refused until a retry reads the holder. */
  private Behavior<Command> unreachable() {
    timers.startSingleTimer(Tick.RETRY_READ, RETRY_READ);
    return Behaviors.receive(Command.class)
        .onMessage(Claim.class, claim -> refuse(claim, NickDirectory.Refusal.UNREACHABLE))
        .onMessage(Find.class, find -> {
          find.replyTo().tell(new NickDirectory.Unknown(key));
          return Behaviors.same();
        })
        .onMessageEquals(Tick.RETRY_READ, this::onRetryRead)
        .onMessageEquals(Tick.STOP, Behaviors::stopped)
        .onAnyMessage(this::stashed)
        .build();
  }

  /** A write under way: everything else waits for its outcome. */
  private Behavior<Command> writing(Write write) {
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(map, LWWMap.create(),
            write.majority() ? new Replicator.WriteMajority(majorityTimeout)
                : Replicator.writeLocal(),
            replyTo,
            held -> write.next().isPresent() ? held.put(selfAddress, key, write.next().get())
                : held.remove(selfAddress, key)),
        response -> new Written(response, write));
    return Behaviors.receive(Command.class)
        .onMessage(Written.class, this::onWritten)
        .onAnyMessage(this::stashed)
        .build();
  }

  private Behavior<Command> onRead(Read read) {
    if (read.response() instanceof Replicator.GetSuccess<LWWMap<String, NickHolder>> success) {
      become(optional(success.get(map).get(key)));
      return stash.unstashAll(ready());
    }
    if (read.response() instanceof Replicator.NotFound<LWWMap<String, NickHolder>>) {
      become(Optional.empty());
      return stash.unstashAll(ready());
    }
    context.getLog().warn("Nickname {}: no majority of nodes answered who holds it; claims are"
        + " refused until one does", key);
    return stash.unstashAll(unreachable());
  }

  /**
   * Reads again if a release or a loss waits for the holder; else waits to be asked, so that a
   * read that timed out on a busy cluster is not repeated every second by every entity it
   * failed for.
   */
  private Behavior<Command> onRetryRead() {
    return stash.isEmpty() ? dormant() : loading();
  }

  /** The holder unknown and nothing asked: the next message reads it; idle, it passivates. */
  private Behavior<Command> dormant() {
    context.setReceiveTimeout(IDLE, Tick.IDLE);
    return Behaviors.receive(Command.class)
        .onMessageEquals(Tick.IDLE, () -> {
          shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
          return Behaviors.same();
        })
        .onMessageEquals(Tick.STOP, Behaviors::stopped)
        .onAnyMessage(command -> {
          stash.stash(command);
          return loading();
        })
        .build();
  }

  private Behavior<Command> onClaim(Claim claim) {
    if (Instant.now().isAfter(claim.deadline())) {
      return refuse(claim, NickDirectory.Refusal.UNREACHABLE);
    }
    return switch (NickDecision.ofClaim(holder, claim.holder())) {
      case ALREADY_HELD -> {
        claim.replyTo().tell(new NickDirectory.Granted(holder.get()));
        yield Behaviors.same();
      }
      case IN_USE -> refuse(claim, NickDirectory.Refusal.IN_USE);
      case WRITE -> writing(new Write(holder, Optional.of(claim.holder()),
          Optional.of(claim.replyTo()), true));
    };
  }

  private Behavior<Command> freeIf(boolean freed) {
    return freed ? writing(new Write(holder, Optional.empty(), Optional.empty(), true))
        : Behaviors.same();
  }

  private Behavior<Command> onFind(Find find) {
    find.replyTo().tell(holder.<NickDirectory.FindResult>map(NickDirectory.Held::new)
        .orElseGet(() -> new NickDirectory.Free(key)));
    return Behaviors.same();
  }

  private Behavior<Command> onIdle() {
    if (holder.isEmpty()) {
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onWritten(Written written) {
    Write write = written.write();
    if (written.response() instanceof Replicator.UpdateSuccess<LWWMap<String, NickHolder>>) {
      become(write.next());
      write.claimant().ifPresent(claimant ->
          claimant.tell(new NickDirectory.Granted(write.next().orElseThrow())));
      return stash.unstashAll(ready());
    }
    if (write.claimant().isPresent()) {
      context.getLog().warn("Nickname {}: no majority of nodes acknowledged the claim in {};"
          + " refused, and put back as it was", key, majorityTimeout);
      write.claimant().get().tell(
          new NickDirectory.Refused(write.next().orElseThrow().nick(),
              NickDirectory.Refusal.UNREACHABLE));
      return writing(new Write(write.next(), write.before(), Optional.empty(), false));
    }
    if (write.majority()) {
      context.getLog().warn("Nickname {}: no majority of nodes acknowledged its release in {};"
          + " it spreads from this node once they can be reached", key, majorityTimeout);
    }
    become(write.next());
    return stash.unstashAll(ready());
  }

  private Behavior<Command> refuse(Claim claim, NickDirectory.Refusal reason) {
    claim.replyTo().tell(new NickDirectory.Refused(claim.holder().nick(), reason));
    return Behaviors.same();
  }

  private Behavior<Command> stashed(Command command) {
    if (!stash.isFull()) {
      stash.stash(command);
    } else if (command instanceof Claim claim) {
      refuse(claim, NickDirectory.Refusal.BUSY);
    } else {
      context.getLog().warn("Nickname {}: {} dropped, {} messages are waiting already", key,
          command, STASH);
    }
    return Behaviors.same();
  }

  /** The holder is now {@code next}: its session is watched instead of the previous one's. */
  private void become(Optional<NickHolder> next) {
    ActorRef<ChatEvent> previous = holder.map(NickHolder::session).orElse(null);
    ActorRef<ChatEvent> session = next.map(NickHolder::session).orElse(null);
    if (previous != null && !previous.equals(session)) {
      context.unwatch(previous);
    }
    if (session != null && !session.equals(previous)) {
      context.watchWith(session, new HolderStopped(session));
    }
    holder = next;
  }

  private static <T> Optional<T> optional(scala.Option<T> option) {
    return option.isDefined() ? Optional.of(option.get()) : Optional.empty();
  }
}
