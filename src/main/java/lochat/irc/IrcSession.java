package lochat.irc;

import java.time.Instant;
import lochat.connection.KeepAlive;
import lochat.connection.ReceiveTable;
import lochat.connection.SessionCommand;
import lochat.chat.ChatEvent;
import lochat.connection.SessionCommand.BanReply;
import lochat.connection.SessionCommand.FromChat;
import lochat.connection.SessionCommand.JoinReply;
import lochat.connection.SessionCommand.MembersReply;
import lochat.connection.SessionCommand.NickReply;
import lochat.connection.SessionCommand.OnlineReply;
import lochat.connection.SessionCommand.OperReply;
import lochat.connection.SessionCommand.PrivateReply;
import lochat.connection.SessionCommand.ReachedReply;
import lochat.connection.SessionCommand.Received;
import lochat.connection.SessionCommand.RoomReply;
import lochat.connection.SessionCommand.RegistrationTimedOut;
import lochat.connection.SessionCommand.RoomsReply;
import lochat.connection.SessionCommand.ServerShutdown;
import lochat.connection.SessionCommand.TopicReply;
import lochat.connection.SessionCommand.UserReply;
import lochat.connection.SessionCommand.UsersReply;
import lochat.connection.SessionCommand.WasReply;
import lochat.connection.SessionLifecycle;
import lochat.connection.SessionSetup;
import lochat.protocol.InboundLine;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcCommandParser;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One IRC client's session on the chat core, so that IRC users and native users share
 * nicknames, rooms (channel {@code #name} is room {@code name}) and messages. It speaks RFC
 * 1459/2812 with the IRCv3 capabilities in {@link lochat.protocol.irc.Capabilities}; the
 * commands are in {@link IrcCommandParser}'s table and carried out by {@link IrcHandlers}.
 *
 * <p>States: registering ({@link IrcRegistration}), registered (this class), and the closing
 * state every session shares ({@link SessionLifecycle}). Lines are handled one at a time and in
 * order: a line that needs answers from the registry or rooms, or a room's echo of a message, is
 * acknowledged only when they have all come ({@link AwaitedReplies}), so replies keep request
 * order. A quiet client is pinged, and dropped if it does not answer.
 *
 * <p>Channels are run by their operators ({@link RoomModeration}) and their history may be paged
 * back with {@code CHATHISTORY} ({@link ChatHistory}). Limits: CTCP requests other than
 * {@code ACTION}, and client-only tags, pass between IRC clients only; every user's host is the
 * server's name.
 */
public final class IrcSession {

  /** @param started when the server started, shown as its creation (RPL_CREATED) */
  public static Behavior<SessionCommand> create(
      SessionSetup setup, IrcSettings irc, Instant started) {
    return Behaviors.setup(context -> Behaviors.withTimers(timers ->
        new IrcRegistration(new IrcClient(context, timers, setup, irc, started))
            .start()));
  }

  /** The session of a client that has just registered; its welcome awaits LUSERS. */
  static Behavior<SessionCommand> registered(IrcClient client) {
    return new IrcSession(client).registered;
  }

  private static final ReceiveTable<IrcSession, SessionCommand> REGISTERED =
      SessionLifecycle.working(IrcSession.class, s -> s.client.session)
          .on(Received.class, IrcSession::onReceived)
          .on(ServerShutdown.class, (s, shutdown) -> shutdown(s.client))
          .on(FromChat.class, (s, chat) -> chat.event() instanceof ChatEvent.Removed removed
              ? removed(s.client, removed) : s.settled(() -> s.onFromChat(chat)))
          .on(NickReply.class, (s, reply) ->
              s.answered(() -> UserQueries.nickAnswered(s.client, reply.result())))
          .on(JoinReply.class, (s, reply) ->
              s.answered(() -> Channels.joinAnswered(s.client, reply.result())))
          .on(TopicReply.class, (s, reply) ->
              s.answered(() -> Channels.topicAnswered(s.client, reply.topic())))
          .on(MembersReply.class, (s, reply) ->
              s.answered(() -> s.client.awaited.membersArrived(reply.result())))
          .on(UsersReply.class, (s, reply) ->
              s.answered(() -> s.client.awaited.usersArrived(reply.users())))
          .on(RoomsReply.class, (s, reply) ->
              s.answered(() -> s.client.awaited.roomsArrived(reply.list())))
          .on(PrivateReply.class, (s, reply) ->
              s.answered(() -> Messaging.privateAnswered(s.client, reply.result())))
          .on(UserReply.class, (s, reply) ->
              s.answered(() -> UserQueries.whoisAnswered(s.client, reply.result())))
          .on(WasReply.class, (s, reply) ->
              s.answered(() -> UserQueries.whowasAnswered(s.client, reply.result())))
          .on(OnlineReply.class, (s, reply) ->
              s.answered(() -> ServerQueries.onlineAnswered(s.client, reply.online())))
          .on(OperReply.class, (s, reply) ->
              s.answered(() -> ServerOperators.operAnswered(s.client, reply.result())))
          .on(BanReply.class, (s, reply) ->
              s.answered(() -> ServerOperators.banAnswered(s.client, reply.result())))
          .on(ReachedReply.class, (s, reply) ->
              s.answered(() -> ServerOperators.reachedAnswered(s.client, reply.reached())))
          .on(RoomReply.class, (s, reply) ->
              s.settled(() -> RoomModeration.replied(s.client, reply.reply())))
          .on(IrcClient.HistoryPage.class, (s, page) ->
              s.answered(() -> ChatHistory.pageArrived(s.client, page.page())))
          .on(KeepAlive.Check.class, (s, check) -> s.onKeepAliveCheck())
          .on(RegistrationTimedOut.class, (s, late) -> Behaviors.same())
          .build();

  private final IrcClient client;
  /** Made once: the session returns to this state after every line. */
  private final Behavior<SessionCommand> registered;
  private final KeepAlive keepAlive;

  private IrcSession(IrcClient client) {
    this.client = client;
    this.keepAlive =
        client.session.keepAlive(client.irc.pingInterval(), client.irc.pingTimeout());
    this.registered = REGISTERED.behavior(this);
  }

  private Behavior<SessionCommand> onReceived(Received received) {
    keepAlive.heard();
    IrcCommand command = parse(client, received);
    if (command instanceof IrcCommand.Quit quit) {
      return quit(client, quit);
    }
    IrcHandlers.handle(client, command);
    return done();
  }

  private void onFromChat(FromChat chat) {
    try {
      IrcEventView.show(client, chat.event());
    } finally {
      client.session.roomEventHandled(chat.event());
    }
  }

  /** Handles an awaited answer, which then has arrived. */
  private Behavior<SessionCommand> answered(Runnable handle) {
    handle.run();
    client.awaited.arrived();
    return done();
  }

  /** Handles what may have been awaited (an echo); the handler counts it. */
  private Behavior<SessionCommand> settled(Runnable handle) {
    handle.run();
    return done();
  }

  /** Acknowledges the line unless it still waits for answers. */
  private Behavior<SessionCommand> done() {
    return client.awaited.settled() ? client.session.acknowledge(registered) : registered;
  }

  private Behavior<SessionCommand> onKeepAliveCheck() {
    KeepAlive.Outcome outcome = keepAlive.check();
    if (outcome == KeepAlive.Outcome.ASK) {
      client.send(client.replies.command("PING", client.replies.serverName()));
    } else if (outcome == KeepAlive.Outcome.GIVE_UP) {
      client.session.leaveServer(keepAlive.leavingReason());
      return closeWithError(client, keepAlive.reason(), "ping timeout");
    }
    return Behaviors.same();
  }

  // --- in every state -----------------------------------------------------------------------

  /** Holds the line's acknowledgement and parses it. */
  static IrcCommand parse(IrcClient client, Received received) {
    client.session.hold(received.replyTo());
    client.handlingNotice = false;
    if (received.line() instanceof InboundLine.Text text) {
      return IrcCommandParser.parse(text.text(), client.session.registered());
    }
    return IrcCommandParser.tooLong();
  }

  static Behavior<SessionCommand> quit(IrcClient client, IrcCommand.Quit quit) {
    client.session.leaveServer(quit.reason().map(reason -> "quit: " + reason).orElse("quit"));
    return closeWithError(client, quit.reason().map(reason -> "Quit: " + reason).orElse("Quit"),
        "quit");
  }

  static Behavior<SessionCommand> shutdown(IrcClient client) {
    client.session.leaveServer("server shutdown");
    return closeWithError(client, "Server shutting down", "server shutdown");
  }

  /** An operator killed the user, or banned its address: it quits with the reason. */
  static Behavior<SessionCommand> removed(IrcClient client, ChatEvent.Removed removed) {
    client.session.leaveServer(removed.reason());
    return closeWithError(client, removed.reason(), removed.banned() ? "banned" : "killed");
  }

  /** Says {@code ERROR :Closing Link: HOST (why)}, then flushes and closes. */
  static Behavior<SessionCommand> closeWithError(IrcClient client, String why, String logReason) {
    client.closingLink(why);
    return client.session.close(logReason);
  }
}
