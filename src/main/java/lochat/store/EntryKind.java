package lochat.store;

import lochat.chat.MessageKind;

/**
 * What a stored history entry records: a post of one of the kinds people read, or a topic
 * change (its text the new topic, empty when it was cleared).
 *
 * <p>Stored by name, so the order of the constants may change; a renamed constant needs a
 * schema migration.
 */
public enum EntryKind {
  TEXT, ACTION, NOTICE, TOPIC;

  /** The kind of a post; only the kinds a room keeps in its history have one. */
  public static EntryKind of(MessageKind kind) {
    return switch (kind) {
      case TEXT -> TEXT;
      case ACTION -> ACTION;
      case NOTICE -> NOTICE;
      default -> throw new IllegalArgumentException("Rooms do not keep " + kind + " messages");
    };
  }

  /** The message kind of a post; a topic change has none. */
  public MessageKind messageKind() {
    return switch (this) {
      case TEXT -> MessageKind.TEXT;
      case ACTION -> MessageKind.ACTION;
      case NOTICE -> MessageKind.NOTICE;
      case TOPIC -> throw new IllegalStateException("A topic change is not a message");
    };
  }
}
