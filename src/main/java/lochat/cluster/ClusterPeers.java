package lochat.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The same actor on every node of the cluster (history copies and sync, server ban copies), as
 * Pekko's receptionist lists them: how one registers and follows the others, and which of them
 * a node that starts asks first for what the cluster holds: the one of the node up the
 * longest, since through a rolling restart it saw the others' restarts.
 */
final class ClusterPeers {

  private ClusterPeers() {}

  /**
   * Registers {@code context}'s actor under {@code key}, has it told every change of the
   * listing ({@code listed}) and, once this node is up, {@code up}.
   */
  static <C> void join(ActorContext<C> context, ServiceKey<C> key,
      Function<Receptionist.Listing, C> listed, Function<SelfUp, C> up) {
    register(context, key, listed);
    Cluster.get(context.getSystem()).subscriptions().tell(
        Subscribe.create(context.messageAdapter(SelfUp.class, up::apply), SelfUp.class));
  }

  /** Registers {@code context}'s actor under {@code key}; {@code listed} tells it the listing. */
  static <C> void register(ActorContext<C> context, ServiceKey<C> key,
      Function<Receptionist.Listing, C> listed) {
    ActorRef<Receptionist.Command> receptionist = context.getSystem().receptionist();
    receptionist.tell(Receptionist.register(key, context.getSelf()));
    receptionist.tell(Receptionist.subscribe(key,
        context.messageAdapter(Receptionist.Listing.class, listed::apply)));
  }

  /** The actors {@code listing} names under {@code key}, but {@code context}'s own. */
  static <C> Set<ActorRef<C>> others(ActorContext<C> context, ServiceKey<C> key,
      Receptionist.Listing listing) {
    Set<ActorRef<C>> found = new HashSet<>(listing.getServiceInstances(key));
    found.remove(context.getSelf());
    return Set.copyOf(found);
  }

  /** {@code refs}, the node up the longest first, without those of nodes no longer members. */
  static <T> List<ActorRef<T>> oldestFirst(ActorSystem<?> system, List<ActorRef<T>> refs) {
    Map<Address, Member> members = new HashMap<>();
    Cluster.get(system).state().getMembers()
        .forEach(member -> members.put(member.address(), member));
    List<ActorRef<T>> sorted = new ArrayList<>(refs);
    sorted.removeIf(ref -> !members.containsKey(ref.path().address()));
    sorted.sort(Comparator.comparing(ref -> members.get(ref.path().address()),
        (a, b) -> a.isOlderThan(b) ? -1 : b.isOlderThan(a) ? 1 : 0));
    return sorted;
  }
}
