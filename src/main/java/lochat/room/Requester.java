package lochat.room;

/**
 * Who makes a {@link RoomRequest}, as the registry knows them: a member of the room or not, and
 * a server operator (who acts as an operator in every room) or not.
 */
public record Requester(String nick, String user, String host, String protocol,
    boolean serverOperator) {

  /** As bans match it: {@code nick!user@host}. */
  public String mask() {
    return nick + "!" + user + "@" + host;
  }
}
