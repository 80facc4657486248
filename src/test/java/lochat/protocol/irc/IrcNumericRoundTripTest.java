package lochat.protocol.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import lochat.chat.FormerNick;
import lochat.chat.ModeChanges;
import lochat.chat.RoomModes;
import lochat.chat.RoomRefusal;
import lochat.store.ListEntry;
import org.junit.jupiter.api.Test;

/**
 * Every numeric the IRC listener sends, built as the session builds it, renders to a line that
 * parses back to the same message, within 512 bytes: what a client reads is what was meant.
 */
class IrcNumericRoundTripTest {

  private static final IrcReplies REPLIES = new IrcReplies("lochat.lan", UnaryOperator.identity());
  private static final String ME = "alice";

  private static IrcMessage numeric(String numeric, String... params) {
    return REPLIES.numeric(ME, numeric, params);
  }

  /** Each numeric the session sends, with the parameters it gives it, edge cases included. */
  private static List<IrcMessage> everyNumeric() {
    List<IrcMessage> all = new ArrayList<>();
    all.addAll(REPLIES.welcome(ME, "Lochat", "lochat-0.1.0", Instant.parse("2024-05-01T12:00:00Z")));
    all.addAll(REPLIES.isupport(ME, List.of("AWAYLEN=510", "CASEMAPPING=ascii", "CHANLIMIT=#:20",
        "CHANMODES=beI,k,l,imnst", "CHANNELLEN=33", "CHANTYPES=#", "CHATHISTORY=100",
        "KEYLEN=32", "MAXLIST=beI:100", "MAXTARGETS=4", "MODES=20",
        "MSGREFTYPES=msgid,timestamp",
        "NETWORK=Lochat", "NICKLEN=32", "PREFIX=(ov)@+",
        "TARGMAX=JOIN:4,PART:4,PRIVMSG:4,NOTICE:4,NAMES:4,WHOIS:4,USERHOST:5", "UTF8ONLY")));
    all.add(numeric(Numerics.RPL_UMODEIS, "+iw"));
    all.add(numeric(Numerics.RPL_UMODEIS, "+"));
    all.addAll(REPLIES.lusers(ME, 3, 0, 1, 5, 2));
    all.add(numeric(Numerics.RPL_AWAY, "bob", "gone fishing"));
    all.add(numeric(Numerics.RPL_AWAY, "bob", ":) back soon"));
    all.add(numeric(Numerics.RPL_USERHOST, "alice=+alice@lochat.lan bob=-bob@lochat.lan"));
    all.add(numeric(Numerics.RPL_USERHOST, ""));
    all.add(numeric(Numerics.RPL_ISON, "bob carol"));
    all.add(numeric(Numerics.RPL_ISON, ""));
    all.add(numeric(Numerics.RPL_UNAWAY, "You are no longer marked as being away"));
    all.add(numeric(Numerics.RPL_NOWAWAY, "You have been marked as being away"));
    all.add(numeric(Numerics.RPL_WHOISUSER, "bob", "bob", "lochat.lan", "*", "Bob Builder"));
    all.add(numeric(Numerics.RPL_WHOISUSER, "bob", "bob", "lochat.lan", "*", ""));
    all.add(numeric(Numerics.RPL_WHOISSERVER, "bob", "lochat.lan", "Lochat, a chat server"));
    all.addAll(REPLIES.whowas(ME, "bob", List.of(new FormerNick("Bob", "bobby", "Bob Builder",
        Instant.parse("2024-05-01T12:00:00Z")), new FormerNick("bob", "b", "", Instant.EPOCH))));
    all.addAll(REPLIES.whowas(ME, "nobody", List.of()));
    all.add(numeric(Numerics.RPL_ENDOFWHO, "#lobby", "End of WHO list"));
    all.add(numeric(Numerics.RPL_ENDOFWHOIS, "bob", "End of /WHOIS list."));
    all.add(numeric(Numerics.RPL_WHOISCHANNELS, "bob", "#lobby #dev"));
    all.add(numeric(Numerics.RPL_WHOISCHANNELS, "bob", "#lobby"));
    all.add(numeric(Numerics.RPL_LISTSTART, "Channel", "Users  Name"));
    all.add(numeric(Numerics.RPL_LIST, "#lobby", "3", ""));
    all.add(numeric(Numerics.RPL_LISTEND, "End of /LIST"));
    all.add(numeric(Numerics.RPL_CHANNELMODEIS, "#lobby", "+n"));
    all.add(numeric(Numerics.RPL_NOTOPIC, "#lobby", "No topic is set"));
    all.add(numeric(Numerics.RPL_TOPIC, "#lobby", "release on Friday"));
    all.add(numeric(Numerics.RPL_TOPIC, "#lobby", ":-)"));
    all.add(numeric(Numerics.RPL_TOPICWHOTIME, "#lobby", "bob!bob@lochat.lan", "1714564800"));
    all.add(numeric(Numerics.RPL_ENDOFINVITELIST, "#lobby", "End of channel invite list"));
    all.add(numeric(Numerics.RPL_ENDOFEXCEPTLIST, "#lobby", "End of channel exception list"));
    all.add(numeric(Numerics.RPL_VERSION, "lochat-0.1.0", "lochat.lan", "Lochat, a chat server"));
    all.add(numeric(Numerics.RPL_WHOREPLY, "#lobby", "bob", "lochat.lan", "lochat.lan", "bob", "H",
        "0 Bob Builder"));
    all.add(numeric(Numerics.RPL_WHOREPLY, "*", "bob", "lochat.lan", "lochat.lan", "bob", "G",
        "0 "));
    all.addAll(REPLIES.names(ME, "#lobby", List.of("alice", "bob", "[away]", "a|b", "{x}")));
    all.add(numeric(Numerics.RPL_ENDOFNAMES, "*", "End of /NAMES list."));
    all.add(numeric(Numerics.RPL_ENDOFBANLIST, "#lobby", "End of channel ban list"));
    all.add(numeric(Numerics.ERR_WASNOSUCHNICK, "carol", "There was no such nickname"));
    all.add(numeric(Numerics.RPL_ENDOFWHOWAS, "carol", "End of WHOWAS"));
    all.addAll(REPLIES.motd(ME, "Be nice.\n: no spam"));
    all.addAll(REPLIES.motd(ME, ""));
    all.add(numeric(Numerics.RPL_TIME, "lochat.lan", "Wednesday May 1 2024 -- 12:00:00 +00:00"));
    all.add(numeric(Numerics.ERR_NOSUCHNICK, "carol", "No such nick/channel"));
    all.add(numeric(Numerics.ERR_NOSUCHCHANNEL, "#nowhere", "No such channel"));
    all.add(numeric(Numerics.ERR_NOSUCHCHANNEL, "#lobby",
        "Cannot join: The server already has 1000 rooms, its limit"));
    all.add(numeric(Numerics.ERR_CANNOTSENDTOCHAN, "#dev", "Cannot send to channel"));
    all.add(numeric(Numerics.ERR_TOOMANYCHANNELS, "#dev", "You have joined too many channels"));
    all.add(numeric(Numerics.ERR_TOOMANYTARGETS, "user5",
        "Too many targets; at most 4 in one command"));
    all.add(numeric(Numerics.ERR_NOORIGIN, "No origin specified"));
    all.add(numeric(Numerics.RPL_ENDOFSTATS, "u", "End of STATS report"));
    all.add(numeric(Numerics.RPL_ADMINME, "lochat.lan", "Administrative info"));
    all.add(numeric(Numerics.RPL_ADMINLOC1, "A Lochat server on the local network"));
    all.add(numeric(Numerics.RPL_ADMINLOC2, "Run by whoever started it"));
    all.add(numeric(Numerics.RPL_ADMINEMAIL, "No e-mail address is kept"));
    all.add(numeric(Numerics.RPL_INFO, "Lochat, a chat server for the LAN"));
    all.add(numeric(Numerics.RPL_ENDOFINFO, "End of /INFO list"));
    all.add(numeric(Numerics.ERR_NOSUCHSERVER, "no.such.server", "No such server"));
    all.add(numeric(Numerics.ERR_SUMMONDISABLED, "SUMMON has been disabled"));
    all.add(numeric(Numerics.ERR_USERSDISABLED, "USERS has been disabled"));
    all.add(numeric(Numerics.ERR_UNKNOWNMODE, "z", "is unknown mode char to me for #dev"));
    all.add(numeric(Numerics.ERR_NOPRIVILEGES, "Permission Denied- You're not an IRC operator"));
    all.add(numeric(Numerics.ERR_NOOPERHOST, "No O-lines for your host"));
    all.add(numeric(Numerics.ERR_INVALIDCAPCMD, "FOO", "Invalid CAP command"));
    all.add(numeric(Numerics.ERR_NORECIPIENT, "No recipient given (PRIVMSG)"));
    all.add(numeric(Numerics.ERR_NOTEXTTOSEND, "No text to send"));
    all.add(numeric(Numerics.ERR_TOOMANYMATCHES, "WHO", "Mask longer than 128 characters"));
    all.add(numeric(Numerics.ERR_INPUTTOOLONG, "Input line was too long"));
    all.add(numeric(Numerics.ERR_UNKNOWNCOMMAND, "FOO", "Unknown command"));
    all.add(numeric(Numerics.ERR_NONICKNAMEGIVEN, "No nickname given"));
    all.add(numeric(Numerics.ERR_ERRONEUSNICKNAME, "1bob",
        "Erroneous nickname: Nickname may not start with a digit or '-'"));
    all.add(numeric(Numerics.ERR_NICKNAMEINUSE, "bob", "Nickname is already in use"));
    all.add(numeric(Numerics.ERR_UNAVAILRESOURCE, "bob", "The cluster is not reachable, so the"
        + " nickname bob cannot be taken now; try again"));
    all.add(numeric(Numerics.ERR_NOTONCHANNEL, "#dev", "You're not on that channel"));
    all.add(numeric(Numerics.ERR_NEEDMOREPARAMS, "JOIN", "Not enough parameters"));
    all.add(numeric(Numerics.ERR_ALREADYREGISTRED, "You may not reregister"));
    all.add(numeric(Numerics.ERR_PASSWDMISMATCH, "Password incorrect"));
    all.add(numeric(Numerics.RPL_YOUREOPER, "You are now an IRC operator"));
    all.add(numeric(Numerics.RPL_WHOISOPERATOR, "bob", "is an IRC operator"));
    all.add(numeric(Numerics.ERR_CHANOPRIVSNEEDED, "#lobby", "You're not channel operator"));
    all.add(numeric(Numerics.ERR_UMODEUNKNOWNFLAG, "Unknown MODE flag"));
    all.add(numeric(Numerics.ERR_USERSDONTMATCH, "Cant change mode for other users"));
    all.add(REPLIES.numeric(IrcReplies.UNREGISTERED, Numerics.ERR_NOTREGISTERED,
        "You have not registered"));
    all.add(REPLIES.numeric(IrcReplies.UNREGISTERED, Numerics.ERR_NICKNAMEINUSE, "bob",
        "Nickname is already in use"));
    RoomReplies rooms = new RoomReplies(REPLIES);
    for (RoomRefusal refusal : RoomRefusal.values()) {
      all.add(rooms.refused(ME, "#lobby", refusal, "bob", 'e'));
      all.add(rooms.refused(ME, "#lobby", refusal, ":" + "x".repeat(600), (char) 0));
    }
    all.add(rooms.unknownMode(ME, 'z', "#lobby"));
    Instant at = Instant.parse("2024-05-01T12:00:00Z");
    all.addAll(rooms.modesAre(ME, "#lobby", RoomModes.NEW_ROOM.withKey("sesame").withLimit(5),
        true, at));
    for (char list : ModeChanges.LISTS.toCharArray()) {
      all.addAll(rooms.list(ME, "#lobby", list,
          List.of(new ListEntry(list, "*!*@10.0.0.5", "ann", at))));
    }
    all.add(rooms.inviting(ME, "bob", "#lobby"));
    return all;
  }

  private static Set<String> declaredNumerics() {
    return Arrays.stream(Numerics.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()))
        .map(IrcNumericRoundTripTest::value)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyDeclaredNumericIsCovered() {
    Set<String> sent = everyNumeric().stream().map(IrcMessage::command)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(declaredNumerics(), sent);
  }

  @Test
  void everyNumericParsesBackToTheSameMessage() {
    for (IrcMessage message : everyNumeric()) {
      String line = message.render();
      assertEquals(new IrcParse.Ok(message), IrcMessage.parse(line), line);
    }
  }

  @Test
  void everyNumericComesFromTheServerToItsTargetWithinTheLimit() {
    for (IrcMessage message : everyNumeric()) {
      String line = message.render();
      assertEquals("lochat.lan", message.prefix().orElseThrow(), line);
      assertTrue(message.command().matches("[0-9]{3}"), line);
      String target = message.params().get(0);
      assertTrue(target.equals(ME) || target.equals(IrcReplies.UNREGISTERED), line);
      assertTrue(message.params().size() >= 2, "a numeric says something: " + line);
      assertTrue(line.getBytes(StandardCharsets.UTF_8).length <= 510, line);
      assertTrue(IrcLimits.tooLong(line).isEmpty(), line);
    }
  }
}
