package lochat.chat;

/**
 * What a member may do in a room beyond speaking: a room operator runs the room (IRC {@code +o},
 * shown as {@code @}), a voiced member may speak when the room is moderated ({@code +v},
 * {@code +}). A member may be both.
 */
public record Roles(boolean operator, boolean voiced) {

  public static final Roles NONE = new Roles(false, false);

  public static final Roles OPERATOR = new Roles(true, false);

  /** Whether {@code mode} is a member's role: {@code o} or {@code v}. */
  public static boolean isRole(char mode) {
    return mode == 'o' || mode == 'v';
  }

  /** These roles with {@code mode} ({@code o} or {@code v}) given or taken. */
  public Roles with(char mode, boolean on) {
    return switch (mode) {
      case 'o' -> new Roles(on, voiced);
      case 'v' -> new Roles(operator, on);
      default -> throw new IllegalArgumentException("Not a member role: " + mode);
    };
  }

  /** Whether {@code mode} is already as {@code on} asks. */
  public boolean has(char mode, boolean on) {
    return (mode == 'o' ? operator : voiced) == on;
  }

  /** Operators and voiced members speak in a moderated room. */
  public boolean mayAlwaysSpeak() {
    return operator || voiced;
  }

  /**
   * The prefixes shown before the nickname: the highest only ({@code @} over {@code +}), or
   * every one, highest first, when {@code all} (IRCv3 {@code multi-prefix}).
   */
  public String prefixes(boolean all) {
    if (operator && voiced && all) {
      return "@+";
    }
    return operator ? "@" : voiced ? "+" : "";
  }
}
