package lochat.protocol.line;

import java.util.Locale;

/** The machine-readable code of an {@code ERROR} line; on the wire, lower case with dashes. */
public enum ErrorCode {
  UNKNOWN_COMMAND,
  BAD_ARGUMENT,
  NICK_INVALID,
  NICK_TAKEN,
  /** Nobody holds the nickname, yet it cannot be had now (a cluster that cannot decide). */
  NICK_UNAVAILABLE,
  NOT_REGISTERED,
  ALREADY_REGISTERED,
  PASSWORD_REQUIRED,
  PASSWORD_WRONG,
  REGISTRATION_TIMEOUT,
  ROOM_INVALID,
  ROOM_REFUSED,
  NOT_IN_ROOM,
  NO_SUCH_ROOM,
  NO_SUCH_USER,
  UNKNOWN_MODE,
  LINE_TOO_LONG,
  SERVER_FULL,
  TOO_MANY_CONNECTIONS,
  TOO_MANY_GUESSES,
  NO_OPERATORS,
  NOT_OPERATOR,
  KILLED,
  BANNED,
  /** A web message that is not a JSON object with a string {@code type}. */
  BAD_MESSAGE;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
