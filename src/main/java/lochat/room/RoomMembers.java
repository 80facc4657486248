package lochat.room;

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

  private final Map<ActorRef<ChatEvent>, Member> members = new LinkedHashMap<>();

  Member get(ActorRef<ChatEvent> ref) {
    return members.get(ref);
  }

  boolean contains(ActorRef<ChatEvent> ref) {
    return members.containsKey(ref);
  }

  int size() {
    return members.size();
  }

  void put(ActorRef<ChatEvent> ref, Member member) {
    members.put(ref, member);
  }

  Member remove(ActorRef<ChatEvent> ref) {
    return members.remove(ref);
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

  void broadcastExcept(ActorRef<ChatEvent> excluded, ChatEvent event) {
    for (Map.Entry<ActorRef<ChatEvent>, Member> member : members.entrySet()) {
      if (!member.getKey().equals(excluded)) {
        member.getValue().delivery().throughSession();
        member.getKey().tell(event);
      }
    }
  }

  /**
   * Delivers {@code posted} to every member, {@code sender}'s copy as its echo with a receipt;
   * {@code fellBehind} hears of each member that now has more unread than it may.
   */
  void deliver(Posted posted, ActorRef<ChatEvent> sender,
      BiConsumer<ActorRef<ChatEvent>, MemberDelivery> fellBehind) {
    for (Map.Entry<ActorRef<ChatEvent>, Member> entry : members.entrySet()) {
      ActorRef<ChatEvent> ref = entry.getKey();
      MemberDelivery delivery = entry.getValue().delivery();
      boolean own = ref.equals(sender);
      MemberDelivery.Outcome outcome = own ? delivery.postOwn(posted) : delivery.post(posted);
      if (outcome == MemberDelivery.Outcome.THROUGH_SESSION) {
        ref.tell(posted);
        if (delivery.behind()) {
          fellBehind.accept(ref, delivery);
        }
      } else {
        if (own) {
          ref.tell(new ChatEvent.Receipt(posted));
        }
        if (outcome == MemberDelivery.Outcome.BEHIND) {
          fellBehind.accept(ref, delivery);
        }
      }
    }
  }
}
