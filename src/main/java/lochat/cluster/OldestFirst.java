package lochat.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Other nodes' actors, the one of the node up the longest first: whom a node that starts asks
 * for what the cluster holds (history, server bans), since through a rolling restart the oldest
 * node is the one that saw the others' restarts. Actors of nodes that are not members (any
 * more) are left out.
 */
final class OldestFirst {

  private OldestFirst() {}

  static <T> List<ActorRef<T>> of(ActorSystem<?> system, List<ActorRef<T>> refs) {
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
