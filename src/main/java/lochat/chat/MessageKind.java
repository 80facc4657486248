package lochat.chat;

/**
 * What sort of message a post or private message is.
 *
 * <p>{@code ACTION} is a {@code /me} line, shown as {@code * nick does something}. {@code NOTICE}
 * is IRC's message that must never be answered automatically (so that bots cannot loop); the
 * native protocol shows it as an ordinary message.
 */
public enum MessageKind {
  TEXT, ACTION, NOTICE
}
