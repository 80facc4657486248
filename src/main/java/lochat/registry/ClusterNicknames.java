package lochat.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.PrivateMessage;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.chat.RoomRefusal;
import lochat.cluster.NickDirectory;
import lochat.cluster.NickHolder;
import lochat.registry.Registry.Command;
import lochat.registry.Registry.NickResult;
import lochat.room.RoomRequest;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What the {@link Registry} does about users when the cluster is on: nicknames are claimed in
 * the cluster's one namespace ({@link SharedNicknames}), and users of other nodes are found
 * there, for private messages, WHOIS, ISON, USERHOST, WHO and LUSERS. Part of the Registry
 * actor, called by {@link Nicknames} once this node's own users have been looked at.
 *
 * <p>The Registry never waits: a claim in flight is state ({@link PendingClaims}), so that a
 * second local claim of the same nickname meanwhile is refused at once; every other question
 * to the cluster is a reply awaited by id, piped back to the Registry as {@link
 * Registry.Answered}. A rename claims the new nickname and, once granted, releases the old
 * one. A session that stops while its claim is in flight gives the nickname back once the grant
 * comes. A private message to a user of another node is told to that user's session (its
 * holder's, found exactly, one round trip), and kept in the private history on this node.
 * Lookups answer from this node's replica of the directory, a little stale at times; holders
 * connected to this node are always answered from this node's own users, never the replica.
 *
 * <p>What others see of a user of this node is its holder's card: profile, away message,
 * server operator and invisibility, kept current by claiming the same nickname again with the
 * new card whenever one of them changes (a majority write each; they change rarely, an IRC
 * client's {@code +i} at sign-on being the most common). A user's rooms are not on its card,
 * since a join would then cost a majority write: WHOIS of a user of another node asks that
 * node's registry, which lists the rooms anyone may see.
 *
 * <p>Invitations and the server operators' kills and broadcasts ({@link Registry.Tell}) reach
 * the users of other nodes: a kill or an invitation through the nickname's entity, as a private
 * message; a broadcast through this node's replica. Stays on this node: WHOWAS (each node
 * remembers its own users' former nicknames), the count of unregistered connections, and "the
 * most users at once", which is the most this node has counted.
 */
final class ClusterNicknames {

  /** Every node's registry, for what only the node a user is connected to knows (its rooms). */
  static final ServiceKey<Command> REGISTRIES = ServiceKey.create(Command.class, "lochat-registry");

  /**
   * What the Registry keeps of a claim in flight: the nickname, who to answer, and for a first
   * nickname the user to add once granted (none for a rename).
   */
  private record Claim(String nick, ActorRef<NickResult> replyTo, Optional<User> newUser) {}

  private final ActorContext<Command> context;
  private final Clock clock;
  private final SharedNicknames nicks;
  private final UserDirectory users;
  private final NickHistory formerNicks;
  private final RoomDirectory rooms;
  private Map<Address, ActorRef<Command>> registries = Map.of();
  private final PendingClaims<ActorRef<ChatEvent>, Claim> claims = new PendingClaims<>();
  /** Sessions whose card changed while their claim was in flight: claimed again after it. */
  private final Set<ActorRef<ChatEvent>> cardsDue = new HashSet<>();
  private final Map<Long, Consumer<Object>> awaiting = new HashMap<>();
  private long nextAnswer;
  private int most;

  ClusterNicknames(ActorContext<Command> context, Clock clock, SharedNicknames nicks,
      UserDirectory users, NickHistory formerNicks, RoomDirectory rooms) {
    this.context = context;
    this.clock = clock;
    this.nicks = nicks;
    this.users = users;
    this.formerNicks = formerNicks;
    this.rooms = rooms;
    ActorRef<Receptionist.Command> receptionist = context.getSystem().receptionist();
    receptionist.tell(Receptionist.register(REGISTRIES, context.getSelf()));
    receptionist.tell(Receptionist.subscribe(REGISTRIES, context.messageAdapter(
        Receptionist.Listing.class, Registry.RegistriesListed::new)));
  }

  /** The cluster's registries, one per node, by its address. */
  void registriesListed(Receptionist.Listing listing) {
    registries = listing.getServiceInstances(REGISTRIES).stream()
        .collect(Collectors.toMap(ref -> ref.path().address(), ref -> ref, (a, b) -> b));
  }

  /** A first nickname, free on this node: claimed in the cluster before it is given. */
  void claimFirst(Registry.Register register) {
    if (refusedAtOnce(register.nick(), register.session(), register.replyTo())) {
      return;
    }
    User user = new User(register.nick(), register.profile(), register.session(),
        clock.instant());
    context.watchWith(register.session(), new Registry.SessionStopped(register.session()));
    claim(user, register.nick(),
        new Claim(register.nick(), register.replyTo(), Optional.of(user)));
  }

  /** A change of nickname, free on this node: the new one claimed before it is given. */
  void claimRename(User user, Registry.ChangeNick change) {
    if (!refusedAtOnce(change.newNick(), change.session(), change.replyTo())) {
      claim(user, change.newNick(),
          new Claim(change.newNick(), change.replyTo(), Optional.empty()));
    }
  }

  private boolean refusedAtOnce(String nick, ActorRef<ChatEvent> session,
      ActorRef<NickResult> replyTo) {
    if (claims.claimingFor(session)) {
      replyTo.tell(new Registry.NickUnavailable(nick,
          "Your previous change of nickname is still under way; try again"));
    } else if (claims.claimingNick(Names.key(nick))) {
      replyTo.tell(new Registry.NickTaken(nick));
    } else {
      return false;
    }
    return true;
  }

  private void claim(User user, String nick, Claim claim) {
    long id = claims.start(user.session(), Names.key(nick), claim);
    whenAnswered(nicks.claim(nick, user.session(), card(user)),
        new NickDirectory.Refused(nick, NickDirectory.Refusal.UNREACHABLE),
        result -> claimed(id, result));
  }

  private void claimed(long id, NickDirectory.ClaimResult result) {
    Optional<PendingClaims.Pending<ActorRef<ChatEvent>, Claim>> done = claims.finish(id);
    if (done.isEmpty()) {
      return;
    }
    ActorRef<ChatEvent> session = done.get().session();
    Claim claim = done.get().claim();
    if (done.get().abandoned()) {
      if (result instanceof NickDirectory.Granted) {
        nicks.release(claim.nick(), session);
      }
      return;
    }
    if (result instanceof NickDirectory.Refused refused) {
      if (claim.newUser().isPresent()) {
        context.unwatch(session);
      }
      claim.replyTo().tell(refused.reason() == NickDirectory.Refusal.IN_USE
          ? new Registry.NickTaken(claim.nick())
          : new Registry.NickUnavailable(claim.nick(), refused.message()));
      if (cardsDue.remove(session)) {
        cardChanged(session);
      }
      return;
    }
    User user = claim.newUser().orElseGet(() -> users.bySession(session));
    if (user == null) {
      nicks.release(claim.nick(), session);
      return;
    }
    String oldNick = claim.newUser().isPresent() ? null : user.nick;
    if (claim.newUser().isPresent()) {
      users.add(user);
    } else {
      formerNicks.renamed(user, claim.nick(), clock.instant());
      users.rename(user, claim.nick());
      if (!Names.key(oldNick).equals(Names.key(claim.nick()))) {
        nicks.release(oldNick, session);
      }
    }
    claim.replyTo().tell(new Registry.NickAccepted(oldNick, claim.nick()));
    NickHolder holder = ((NickDirectory.Granted) result).holder();
    if (cardsDue.remove(session) || !holder.card().equals(card(user))) {
      cardChanged(session);
    }
  }

  /**
   * {@code session}'s user ({@code user}, or null if it had none yet) is gone: its nickname is
   * released in the cluster, and a claim it has in flight given back once answered.
   */
  void released(User user, ActorRef<ChatEvent> session) {
    if (user != null) {
      nicks.release(user.nick, session);
    }
    claims.abandon(session);
    cardsDue.remove(session);
  }

  /** What others see of {@code session}'s user changed: its nickname is claimed again. */
  void cardChanged(ActorRef<ChatEvent> session) {
    User user = users.bySession(session);
    if (user == null) {
      return;
    }
    if (claims.claimingFor(session)) {
      cardsDue.add(session);
      return;
    }
    String nick = user.nick;
    whenAnswered(nicks.claim(nick, session, card(user)),
        new NickDirectory.Refused(nick, NickDirectory.Refusal.UNREACHABLE), result -> {
          if (result instanceof NickDirectory.Refused refused) {
            context.getLog().warn("Nickname {}: what others see of its user could not be"
                + " updated across the cluster: {}", nick, refused.message());
          }
        });
  }

  /** A private message to someone who is not a user of this node. */
  void sendPrivate(User from, Registry.SendPrivate send) {
    String fromNick = from.nick;
    Profile profile = from.profile;
    whenAnswered(nicks.find(send.to()), new NickDirectory.Unknown(Names.key(send.to())),
        result -> {
          Optional<NickHolder> holder = elsewhere(result);
          if (holder.isEmpty()) {
            send.replyTo().tell(new Registry.NoSuchRecipient(send.to()));
            return;
          }
          PrivateMessage message = new PrivateMessage(fromNick, profile.user(),
              profile.protocol(), holder.get().nick(), send.text(), send.kind(), send.tags(),
              clock.instant());
          holder.get().session().tell(message);
          rooms.archive().keepPrivate(message);
          send.replyTo().tell(
              new Registry.PrivateDelivered(message, holder.get().card().away()));
        });
  }

  /**
   * A server operator's kill or broadcast ({@code tell}: everyone, or a nickname held on no
   * user of this node) to the other nodes' users it reaches, {@code here} having been reached.
   */
  void tellElsewhere(Registry.Tell tell, Audience.Reached here) {
    Consumer<List<NickHolder>> told = reached -> {
      reached.forEach(holder -> holder.session().tell(tell.event()));
      tell.replyTo().ifPresent(
          replyTo -> replyTo.tell(new Audience.Reached(here.users() + reached.size())));
    };
    if (tell.audience() instanceof Audience.Nick one) {
      // Asked of the nickname's entity, as a private message is: exact, not a stale replica.
      whenAnswered(nicks.find(one.nick()), new NickDirectory.Unknown(Names.key(one.nick())),
          result -> told.accept(elsewhere(result).stream().toList()));
    } else {
      whenAnswered(nicks.everyone(), new NickDirectory.Holders(List.of()),
          holders -> told.accept(elsewhere(holders)));
    }
  }

  /** An invitation for someone who is not a user of this node: to the room, with its session. */
  void inviteElsewhere(Registry.InviteTo invite) {
    whenAnswered(nicks.find(invite.nick()), new NickDirectory.Unknown(Names.key(invite.nick())),
        result -> {
          Optional<NickHolder> holder = elsewhere(result);
          if (holder.isEmpty()) {
            invite.replyTo().tell(new RoomRequest.Refused(invite.room(),
                RoomRefusal.NO_SUCH_NICK, invite.nick()));
            return;
          }
          context.getSelf().tell(new Registry.ForRoom(invite.room(), invite.session(),
              new RoomRequest.Invite(holder.get().nick(), holder.get().session(),
                  invite.replyTo())));
        });
  }

  /**
   * WHOIS of someone who is not a user of this node: asked of the registry of the node it is
   * connected to, which answers with its rooms; from its card here, without rooms, when that
   * registry is not listed yet.
   */
  void whois(Registry.Whois whois) {
    whenAnswered(nicks.lookup(whois.nick()), new NickDirectory.Unknown(Names.key(whois.nick())),
        result -> {
          Optional<NickHolder> holder = elsewhere(result);
          ActorRef<Command> there = holder
              .map(found -> registries.get(found.session().path().address())).orElse(null);
          if (there != null && !there.equals(context.getSelf())) {
            there.tell(new Registry.WhoisHere(holder.get().nick(), whois.replyTo()));
          } else {
            whois.replyTo().tell(holder.<Registry.UserResult>map(ClusterNicknames::details)
                .orElseGet(() -> new Registry.NoSuchNick(whois.nick())));
          }
        });
  }

  /** ISON and USERHOST, when some of the nicknames are not this node's users'. */
  void lookUp(Registry.LookUp lookUp) {
    whenAnswered(nicks.everyone(), new NickDirectory.Holders(List.of()), holders -> {
      Map<String, NickHolder> byKey = new HashMap<>();
      elsewhere(holders).forEach(holder -> byKey.put(holder.key(), holder));
      lookUp.replyTo().tell(new Registry.Users(users.lookUp(lookUp.nicks(), nick -> {
        NickHolder holder = byKey.get(Names.key(nick));
        return holder == null ? null : details(holder);
      })));
    });
  }

  /** WHO of everyone: {@code local}, this node's users, and every other node's. */
  void listEveryone(Registry.ListUsers request, List<Registry.UserDetails> local) {
    whenAnswered(nicks.everyone(), new NickDirectory.Holders(List.of()),
        holders -> request.replyTo().tell(
            new Registry.Users(merged(local, elsewhere(holders)))));
  }

  /** LUSERS: {@code local}, this node's counts, with every other node's users added. */
  void online(Registry.Online local, ActorRef<Registry.Online> replyTo) {
    whenAnswered(nicks.everyone(), new NickDirectory.Holders(List.of()), holders -> {
      List<NickHolder> others = elsewhere(holders);
      int total = local.users() + others.size();
      most = Math.max(most, Math.max(local.maxUsers(), total));
      int invisible = (int) others.stream().filter(holder -> holder.card().invisible()).count();
      replyTo.tell(new Registry.Online(total, local.invisible() + invisible, local.unknown(),
          most, local.rooms()));
    });
  }

  /** An answer from the cluster: whoever awaited it is told. */
  void answered(Registry.Answered answered) {
    Consumer<Object> then = awaiting.remove(answered.id());
    if (then != null) {
      then.accept(answered.result());
    }
  }

  /** Awaits {@code answer}, piped back to the Registry; {@code ifFailed} if it fails. */
  @SuppressWarnings("unchecked")
  private <T> void whenAnswered(CompletionStage<T> answer, T ifFailed, Consumer<T> then) {
    long id = nextAnswer++;
    awaiting.put(id, result -> then.accept((T) result));
    context.pipeToSelf(answer, (result, failure) ->
        new Registry.Answered(id, failure == null ? result : ifFailed));
  }

  /** The holder found, unless it is connected to this node, whose users answer for themselves. */
  private Optional<NickHolder> elsewhere(NickDirectory.FindResult result) {
    return result instanceof NickDirectory.Held held && !held.holder().node().equals(nicks.node())
        ? Optional.of(held.holder()) : Optional.empty();
  }

  private List<NickHolder> elsewhere(NickDirectory.Holders holders) {
    return holders.holders().stream()
        .filter(holder -> !holder.node().equals(nicks.node())).toList();
  }

  /** {@code local} and {@code others}, by nickname; a local user wins a stale replica's entry. */
  static List<Registry.UserDetails> merged(List<Registry.UserDetails> local,
      List<NickHolder> others) {
    Set<String> localKeys = new HashSet<>();
    local.forEach(user -> localKeys.add(Names.key(user.nick())));
    List<Registry.UserDetails> all = new ArrayList<>(local);
    others.stream().filter(holder -> !localKeys.contains(holder.key()))
        .map(ClusterNicknames::details).forEach(all::add);
    all.sort(Comparator.comparing(Registry.UserDetails::nick, String.CASE_INSENSITIVE_ORDER));
    return all;
  }

  /** What others see of {@code user}, on its holder's card. */
  static NickHolder.Card card(User user) {
    return new NickHolder.Card(user.profile, user.away, user.operator, user.invisible,
        user.signedOn);
  }

  /** A user of another node as its card shows it: no rooms. */
  static Registry.UserDetails details(NickHolder holder) {
    NickHolder.Card card = holder.card();
    return new Registry.UserDetails(holder.nick(), card.profile(), card.away(), List.of(),
        card.signedOn(), card.operator());
  }
}
