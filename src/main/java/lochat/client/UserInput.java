package lochat.client;

import java.util.Locale;

/**
 * What the client sends for a typed line. {@code exit} and {@code :q} (the words that ended the
 * original Python programs) leave like {@code /quit}; a line typed at the password prompt goes
 * as {@code /pass}; everything else goes to the server as is.
 */
final class UserInput {

  static final String QUIT = "/quit";

  private UserInput() {}

  static String toWire(String typed) {
    String word = typed.strip();
    return word.equals("exit") || word.equals(":q") ? QUIT : typed;
  }

  static String toWire(TypedLine typed) {
    String line = toWire(typed.text());
    return typed.secret() && !isQuit(line) ? "/pass " + typed.text() : line;
  }

  static boolean isQuit(String line) {
    String lower = line.strip().toLowerCase(Locale.ROOT);
    return lower.equals(QUIT) || lower.startsWith(QUIT + " ")
        || lower.equals("/exit") || lower.startsWith("/exit ");
  }
}
