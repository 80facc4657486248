package lochat.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.UniqueAddress;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * One per node: where clients reach every node of the cluster ({@link NodeEndpoints}), so that
 * a node can tell its clients where to go should it die, and its web listener can take the
 * WebSockets of pages the other nodes served.
 *
 * <p>The node publishes its own endpoints once its listeners listen ({@link Publish}); the
 * board writes them to a replicated map (Pekko Distributed Data, written locally and spread by
 * gossip) under the node's cluster address and incarnation, and takes a node off when the cluster removes it
 * (it left, or was downed after a crash): every node does so, as {@link NickReplica} frees a
 * removed node's nicknames. Subscribers hear the other nodes' endpoints at once and after every
 * change.
 *
 * <p>Limits: a node shows here a gossip round or two after it published (well under a second on
 * a LAN); a node that crashed is listed until the cluster removes it.
 */
public final class EndpointBoard extends AbstractBehavior<EndpointBoard.Command> {

  static final Key<LWWMap<String, NodeEndpoints>> NODES = LWWMapKey.create("lochat-endpoints");

  public sealed interface Command {}

  /** This node's endpoints, to publish. */
  public record Publish(NodeEndpoints endpoints) implements Command {}

  /** Tells {@code subscriber} the other nodes' endpoints now and after every change. */
  public record Subscribe(ActorRef<OtherNodes> subscriber) implements Command {}

  /** Every other node's endpoints, in the order of their cluster addresses. */
  public record OtherNodes(List<NodeEndpoints> nodes) {}

  private record Changed(Replicator.SubscribeResponse<LWWMap<String, NodeEndpoints>> response)
      implements Command {}

  private record Removed(ClusterEvent.MemberRemoved event) implements Command {}

  private record Written(Replicator.UpdateResponse<LWWMap<String, NodeEndpoints>> response)
      implements Command {}

  public static Behavior<Command> create() {
    return Behaviors.setup(context ->
        DistributedData.<Command, LWWMap<String, NodeEndpoints>>withReplicatorMessageAdapter(
            replicator -> new EndpointBoard(context, replicator)));
  }

  private final ReplicatorMessageAdapter<Command, LWWMap<String, NodeEndpoints>> replicator;
  private final SelfUniqueAddress self;
  private final String selfAddress;
  private final List<ActorRef<OtherNodes>> subscribers = new ArrayList<>();
  private OtherNodes others = new OtherNodes(List.of());

  private EndpointBoard(ActorContext<Command> context,
      ReplicatorMessageAdapter<Command, LWWMap<String, NodeEndpoints>> replicator) {
    super(context);
    this.replicator = replicator;
    this.self = DistributedData.get(context.getSystem()).selfUniqueAddress();
    this.selfAddress = key(Cluster.get(context.getSystem()).selfMember().uniqueAddress());
    replicator.subscribe(NODES, Changed::new);
    Cluster.get(context.getSystem()).subscriptions().tell(org.apache.pekko.cluster.typed.Subscribe.create(
        context.messageAdapter(ClusterEvent.MemberRemoved.class, Removed::new),
        ClusterEvent.MemberRemoved.class));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Publish.class, this::onPublish)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Changed.class, this::onChanged)
        .onMessage(Removed.class, this::onRemoved)
        .onMessage(Written.class, this::onWritten)
        .build();
  }

  private Behavior<Command> onPublish(Publish publish) {
    write(map -> map.put(self, selfAddress, publish.endpoints()));
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe subscribe) {
    subscribers.add(subscribe.subscriber());
    subscribe.subscriber().tell(others);
    return this;
  }

  private Behavior<Command> onChanged(Changed changed) {
    if (changed.response() instanceof Replicator.Changed<LWWMap<String, NodeEndpoints>> change) {
      OtherNodes now = others(change.get(NODES).getEntries(), selfAddress);
      if (!now.equals(others)) {
        others = now;
        subscribers.forEach(subscriber -> subscriber.tell(now));
      }
    }
    return this;
  }

  private Behavior<Command> onRemoved(Removed removed) {
    String gone = key(removed.event().member().uniqueAddress());
    write(map -> map.remove(self, gone));
    return this;
  }

  private Behavior<Command> onWritten(Written written) {
    if (!(written.response() instanceof Replicator.UpdateSuccess)) {
      getContext().getLog().warn("The nodes' endpoints could not be written locally: {}",
          written.response());
    }
    return this;
  }

  private void write(
      Function<LWWMap<String, NodeEndpoints>, LWWMap<String, NodeEndpoints>> change) {
    replicator.askUpdate(
        replyTo -> new Replicator.Update<>(NODES, LWWMap.create(), Replicator.writeLocal(),
            replyTo, change),
        Written::new);
  }

  /**
   * A node's key in the map: its address and incarnation, so that the removal of a node that
   * crashed never takes off the node started again in its place.
   */
  private static String key(UniqueAddress node) {
    return node.address() + "#" + node.longUid();
  }

  /** The endpoints of every node but {@code self}, in the order of their addresses. */
  static OtherNodes others(Map<String, NodeEndpoints> nodes, String self) {
    return new OtherNodes(nodes.entrySet().stream()
        .filter(node -> !node.getKey().equals(self))
        .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
        .map(Map.Entry::getValue)
        .toList());
  }
}
