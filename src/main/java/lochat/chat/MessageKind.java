package lochat.chat;

/**
 * What sort of message a post or private message is.
 *
 * <p>{@code ACTION} is a {@code /me} line, shown as {@code * nick does something}. {@code NOTICE}
 * is IRC's message that must never be answered automatically (so that bots cannot loop); the
 * native protocol shows it as an ordinary message. {@code CTCP} (a client-to-client request
 * such as VERSION, its text the request), {@code CTCP_REPLY} (its answer) and {@code TAGS_ONLY} (IRC's TAGMSG: client tags and
 * no text) mean something to IRC clients only: other protocols do not show them, and rooms do
 * not keep them in their history.
 */
public enum MessageKind {
  TEXT, ACTION, NOTICE, CTCP, CTCP_REPLY, TAGS_ONLY;

  /** Whether people read this kind of message, in any protocol, as opposed to IRC clients. */
  public boolean isForPeople() {
    return this == TEXT || this == ACTION || this == NOTICE;
  }
}
