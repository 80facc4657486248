package lochat.protocol.irc;

/**
 * IRC case folding for {@code CASEMAPPING=ascii}, the mapping Lochat announces in
 * {@code RPL_ISUPPORT}.
 *
 * <p>IRC compares nicknames and channel names without regard to case, and a server must say
 * which characters it folds. {@code ascii} matches {@link lochat.chat.Names}, whose names are
 * ASCII only. Limits: only {@code A-Z} fold; the {@code rfc1459} pairs ({@code []\~} and
 * {@code {}|^}) and non-ASCII letters are left as they are, whatever the default locale.
 */
public final class IrcCase {

  /** The {@code RPL_ISUPPORT} token that announces this mapping. */
  public static final String ISUPPORT_TOKEN = "CASEMAPPING=ascii";

  private IrcCase() {}

  public static String foldCase(String name) {
    char[] chars = name.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] += 'a' - 'A';
      }
    }
    return new String(chars);
  }
}
