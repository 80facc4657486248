package lochat.registry;

import java.util.concurrent.CompletionStage;
import lochat.chat.ChatEvent;
import lochat.cluster.NickDirectory;
import lochat.cluster.NickHolder;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The namespace of nicknames the {@link Registry} shares with the other nodes of a cluster: what
 * it needs of the {@link NickDirectory}, and no more, so that a test can stand in for the
 * cluster. The Registry has one only when the cluster is on.
 *
 * <p>Every answer is a stage that completes (a failure comes as the refusal or the unknown it
 * means), never on the Registry's thread: the Registry pipes it back to itself. The nickname
 * given to every method is valid ({@link lochat.chat.Names#nickProblem} finds nothing wrong).
 */
public interface SharedNicknames {

  /** This node, as the holders of the nicknames claimed here name it. */
  NickHolder.Node node();

  /** Claims {@code nick} for {@code session}, or claims it again with a new {@code card}. */
  CompletionStage<NickDirectory.ClaimResult> claim(String nick, ActorRef<ChatEvent> session,
      NickHolder.Card card);

  /** Frees {@code nick} if {@code session} holds it. */
  void release(String nick, ActorRef<ChatEvent> session);

  /** Who holds {@code nick}: exact, a round trip to its owner. */
  CompletionStage<NickDirectory.FindResult> find(String nick);

  /** Who holds {@code nick}, by this node's replica: no round trip, possibly a little stale. */
  CompletionStage<NickDirectory.FindResult> lookup(String nick);

  /** Every holder, by this node's replica. */
  CompletionStage<NickDirectory.Holders> everyone();

  /** The namespace {@code directory} keeps. */
  static SharedNicknames of(NickDirectory directory) {
    return new SharedNicknames() {
      @Override
      public NickHolder.Node node() {
        return directory.node();
      }

      @Override
      public CompletionStage<NickDirectory.ClaimResult> claim(String nick,
          ActorRef<ChatEvent> session, NickHolder.Card card) {
        return directory.claim(nick, session, card);
      }

      @Override
      public void release(String nick, ActorRef<ChatEvent> session) {
        directory.release(nick, session);
      }

      @Override
      public CompletionStage<NickDirectory.FindResult> find(String nick) {
        return directory.find(nick);
      }

      @Override
      public CompletionStage<NickDirectory.FindResult> lookup(String nick) {
        return directory.lookup(nick);
      }

      @Override
      public CompletionStage<NickDirectory.Holders> everyone() {
        return directory.everyone();
      }
    };
  }
}
