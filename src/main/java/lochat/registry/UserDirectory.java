package lochat.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The users online, found by nickname (case-insensitively) or by session, with the counts LUSERS
 * reports kept as they change, so that a sign-in never scans everyone.
 *
 * <p>Pure bookkeeping, owned by the {@link Registry} actor and used from its thread only; it
 * decides nothing about who may take a nickname, it only answers whether one is taken.
 */
final class UserDirectory {

  private final Map<String, User> byNick = new HashMap<>();
  private final Map<ActorRef<ChatEvent>, User> bySession = new HashMap<>();
  private int most;
  private int invisible;

  User bySession(ActorRef<ChatEvent> session) {
    return bySession.get(session);
  }

  User byNick(String nick) {
    return byNick.get(Names.key(nick));
  }

  /** Whether {@code nick} belongs to a user other than {@code session}'s. */
  boolean isTaken(String nick, ActorRef<ChatEvent> session) {
    User holder = byNick(nick);
    return holder != null && holder != bySession.get(session);
  }

  void add(User user) {
    bySession.put(user.session(), user);
    byNick.put(Names.key(user.nick), user);
    most = Math.max(most, bySession.size());
  }

  void rename(User user, String newNick) {
    byNick.remove(Names.key(user.nick));
    user.nick = newNick;
    byNick.put(Names.key(newNick), user);
  }

  void setInvisible(User user, boolean invisible) {
    if (user.invisible != invisible) {
      user.invisible = invisible;
      this.invisible += invisible ? 1 : -1;
    }
  }

  /** Changes {@code session}'s user, if it has one. */
  void update(ActorRef<ChatEvent> session, Consumer<User> change) {
    User user = bySession.get(session);
    if (user != null) {
      change.accept(user);
    }
  }

  /** Forgets {@code session}'s user; null if it had none. */
  User remove(ActorRef<ChatEvent> session) {
    User user = bySession.remove(session);
    if (user != null) {
      byNick.remove(Names.key(user.nick));
      invisible -= user.invisible ? 1 : 0;
    }
    return user;
  }

  /**
   * The users online among {@code nicks}, each once, in the order asked: from this directory,
   * or else as {@code elsewhere} finds them (null when it does not).
   */
  List<Registry.UserDetails> lookUp(List<String> nicks,
      Function<String, Registry.UserDetails> elsewhere) {
    List<Registry.UserDetails> found = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String nick : nicks) {
      User user = byNick(nick);
      Registry.UserDetails details = user != null ? user.details() : elsewhere.apply(nick);
      if (details != null && seen.add(Names.key(details.nick()))) {
        found.add(details);
      }
    }
    return found;
  }

  /**
   * Every user, or those in the room of key {@code roomKey}, by nickname, showing only the
   * rooms {@code visible} lets through: none at all when it hides {@code roomKey}.
   */
  List<Registry.UserDetails> list(Optional<String> roomKey, Predicate<String> visible) {
    List<Registry.UserDetails> found = new ArrayList<>();
    if (roomKey.isPresent() && !visible.test(roomKey.get())) {
      return found;
    }
    for (User user : bySession.values()) {
      if (roomKey.isEmpty() || user.isIn(roomKey.get())) {
        found.add(user.details(visible));
      }
    }
    found.sort(Comparator.comparing(Registry.UserDetails::nick, String.CASE_INSENSITIVE_ORDER));
    return found;
  }

  /** Tells {@code event} to every user {@code audience} includes. */
  Audience.Reached tell(Audience audience, ChatEvent event) {
    int told = 0;
    for (User user : bySession.values()) {
      if (audience.includes(user.nick, user.profile.host())) {
        user.session().tell(event);
        told++;
      }
    }
    return new Audience.Reached(told);
  }

  int count() {
    return bySession.size();
  }

  int invisible() {
    return invisible;
  }

  /** The most users online at once so far. */
  int most() {
    return most;
  }
}
