package lochat.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.chat.Profile;
import lochat.room.Requester;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A registered user as the {@link Registry} keeps it: nickname, profile, away message,
 * invisibility, server operator status and rooms. Mutable, and only ever touched by the registry's own thread.
 */
final class User {
  final Profile profile;
  final ActorRef<ChatEvent> session;
  final Instant signedOn;
  String nick;
  Optional<String> away = Optional.empty();
  boolean invisible;
  /** A server operator, who acts as an operator in every room. */
  boolean operator;
  List<String> rooms = List.of();

  User(String nick, Profile profile, ActorRef<ChatEvent> session, Instant signedOn) {
    this.nick = nick;
    this.profile = profile;
    this.session = session;
    this.signedOn = signedOn;
  }

  ActorRef<ChatEvent> session() {
    return session;
  }

  boolean isIn(String roomKey) {
    for (String room : rooms) {
      if (Names.key(room).equals(roomKey)) {
        return true;
      }
    }
    return false;
  }

  /** The user as rooms know who asks them. */
  Requester requester() {
    return new Requester(nick, profile.user(), profile.host(), profile.protocol(), operator);
  }

  /** What others may see of the user; its rooms only those {@code visible} lets through. */
  Registry.UserDetails details(Predicate<String> visible) {
    return new Registry.UserDetails(nick, profile, away,
        rooms.stream().filter(visible).toList(), signedOn, operator);
  }

  Registry.UserDetails details() {
    return new Registry.UserDetails(nick, profile, away, rooms, signedOn, operator);
  }
}
