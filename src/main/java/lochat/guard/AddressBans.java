package lochat.guard;

import java.util.Optional;

/**
 * The addresses banned from the whole server, as the {@link Gatekeeper} asks at each new
 * connection. Implementations are immutable snapshots: a change of bans is a new one, told to
 * the gatekeeper with {@link Gatekeeper.SetBans}.
 */
@FunctionalInterface
public interface AddressBans {

  /** Nobody is banned. */
  AddressBans NONE = address -> Optional.empty();

  /** What to tell a client from {@code address} (an IP address) that may not connect. */
  Optional<String> refusal(String address);
}
