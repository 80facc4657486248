package lochat.protocol.irc;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IrcNumericsTest {

  @Test
  void everyNumericHasItsRfcNameAndCode() {
    Map<String, String> expected = Map.ofEntries(
        entry("RPL_WELCOME", "001"), entry("RPL_YOURHOST", "002"), entry("RPL_CREATED", "003"),
        entry("RPL_MYINFO", "004"), entry("RPL_ISUPPORT", "005"),
        entry("RPL_LUSERCLIENT", "251"), entry("RPL_LUSEROP", "252"),
        entry("RPL_LUSERUNKNOWN", "253"), entry("RPL_LUSERCHANNELS", "254"),
        entry("RPL_LUSERME", "255"), entry("RPL_LOCALUSERS", "265"),
        entry("RPL_GLOBALUSERS", "266"),
        entry("RPL_WHOISUSER", "311"), entry("RPL_WHOISSERVER", "312"),
        entry("RPL_WHOWASUSER", "314"),
        entry("RPL_ENDOFWHO", "315"), entry("RPL_ENDOFWHOIS", "318"),
        entry("RPL_WHOISCHANNELS", "319"), entry("RPL_LISTSTART", "321"),
        entry("RPL_LIST", "322"), entry("RPL_LISTEND", "323"), entry("RPL_NOTOPIC", "331"),
        entry("RPL_TOPIC", "332"), entry("RPL_WHOREPLY", "352"), entry("RPL_NAMREPLY", "353"),
        entry("RPL_ENDOFNAMES", "366"), entry("RPL_MOTD", "372"), entry("RPL_MOTDSTART", "375"),
        entry("RPL_ENDOFMOTD", "376"),
        entry("ERR_NOSUCHNICK", "401"), entry("ERR_NOSUCHCHANNEL", "403"),
        entry("ERR_CANNOTSENDTOCHAN", "404"), entry("ERR_NORECIPIENT", "411"),
        entry("ERR_NOTEXTTOSEND", "412"), entry("ERR_TOOMANYMATCHES", "416"),
        entry("ERR_INPUTTOOLONG", "417"),
        entry("ERR_UNKNOWNCOMMAND", "421"), entry("ERR_NOMOTD", "422"),
        entry("ERR_NONICKNAMEGIVEN", "431"), entry("ERR_ERRONEUSNICKNAME", "432"),
        entry("ERR_NICKNAMEINUSE", "433"), entry("ERR_UNAVAILRESOURCE", "437"),
        entry("ERR_NOTONCHANNEL", "442"),
        entry("ERR_NOTREGISTERED", "451"), entry("ERR_NEEDMOREPARAMS", "461"),
        entry("ERR_ALREADYREGISTRED", "462"), entry("ERR_PASSWDMISMATCH", "464"),
        entry("RPL_UMODEIS", "221"), entry("RPL_AWAY", "301"), entry("RPL_USERHOST", "302"),
        entry("RPL_ISON", "303"), entry("RPL_UNAWAY", "305"), entry("RPL_NOWAWAY", "306"),
        entry("RPL_CHANNELMODEIS", "324"), entry("RPL_TOPICWHOTIME", "333"),
        entry("RPL_ENDOFINVITELIST", "347"), entry("RPL_ENDOFEXCEPTLIST", "349"),
        entry("RPL_VERSION", "351"), entry("RPL_ENDOFBANLIST", "368"), entry("RPL_TIME", "391"),
        entry("ERR_TOOMANYCHANNELS", "405"), entry("ERR_WASNOSUCHNICK", "406"),
        entry("ERR_TOOMANYTARGETS", "407"),
        entry("RPL_ENDOFWHOWAS", "369"), entry("ERR_NOORIGIN", "409"),
        entry("ERR_INVALIDCAPCMD", "410"), entry("ERR_CHANOPRIVSNEEDED", "482"),
        entry("ERR_UMODEUNKNOWNFLAG", "501"), entry("ERR_USERSDONTMATCH", "502"),
        entry("RPL_ENDOFSTATS", "219"), entry("RPL_ADMINME", "256"),
        entry("RPL_ADMINLOC1", "257"), entry("RPL_ADMINLOC2", "258"),
        entry("RPL_ADMINEMAIL", "259"), entry("RPL_INFO", "371"), entry("RPL_ENDOFINFO", "374"),
        entry("ERR_NOSUCHSERVER", "402"), entry("ERR_SUMMONDISABLED", "445"),
        entry("ERR_USERSDISABLED", "446"), entry("ERR_UNKNOWNMODE", "472"),
        entry("ERR_NOPRIVILEGES", "481"), entry("ERR_NOOPERHOST", "491"),
        entry("RPL_WHOISOPERATOR", "313"), entry("RPL_YOUREOPER", "381"),
        entry("RPL_CREATIONTIME", "329"), entry("RPL_INVITING", "341"),
        entry("RPL_INVITELIST", "346"), entry("RPL_EXCEPTLIST", "348"),
        entry("RPL_BANLIST", "367"), entry("ERR_USERNOTINCHANNEL", "441"),
        entry("ERR_USERONCHANNEL", "443"), entry("ERR_CHANNELISFULL", "471"),
        entry("ERR_INVITEONLYCHAN", "473"), entry("ERR_BANNEDFROMCHAN", "474"),
        entry("ERR_BADCHANNELKEY", "475"), entry("ERR_BANLISTFULL", "478"),
        entry("ERR_INVALIDMODEPARAM", "696"));
    Map<String, String> declared = Arrays.stream(Numerics.class.getFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()))
        .collect(Collectors.toMap(Field::getName, IrcNumericsTest::value));
    assertEquals(97, expected.size());
    assertEquals(expected, declared);
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
