package lochat.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import lochat.operators.Operators;
import lochat.store.ServerBan;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.SelfUp;

/**
 * Server-wide address bans on every node of a cluster, so that a banned address cannot simply
 * connect to another node. A ban or a lift that a server operator makes on one node is sent to
 * every other node's copies actor (found through the receptionist), which has its node's
 * {@link Operators} apply it as its own: new connections refused, users connected from it
 * removed, the ban kept in the node's store. A node that starts, once up, asks the oldest other
 * node for its bans and adopts them ({@link Operators.Adopt}), so that a ban set or lifted while
 * it was down holds there too.
 *
 * <p>Limits: like history copies, a change is not acknowledged or sent again: a node that was
 * unreachable, not restarted, misses it. Two operators banning the same mask on two nodes at
 * once may leave the nodes with each other's reason.
 */
public final class ServerBanCopies extends AbstractBehavior<ServerBanCopies.Command> {

  static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "lochat-server-bans");

  private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

  public sealed interface Command {}

  /** Local: this node's operators, which apply what other nodes send. */
  public record OperatorsAre(ActorRef<Operators.Command> operators) implements Command {}

  private record Share(ServerBan ban, boolean lifted) implements Command {}

  /** From another node: a ban set there, or lifted when {@code lifted}. */
  public record Copy(ServerBan ban, boolean lifted) implements Command, ClusterMessage {}

  /** From a node that starts: this node's bans, answered with {@link Bans}. */
  public record AskBans(ActorRef<Bans> replyTo) implements Command, ClusterMessage {}

  /** Every ban a node holds. */
  public record Bans(List<ServerBan> bans) implements Command, ClusterMessage {

    public Bans {
      bans = bans == null ? List.of() : List.copyOf(bans);
    }
  }

  private record Listed(Receptionist.Listing listing) implements Command {}

  private record Up(SelfUp up) implements Command {}

  private record Listing(Operators.BanResult result, ActorRef<Bans> replyTo)
      implements Command {}

  /** Starts this node's copies; tell it {@link OperatorsAre} once the operators run. */
  public static ActorRef<Command> start(ActorSystem<?> system) {
    return system.systemActorOf(Behaviors.setup(ServerBanCopies::new), "lochat-server-bans",
        Props.empty());
  }

  /** What this node's operators tell of the bans they set and lift, for {@code copies}. */
  public static Operators.Sharing sharing(ActorRef<Command> copies) {
    return (ban, lifted) -> copies.tell(new Share(ban, lifted));
  }

  private ActorRef<Operators.Command> operators;
  private Set<ActorRef<Command>> others = Set.of();
  /** Up, with other nodes up, and their bans not asked for yet. */
  private boolean toAdopt;

  private ServerBanCopies(ActorContext<Command> context) {
    super(context);
    ClusterPeers.join(context, KEY, Listed::new, Up::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(OperatorsAre.class, this::onOperatorsAre)
        .onMessage(Share.class, this::onShare)
        .onMessage(Copy.class, this::onCopy)
        .onMessage(AskBans.class, this::onAskBans)
        .onMessage(Listing.class, this::onListing)
        .onMessage(Bans.class, this::onBans)
        .onMessage(Listed.class, this::onListed)
        .onMessage(Up.class, this::onUp)
        .build();
  }

  private Behavior<Command> onOperatorsAre(OperatorsAre are) {
    operators = are.operators();
    return askTheOldest();
  }

  private Behavior<Command> onShare(Share share) {
    others.forEach(other -> other.tell(new Copy(share.ban(), share.lifted())));
    return this;
  }

  private Behavior<Command> onCopy(Copy copy) {
    if (operators != null) {
      operators.tell(new Operators.Shared(copy.ban(), copy.lifted()));
    }
    return this;
  }

  private Behavior<Command> onAskBans(AskBans ask) {
    if (operators != null) {
      getContext().ask(Operators.BanResult.class, operators, ANSWER_WAIT,
          Operators.ListBans::new, (result, failure) -> new Listing(result, ask.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onListing(Listing listing) {
    if (listing.result() instanceof Operators.BanList list) {
      listing.replyTo().tell(new Bans(list.bans()));
    }
    return this;
  }

  private Behavior<Command> onBans(Bans bans) {
    getContext().getLog().info("Took the cluster's {} server bans", bans.bans().size());
    operators.tell(new Operators.Adopt(bans.bans()));
    return this;
  }

  private Behavior<Command> onListed(Listed listed) {
    others = ClusterPeers.others(getContext(), KEY, listed.listing());
    return askTheOldest();
  }

  private Behavior<Command> onUp(Up up) {
    Address self = Cluster.get(getContext().getSystem()).selfMember().address();
    for (Member member : up.up().currentClusterState().getMembers()) {
      toAdopt |= !member.address().equals(self) && member.status() == MemberStatus.up();
    }
    return askTheOldest();
  }

  /** Once up, with the operators running and another node listed: asks it for its bans. */
  private Behavior<Command> askTheOldest() {
    if (!toAdopt || operators == null) {
      return this;
    }
    List<ActorRef<Command>> oldest =
        ClusterPeers.oldestFirst(getContext().getSystem(), new ArrayList<>(others));
    if (!oldest.isEmpty()) {
      toAdopt = false;
      oldest.get(0).tell(new AskBans(getContext().getSelf().narrow()));
    }
    return this;
  }
}
