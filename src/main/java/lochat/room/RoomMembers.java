package lochat.room;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvent.Posted;
import lochat.chat.MemberDelivery;
import lochat.chat.Roles;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A room's members, in the order they joined: who they are, their roles, how they are reached,
 * and delivery to all of them.
 *
 * <p>It exists so that {@link ChatRoom} decides and this keeps the book: members are known by
 * their session's address, and found by nickname case-insensitively. Not thread-safe: owned by
 * one room.
 */
final class RoomMembers implements Moderation.RoleBook {

  /** A member: what it is called, where from, the protocol it speaks, and how it is reached. */
  record Member(String nick, String user, String host, String protocol,
      MemberDelivery delivery, Roles roles) {

    /** As bans match it: {@code nick!user@host}. */
    String mask() {
      return nick + "!" + user + "@" + host;
    }

    Member renamed(String newNick) {
      return new Member(newNick, user, host, protocol, delivery, roles);
    }

    Member withRoles(Roles newRoles) {
      return new Member(nick, user, host, protocol, delivery, newRoles);
    }
  }

  private final ActorRef<ChatRoom.Command> self;
  private final Map<ActorRef<ChatEvent>, Member> members = new LinkedHashMap<>();
  /** The links of the nodes whose members are here, with how many of them each has. */
  private final Map<ActorRef<RoomLink.Command>, Integer> links = new HashMap<>();

  /** @param self the room, as the members' links are told it */
  RoomMembers(ActorRef<ChatRoom.Command> self) {
    this.self = self;
  }

  Member get(ActorRef<ChatEvent> ref) {
    return members.get(ref);
  }

  boolean contains(ActorRef<ChatEvent> ref) {
    return members.containsKey(ref);
  }

  int size() {
    return members.size();
  }

  /** Adds or updates a member; a new one reached through a link is announced to it. */
  void put(ActorRef<ChatEvent> ref, Member member) {
    Member before = members.put(ref, member);
    if (before == null && member.delivery() instanceof RelayedDelivery relayed) {
      links.merge(relayed.link(), 1, Integer::sum);
      relayed.link().tell(new RoomLink.Added(self, ref));
    }
  }

  Member remove(ActorRef<ChatEvent> ref) {
    Member removed = members.remove(ref);
    if (removed != null && removed.delivery() instanceof RelayedDelivery relayed) {
      links.computeIfPresent(relayed.link(), (link, count) -> count == 1 ? null : count - 1);
      relayed.link().tell(new RoomLink.Removed(ref));
    }
    return removed;
  }

  /** The member called {@code nick}, whatever its case. */
  Optional<ActorRef<ChatEvent>> byNick(String nick) {
    for (Map.Entry<ActorRef<ChatEvent>, Member> entry : members.entrySet()) {
      if (entry.getValue().nick().equalsIgnoreCase(nick)) {
        return Optional.of(entry.getKey());
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Roles> rolesOf(String nick) {
    return byNick(nick).map(ref -> members.get(ref).roles());
  }

  @Override
  public String setRole(String nick, char mode, boolean on) {
    ActorRef<ChatEvent> ref = byNick(nick).orElseThrow();
    Member member = members.get(ref);
    members.put(ref, member.withRoles(member.roles().with(mode, on)));
    return member.nick();
  }

  List<String> nicks() {
    return members.values().stream().map(Member::nick).toList();
  }

  Map<String, String> userNames() {
    Map<String, String> byNick = new LinkedHashMap<>();
    members.values().forEach(member -> byNick.put(member.nick(), member.user()));
    return byNick;
  }

  Map<String, Roles> roles() {
    Map<String, Roles> byNick = new LinkedHashMap<>();
    members.values().forEach(member -> byNick.put(member.nick(), member.roles()));
    return byNick;
  }

  /** Tells every member's session {@code event}, which holds back the posts behind it. */
  void broadcast(ChatEvent event) {
    broadcastExcept(null, event);
  }

  /** Like {@link #broadcast}, to everyone but {@code excluded}. */
  void broadcastExcept(ActorRef<ChatEvent> excluded, ChatEvent event) {
    for (Map.Entry<ActorRef<ChatEvent>, Member> member : members.entrySet()) {
      MemberDelivery delivery = member.getValue().delivery();
      if (!member.getKey().equals(excluded) && !(delivery instanceof RelayedDelivery)) {
        MemberFanout.tell(member.getKey(), delivery, event);
      }
    }
    if (!links.isEmpty()) {
      RoomLink.Broadcast relayed = new RoomLink.Broadcast(event, Optional.ofNullable(excluded));
      links.keySet().forEach(link -> link.tell(relayed));
    }
  }

  /**
   * Delivers {@code posted} to every member, {@code sender}'s copy as its echo with a receipt;
   * {@code fellBehind} hears of each member here that now has more unread than it may. Each
   * link gets it once, for all its node's members.
   */
  void deliver(Posted posted, ActorRef<ChatEvent> sender,
      BiConsumer<ActorRef<ChatEvent>, MemberDelivery> fellBehind) {
    for (Map.Entry<ActorRef<ChatEvent>, Member> entry : members.entrySet()) {
      MemberDelivery delivery = entry.getValue().delivery();
      if (!(delivery instanceof RelayedDelivery)) {
        MemberFanout.deliver(entry.getKey(), delivery, posted, sender, fellBehind);
      }
    }
    if (!links.isEmpty()) {
      RoomLink.Deliver relayed = new RoomLink.Deliver(posted, sender);
      links.keySet().forEach(link -> link.tell(relayed));
    }
  }

  /** Answers a member's join, after everything the room told it before. */
  void answerJoin(ActorRef<ChatEvent> ref, ActorRef<ChatRoom.JoinResult> replyTo,
      ChatRoom.Joined joined) {
    MemberDelivery delivery = members.get(ref).delivery();
    if (delivery instanceof RelayedDelivery relayed) {
      relayed.link().tell(new RoomLink.AnswerJoin(ref, replyTo, joined));
    } else {
      delivery.throughSession();
      replyTo.tell(joined);
    }
  }
}
