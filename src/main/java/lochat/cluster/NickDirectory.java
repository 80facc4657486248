package lochat.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import lochat.CompletingThread;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The cluster-wide nickname directory as one node's Registry uses it: one namespace of
 * nicknames for the users of every node.
 *
 * <p>Who holds a nickname is decided by one Cluster Sharding entity per case-folded nickname
 * ({@link NickEntity}), which takes claims one after the other, so that of two claims raced
 * from two nodes exactly one wins. The entity writes the holder to a replicated map (Pekko
 * Distributed Data) on a majority of nodes before it grants a claim, and reads it back from a
 * majority when it starts on another node, so that a nickname stays held when the node hosting
 * its entity dies. The directory is cut into {@value NickPartitions#COUNT} such maps by a hash
 * of the nickname ({@link NickPartitions}), so that what a read carries, and what the nodes
 * gossip after a change, is a small part of the directory, not all of it. Every node keeps a
 * replica of every map ({@link NickReplica}), for lists and lookups that need no round trip.
 *
 * <p>Which to use: {@link #claim} and {@link #release} always go to the entity. {@link #find}
 * asks the entity: the answer is exact at the time it was given, for private messages (a stale
 * answer could hand a message to a session that has since renamed). {@link #lookup} and
 * {@link #everyone} answer from this node's replica: no network, but a change on another node
 * shows within a gossip round or two (about two seconds), fine for WHOIS, ISON, USERHOST, WHO
 * and LUSERS, which are snapshots anyway.
 *
 * <p>Limits: a claim costs a majority write (and, if the entity was not running, a majority read
 * of its map first: about 78 holders at 20,000 nicknames), so it is refused, with {@link
 * Refusal#UNREACHABLE}, while a majority of nodes cannot be reached; it is never granted half. A
 * claim that cannot even reach its entity (its shard is on a node that is unreachable and not yet
 * downed) is refused the same way after about 20 seconds; it carries a deadline ({@link
 * #DELIVERY}) past which the entity refuses it unseen, so that it cannot be granted after it was
 * refused here, as long as the nodes' clocks agree within a few seconds (NTP). A release written
 * while no majority answers is kept on this node and spreads by gossip once the nodes hear each
 * other again. Calls only tell messages (or ask, for the forms that answer with a {@link
 * CompletionStage}, which always completes: a failure is answered as the refusal or the unknown it
 * means); they are safe from any thread. An actor system has one: starting it again gives the one
 * started first (the server starts it, and so may a test of the same node).
 */
public final class NickDirectory {

  /** How long this node's replica may take to answer; it is local, so only a stuck node waits. */
  private static final Duration REPLICA_ANSWER = Duration.ofSeconds(5);

  /** How long a read or a write waits for a majority of nodes before it gives up. */
  public static final Duration MAJORITY_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How long a claim may take to reach its entity; one that reaches it later is refused unseen,
   * so that a claim this node gave up on can never be granted afterwards.
   */
  static final Duration DELIVERY = Duration.ofSeconds(5);

  /**
   * How many shards the nicknames' entities are spread over, ten for each of ten nodes, as
   * Pekko advises. Not Pekko's default of 1,000: the first claim that reaches a shard waits for
   * the shard coordinator to place it and to write where (to every node), one shard after the
   * other, which made the first few thousand claims after a cluster started four times slower
   * to reach their entities (docs/performance.md). Every node must use the same number.
   */
  static final int SHARDS = 100;

  /** The answer to {@link #claim}. */
  public sealed interface ClaimResult extends ClusterMessage {}

  /** The nickname is the claimant's, as {@code holder} says, on every node. */
  public record Granted(NickHolder holder) implements ClaimResult {}

  /** The nickname was not given; {@code reason} says why, in words for the user. */
  public record Refused(String nick, Refusal reason) implements ClaimResult {

    /** What to tell the user. */
    public String message() {
      return reason.message(nick);
    }
  }

  /** Why a claim was refused. */
  public enum Refusal {
    /** Another user holds the nickname. */
    IN_USE,
    /** A majority of the cluster's nodes did not answer in time: nothing was decided. */
    UNREACHABLE,
    /** The nickname's entity had too many requests waiting. */
    BUSY;

    String message(String nick) {
      return switch (this) {
        case IN_USE -> "Nickname " + nick + " is already in use";
        case UNREACHABLE -> "The cluster is not reachable, so the nickname " + nick
            + " cannot be taken now; try again";
        case BUSY -> "Nickname " + nick + " is being claimed by many at once; try again";
      };
    }
  }

  /** The answer to {@link #find} and {@link #lookup}. */
  public sealed interface FindResult extends ClusterMessage {}

  /** The nickname is held, by {@code holder}. */
  public record Held(NickHolder holder) implements FindResult {}

  /** Nobody holds the nickname. */
  public record Free(String nick) implements FindResult {}

  /** A majority of nodes could not be reached to learn who holds it (from {@link #find}). */
  public record Unknown(String nick) implements FindResult {}

  /** The answer to {@link #everyone}: every holder this node's replica knows of, by key. */
  public record Holders(List<NickHolder> holders) {

    public Holders {
      holders = List.copyOf(holders);
    }
  }

  private final ClusterSharding sharding;
  private final ActorRef<NickReplica.Command> replica;
  private final NickHolder.Node self;
  private final Duration majorityTimeout;
  private final Scheduler scheduler;

  private NickDirectory(ClusterSharding sharding, ActorRef<NickReplica.Command> replica,
      NickHolder.Node self, Duration majorityTimeout, Scheduler scheduler) {
    this.sharding = sharding;
    this.replica = replica;
    this.self = self;
    this.majorityTimeout = majorityTimeout;
    this.scheduler = scheduler;
  }

  /**
   * Starts the directory on this node: its share of the nicknames' entities and its replica;
   * or, if it has started already, gives it. The actor system must be a cluster node.
   */
  public static NickDirectory start(ActorSystem<?> system) {
    return Started.ID.apply(system).directory;
  }

  /** The directory of one actor system, started on first use. */
  private static final class Started implements Extension {
    static final ExtensionId<Started> ID = new ExtensionId<>() {
      @Override
      public Started createExtension(ActorSystem<?> system) {
        return new Started(start(system, MAJORITY_TIMEOUT));
      }
    };

    final NickDirectory directory;

    Started(NickDirectory directory) {
      this.directory = directory;
    }
  }

  private static NickDirectory start(ActorSystem<?> system, Duration majorityTimeout) {
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(NickEntity.TYPE_KEY,
            context -> NickEntity.create(context.getEntityId(), context.getShard(),
                majorityTimeout))
        .withStopMessage(NickEntity.STOP)
        .withMessageExtractor(new HashCodeMessageExtractor<>(SHARDS))
        .withSettings(ClusterShardingSettings.create(system).withNoPassivationStrategy()));
    ActorRef<NickReplica.Command> replica =
        system.systemActorOf(NickReplica.create(sharding), "lochat-nick-replica", Props.empty());
    UniqueAddress node = Cluster.get(system).selfMember().uniqueAddress();
    return new NickDirectory(sharding, replica,
        new NickHolder.Node(node.address().toString(), node.longUid()), majorityTimeout,
        system.scheduler());
  }

  /** This node, as the holders of nicknames claimed here name it. */
  public NickHolder.Node node() {
    return self;
  }

  /**
   * Claims {@code nick} for {@code session}, which then holds it until it releases it or stops.
   * Claiming a nickname the session holds already changes what others see of it ({@code card}).
   *
   * @param nick a valid nickname ({@link Names#nickProblem} finds nothing wrong with it)
   */
  public void claim(String nick, ActorRef<ChatEvent> session, NickHolder.Card card,
      ActorRef<ClaimResult> replyTo) {
    claim(nick, session, card).thenAccept(replyTo::tell);
  }

  /** {@link #claim(String, ActorRef, NickHolder.Card, ActorRef)}, answered as a stage. */
  public CompletionStage<ClaimResult> claim(String nick, ActorRef<ChatEvent> session,
      NickHolder.Card card) {
    NickHolder holder = new NickHolder(nick, session, self, card);
    Instant deadline = Instant.now().plus(DELIVERY);
    return entity(nick).<ClaimResult>ask(
            reply -> new NickEntity.Claim(holder, deadline, reply), answerWithin())
        .handleAsync((result, failure) -> failure == null ? result
            : new Refused(nick, Refusal.UNREACHABLE), CompletingThread.EXECUTOR);
  }

  /** Frees {@code nick} if {@code session} holds it; otherwise nothing happens. */
  public void release(String nick, ActorRef<ChatEvent> session) {
    entity(nick).tell(new NickEntity.Release(session));
  }

  /** Who holds {@code nick}, asked of its entity: exact, one round trip. */
  public void find(String nick, ActorRef<FindResult> replyTo) {
    find(nick).thenAccept(replyTo::tell);
  }

  /** {@link #find(String, ActorRef)}, answered as a stage. */
  public CompletionStage<FindResult> find(String nick) {
    return entity(nick).<FindResult>ask(NickEntity.Find::new, answerWithin())
        .handleAsync((result, failure) -> failure == null ? result : new Unknown(Names.key(nick)),
            CompletingThread.EXECUTOR);
  }

  /** Who holds {@code nick}, by this node's replica: no round trip, possibly a little stale. */
  public void lookup(String nick, ActorRef<FindResult> replyTo) {
    replica.tell(new NickReplica.Lookup(nick, replyTo));
  }

  /** {@link #lookup(String, ActorRef)}, answered as a stage ({@link Unknown} if it is not). */
  public CompletionStage<FindResult> lookup(String nick) {
    return AskPattern.<NickReplica.Command, FindResult>ask(replica,
            reply -> new NickReplica.Lookup(nick, reply), REPLICA_ANSWER, scheduler)
        .handleAsync((result, failure) -> failure == null ? result : new Unknown(Names.key(nick)),
            CompletingThread.EXECUTOR);
  }

  /** Every holder, by this node's replica. */
  public void everyone(ActorRef<Holders> replyTo) {
    replica.tell(new NickReplica.Everyone(replyTo));
  }

  /** {@link #everyone(ActorRef)}, answered as a stage (nobody, if it is not). */
  public CompletionStage<Holders> everyone() {
    return AskPattern.<NickReplica.Command, Holders>ask(replica, NickReplica.Everyone::new,
            REPLICA_ANSWER, scheduler)
        .handleAsync((result, failure) -> failure == null ? result : new Holders(List.of()),
            CompletingThread.EXECUTOR);
  }

  /**
   * How long an answer may take: delivery, then a majority read (the entity starting) and a
   * majority write, with as much again to spare for clocks that disagree.
   */
  private Duration answerWithin() {
    return DELIVERY.plus(majorityTimeout.multipliedBy(2)).multipliedBy(2);
  }

  private EntityRef<NickEntity.Command> entity(String nick) {
    if (Names.nickProblem(nick).isPresent()) {
      throw new IllegalArgumentException(Names.nickProblem(nick).get());
    }
    return sharding.entityRefFor(NickEntity.TYPE_KEY, Names.key(nick));
  }
}
