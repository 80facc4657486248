package lochat.irc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.chat.Roles;
import lochat.chat.RoomInfo;
import lochat.chat.Topic;
import lochat.connection.SessionLifecycle;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.IrcCase;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.protocol.irc.RoomReplies;
import lochat.protocol.irc.TargetList;
import lochat.registry.Registry;
import lochat.room.ChatRoom;

/**
 * Channels, which are the core's rooms ({@code #name} is room {@code name}): JOIN (with keys),
 * PART, TOPIC, NAMES and LIST, and the rooms' answers; channel MODE, KICK and INVITE are
 * {@link RoomModeration}'s.
 *
 * <p>The channels of one JOIN are joined one after the other, in the order given, so that their
 * replies come in that order too. NAMES shows members' prefixes ({@code @}, {@code +}, both with
 * {@code multi-prefix}) and marks a secret channel with {@code @}. Limits: LIST takes channel
 * names but no other filters.
 */
final class Channels {

  /** A channel of a JOIN still to join, with the key given for it ("" for none). */
  record PendingJoin(String channel, String key) {}

  private Channels() {}

  static void join(IrcClient client, IrcCommand.Join join) {
    Map<String, String> keys = TargetList.paired(join.channels(), join.keys());
    client.joining = new ArrayDeque<>();
    for (String channel : client.targets(join.channels(), true)) {
      client.joining.add(
          new PendingJoin(channel, keys.getOrDefault(IrcCase.foldCase(channel), "")));
    }
    joinNext(client);
  }

  /** Asks to join the next channel of the JOIN being handled, answering those it cannot. */
  private static void joinNext(IrcClient client) {
    while (client.joining != null && !client.joining.isEmpty()) {
      PendingJoin next = client.joining.pollFirst();
      String channel = next.channel();
      Optional<String> room = IrcNames.room(channel);
      if (room.isEmpty()) {
        client.noSuchChannel(channel);
      } else if (client.session.isIn(room.get())) {
        continue;
      } else if (client.session.roomCount() >= client.settings().maxRoomsPerUser()) {
        client.send(client.numeric(
            Numerics.ERR_TOOMANYCHANNELS, channel, "You have joined too many channels"));
      } else {
        client.session.registry().tell(new Registry.JoinRoom(room.get(), client.nick(), next.key(),
            client.session.chatAddress(), client.session.deliveryFor(room.get()),
            client.session.replies().join()));
        client.awaited.request();
        return;
      }
    }
    client.joining = null;
  }

  static void joinAnswered(IrcClient client, ChatRoom.JoinResult result) {
    if (result instanceof ChatRoom.Joined joined) {
      client.session.joined(joined);
      client.channels.joined(joined.room(), joined.members(), joined.userNames());
      client.channels.secret(joined.room(), joined.modes().secret());
      client.send(client.events.joined(joined.room(), client.nick()));
      // RFC 2812 sends the topic only when there is one (RPL_NOTOPIC answers TOPIC alone).
      joined.topic().ifPresent(topic -> sendTopic(client, joined.room(), topic));
      client.sendAll(namesOf(client, joined.room(), joined.members(), joined.roles()));
      history(client, joined.room(), joined.history());
      client.session.joinShown();
    } else {
      ChatRoom.JoinRefused refused = (ChatRoom.JoinRefused) result;
      client.session.joinRefused(refused.room());
      String channel = IrcNames.channel(refused.room());
      client.send(refused.refusal()
          .map(refusal -> client.rooms.refused(client.nick(), channel, refusal, "", (char) 0))
          .orElseGet(() -> client.numeric(Numerics.ERR_NOSUCHCHANNEL, channel,
              "Cannot join: " + refused.reason())));
    }
    joinNext(client);
  }

  /**
   * Replays a room's history: in a chathistory batch if the client can take one and the time
   * of each message (batch and server-time), with msgid tags when it has message-tags; as
   * notices from the server, which say when, otherwise.
   */
  private static void history(IrcClient client, String room, List<ChatEvent.Posted> history) {
    if (history.isEmpty()) {
      return;
    }
    if (client.capEnabled(Capabilities.BATCH) && client.capEnabled(Capabilities.SERVER_TIME)) {
      String batchId = client.nextBatchId();
      client.send(client.events.batchStart(batchId, IrcNames.channel(room)));
      for (ChatEvent.Posted posted : history) {
        client.sendAll(client.events.replayed(posted, Optional.of(batchId), true,
            client.capEnabled(Capabilities.MESSAGE_TAGS)));
      }
      client.send(client.events.batchEnd(batchId));
    } else {
      for (ChatEvent.Posted posted : history) {
        client.sendAll(client.events.historyAsNotice(posted));
      }
    }
  }

  static void partAll(IrcClient client, IrcCommand.PartAll partAll) {
    for (SessionLifecycle.Membership room : client.session.rooms()) {
      leave(client, room.name(), "part");
    }
  }

  static void part(IrcClient client, IrcCommand.Part part) {
    for (String channel : client.targets(part.channels(), true)) {
      Optional<String> room = IrcNames.room(channel);
      if (room.isEmpty()) {
        client.noSuchChannel(channel);
      } else if (!client.session.isIn(room.get())) {
        client.notOnChannel(channel);
      } else {
        leave(client, room.get(), part.reason());
      }
    }
  }

  private static void leave(IrcClient client, String room, String reason) {
    client.session.part(room, reason).ifPresent(left -> {
      client.channels.left(left.name());
      client.send(client.events.parted(left.name(), client.nick(), reason));
    });
  }

  /**
   * Shows the topic to a member, or sets it through the registry (so that a server operator
   * may set it from outside); the line ends with the change, or with the room's refusal.
   */
  static void topic(IrcClient client, IrcCommand.Topic topic) {
    if (topic.text().isPresent()) {
      RoomModeration.changeTopic(client, topic.channel(), topic.text().get());
      return;
    }
    client.asMember(topic.channel(), room -> {
      room.ref().tell(new ChatRoom.GetTopic(client.session.replies().topic()));
      client.awaited.request();
    });
  }

  static void topicAnswered(IrcClient client, ChatRoom.TopicIs answer) {
    if (answer.topic().isPresent()) {
      sendTopic(client, answer.room(), answer.topic().get());
    } else {
      client.send(client.numeric(
          Numerics.RPL_NOTOPIC, IrcNames.channel(answer.room()), "No topic is set"));
    }
  }

  private static void sendTopic(IrcClient client, String room, Topic topic) {
    String channel = IrcNames.channel(room);
    client.send(client.numeric(Numerics.RPL_TOPIC, channel, topic.text()));
    client.send(client.numeric(Numerics.RPL_TOPICWHOTIME, channel,
        client.replies.mask(topic.setBy()), String.valueOf(topic.setAt().getEpochSecond())));
  }

  static void names(IrcClient client, IrcCommand.Names names) {
    if (names.channels().isEmpty()) {
      // Every channel the user may see, as RFC 2812 asks: the registry leaves out secret ones.
      client.askRooms(list -> {
        for (RoomInfo room : list.rooms()) {
          client.askMembers(room.name(), result -> sendNames(client, result));
        }
        if (list.rooms().isEmpty()) {
          endOfNames(client, "*");
        }
      });
      return;
    }
    List<String> channels = client.targets(names.channels().get(), true);
    if (channels.isEmpty()) {
      endOfNames(client, "*");
    }
    for (String channel : channels) {
      Optional<String> room = IrcNames.room(channel);
      if (room.isEmpty()) {
        endOfNames(client, IrcText.clean(channel));
      } else {
        client.askMembers(room.get(), result -> {
          if (result instanceof ChatRoom.NoSuchRoom) {
            endOfNames(client, channel);
          } else {
            sendNames(client, result);
          }
        });
      }
    }
  }

  private static void endOfNames(IrcClient client, String channel) {
    client.send(client.numeric(Numerics.RPL_ENDOFNAMES, channel, "End of /NAMES list."));
  }

  private static void sendNames(IrcClient client, ChatRoom.MembersResult result) {
    if (result instanceof ChatRoom.Members members) {
      client.sendAll(namesOf(client, members.room(), members.nicks(), members.roles()));
    }
  }

  /** RPL_NAMREPLY lines with each member's prefixes, then RPL_ENDOFNAMES. */
  private static List<IrcMessage> namesOf(IrcClient client, String room, List<String> nicks,
      Map<String, Roles> roles) {
    return client.replies.names(client.nick(), client.channels.isSecret(room),
        IrcNames.channel(room), RoomReplies.prefixed(nicks, roles,
            client.capEnabled(Capabilities.MULTI_PREFIX)));
  }

  static void list(IrcClient client, IrcCommand.ListChannels list) {
    Optional<Set<String>> only = list.channels().map(channels -> {
      Set<String> wanted = new HashSet<>();
      for (String channel : channels.split(",")) {
        IrcNames.room(channel).ifPresent(room -> wanted.add(Names.key(room)));
      }
      return wanted;
    });
    client.askRooms(rooms -> {
      List<IrcMessage> lines = new ArrayList<>();
      lines.add(client.numeric(Numerics.RPL_LISTSTART, "Channel", "Users  Name"));
      for (RoomInfo room : rooms.rooms()) {
        if (only.map(wanted -> wanted.contains(Names.key(room.name()))).orElse(true)) {
          lines.add(client.numeric(Numerics.RPL_LIST, IrcNames.channel(room.name()),
              String.valueOf(room.members()), room.topic()));
        }
      }
      lines.add(client.numeric(Numerics.RPL_LISTEND, "End of /LIST"));
      client.sendAll(lines);
    });
  }
}
