package lochat.line;

import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.connection.SessionLifecycle;
import lochat.protocol.line.LineCommand;
import lochat.protocol.line.NativeReplies;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomArchive;
import lochat.room.RoomRequest;
import lochat.store.HistoryQuery;
import lochat.store.HistoryWriter;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The native lines that ask a room, or its archive, for something other than a post: {@code
 * /mode} and its short forms ({@code /op}, {@code /ban}, {@code /bans}, ...), {@code /kick},
 * {@code /invite} and {@code /history}, and how their answers are shown. Part of {@link
 * NativeSession}, on its thread, kept apart for its size.
 *
 * <p>What ends such a line: a room answers a change that it made with an event to every member,
 * a change that changed nothing with nothing at all, and a refusal with one {@link
 * RoomRequest.Refused} each. So after a change or a kick the line asks the room for its modes
 * too: that answer comes after everything the change caused, and ends the line. A room that
 * does not exist answers each request {@link ChatRoom.NoSuchRoom}, the last of which ends it.
 * An invitation and a page of history have exactly one answer.
 */
final class NativeRoomAsks {

  private final SessionLifecycle session;
  private final RoomArchive archive;
  private final NativeReplies render;
  private final NativeAnswers answers;
  /** The room the line asks, by key; null when no line waits for a room's answer. */
  private String asked;
  /** Requests sent to a room that may not exist, each of which it would answer NoSuchRoom. */
  private int unanswered;
  /** Whether the line ends with the first answer (an invitation) or with its last request's. */
  private boolean single;
  private boolean showModes;
  private boolean changing;
  /** Whether the line has shown the user anything yet (a change, a refusal). */
  private boolean heard;

  NativeRoomAsks(SessionLifecycle session, RoomArchive archive, NativeReplies render,
      NativeAnswers answers) {
    this.session = session;
    this.archive = archive;
    this.render = render;
    this.answers = answers;
  }

  /** {@code /mode} and its short forms, for {@code room}: changes, then lists, then the modes. */
  void mode(String room, LineCommand.Mode mode) {
    start(room, false);
    changing = !mode.changes().isEmpty();
    showModes = !changing && mode.lists().isEmpty();
    if (changing) {
      ask(room, new RoomRequest.ChangeModes(mode.changes(), session.replies().room()));
    }
    for (char list : mode.lists()) {
      ask(room, new RoomRequest.GetList(list, session.replies().room()));
    }
    ask(room, new RoomRequest.GetModes(session.replies().room()));
  }

  void kick(String room, LineCommand.Kick kick) {
    start(room, false);
    ask(room, new RoomRequest.Kick(kick.nick(), kick.reason(), session.replies().room()));
    ask(room, new RoomRequest.GetModes(session.replies().room()));
  }

  void invite(String room, LineCommand.Invite invite) {
    start(room, true);
    session.registry().tell(new Registry.InviteTo(
        room, invite.nick(), session.chatAddress(), session.replies().room()));
  }

  /** Asks the archive for a page of {@code room}'s history, answered to {@code replyTo}. */
  void history(String room, LineCommand.History history,
      ActorRef<HistoryWriter.Page> replyTo) {
    HistoryQuery query = history.before() > 0
        ? new HistoryQuery.Before(new HistoryQuery.ById(history.before()), history.count())
        : new HistoryQuery.Latest(HistoryQuery.Ref.NONE, history.count());
    archive.read(room, query, replyTo);
  }

  /** Shows a page of history and the line that ends it. */
  void showPage(HistoryWriter.Page page) {
    page.entries().forEach(entry -> session.send(render.history(entry)));
    session.send(render.historyEnd(page.room(), page.entries()));
  }

  /** Whether a line waits for a room's answer, which {@link #answered} then takes. */
  boolean waiting() {
    return asked != null;
  }

  /** An event the session showed: the user's own change, which a line may wait to hear. */
  void shown(ChatEvent event) {
    if (asked != null && event instanceof ChatEvent.ModesChanged changed
        && Names.key(changed.room()).equals(asked) && changed.by().equals(session.nick())) {
      heard = true;
    }
  }

  /** Shows a room's answer; true when it ends the line. */
  boolean answered(RoomRequest.Reply reply) {
    boolean ends = single;
    if (reply instanceof RoomRequest.Refused) {
      heard = true;
      answers.refusal(reply);
    } else if (reply instanceof RoomRequest.ListIs list) {
      list.entries().forEach(entry -> session.send(render.listEntry(list.room(), entry)));
      session.send(render.listEnd(list.room(), list.list()));
    } else if (reply instanceof RoomRequest.Shown shown) {
      heard = true;
      session.send(render.event(shown.event()));
    } else if (reply instanceof RoomRequest.InviteSent sent) {
      session.send(render.ok("invite", sent.nick() + " " + sent.room()));
    } else if (reply instanceof RoomRequest.ModesAre modes) {
      if (showModes) {
        session.send(render.modes(modes.room(), modes.modes(), modes.showKey()));
      } else if (changing && !heard) {
        session.send(render.ok("mode", "Nothing to change in " + modes.room()));
      }
      ends = true;
    } else {
      if (!heard) {
        heard = true;
        answers.refusal(reply);
      }
      ends |= --unanswered <= 0;
    }
    if (ends) {
      asked = null;
    }
    return ends;
  }

  private void start(String room, boolean singleAnswer) {
    asked = Names.key(room);
    unanswered = 0;
    single = singleAnswer;
    showModes = false;
    changing = false;
    heard = false;
  }

  private void ask(String room, RoomRequest request) {
    unanswered++;
    session.registry().tell(new Registry.ForRoom(room, session.chatAddress(), request));
  }
}
