package lochat.chat;

/**
 * Who a user is beyond their nickname, as IRC shows it in {@code nick!user@host} and WHOIS.
 *
 * @param user the user name given at registration (IRC {@code USER}); the nickname for native
 *     users
 * @param host the client's address
 * @param realName free text; IRC's "real name"
 * @param protocol the wire protocol the user is connected with, e.g. {@link #NATIVE} or
 *     {@link #IRC}
 */
public record Profile(String user, String host, String realName, String protocol) {

  /**
   * The native line protocol's name. A user known by its nickname alone (a member or sender
   * without a profile, as in tests) is taken to be a native user.
   */
  public static final String NATIVE = "native";

  /** The browser's WebSocket protocol: the native protocol in JSON. */
  public static final String WEB = "web";

  /**
   * IRC's name. Text from an IRC user already fitted IRC's line limit when it was sent, so IRC
   * cuts what no longer fits with the sender's prefix rather than splitting it.
   */
  public static final String IRC = "irc";
}
