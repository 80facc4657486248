package lochat.protocol.irc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import lochat.chat.ChatEvent;
import lochat.chat.MessageKind;
import lochat.chat.Profile;

/**
 * How the chat core's events look to an IRC client: posts become {@code PRIVMSG} or
 * {@code NOTICE} to a channel (actions as CTCP {@code ACTION}), membership changes become
 * {@code JOIN}, {@code PART}, {@code QUIT} and {@code NICK}, and history is replayed in a
 * {@code chathistory} batch or as notices.
 *
 * <p>A {@code PRIVMSG} or {@code NOTICE} that no longer fits IRC's 512 bytes once the sender's
 * prefix is added depends on who sent it. From an IRC user, whose line already fitted, it is cut
 * at a UTF-8 character, as other IRC servers do: split, it would arrive as two messages the
 * sender never sent. From a user of another protocol, whose lines may be longer than IRC allows,
 * it is split, so that no text is lost. Either way an action stays a whole CTCP {@code ACTION},
 * and other CTCP messages are always cut, keeping their closing {@code ^A}. History follows
 * the same rule. A reason or topic that long is cut, as it cannot be split. With
 * {@code server-time} a message carries the time the room accepted it. Pure: events in, messages
 * out; which events an IRC client should see at all is the session's decision.
 */
public final class IrcEvents {

  /** The form of the IRCv3 {@code time} tag: UTC, millisecond precision. */
  private static final DateTimeFormatter SERVER_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final IrcReplies replies;

  public IrcEvents(IrcReplies replies) {
    this.replies = replies;
  }

  public static String serverTime(Instant at) {
    return SERVER_TIME.format(at.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * A post to a room, with its time when {@code serverTime} and its client-only tags when
   * {@code clientTags} (the receiver has message-tags).
   */
  public List<IrcMessage> posted(ChatEvent.Posted posted, boolean serverTime, boolean clientTags) {
    Map<String, String> tags = tags(posted.at(), serverTime, clientTags ? posted.tags() : Map.of());
    return message(posted.nick(), posted.user(), posted.protocol(),
        IrcNames.channel(posted.room()), posted.text(), posted.kind(),
        clientTags ? withMsgid(tags, posted.id()) : tags);
  }

  /** A private message, to its recipient or (with echo-message) back to its sender. */
  public List<IrcMessage> privateMessage(
      ChatEvent.PrivateMessage message, boolean serverTime, boolean clientTags) {
    return message(message.from(), message.fromUser(), message.fromProtocol(), message.to(),
        message.text(), message.kind(),
        tags(message.at(), serverTime, clientTags ? message.tags() : Map.of()));
  }

  /**
   * A post from a room's history, inside batch {@code batchId} of a chathistory batch when there
   * is one: with its time when {@code serverTime}, and its {@code msgid} when {@code msgid}
   * (the receiver has message-tags) and it has one.
   */
  public List<IrcMessage> replayed(ChatEvent.Posted posted, Optional<String> batchId,
      boolean serverTime, boolean msgid) {
    return replayed(posted, IrcNames.channel(posted.room()), batchId, serverTime, msgid);
  }

  /**
   * A message from history, as {@link #replayed(ChatEvent.Posted, Optional, boolean, boolean)},
   * to {@code target}: a channel, or a nick for a private conversation.
   */
  public List<IrcMessage> replayed(ChatEvent.Posted posted, String target,
      Optional<String> batchId, boolean serverTime, boolean msgid) {
    Map<String, String> tags = new LinkedHashMap<>();
    batchId.ifPresent(id -> tags.put("batch", id));
    if (serverTime) {
      tags.put("time", serverTime(posted.at()));
    }
    return message(posted.nick(), posted.user(), posted.protocol(), target, posted.text(),
        posted.kind(), msgid ? withMsgid(tags, posted.id()) : tags);
  }

  /** {@code tags} and the IRCv3 {@code msgid} of a post kept in history ({@code id} not 0). */
  private static Map<String, String> withMsgid(Map<String, String> tags, long id) {
    if (id == 0) {
      return tags;
    }
    Map<String, String> with = new LinkedHashMap<>(tags);
    with.put("msgid", Long.toString(id));
    return with;
  }

  private static Map<String, String> tags(
      Instant at, boolean serverTime, Map<String, String> clientTags) {
    if (!serverTime) {
      return clientTags;
    }
    Map<String, String> tags = new LinkedHashMap<>(clientTags);
    tags.put("time", serverTime(at));
    return tags;
  }

  /** A post from a room's history as a notice from the server, for clients without batches. */
  public List<IrcMessage> historyAsNotice(ChatEvent.Posted posted) {
    String when = DateTimeFormatter.ISO_INSTANT.format(posted.at().truncatedTo(ChronoUnit.SECONDS));
    String text = posted.kind() == MessageKind.ACTION
        ? "* " + posted.nick() + " " + posted.text()
        : "<" + posted.nick() + "> " + posted.text();
    IrcMessage notice =
        replies.command("NOTICE", IrcNames.channel(posted.room()), "[" + when + "] " + text);
    return sentWithinIrcLimits(posted.protocol())
        ? List.of(IrcLimits.fit(notice)) : IrcLimits.split(notice);
  }

  /** Opens a {@code chathistory} batch of {@code room}'s messages. */
  /** The start of a {@code chathistory} batch of {@code target}: a channel, or a nick. */
  public IrcMessage batchStart(String batchId, String target) {
    return replies.command("BATCH", "+" + batchId, "chathistory", target);
  }

  public IrcMessage batchEnd(String batchId) {
    return replies.command("BATCH", "-" + batchId);
  }

  public IrcMessage joined(String room, String nick) {
    return replies.fromUser(nick, "JOIN", IrcNames.channel(room));
  }

  public IrcMessage joined(String room, String nick, String user) {
    return replies.fromUserAs(nick, user, "JOIN", IrcNames.channel(room));
  }

  /** {@code PART}, with the reason given when there was one ({@code part: REASON}). */
  public IrcMessage parted(String room, String nick, String reason) {
    return parted(room, nick, replies.userName(nick), reason);
  }

  public IrcMessage parted(String room, String nick, String user, String reason) {
    Optional<String> message = partMessage(reason);
    return message.isPresent()
        ? IrcLimits.fit(
            replies.fromUserAs(nick, user, "PART", IrcNames.channel(room), message.get()))
        : replies.fromUserAs(nick, user, "PART", IrcNames.channel(room));
  }

  public IrcMessage quit(String nick, String user, String reason) {
    return IrcLimits.fit(replies.fromUserAs(nick, user, "QUIT", quitMessage(reason)));
  }

  public IrcMessage renamed(String oldNick, String user, String newNick) {
    return replies.fromUserAs(oldNick, user, "NICK", newNick);
  }

  /** A topic set or cleared; a cleared topic is an empty one. */
  public IrcMessage topicChanged(ChatEvent.TopicChanged changed) {
    return IrcLimits.fit(replies.fromUser(changed.by(), "TOPIC", IrcNames.channel(changed.room()),
        changed.topic().map(topic -> topic.text()).orElse("")));
  }

  /**
   * A {@code PRIVMSG}, {@code NOTICE} or {@code TAGMSG} from {@code from}, cut to fit when it
   * came from an IRC user or is a CTCP request or reply, split otherwise.
   */
  private List<IrcMessage> message(String from, String user, String protocol, String target,
      String text, MessageKind kind, Map<String, String> tags) {
    if (kind == MessageKind.TAGS_ONLY) {
      return List.of(replies.fromUserAs(from, user, "TAGMSG", target).withTags(tags));
    }
    String command =
        kind == MessageKind.NOTICE || kind == MessageKind.CTCP_REPLY ? "NOTICE" : "PRIVMSG";
    UnaryOperator<String> wrap = switch (kind) {
      case ACTION -> IrcText::asAction;
      case CTCP, CTCP_REPLY -> IrcText::asCtcp;
      default -> UnaryOperator.identity();
    };
    // The wrapping is ASCII: as many bytes as characters.
    int reserve = wrap.apply("").length();
    IrcMessage message = replies.fromUserAs(from, user, command, target, text).withTags(tags);
    boolean cut = sentWithinIrcLimits(protocol)
        || kind == MessageKind.CTCP || kind == MessageKind.CTCP_REPLY;
    List<IrcMessage> pieces = cut
        ? List.of(IrcLimits.fit(message, reserve)) : IrcLimits.split(message, reserve);
    if (reserve == 0) {
      return pieces;
    }
    // Each piece of a long action is an action of its own.
    return pieces.stream()
        .map(piece -> new IrcMessage(piece.tags(), piece.prefix(), piece.command(),
            List.of(target, wrap.apply(piece.params().get(1)))))
        .toList();
  }

  /**
   * Whether text from a user of {@code protocol} was held to IRC's line length when it was
   * sent, so that what no longer fits with its prefix is to be cut rather than split.
   */
  private static boolean sentWithinIrcLimits(String protocol) {
    return Profile.IRC.equals(protocol);
  }

  /** The reason for a PART as IRC shows it: the text after {@code part:}, or none. */
  static Optional<String> partMessage(String reason) {
    if (reason.equals("part")) {
      return Optional.empty();
    }
    return Optional.of(reason.startsWith("part: ") ? reason.substring(6) : reason);
  }

  /** The reason for a QUIT as IRC clients are used to: {@code Quit: REASON}. */
  static String quitMessage(String reason) {
    if (reason.equals("quit")) {
      return "Quit";
    }
    if (reason.startsWith("quit: ")) {
      return "Quit: " + reason.substring(6);
    }
    return Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
  }
}
