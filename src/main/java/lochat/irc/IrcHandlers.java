package lochat.irc;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import lochat.protocol.irc.IrcCommand;

/**
 * Which handler carries out each {@link IrcCommand}: with {@link
 * lochat.protocol.irc.IrcCommandParser}'s table, which says when each command may be used and
 * what it needs, the whole of what an IRC command does is found from these two places. The
 * commands that change the session's state (PASS, USER and the first NICK while registering,
 * QUIT) are the states' own, and are not here.
 */
final class IrcHandlers {

  private static final Map<Class<? extends IrcCommand>, BiConsumer<IrcClient, IrcCommand>>
      HANDLERS = new HashMap<>();

  static {
    on(IrcCommand.Answer.class,
        (client, answer) -> client.send(client.numeric(answer.numeric(),
            answer.params().toArray(String[]::new))));
    on(IrcCommand.Fail.class, ChatHistory::fail);
    on(IrcCommand.Ignored.class, (client, ignored) -> { });
    on(IrcCommand.Cap.class, CapNegotiation::cap);
    on(IrcCommand.Ping.class, ServerQueries::ping);
    on(IrcCommand.ServerQuery.class, ServerQueries::query);
    on(IrcCommand.Message.class, Messaging::message);
    on(IrcCommand.Join.class, Channels::join);
    on(IrcCommand.PartAll.class, Channels::partAll);
    on(IrcCommand.Part.class, Channels::part);
    on(IrcCommand.Topic.class, Channels::topic);
    on(IrcCommand.Names.class, Channels::names);
    on(IrcCommand.ListChannels.class, Channels::list);
    on(IrcCommand.Kick.class, RoomModeration::kick);
    on(IrcCommand.Invite.class, RoomModeration::invite);
    on(IrcCommand.Chathistory.class, ChatHistory::chathistory);
    on(IrcCommand.Nick.class, UserQueries::nick);
    on(IrcCommand.Mode.class, UserQueries::mode);
    on(IrcCommand.Who.class, UserQueries::who);
    on(IrcCommand.Whois.class, UserQueries::whois);
    on(IrcCommand.Whowas.class, UserQueries::whowas);
    on(IrcCommand.Away.class, UserQueries::away);
    on(IrcCommand.Userhost.class, UserQueries::userhost);
    on(IrcCommand.Ison.class, UserQueries::ison);
    on(IrcCommand.Oper.class, ServerOperators::oper);
    on(IrcCommand.Kill.class, ServerOperators::kill);
    on(IrcCommand.Wallops.class, ServerOperators::wallops);
    on(IrcCommand.Zline.class, ServerOperators::zline);
  }

  private IrcHandlers() {}

  @SuppressWarnings("unchecked")
  private static <C extends IrcCommand> void on(
      Class<C> type, BiConsumer<IrcClient, C> handler) {
    // Only ever applied to commands of type.
    HANDLERS.put(type, (BiConsumer<IrcClient, IrcCommand>) handler);
  }

  /** Whether a handler here carries out commands of {@code type}. */
  static boolean handles(Class<?> type) {
    return HANDLERS.containsKey(type);
  }

  /**
   * Carries out {@code command}.
   *
   * @throws IllegalStateException for a command no handler takes: a state's own command
   */
  static void handle(IrcClient client, IrcCommand command) {
    BiConsumer<IrcClient, IrcCommand> handler = HANDLERS.get(command.getClass());
    if (handler == null) {
      throw new IllegalStateException("No handler for " + command.getClass().getSimpleName());
    }
    handler.accept(client, command);
  }
}
