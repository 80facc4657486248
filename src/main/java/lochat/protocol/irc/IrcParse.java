package lochat.protocol.irc;

/** What {@link IrcMessage#parse} made of one line: a message, or why the line is not one. */
public sealed interface IrcParse {

  record Ok(IrcMessage message) implements IrcParse {}

  /** A line that is not an IRC message; {@code reason} says why, in words for the user. */
  record Invalid(String reason) implements IrcParse {}
}
