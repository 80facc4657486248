package lochat.irc;

import java.util.Optional;
import lochat.chat.ChatEvent;
import lochat.chat.ChatEvents;
import lochat.chat.Names;
import lochat.protocol.irc.Capabilities;
import org.apache.pekko.util.ByteString;

/**
 * How the chat core's events reach an IRC client: posts, joins, parts, quits, nickname changes,
 * topics, mode changes, kicks, invitations, private messages and WALLOPS (to operators and
 * {@code +w} users), as IRC messages from the user who caused them. Quits and nickname changes,
 * which the core reports once per room, reach the client once ({@link ChannelView}); the user's
 * own post is shown only with echo-message, and its receipt or echo (or the room's refusal) ends
 * the line that sent it ({@link AwaitedReplies}). A mode change, kick or topic that a server
 * operator made from outside the room is shown to it too.
 */
final class IrcEventView {

  private IrcEventView() {}

  static void show(IrcClient client, ChatEvent event) {
    if (event instanceof ChatEvent.Receipt receipt) {
      outsideEcho(client, receipt.posted());
      client.awaited.echoArrived(receipt.posted().room());
      return;
    }
    if (event instanceof ChatEvent.PostRefused refused) {
      Messaging.postRefused(client, refused);
      return;
    }
    Optional<String> room = ChatEvents.room(event);
    if (room.isPresent() && !client.session.isIn(room.get())) {
      return;
    }
    boolean echo = room.isPresent() && client.awaited.awaitsEcho(room.get())
        && ChatEvents.isEchoOf(event, client.nick(), Names.key(room.get()));
    render(client, event);
    if (echo) {
      client.awaited.echoArrived(room.get());
    }
    room.ifPresent(name -> client.awaited.roomAnswered(name, event));
  }

  /**
   * What a server operator did to a channel it is not in (a mode change, a kick, a topic),
   * which the room shows it in its reply: shown as members see it, ending the line that did it.
   */
  static void shownAsOutsider(IrcClient client, ChatEvent event) {
    render(client, event);
    ChatEvents.room(event).ifPresent(name -> client.awaited.roomAnswered(name, event));
  }

  /**
   * The echo of a post to a channel the user is not in (a {@code -n} channel), which no room
   * queued for it: shown with echo-message, as its own posts are.
   */
  private static void outsideEcho(IrcClient client, ChatEvent.Posted posted) {
    if (!client.session.isIn(posted.room()) && client.capEnabled(Capabilities.ECHO_MESSAGE)) {
      ByteString bytes = client.postBytes(posted);
      if (!bytes.isEmpty()) {
        client.session.sendEncoded(bytes);
      }
    }
  }

  private static void render(IrcClient client, ChatEvent event) {
    if (event instanceof ChatEvent.Posted posted) {
      boolean own = posted.nick().equals(client.nick());
      if (!own || client.capEnabled(Capabilities.ECHO_MESSAGE)) {
        ByteString bytes = client.postBytes(posted);
        if (!bytes.isEmpty()) {
          client.session.sendEncoded(bytes);
        }
      }
    } else if (event instanceof ChatEvent.MemberJoined joined) {
      client.channels.memberJoined(joined.room(), joined.nick(), joined.user());
      client.send(client.events.joined(joined.room(), joined.nick(), joined.user()));
    } else if (event instanceof ChatEvent.MemberLeft left) {
      String user = client.userNameOf(left.nick());
      if (left.leftServer() ? client.channels.memberQuit(left.room(), left.nick())
          : client.channels.memberParted(left.room(), left.nick())) {
        client.send(left.leftServer() ? client.events.quit(left.nick(), user, left.reason())
            : client.events.parted(left.room(), left.nick(), user, left.reason()));
      }
    } else if (event instanceof ChatEvent.MemberRenamed renamed) {
      String user = client.userNameOf(renamed.oldNick());
      if (client.channels.renamed(renamed.room(), renamed.oldNick(), renamed.newNick())) {
        client.send(client.events.renamed(renamed.oldNick(), user, renamed.newNick()));
      }
    } else if (RoomModeration.isModeration(event) || event instanceof ChatEvent.Invited) {
      RoomModeration.show(client, event);
    } else if (event instanceof ChatEvent.TopicChanged changed) {
      client.send(client.events.topicChanged(changed));
    } else if (event instanceof ChatEvent.Wallops wallops
        && (client.operator || client.userModes.contains('w'))) {
      client.send(client.replies.fromUserAs(
          wallops.from(), wallops.fromUser(), "WALLOPS", wallops.text()));
    } else if (event instanceof ChatEvent.PrivateMessage privateMessage
        && client.shows(privateMessage.kind())) {
      client.sendAll(client.events.privateMessage(privateMessage,
          client.capEnabled(Capabilities.SERVER_TIME),
          client.capEnabled(Capabilities.MESSAGE_TAGS)));
    }
  }
}
