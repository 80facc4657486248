package lochat.cluster;

import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a nickname's entity ({@link NickEntity}) does with a claim, a release or the loss of a
 * node, given who holds the nickname now. Pure, so that the rules are tested without a cluster;
 * the entity applies them one message at a time, which is what makes a race have one winner.
 */
enum NickDecision {
  /** The claimant holds the nickname already, exactly as it asks: granted, nothing written. */
  ALREADY_HELD,
  /**
   * The nickname is free, or held by the claimant's own session with other details (a change
   * of case, an away message): written, then granted.
   */
  WRITE,
  /** Another session holds the nickname: refused. */
  IN_USE;

  static NickDecision ofClaim(Optional<NickHolder> current, NickHolder claim) {
    if (current.isEmpty()) {
      return WRITE;
    }
    if (!current.get().session().equals(claim.session())) {
      return IN_USE;
    }
    return current.get().equals(claim) ? ALREADY_HELD : WRITE;
  }

  /** Whether {@code session} leaving, or its end, frees the nickname: it is the holder. */
  static boolean freedBy(Optional<NickHolder> current, ActorRef<?> session) {
    return current.isPresent() && current.get().session().equals(session);
  }

  /** Whether the removal of {@code node} from the cluster frees the nickname. */
  static boolean freedBy(Optional<NickHolder> current, NickHolder.Node node) {
    return current.isPresent() && current.get().node().equals(node);
  }
}
