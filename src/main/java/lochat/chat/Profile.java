package lochat.chat;

/**
 * Who a user is beyond their nickname, as IRC shows it in {@code nick!user@host} and WHOIS.
 *
 * @param user the user name given at registration (IRC {@code USER}); the nickname for native
 *     users
 * @param host the client's address
 * @param realName free text; IRC's "real name"
 * @param protocol the wire protocol the user is connected with, e.g. {@code native} or {@code irc}
 */
public record Profile(String user, String host, String realName, String protocol) {}
