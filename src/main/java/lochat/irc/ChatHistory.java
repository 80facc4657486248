package lochat.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lochat.chat.Names;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcText;
import lochat.room.RoomArchive;
import lochat.store.EntryKind;
import lochat.store.HistoryEntry;
import lochat.store.HistoryWriter;

/**
 * IRCv3 {@code draft/chathistory}: {@code CHATHISTORY} pages of a channel's history, read from
 * the store through the rooms' archive, answered in a {@code chathistory} batch (when the client
 * has {@code batch}) whose messages carry their {@code time} (with {@code server-time}) and
 * {@code msgid} (with {@code message-tags}), so that the client can page on from the oldest.
 *
 * <p>Only members may read a channel's history, so that nobody learns what is said in a channel
 * from outside it. A nick as the target reads the user's private conversation with that nick,
 * when private messages are kept ({@code lochat.history.private}); any other target is {@code
 * FAIL CHATHISTORY INVALID_TARGET}. Nicknames have no owner, so a user reads only what was
 * said in a conversation since it took the nickname it has now: whoever takes a nickname later
 * does not read what its earlier holder was told. Topic
 * changes are kept in history but not replayed (that would need {@code draft/event-playback}).
 * Limits: a store that failed answers an empty page, which cannot be told from a page with
 * nothing in it, so {@code MESSAGE_ERROR} is never sent: the client gets an empty batch.
 */
final class ChatHistory {

  private ChatHistory() {}

  static void chathistory(IrcClient client, IrcCommand.Chathistory request) {
    Optional<String> room = IrcNames.room(request.channel());
    if (room.isEmpty() && client.archive.keepsPrivate()
        && Names.nickProblem(request.channel()).isEmpty()) {
      client.askHistory(RoomArchive.conversation(client.nick(), request.channel()),
          request.query());
      return;
    }
    if (room.isEmpty() || !client.session.isIn(room.get())) {
      client.send(client.replies.command("FAIL", "CHATHISTORY", "INVALID_TARGET",
          request.subcommand(), IrcText.clean(request.channel()),
          "Messages could not be retrieved"));
      return;
    }
    client.askHistory(client.session.room(room.get()).get().name(), request.query());
  }

  static void pageArrived(IrcClient client, HistoryWriter.Page page) {
    boolean conversation = RoomArchive.isConversation(page.room());
    String other = conversation ? otherNick(client.nick(), page) : "";
    Optional<String> batch = client.capEnabled(Capabilities.BATCH)
        ? Optional.of(client.nextBatchId()) : Optional.empty();
    batch.ifPresent(id -> client.send(client.events.batchStart(id,
        conversation ? other : IrcNames.channel(page.room()))));
    boolean serverTime = client.capEnabled(Capabilities.SERVER_TIME);
    boolean msgid = client.capEnabled(Capabilities.MESSAGE_TAGS);
    for (HistoryEntry entry : page.entries()) {
      if (entry.kind() == EntryKind.TOPIC
          || conversation && entry.at().isBefore(client.session.nickSince())) {
        continue;
      }
      String target = !conversation ? IrcNames.channel(page.room())
          : Names.key(entry.nick()).equals(Names.key(client.nick())) ? other : client.nick();
      client.sendAll(client.events.replayed(entry.toPosted(), target, batch, serverTime, msgid));
    }
    batch.ifPresent(id -> client.send(client.events.batchEnd(id)));
  }

  /**
   * Who the user's conversation of {@code page} is with: as they wrote their nick, when they
   * said something in it, otherwise as the conversation's name has it.
   */
  private static String otherNick(String me, HistoryWriter.Page page) {
    for (HistoryEntry entry : page.entries()) {
      if (!Names.key(entry.nick()).equals(Names.key(me))) {
        return entry.nick();
      }
    }
    return RoomArchive.otherIn(page.room(), me);
  }

  /** The failure of a line the parser refused: {@code FAIL command code context :why}. */
  static void fail(IrcClient client, IrcCommand.Fail fail) {
    List<String> params = new ArrayList<>();
    params.add(fail.command());
    params.add(fail.code());
    params.addAll(fail.context());
    params.add(fail.description());
    client.send(client.replies.command("FAIL", params.toArray(String[]::new)));
  }
}
