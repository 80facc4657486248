package lochat.irc;

import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.Names;
import lochat.chat.RoomRefusal;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomRequest;

/**
 * PRIVMSG, NOTICE and TAGMSG: to channels, as posts to their rooms, whose echo (or refusal) the
 * line waits for; to nicknames, as private messages through the registry. A user may post to a
 * channel it is not in when the channel is {@code -n}: the post goes through the registry. A
 * NOTICE never gets an error reply.
 */
final class Messaging {

  private Messaging() {}

  static void message(IrcClient client, IrcCommand.Message message) {
    client.handlingNotice = message.notice();
    for (String target : client.targets(message.targets(), !message.notice())) {
      if (IrcNames.isChannel(target)) {
        Optional<String> room = IrcNames.room(target);
        if (room.isEmpty()) {
          if (!message.notice()) {
            client.noSuchNick(target);
          }
        } else if (!client.awaited.awaitEcho(room.get())) {
          continue;
        } else if (client.session.room(room.get()).isPresent()) {
          client.session.room(room.get()).get().ref().tell(new ChatRoom.Post(
              client.session.chatAddress(), message.text(), message.kind(), message.tags()));
        } else {
          client.session.registry().tell(new Registry.ForRoom(room.get(),
              client.session.chatAddress(), new RoomRequest.OutsidePost(message.text(),
                  message.kind(), message.tags())));
        }
      } else {
        client.session.registry().tell(new Registry.SendPrivate(client.session.chatAddress(),
            target, message.text(), message.kind(), message.tags(),
            client.session.replies().privateMessage()));
        client.awaited.request();
      }
    }
  }

  /**
   * A room did not take a post of this line: ERR_CANNOTSENDTOCHAN (moderated, banned, or
   * {@code +n} and not a member), or ERR_NOSUCHNICK for a channel that does not exist, unless
   * the line is a NOTICE; it ends the wait for the post's echo.
   */
  static void postRefused(IrcClient client, ChatEvent.PostRefused refused) {
    String channel = IrcNames.channel(refused.room());
    if (!client.handlingNotice) {
      if (refused.reason() == RoomRefusal.NO_SUCH_ROOM) {
        client.noSuchNick(channel);
      } else {
        client.send(client.rooms.refused(client.nick(), channel, refused.reason(), "", (char) 0));
      }
    }
    client.awaited.echoArrived(refused.room());
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
