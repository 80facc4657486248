package lochat.irc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lochat.chat.ChatEvent;
import lochat.chat.Names;
import lochat.chat.RoomInfo;
import lochat.chat.Topic;
import lochat.connection.SessionLifecycle;
import lochat.protocol.irc.Capabilities;
import lochat.protocol.irc.IrcCommand;
import lochat.protocol.irc.IrcMessage;
import lochat.protocol.irc.IrcNames;
import lochat.protocol.irc.IrcReplies;
import lochat.protocol.irc.IrcText;
import lochat.protocol.irc.Numerics;
import lochat.registry.Registry;
import lochat.room.ChatRoom;
import lochat.room.RoomRequest;

/**
 * Channels, which are the core's rooms ({@code #name} is room {@code name}): JOIN, PART, TOPIC,
 * NAMES, LIST, channel MODE, KICK and INVITE, and the rooms' answers.
 *
 * <p>The channels of one JOIN are joined one after the other, in the order given, so that their
 * replies come in that order too. Limits: there are no channel operators yet, so channel modes
 * other than {@code +n} cannot be set, and KICK and INVITE are refused; the lists clients ask
 * for on joining (bans, exceptions, invitations) are always empty; LIST takes channel names but
 * no other filters.
 */
final class Channels {

  /** The channel modes of CHANMODES and PREFIX in RPL_ISUPPORT. */
  private static final String KNOWN_CHANNEL_MODES = IrcReplies.CHANNEL_MODES + "ov";

  private Channels() {}

  static void join(IrcClient client, IrcCommand.Join join) {
    client.joining = new ArrayDeque<>(client.targets(join.channels(), true));
    joinNext(client);
  }

  /** Asks to join the next channel of the JOIN being handled, answering those it cannot. */
  private static void joinNext(IrcClient client) {
    while (client.joining != null && !client.joining.isEmpty()) {
      String channel = client.joining.pollFirst();
      Optional<String> room = IrcNames.room(channel);
      if (room.isEmpty()) {
        client.noSuchChannel(channel);
      } else if (client.session.isIn(room.get())) {
        continue;
      } else if (client.session.roomCount() >= client.settings().maxRoomsPerUser()) {
        client.send(client.numeric(
            Numerics.ERR_TOOMANYCHANNELS, channel, "You have joined too many channels"));
      } else {
        client.session.registry().tell(new Registry.JoinRoom(room.get(), client.nick(), "",
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
      client.send(client.events.joined(joined.room(), client.nick()));
      // RFC 2812 sends the topic only when there is one (RPL_NOTOPIC answers TOPIC alone).
      joined.topic().ifPresent(topic -> sendTopic(client, joined.room(), topic));
      client.sendAll(client.replies.names(
          client.nick(), IrcNames.channel(joined.room()), joined.members()));
      history(client, joined.room(), joined.history());
      client.session.joinShown();
    } else {
      ChatRoom.JoinRefused refused = (ChatRoom.JoinRefused) result;
      client.session.joinRefused(refused.room());
      client.send(client.numeric(Numerics.ERR_NOSUCHCHANNEL, IrcNames.channel(refused.room()),
          "Cannot join: " + refused.reason()));
    }
    joinNext(client);
  }

  /** Replays a room's history: as a chathistory batch if the client can take one. */
  private static void history(IrcClient client, String room, List<ChatEvent.Posted> history) {
    if (history.isEmpty()) {
      return;
    }
    if (client.capEnabled(Capabilities.BATCH) && client.capEnabled(Capabilities.SERVER_TIME)) {
      String batchId = client.nextBatchId();
      client.send(client.events.batchStart(batchId, room));
      for (ChatEvent.Posted posted : history) {
        client.sendAll(client.events.historyInBatch(posted, batchId));
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

  static void topic(IrcClient client, IrcCommand.Topic topic) {
    client.asMember(topic.channel(), room -> {
      if (topic.text().isEmpty()) {
        room.ref().tell(new ChatRoom.GetTopic(client.session.replies().topic()));
        client.awaited.request();
      } else {
        client.session.registry().tell(new Registry.ForRoom(room.name(),
            client.session.chatAddress(), new RoomRequest.ChangeTopic(topic.text().get(),
                client.session.replies().room())));
        client.awaited.awaitEcho(room.name());
      }
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
      // Every channel, as RFC 2812 asks; channels are never secret here.
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
      client.sendAll(client.replies.names(
          client.nick(), IrcNames.channel(members.room()), members.nicks()));
    }
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

  /**
   * Channel modes can be asked for, and the lists clients ask for on joining are always empty;
   * nobody may change a mode, as there are no channel operators.
   */
  static void mode(IrcClient client, String channel, String modes) {
    Optional<String> room = IrcNames.room(channel);
    if (room.isEmpty()) {
      client.noSuchChannel(channel);
      return;
    }
    client.askMembers(room.get(), result -> {
      if (result instanceof ChatRoom.Members members) {
        modeOf(client, IrcNames.channel(members.room()), modes);
      } else {
        client.noSuchChannel(IrcNames.channel(room.get()));
      }
    });
  }

  private static void modeOf(IrcClient client, String channel, String modes) {
    String flags = modes.startsWith("+") ? modes.substring(1) : modes;
    if (flags.isEmpty()) {
      client.send(client.numeric(Numerics.RPL_CHANNELMODEIS, channel, "+n"));
    } else if (flags.equals("b")) {
      client.send(client.numeric(Numerics.RPL_ENDOFBANLIST, channel, "End of channel ban list"));
    } else if (flags.equals("e")) {
      client.send(client.numeric(
          Numerics.RPL_ENDOFEXCEPTLIST, channel, "End of channel exception list"));
    } else if (flags.equals("I")) {
      client.send(client.numeric(
          Numerics.RPL_ENDOFINVITELIST, channel, "End of channel invite list"));
    } else {
      for (char c : modes.toCharArray()) {
        if (c != '+' && c != '-' && KNOWN_CHANNEL_MODES.indexOf(c) < 0) {
          client.send(client.numeric(Numerics.ERR_UNKNOWNMODE, String.valueOf(c),
              "is unknown mode char to me for " + channel));
          return;
        }
      }
      notOperator(client, channel);
    }
  }

  /** KICK needs a channel operator, which Lochat does not have yet. */
  static void kick(IrcClient client, IrcCommand.Kick kick) {
    client.asMember(kick.channel(), room -> notOperator(client, kick.channel()));
  }

  /** INVITE needs a channel operator, which Lochat does not have yet. */
  static void invite(IrcClient client, IrcCommand.Invite invite) {
    client.asMember(invite.channel(), room -> notOperator(client, invite.channel()));
  }

  private static void notOperator(IrcClient client, String channel) {
    client.send(client.numeric(
        Numerics.ERR_CHANOPRIVSNEEDED, channel, "You're not channel operator"));
  }
}
