package lochat.irc;

import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.Names;
import lochat.connection.SessionLifecycle;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.registry.Registry;
import lochat.room.ChatRoom;

/**
 * PRIVMSG, NOTICE and TAGMSG: to channels, as posts to their rooms, whose echo the line waits
 * for; to nicknames, as private messages through the registry. Channels are {@code +n}: only
 * members may send to them. A NOTICE never gets an error reply.
 */
final class Messaging {

  private Messaging() {}

  static void message(IrcClient client, IrcCommand.Message message) {
    client.handlingNotice = message.notice();
    for (String target : client.targets(message.targets(), !message.notice())) {
      if (IrcNames.isChannel(target)) {
        Optional<SessionLifecycle.Membership> room =
            IrcNames.room(target).flatMap(client.session::room);
        if (room.isEmpty()) {
          if (!message.notice()) {
            cannotSendTo(client, target);
          }
        } else if (client.awaited.awaitEcho(room.get().name())) {
          room.get().ref().tell(new ChatRoom.Post(client.session.chatAddress(), message.text(),
              message.kind(), message.tags()));
        }
      } else {
        client.session.registry().tell(new Registry.SendPrivate(client.session.chatAddress(),
            target, message.text(), message.kind(), message.tags(),
            client.session.replies().privateMessage()));
        client.awaited.request();
      }
    }
  }

  /** 404 for a channel the user is not in, 401 for one that does not exist. */
  private static void cannotSendTo(IrcClient client, String channel) {
    Optional<String> room = IrcNames.room(channel);
    if (room.isEmpty()) {
      client.noSuchNick(channel);
      return;
    }
    client.askMembers(room.get(), result -> {
      if (result instanceof ChatRoom.Members) {
        client.send(client.numeric(
            Numerics.ERR_CANNOTSENDTOCHAN, channel, "Cannot send to channel"));
      } else {
        client.noSuchNick(channel);
      }
    });
  }

  /** The registry's answer to a private message: its echo, and whether the target is away. */
  static void privateAnswered(IrcClient client, Registry.PrivateResult result) {
    if (result instanceof Registry.PrivateDelivered delivered) {
      ChatEvent.PrivateMessage message = delivered.message();
      boolean toSelf = Names.key(message.to()).equals(Names.key(client.nick()));
      if ((client.capEnabled(Capabilities.ECHO_MESSAGE) || toSelf)
          && client.shows(message.kind())) {
        client.sendAll(client.events.privateMessage(message,
            client.capEnabled(Capabilities.SERVER_TIME),
            client.capEnabled(Capabilities.MESSAGE_TAGS)));
      }
      boolean byPerson = message.kind() == MessageKind.TEXT
          || message.kind() == MessageKind.ACTION;
      if (byPerson && delivered.targetAway().isPresent()) {
        client.send(client.numeric(Numerics.RPL_AWAY, message.to(),
            delivered.targetAway().get()));
      }
    } else if (result instanceof Registry.NoSuchRecipient missing && !client.handlingNotice) {
      client.noSuchNick(IrcText.clean(missing.nick()));
    }
  }
}
