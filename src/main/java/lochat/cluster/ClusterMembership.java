package lochat.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lochat.ConfigChecks;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * This node's view of the cluster, for people: it joins the cluster (itself, when it is the
 * first node), says in one line each whenever a node comes up, becomes unreachable, is downed
 * or removed, and answers {@link GetMembers} with every member and its state.
 *
 * <p>What a node does when it is itself downed (by the split brain resolver on the other side of
 * a partition, or by an operator) is Pekko's: the cluster stops on this node and runs the
 * coordinated shutdown with {@code ClusterDowningReason}, which closes every connection, so that
 * users see the server go and their clients reconnect to a node still in the cluster; the
 * server command then exits with a status of its own. This actor only says so first. Its view
 * is built from the cluster's events, so it may lag the cluster by a gossip round.
 */
public final class ClusterMembership extends AbstractBehavior<ClusterMembership.Command> {

  /**
   * Its name under the server's guardian, so that {@code lochat cluster status} finds it at
   * {@code /user/cluster-membership} on any node.
   */
  public static final String NAME = "cluster-membership";

  public sealed interface Command {}

  /** Asks for every member of the cluster, as this node sees them. */
  public record GetMembers(ActorRef<Members> replyTo) implements Command, ClusterMessage {}

  /**
   * @param self this node's address, HOST:PORT
   * @param members every member this node knows of, in the order it learned of them
   */
  public record Members(String self, List<Member> members) implements ClusterMessage {
    public Members {
      members = List.copyOf(members);
    }
  }

  /**
   * @param address the node's cluster address, HOST:PORT
   * @param status joining, weakly up, up, leaving, exiting or down
   * @param reachable whether this node hears from it
   */
  public record Member(String address, String status, boolean reachable)
      implements ClusterMessage {}

  private record MemberChanged(ClusterEvent.MemberEvent event) implements Command {}

  private record ReachabilityChanged(ClusterEvent.ReachabilityEvent event) implements Command {}

  /** @param settings the seeds to join (none: join itself) and the resolver's wait, told */
  public static Behavior<Command> create(ClusterSettings settings) {
    return Behaviors.setup(context -> new ClusterMembership(context, settings));
  }

  private final Cluster cluster;
  private final ClusterSettings settings;
  private final Map<Address, Member> members = new LinkedHashMap<>();

  private ClusterMembership(ActorContext<Command> context, ClusterSettings settings) {
    super(context);
    this.cluster = Cluster.get(context.getSystem());
    this.settings = settings;
    cluster.subscriptions().tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new),
        ClusterEvent.MemberEvent.class));
    cluster.subscriptions().tell(Subscribe.create(
        context.messageAdapter(ClusterEvent.ReachabilityEvent.class, ReachabilityChanged::new),
        ClusterEvent.ReachabilityEvent.class));
    Address self = cluster.selfMember().address();
    if (settings.seedNodes().isEmpty()) {
      context.getLog().info("Cluster: this node is {}, the first node: it joins itself;"
          + " other nodes join with --join {}", hostPort(self), hostPort(self));
      cluster.manager().tell(Join.create(self));
    } else {
      context.getLog().info("Cluster: this node is {}, joining {}", hostPort(self),
          String.join(", ", settings.seedNodes().stream().map(Object::toString).toList()));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(MemberChanged.class, this::onMemberChanged)
        .onMessage(ReachabilityChanged.class, this::onReachabilityChanged)
        .onMessage(GetMembers.class, this::onGetMembers)
        .build();
  }

  private Behavior<Command> onMemberChanged(MemberChanged changed) {
    org.apache.pekko.cluster.Member member = changed.event().member();
    Address address = member.address();
    boolean self = address.equals(cluster.selfMember().address());
    if (changed.event() instanceof ClusterEvent.MemberRemoved) {
      members.remove(address);
      getContext().getLog().info("Cluster: {} was removed ({})", name(address, self), count());
      return this;
    }
    Member previous = members.get(address);
    members.put(address, new Member(hostPort(address), word(member.status()),
        previous == null || previous.reachable()));
    ClusterEvent.MemberEvent event = changed.event();
    if (event instanceof ClusterEvent.MemberUp) {
      getContext().getLog().info("Cluster: {} is up ({})", name(address, self), count());
    } else if (event instanceof ClusterEvent.MemberWeaklyUp) {
      getContext().getLog().info("Cluster: {} is up, weakly: the cluster has unreachable nodes"
          + " ({})", name(address, self), count());
    } else if (event instanceof ClusterEvent.MemberLeft) {
      getContext().getLog().info("Cluster: {} is leaving", name(address, self));
    } else if (event instanceof ClusterEvent.MemberDowned && self) {
      getContext().getLog().warn("Cluster: this node ({}) was downed, by the split brain"
          + " resolver on the other side of a partition or by an operator: the server shuts"
          + " down, and its users reconnect to a node still in the cluster", hostPort(address));
    } else if (event instanceof ClusterEvent.MemberDowned) {
      getContext().getLog().info("Cluster: {} was downed", hostPort(address));
    }
    return this;
  }

  private Behavior<Command> onReachabilityChanged(ReachabilityChanged changed) {
    Address address = changed.event().member().address();
    Member known = members.get(address);
    boolean reachable = changed.event() instanceof ClusterEvent.ReachableMember;
    if (known != null) {
      members.put(address, new Member(known.address(), known.status(), reachable));
    }
    if (reachable) {
      getContext().getLog().info("Cluster: {} is reachable again", hostPort(address));
    } else {
      getContext().getLog().warn("Cluster: {} is unreachable; if it stays so for {}, the split"
              + " brain resolver downs it (or this side, if this side is the minority)",
          hostPort(address), ConfigChecks.inWords(settings.downUnreachableAfter()));
    }
    return this;
  }

  private Behavior<Command> onGetMembers(GetMembers get) {
    get.replyTo().tell(new Members(hostPort(cluster.selfMember().address()),
        new ArrayList<>(members.values())));
    return this;
  }

  /** A member's status as people say it: joining, weakly up, up, leaving, exiting, down. */
  static String word(MemberStatus status) {
    return status.toString().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  private String count() {
    return members.size() == 1 ? "1 node" : members.size() + " nodes";
  }

  private static String name(Address address, boolean self) {
    return self ? hostPort(address) + " (this node)" : hostPort(address);
  }

  /** HOST:PORT of a node's address, as people give it to --join. */
  static String hostPort(Address address) {
    String host = address.getHost().orElse("?");
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort().orElse(0);
  }
}
