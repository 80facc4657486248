package lochat.chat;

import java.util.ArrayList;
import java.util.List;

/**
 * A room's settings, named by their IRC mode letters: {@code t} only operators change the
 * topic, {@code n} no messages from outside, {@code m} moderated (only operators and voiced
 * members speak), {@code i} invite only, {@code s} secret (hidden from room lists and from
 * non-members), {@code k} a key to join ("" for none), {@code l} a member limit (0 for none).
 * The lists ({@code b}, {@code e}, {@code I}) and the members' roles are kept beside it.
 *
 * <p>Immutable. {@link #stored} and {@link #fromStored} turn it into one line and back, in
 * the same syntax as a MODE command, so that the store can keep it as it likes.
 */
public record RoomModes(boolean topicLocked, boolean noOutside, boolean moderated,
    boolean inviteOnly, boolean secret, String key, int limit) {

  /** The modes a new room starts with: {@code +nt}. */
  public static final RoomModes NEW_ROOM = new RoomModes(true, true, false, false, false, "", 0);

  /** The mode letters that are plain switches. */
  public static final String FLAGS = "imnst";

  /** The most members a limit may be. */
  public static final int MAX_LIMIT = 100_000;

  /** The longest key, in characters. */
  public static final int MAX_KEY_LENGTH = 32;

  public RoomModes {
    if (key == null || limit < 0) {
      throw new IllegalArgumentException("A key is \"\" when there is none, a limit 0");
    }
  }

  public boolean isFlag(char mode) {
    return FLAGS.indexOf(mode) >= 0;
  }

  /** Whether switch {@code mode} (one of {@link #FLAGS}) is on. */
  public boolean has(char mode) {
    return switch (mode) {
      case 't' -> topicLocked;
      case 'n' -> noOutside;
      case 'm' -> moderated;
      case 'i' -> inviteOnly;
      case 's' -> secret;
      default -> throw new IllegalArgumentException("Not a room switch: " + mode);
    };
  }

  /** These modes with switch {@code mode} turned on or off. */
  public RoomModes with(char mode, boolean on) {
    return switch (mode) {
      case 't' -> new RoomModes(on, noOutside, moderated, inviteOnly, secret, key, limit);
      case 'n' -> new RoomModes(topicLocked, on, moderated, inviteOnly, secret, key, limit);
      case 'm' -> new RoomModes(topicLocked, noOutside, on, inviteOnly, secret, key, limit);
      case 'i' -> new RoomModes(topicLocked, noOutside, moderated, on, secret, key, limit);
      case 's' -> new RoomModes(topicLocked, noOutside, moderated, inviteOnly, on, key, limit);
      default -> throw new IllegalArgumentException("Not a room switch: " + mode);
    };
  }

  public RoomModes withKey(String newKey) {
    return new RoomModes(topicLocked, noOutside, moderated, inviteOnly, secret, newKey, limit);
  }

  public RoomModes withLimit(int newLimit) {
    return new RoomModes(topicLocked, noOutside, moderated, inviteOnly, secret, key, newLimit);
  }

  /** Whether {@code key} is one a room may have: 1 to 32 characters, no space, comma or colon first. */
  public static boolean isValidKey(String key) {
    return !key.isEmpty() && key.length() <= MAX_KEY_LENGTH && !key.startsWith(":")
        && key.chars().noneMatch(c -> c == ' ' || c == ',' || c < 0x20 || c == 0x7f);
  }

  /**
   * The modes as a MODE reply shows them, {@code +ntkl key 10}: the key itself only when
   * {@code showKey} (to members), otherwise {@code *}.
   */
  public String describe(boolean showKey) {
    StringBuilder letters = new StringBuilder("+");
    List<String> arguments = new ArrayList<>();
    for (char flag : FLAGS.toCharArray()) {
      if (has(flag)) {
        letters.append(flag);
      }
    }
    if (!key.isEmpty()) {
      letters.append('k');
      arguments.add(showKey ? key : "*");
    }
    if (limit > 0) {
      letters.append('l');
      arguments.add(Integer.toString(limit));
    }
    arguments.add(0, letters.toString());
    return String.join(" ", arguments);
  }

  /** One line for the store. */
  public String stored() {
    return describe(true);
  }

  /** The modes {@link #stored} wrote; a line it cannot read gives a new room's modes. */
  public static RoomModes fromStored(String line) {
    if (line.isBlank()) {
      return NEW_ROOM;
    }
    String[] words = line.trim().split(" +");
    ModeChanges.Parsed parsed = ModeChanges.parse(words[0],
        List.of(words).subList(1, words.length));
    RoomModes modes = new RoomModes(false, false, false, false, false, "", 0);
    for (ModeChange change : parsed.changes()) {
      if (modes.isFlag(change.mode())) {
        modes = modes.with(change.mode(), change.adding());
      } else if (change.mode() == 'k' && isValidKey(change.argument())) {
        modes = modes.withKey(change.argument());
      } else if (change.mode() == 'l') {
        modes = modes.withLimit(ModeChanges.limit(change.argument()).orElse(0));
      }
    }
    return modes;
  }
}
