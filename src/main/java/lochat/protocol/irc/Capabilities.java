package lochat.protocol.irc;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The IRCv3 capabilities Lochat offers, and the rules of {@code CAP REQ}.
 *
 * <p>A request names capabilities to enable, or with {@code -} in front to disable; it is taken
 * whole or not at all: if any name is unknown the server answers {@code NAK} and nothing
 * changes. Limits: {@code cap-notify} is offered but there is never anything to notify, as the
 * set of capabilities does not change while the server runs.
 */
public final class Capabilities {

  public static final String SERVER_TIME = "server-time";
  public static final String ECHO_MESSAGE = "echo-message";
  public static final String MESSAGE_TAGS = "message-tags";
  public static final String MULTI_PREFIX = "multi-prefix";
  public static final String CAP_NOTIFY = "cap-notify";
  public static final String BATCH = "batch";
  /** IRCv3 chathistory, still a draft: {@code CHATHISTORY} ({@link ChathistoryRequest}). */
  public static final String CHATHISTORY = "draft/chathistory";

  /** Everything offered, in the order {@code CAP LS} lists it. */
  public static final List<String> SUPPORTED =
      List.of(BATCH, CAP_NOTIFY, CHATHISTORY, ECHO_MESSAGE, MESSAGE_TAGS, MULTI_PREFIX, SERVER_TIME);

  private Capabilities() {}

  /**
   * The capabilities enabled after {@code request} (the space-separated list of a
   * {@code CAP REQ}), or null if the request must be refused.
   */
  public static Set<String> apply(Set<String> enabled, String request) {
    Set<String> result = new LinkedHashSet<>(enabled);
    String[] names = request.trim().split(" +");
    if (names.length == 0 || names[0].isEmpty()) {
      return null;
    }
    for (String name : names) {
      boolean remove = name.startsWith("-");
      String cap = remove ? name.substring(1) : name;
      if (!SUPPORTED.contains(cap)) {
        return null;
      }
      if (remove) {
        result.remove(cap);
      } else {
        result.add(cap);
      }
    }
    return result;
  }
}
