package lochat.chat;

/**
 * One change to a room's modes, as IRC writes them: {@code +m}, {@code -k key}, {@code +o ann},
 * {@code +b *!*@10.0.0.5}. {@code argument} is "" for a mode that takes none.
 */
public record ModeChange(boolean adding, char mode, String argument) {

  public ModeChange {
    if (argument == null) {
      throw new IllegalArgumentException("A mode change's argument is \"\", never null");
    }
  }

  public static ModeChange flag(boolean adding, char mode) {
    return new ModeChange(adding, mode, "");
  }

  public boolean hasArgument() {
    return !argument.isEmpty();
  }

  @Override
  public String toString() {
    return (adding ? "+" : "-") + mode + (argument.isEmpty() ? "" : " " + argument);
  }
}
