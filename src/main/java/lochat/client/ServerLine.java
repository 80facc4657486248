package lochat.client;

/**
 * A line from a Lochat server, split into its kind marker and fields.
 *
 * <p>{@link #field(int)} gives one space-separated field after the marker, {@link #rest(int)}
 * the free text from a field on. Unknown kinds are kept, so a newer server's lines still show.
 */
public record ServerLine(String kind, String body) {

  public static ServerLine parse(String line) {
    int space = line.indexOf(' ');
    return space < 0
        ? new ServerLine(line, "")
        : new ServerLine(line.substring(0, space), line.substring(space + 1));
  }

  /** Field {@code index} (from 0), or "" when the line has fewer fields. */
  public String field(int index) {
    String[] parts = body.split(" ", index + 2);
    return parts.length > index ? parts[index] : "";
  }

  /** Everything from field {@code index} on, spaces included, or "". */
  public String rest(int index) {
    String[] parts = body.split(" ", index + 1);
    return parts.length > index ? parts[index] : "";
  }
}
