package lochat.registry;

import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.PrivateMessage;
import lochat.chat.Names;
import lochat.registry.Registry.ChangeNick;
import lochat.registry.Registry.Command;
import lochat.registry.Registry.NickAccepted;
import lochat.registry.Registry.NickTaken;
import lochat.registry.Registry.Register;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The {@link Registry}'s user side: nicknames, who holds them and what others may see of them,
 * private messages, and the lookups and counts about users (WHOIS, WHOWAS, ISON, USERHOST, WHO,
 * LUSERS). Part of the Registry actor, kept apart from its rooms for size; its handlers run on
 * the Registry's thread and answer as the Registry's receive table asks.
 *
 * <p>With the cluster off, everything is answered from this node's {@link UserDirectory}. With
 * it on, the namespace of nicknames is the cluster's and {@link ClusterNicknames} does what
 * needs it, asynchronously; the local directory stays the first check, and a user of this node
 * is always answered from it, as with the cluster off.
 */
final class Nicknames {

  private final ActorContext<Command> context;
  private final Clock clock;
  private final UserDirectory users;
  private final RoomDirectory rooms;
  private final NickHistory formerNicks = new NickHistory();
  private final Set<ActorRef<?>> connections = new HashSet<>();
  private final Optional<ClusterNicknames> cluster;

  Nicknames(ActorContext<Command> context, Clock clock, UserDirectory users,
      RoomDirectory rooms, Optional<SharedNicknames> shared) {
    this.context = context;
    this.clock = clock;
    this.users = users;
    this.rooms = rooms;
    this.cluster = shared.map(nicks -> new ClusterNicknames(context, clock, nicks, users,
        formerNicks, rooms));
  }

  Behavior<Command> onRegister(Register register) {
    if (users.bySession(register.session()) != null) {
      return onChangeNick(new ChangeNick(register.nick(), register.session(), register.replyTo()));
    }
    if (users.isTaken(register.nick(), register.session())) {
      register.replyTo().tell(new NickTaken(register.nick()));
    } else if (cluster.isPresent()) {
      cluster.get().claimFirst(register);
    } else {
      users.add(new User(
          register.nick(), register.profile(), register.session(), clock.instant()));
      context.watchWith(register.session(), new Registry.SessionStopped(register.session()));
      register.replyTo().tell(new NickAccepted(null, register.nick()));
    }
    return Behaviors.same();
  }

  Behavior<Command> onChangeNick(ChangeNick change) {
    User user = users.bySession(change.session());
    if (user == null || users.isTaken(change.newNick(), change.session())) {
      change.replyTo().tell(new NickTaken(change.newNick()));
    } else if (cluster.isPresent()) {
      cluster.get().claimRename(user, change);
    } else {
      String oldNick = user.nick;
      formerNicks.renamed(user, change.newNick(), clock.instant());
      users.rename(user, change.newNick());
      change.replyTo().tell(new NickAccepted(oldNick, change.newNick()));
    }
    return Behaviors.same();
  }

  Behavior<Command> onSendPrivate(Registry.SendPrivate send) {
    User from = users.bySession(send.sender());
    User target = users.byNick(send.to());
    if (from != null && target == null && cluster.isPresent()
        && Names.nickProblem(send.to()).isEmpty()) {
      cluster.get().sendPrivate(from, send);
      return Behaviors.same();
    }
    if (from == null || target == null) {
      send.replyTo().tell(new Registry.NoSuchRecipient(send.to()));
      return Behaviors.same();
    }
    PrivateMessage message = new PrivateMessage(from.nick, from.profile.user(),
        from.profile.protocol(), target.nick, send.text(), send.kind(), send.tags(),
        clock.instant());
    if (target != from) {
      target.session().tell(message);
    }
    rooms.archive().keepPrivate(message);
    send.replyTo().tell(new Registry.PrivateDelivered(message, target.away));
    return Behaviors.same();
  }

  Behavior<Command> onSetAway(Registry.SetAway away) {
    users.update(away.session(), user -> {
      if (!user.away.equals(away.message())) {
        user.away = away.message();
        cluster.ifPresent(shared -> shared.cardChanged(away.session()));
      }
    });
    return Behaviors.same();
  }

  Behavior<Command> onConnected(Registry.Connected connected) {
    if (connections.add(connected.connection())) {
      context.watchWith(connected.connection(),
          new Registry.ConnectionClosed(connected.connection()));
    }
    return Behaviors.same();
  }

  Behavior<Command> onConnectionClosed(Registry.ConnectionClosed closed) {
    connections.remove(closed.connection());
    return Behaviors.same();
  }

  Behavior<Command> onSetInvisible(Registry.SetInvisible change) {
    users.update(change.session(), user -> {
      if (user.invisible != change.invisible()) {
        users.setInvisible(user, change.invisible());
        cluster.ifPresent(shared -> shared.cardChanged(change.session()));
      }
    });
    return Behaviors.same();
  }

  Behavior<Command> onSetOperator(Registry.SetOperator set) {
    users.update(set.session(), user -> {
      if (user.operator != set.operator()) {
        user.operator = set.operator();
        cluster.ifPresent(shared -> shared.cardChanged(set.session()));
      }
    });
    return Behaviors.same();
  }

  Behavior<Command> onRoomsChanged(Registry.RoomsChanged changed) {
    users.update(changed.session(), user -> user.rooms = changed.rooms());
    return Behaviors.same();
  }

  Behavior<Command> onWhois(Registry.Whois whois) {
    User user = users.byNick(whois.nick());
    if (user == null && cluster.isPresent() && Names.nickProblem(whois.nick()).isEmpty()) {
      cluster.get().whois(whois);
    } else {
      whois.replyTo().tell(user == null ? new Registry.NoSuchNick(whois.nick())
          : user.details(rooms.visibleTo(users.bySession(whois.asker()))));
    }
    return Behaviors.same();
  }

  Behavior<Command> onWhoisHere(Registry.WhoisHere whois) {
    User user = users.byNick(whois.nick());
    whois.replyTo().tell(user == null ? new Registry.NoSuchNick(whois.nick())
        : user.details(rooms.visibleTo(null)));
    return Behaviors.same();
  }

  Behavior<Command> onRegistriesListed(Registry.RegistriesListed listed) {
    cluster.ifPresent(shared -> shared.registriesListed(listed.listing()));
    return Behaviors.same();
  }

  Behavior<Command> onWhowas(Registry.Whowas whowas) {
    whowas.replyTo().tell(
        new Registry.WasResult(whowas.nick(), formerNicks.find(whowas.nick(), whowas.max())));
    return Behaviors.same();
  }

  Behavior<Command> onLookUp(Registry.LookUp lookUp) {
    Registry.Users local = new Registry.Users(users.lookUp(lookUp.nicks(), nick -> null));
    if (cluster.isPresent()
        && local.users().size() < lookUp.nicks().stream().map(Names::key).distinct().count()) {
      cluster.get().lookUp(lookUp);
    } else {
      lookUp.replyTo().tell(local);
    }
    return Behaviors.same();
  }

  Behavior<Command> onListUsers(Registry.ListUsers request) {
    if (request.room().isEmpty() && cluster.isPresent()) {
      cluster.get().listEveryone(request, users.list(Optional.empty(),
          rooms.visibleTo(users.bySession(request.asker()))));
    } else {
      request.replyTo().tell(new Registry.Users(users.list(request.room().map(Names::key),
          rooms.visibleTo(users.bySession(request.asker())))));
    }
    return Behaviors.same();
  }

  Behavior<Command> onGetOnline(Registry.GetOnline request) {
    int unknown = Math.max(0, connections.size() - users.count());
    Registry.Online local = new Registry.Online(users.count(), users.invisible(), unknown,
        users.most(), rooms.size());
    if (cluster.isPresent()) {
      cluster.get().online(local, request.replyTo());
    } else {
      request.replyTo().tell(local);
    }
    return Behaviors.same();
  }

  Behavior<Command> onUnregister(Registry.Unregister unregister) {
    release(unregister.session());
    context.unwatch(unregister.session());
    return Behaviors.same();
  }

  Behavior<Command> onSessionStopped(Registry.SessionStopped stopped) {
    release(stopped.session());
    return Behaviors.same();
  }

  private void release(ActorRef<ChatEvent> session) {
    User user = users.remove(session);
    if (user != null) {
      formerNicks.quit(user, clock.instant());
    }
    cluster.ifPresent(shared -> shared.released(user, session));
  }

  /** Whether {@code invite}, for no user of this node, was taken to the cluster to find. */
  boolean invitesElsewhere(Registry.InviteTo invite) {
    cluster.ifPresent(shared -> shared.inviteElsewhere(invite));
    return cluster.isPresent();
  }

  Behavior<Command> onTell(Registry.Tell tell) {
    Audience.Reached reached = users.tell(tell.audience(), tell.event());
    if (cluster.isPresent() && (tell.audience() instanceof Audience.Everyone
        || tell.audience() instanceof Audience.Nick && reached.users() == 0)) {
      cluster.get().tellElsewhere(tell, reached);
      return Behaviors.same();
    }
    tell.replyTo().ifPresent(replyTo -> replyTo.tell(reached));
    return Behaviors.same();
  }

  Behavior<Command> onAnswered(Registry.Answered answered) {
    cluster.ifPresent(shared -> shared.answered(answered));
    return Behaviors.same();
  }
}
