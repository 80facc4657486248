package lochat.cluster;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lochat.chat.Names;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * This node's copy of the whole nickname directory, kept by Pekko Distributed Data, for answers
 * that need no round trip: who holds a nickname, as far as this node knows, and everyone. It
 * subscribes to every one of the directory's maps ({@link NickPartitions}) and keeps each as its
 * last change notification gave it, so that a change costs a copy of its map, not of all.
 *
 * <p>It also frees the nicknames of a node that leaves the cluster: when a node is removed
 * (left, or downed after a crash), it tells the entity of every nickname held on that node, as
 * this node's replica has them at that moment, that the node is gone ({@link
 * NickEntity.NodeRemoved}), because the entity of such a nickname may not be running to see its
 * holder's death watch fire. Every node does so; an entity takes the news once.
 *
 * <p>Limits: the copy is as fresh as the replicator's gossip and its change notifications (a
 * change made on another node shows here within about two seconds); a nickname claimed on a
 * node so shortly before that node crashed that no survivor had the claim yet is freed when
 * its entity next runs.
 */
public final class NickReplica extends AbstractBehavior<NickReplica.Command> {

  public sealed interface Command {}

  /** Who holds {@code nick}, as this node knows. */
  public record Lookup(String nick, ActorRef<NickDirectory.FindResult> replyTo)
      implements Command {}

  /** Every holder this node knows of. */
  public record Everyone(ActorRef<NickDirectory.Holders> replyTo) implements Command {}

  private record Changed(Replicator.SubscribeResponse<LWWMap<String, NickHolder>> response)
      implements Command {}

  private record Removed(ClusterEvent.MemberRemoved event) implements Command {}

  public static Behavior<Command> create(ClusterSharding sharding) {
    return Behaviors.setup(context ->
        DistributedData.<Command, LWWMap<String, NickHolder>>withReplicatorMessageAdapter(
            replicator -> new NickReplica(context, replicator, sharding)));
  }

  private final ClusterSharding sharding;
  /** The holders by map, as its last change gave them; a map not yet heard of is absent. */
  private final Map<Key<LWWMap<String, NickHolder>>, Map<String, NickHolder>> maps =
      new HashMap<>();

  private NickReplica(ActorContext<Command> context,
      ReplicatorMessageAdapter<Command, LWWMap<String, NickHolder>> replicator,
      ClusterSharding sharding) {
    super(context);
    this.sharding = sharding;
    NickPartitions.maps().forEach(map -> replicator.subscribe(map, Changed::new));
    Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.MemberRemoved.class, Removed::new),
        ClusterEvent.MemberRemoved.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Lookup.class, this::onLookup)
        .onMessage(Everyone.class, this::onEveryone)
        .onMessage(Changed.class, this::onChanged)
        .onMessage(Removed.class, this::onRemoved)
        .build();
  }

  private Behavior<Command> onLookup(Lookup lookup) {
    String key = Names.key(lookup.nick());
    NickHolder holder = maps.getOrDefault(NickPartitions.mapOf(key), Map.of()).get(key);
    lookup.replyTo().tell(holder == null ? new NickDirectory.Free(key)
        : new NickDirectory.Held(holder));
    return this;
  }

  private Behavior<Command> onEveryone(Everyone everyone) {
    everyone.replyTo().tell(new NickDirectory.Holders(sorted(holders())));
    return this;
  }

  private Behavior<Command> onChanged(Changed changed) {
    if (changed.response() instanceof Replicator.Changed<LWWMap<String, NickHolder>> change) {
      maps.put(change.key(), Map.copyOf(change.get(change.key()).getEntries()));
    }
    return this;
  }

  private Behavior<Command> onRemoved(Removed removed) {
    NickHolder.Node node = new NickHolder.Node(
        removed.event().member().uniqueAddress().address().toString(),
        removed.event().member().uniqueAddress().longUid());
    List<NickHolder> gone = heldOn(holders(), node);
    if (!gone.isEmpty()) {
      getContext().getLog().info("Nicknames: {} held on the removed node {} are freed",
          gone.size(), node.address());
    }
    for (NickHolder holder : gone) {
      sharding.entityRefFor(NickEntity.TYPE_KEY, holder.key())
          .tell(new NickEntity.NodeRemoved(node));
    }
    return this;
  }

  /** Every holder this node knows of, in no order. */
  private List<NickHolder> holders() {
    return maps.values().stream().flatMap(map -> map.values().stream()).toList();
  }

  /** The holders connected to {@code node}. */
  static List<NickHolder> heldOn(Collection<NickHolder> holders, NickHolder.Node node) {
    return holders.stream().filter(holder -> holder.node().equals(node)).toList();
  }

  /** {@code holders} by case-folded nickname. */
  static List<NickHolder> sorted(Collection<NickHolder> holders) {
    return holders.stream().sorted(Comparator.comparing(NickHolder::key)).toList();
  }
}
