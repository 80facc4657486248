package lochat.chat;

import java.time.Instant;

/**
 * A nickname as it was held by someone who has since quit or changed it, for IRC's WHOWAS.
 *
 * @param nick the nickname, spelled as its holder spelled it
 * @param user the holder's user name (see {@link Profile#user()})
 * @param realName the holder's real name (see {@link Profile#realName()})
 * @param left when the holder quit, or changed to another nickname
 */
public record FormerNick(String nick, String user, String realName, Instant left) {}
