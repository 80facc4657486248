package lochat.chat;

/**
 * Why a room refused what a user asked of it: a join, a post, a topic, a mode change, a kick or
 * an invitation. Each wire protocol renders it its own way (IRC as its numeric reply, the native
 * protocol as {@code ERROR code text}); {@link #code} and {@link #text} are the native forms.
 */
public enum RoomRefusal {
  NO_SUCH_ROOM("no-such-room", "No such room"),
  NOT_ON_ROOM("not-in-room", "You are not in that room"),
  NOT_OPERATOR("not-operator", "You are not a room operator"),
  USER_NOT_IN_ROOM("user-not-in-room", "They are not in that room"),
  ALREADY_IN_ROOM("already-in-room", "They are already in that room"),
  NO_SUCH_NICK("no-such-nick", "No such nick"),
  BANNED("banned", "Cannot join: you are banned"),
  INVITE_ONLY("invite-only", "Cannot join: the room is invite only"),
  BAD_KEY("bad-key", "Cannot join: wrong room key"),
  FULL("room-full", "Cannot join: the room is full"),
  CANNOT_SEND("cannot-send", "Cannot send to the room"),
  LIST_FULL("list-full", "The list is full"),
  INVALID_KEY("invalid-key", "A key has 1 to 32 characters, no spaces or commas"),
  INVALID_LIMIT("invalid-limit", "A limit is a number from 1 to 100000"),
  INVALID_MASK("invalid-mask", "A mask has at most 128 characters");

  private final String code;
  private final String text;

  RoomRefusal(String code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The native protocol's error code. */
  public String code() {
    return code;
  }

  /** Why, in words. */
  public String text() {
    return text;
  }

  /**
   * Why, in words, about {@code subject} (a nick, mask or argument; "" for none) in
   * {@code room}: {@code They are not in that room: bob (games)}.
   */
  public String sentence(String room, String subject) {
    return text + (subject.isEmpty() ? "" : ": " + subject) + " (" + room + ")";
  }
}
