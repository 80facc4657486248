package lochat.cluster;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.chat.Profile;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who holds a nickname in the cluster: the session that took it, the node it is connected to,
 * and what other users may see of it ({@link Card}). It is the value of the replicated
 * nickname directory's maps ({@link NickPartitions}) and travels in claims and answers.
 *
 * <p>Versioned as every {@link ClusterMessage}: Jackson CBOR by component name, so that a
 * component added later reads as null (or empty) on an older node and is ignored by it. A change
 * that renames or retypes a component would come with a Pekko {@code JacksonMigration}
 * registered under {@code pekko.serialization.jackson.migrations} for this class, which lifts
 * the old form to the new one; the replicated map carries values of every version until all
 * nodes run the new one.
 *
 * @param nick the nickname as its holder typed it
 * @param session the holder's session, watched by the nickname's entity
 * @param node the node the session is connected to
 * @param card what WHOIS, WHO, USERHOST and LUSERS show of the holder
 */
public record NickHolder(String nick, ActorRef<ChatEvent> session, Node node, Card card)
    implements ClusterMessage {

  public NickHolder {
    Objects.requireNonNull(nick, "nick");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(card, "card");
  }

  /** The case-folded nickname: the directory's key and the entity's id. */
  public String key() {
    return Names.key(nick);
  }

  /**
   * A node of the cluster, one incarnation of it: a server restarted on the same address is
   * another node, so that the removal of the old one frees no nickname the new one holds.
   *
   * @param address the node's cluster address, {@code pekko://SYSTEM@HOST:PORT}
   * @param uid the incarnation's unique id
   */
  public record Node(String address, long uid) {}

  /**
   * What other users may see of a nickname's holder, as the Registry keeps it.
   *
   * @param profile user name, host, real name and protocol
   * @param away the away message, if the holder is away
   * @param operator whether the holder is a server operator
   * @param invisible whether the holder is invisible (hidden from WHO, counted apart by LUSERS)
   * @param signedOn when the holder signed on
   */
  public record Card(Profile profile, Optional<String> away, boolean operator,
      boolean invisible, Instant signedOn) {

    public Card {
      Objects.requireNonNull(profile, "profile");
      away = away == null ? Optional.empty() : away;
      Objects.requireNonNull(signedOn, "signedOn");
    }
  }
}
