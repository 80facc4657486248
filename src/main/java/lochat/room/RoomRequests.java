package lochat.room;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.Set;
import java.util.function.Consumer;
import lochat.chat.ChatEvent;
import lochat.chat.RoomRefusal;
import lochat.chat.Roles;
import lochat.chat.Topic;
import lochat.room.RoomMembers.Member;
import lochat.room.RoomRequest.ChangeModes;
import lochat.room.RoomRequest.ChangeTopic;
import lochat.room.RoomRequest.GetList;
import lochat.room.RoomRequest.GetModes;
import lochat.room.RoomRequest.Invite;
import lochat.room.RoomRequest.Kick;
import lochat.room.RoomRequest.Refused;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Carries out the {@link RoomRequest}s a room is {@link ChatRoom.Forwarded}: who may do what
 * (members, room operators, server operators), what every member is shown, and what is saved.
 *
 * <p>Part of {@link ChatRoom}, on its thread, kept apart for its size. What is done is shown to
 * every member as an event; a server operator who is not a member is shown it too, in a
 * {@link RoomRequest.Shown} reply. A refusal is told to the asker alone.
 */
final class RoomRequests {

  private final String room;
  private final Instant created;
  private final Clock clock;
  private final RoomMembers members;
  private final RoomHistory history;
  private final Moderation rules;
  private final RoomArchive archive;
  private final Consumer<ActorRef<ChatEvent>> remove;
  private final Runnable reportOccupancy;

  /**
   * @param remove takes a kicked member out of the room
   * @param reportOccupancy tells the registry the room's state, before anyone is shown a change
   *     of it, so that a room list asked for after seeing the change already has it
   */
  RoomRequests(String room, Instant created, Clock clock, RoomMembers members,
      RoomHistory history, Moderation rules, RoomArchive archive,
      Consumer<ActorRef<ChatEvent>> remove, Runnable reportOccupancy) {
    this.room = room;
    this.created = created;
    this.clock = clock;
    this.members = members;
    this.history = history;
    this.rules = rules;
    this.archive = archive;
    this.remove = remove;
    this.reportOccupancy = reportOccupancy;
  }

  /** Carries out {@code forwarded}; a post from outside goes to {@code outsidePost}. */
  void handle(ChatRoom.Forwarded forwarded,
      BiConsumer<ChatRoom.Forwarded, RoomRequest.OutsidePost> outsidePost) {
    Asker asker = new Asker(forwarded.requester(), forwarded.session(),
        Optional.ofNullable(members.get(forwarded.session())));
    RoomRequest request = forwarded.request();
    if (rules.isSecret() && !asker.present()) {
      // A secret room does not exist for outsiders: not its modes, lists, members or posts.
      RoomRequest.answerNoSuchRoom(room, forwarded.session(), request);
    } else if (request instanceof RoomRequest.OutsidePost post) {
      outsidePost.accept(forwarded, post);
    } else if (request instanceof ChangeModes change) {
      onChangeModes(asker, change);
    } else if (request instanceof GetModes get) {
      get.replyTo().tell(new RoomRequest.ModesAre(
          room, rules.modes(), asker.member().isPresent() || asker.serverOperator(), created));
    } else if (request instanceof GetList get) {
      onGetList(asker, get);
    } else if (request instanceof Kick kick) {
      onKick(asker, kick);
    } else if (request instanceof Invite invite) {
      onInvite(asker, invite);
    } else if (request instanceof ChangeTopic change) {
      onChangeTopic(asker, change);
    } else {
      throw new IllegalArgumentException("Not a request for the room's rules: " + request);
    }
  }

  /** Who asks: the requester, its session, and its membership if it is a member. */
  private record Asker(Requester requester, ActorRef<ChatEvent> session,
      Optional<Member> member) {

    boolean serverOperator() {
      return requester.serverOperator();
    }

    boolean operator() {
      return serverOperator() || member.map(m -> m.roles().operator()).orElse(false);
    }

    Roles roles() {
      return member.map(Member::roles).orElse(Roles.NONE);
    }

    /** Whether it may act on the room at all: a member, or a server operator. */
    boolean present() {
      return member.isPresent() || serverOperator();
    }
  }

  private void onChangeModes(Asker asker, ChangeModes change) {
    Moderation.Outcome outcome = rules.apply(change.changes(), asker.operator(), members,
        asker.requester().nick(), clock.instant());
    Set<Refused> refusals = new LinkedHashSet<>();
    outcome.refused().forEach(refused ->
        refusals.add(new Refused(room, refused.reason(), refused.subject())));
    refusals.forEach(change.replyTo()::tell);
    if (!outcome.applied().isEmpty()) {
      show(asker, new ChatEvent.ModesChanged(room, asker.requester().nick(), outcome.applied()),
          change.replyTo());
    }
    if (outcome.changesState()) {
      save();
    }
  }

  private void onGetList(Asker asker, GetList get) {
    if (get.list() != 'b' && !asker.operator()) {
      get.replyTo().tell(new Refused(room, RoomRefusal.NOT_OPERATOR, ""));
    } else {
      get.replyTo().tell(new RoomRequest.ListIs(room, get.list(), rules.list(get.list())));
    }
  }

  private void onKick(Asker asker, Kick kick) {
    Optional<ActorRef<ChatEvent>> target = members.byNick(kick.nick());
    Optional<RoomRefusal> refusal = !asker.present() ? Optional.of(RoomRefusal.NOT_ON_ROOM)
        : !asker.operator() ? Optional.of(RoomRefusal.NOT_OPERATOR)
        : target.isEmpty() ? Optional.of(RoomRefusal.USER_NOT_IN_ROOM)
        : Optional.empty();
    if (refusal.isPresent()) {
      kick.replyTo().tell(new Refused(room, refusal.get(), kick.nick()));
      return;
    }
    String nick = members.get(target.get()).nick();
    show(asker, new ChatEvent.Kicked(room, asker.requester().nick(), nick, kick.reason()),
        kick.replyTo());
    remove.accept(target.get());
  }

  private void onInvite(Asker asker, Invite invite) {
    Optional<RoomRefusal> refusal = !asker.present() ? Optional.of(RoomRefusal.NOT_ON_ROOM)
        : rules.modes().inviteOnly() && !asker.operator()
            ? Optional.of(RoomRefusal.NOT_OPERATOR)
        : members.contains(invite.target()) ? Optional.of(RoomRefusal.ALREADY_IN_ROOM)
        : Optional.empty();
    if (refusal.isPresent()) {
      invite.replyTo().tell(new Refused(room, refusal.get(), invite.nick()));
      return;
    }
    if (asker.operator()) {
      rules.invite(invite.target());
    }
    invite.target().tell(new ChatEvent.Invited(room, asker.requester().nick()));
    invite.replyTo().tell(new RoomRequest.InviteSent(room, invite.nick()));
  }

  private void onChangeTopic(Asker asker, ChangeTopic change) {
    Optional<RoomRefusal> refusal = !asker.present() ? Optional.of(RoomRefusal.NOT_ON_ROOM)
        : !asker.serverOperator() && !rules.mayChangeTopic(asker.roles())
            ? Optional.of(RoomRefusal.NOT_OPERATOR)
        : Optional.empty();
    if (refusal.isPresent()) {
      change.replyTo().tell(new Refused(room, refusal.get(), ""));
      return;
    }
    Instant at = clock.instant();
    Requester by = asker.requester();
    Optional<Topic> topic = change.text().isEmpty()
        ? Optional.empty() : Optional.of(new Topic(change.text(), by.nick(), at));
    rules.setTopic(topic);
    history.keepTopic(at, by, change.text());
    save();
    show(asker, new ChatEvent.TopicChanged(room, by.nick(), topic), change.replyTo());
  }

  /** Shows {@code event} to every member, and to the asker through {@code replyTo} if not one. */
  private void show(Asker asker, ChatEvent event, ActorRef<RoomRequest.Reply> replyTo) {
    reportOccupancy.run();
    members.broadcast(event);
    if (asker.member().isEmpty()) {
      replyTo.tell(new RoomRequest.Shown(room, event));
    }
  }

  private void save() {
    if (rules.saves()) {
      archive.save(rules.state(room));
    }
  }
}
