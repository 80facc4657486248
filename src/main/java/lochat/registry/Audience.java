package lochat.registry;

import lochat.chat.Names;

/**
 * Which users online a {@link Registry.Tell} reaches, by nickname and address: everyone, one
 * nickname, or whatever an operator's ban matches. Implementations are pure and cheap, as the
 * registry asks them of every user on its own thread. Only {@link Everyone} and {@link Nick}
 * reach other nodes' users; a ban's audience is each node's own (every node applies the ban).
 */
@FunctionalInterface
public interface Audience {

  /** How many users a {@link Registry.Tell} reached. */
  record Reached(int users) {}

  /** Whether the user called {@code nick}, connected from {@code address}, is reached. */
  boolean includes(String nick, String address);

  /** Every user; in a cluster, every node's ({@link Everyone}). */
  static Audience everyone() {
    return new Everyone();
  }

  /** The user called {@code nick}, case-insensitively, on whatever node of a cluster. */
  static Audience nick(String nick) {
    return new Nick(nick);
  }

  /** Every user: the registry of a node of a cluster reaches the other nodes' too. */
  record Everyone() implements Audience {
    @Override
    public boolean includes(String nick, String address) {
      return true;
    }
  }

  /** One user: the registry of a node of a cluster finds it on the node it is on. */
  record Nick(String nick) implements Audience {
    @Override
    public boolean includes(String other, String address) {
      return Names.key(other).equals(Names.key(nick));
    }
  }
}
