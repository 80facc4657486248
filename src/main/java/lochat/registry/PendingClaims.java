package lochat.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The nickname claims this node has asked the cluster for and not yet been answered, by id, by
 * session and by case-folded nickname: at most one in flight per session and one per nickname,
 * so that a second local claim of a nickname already being claimed is refused at once, without a
 * round trip, and an answer finds what it answers. A session that stops while its claim is in
 * flight has its claim marked abandoned: the answer still comes, and a grant is then given back.
 * Its nickname stays in flight until then, so that no other local claim races the release.
 *
 * <p>Pure bookkeeping, owned by the {@link Registry}'s thread; {@code S} is what identifies a
 * session (its actor reference), {@code T} what the Registry keeps of the claim. Bounded by the
 * sessions online: one claim each.
 */
final class PendingClaims<S, T> {

  /** A claim in flight: {@code abandoned} once its session has stopped. */
  record Pending<S, T>(long id, S session, String key, T claim, boolean abandoned) {}

  private final Map<Long, Pending<S, T>> byId = new HashMap<>();
  private final Map<S, Long> bySession = new HashMap<>();
  private final Map<String, Long> byKey = new HashMap<>();
  private long nextId;

  /** Whether a claim of the nickname of key {@code key} is in flight, whoever made it. */
  boolean claimingNick(String key) {
    return byKey.containsKey(key);
  }

  /** Whether {@code session} has a claim in flight, abandoned or not. */
  boolean claimingFor(S session) {
    return bySession.containsKey(session);
  }

  /**
   * Records a claim of the nickname of key {@code key} by {@code session}; its id, for the
   * answer. Neither may have a claim in flight already.
   */
  long start(S session, String key, T claim) {
    if (claimingFor(session) || claimingNick(key)) {
      throw new IllegalStateException("a claim is in flight already for " + key);
    }
    long id = nextId++;
    byId.put(id, new Pending<>(id, session, key, claim, false));
    bySession.put(session, id);
    byKey.put(key, id);
    return id;
  }

  /** {@code session} stopped: its claim, if it has one, is answered to nobody. */
  void abandon(S session) {
    Long id = bySession.get(session);
    if (id != null) {
      Pending<S, T> pending = byId.get(id);
      byId.put(id, new Pending<>(id, session, pending.key(), pending.claim(), true));
    }
  }

  /** The claim {@code id} answers, now no longer in flight; empty if there is none. */
  Optional<Pending<S, T>> finish(long id) {
    Pending<S, T> pending = byId.remove(id);
    if (pending == null) {
      return Optional.empty();
    }
    bySession.remove(pending.session());
    byKey.remove(pending.key());
    return Optional.of(pending);
  }

  int size() {
    return byId.size();
  }
}
