package lochat.registry;

import lochat.chat.Names;

/**
 * Which users online a {@link Registry.Tell} reaches, by nickname and address: everyone, one
 * nickname, or whatever an operator's ban matches. Implementations are pure and cheap, as the
 * registry asks them of every user on its own thread.
 */
@FunctionalInterface
public interface Audience {

  /** How many users a {@link Registry.Tell} reached. */
  record Reached(int users) {}

  /** Whether the user called {@code nick}, connected from {@code address}, is reached. */
  boolean includes(String nick, String address);

  static Audience everyone() {
    return (nick, address) -> true;
  }

  /** The user called {@code nick}, case-insensitively. */
  static Audience nick(String nick) {
    String key = Names.key(nick);
    return (other, address) -> Names.key(other).equals(key);
  }
}
