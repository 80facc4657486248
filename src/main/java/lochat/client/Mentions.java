package lochat.client;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lochat.chat.Names;

/**
 * Finds where others mention the user's nickname: as a whole word, in any case. The styler
 * highlights what it finds and the terminal rings for it. Only a valid nickname is looked for:
 * matching is linear in the text only while the nick is short, and a server could name the user
 * with anything.
 */
final class Mentions {

  private record Compiled(String nick, Pattern pattern) {}

  private static volatile Compiled last = new Compiled("", Pattern.compile("(?!)"));

  private Mentions() {}

  /**
   * A matcher over {@code text} for mentions of {@code ownNick}, or empty when nothing in it can
   * be one: no nick yet, an invalid one, or the user's own words.
   */
  static Optional<Matcher> in(String text, String author, String ownNick) {
    if (ownNick == null || Names.nickProblem(ownNick).isPresent()
        || ownNick.equalsIgnoreCase(author)) {
      return Optional.empty();
    }
    return Optional.of(pattern(ownNick).matcher(text));
  }

  /** Whether {@code text} by {@code author} mentions {@code ownNick}. */
  static boolean mentions(String text, String author, String ownNick) {
    return in(text, author, ownNick).map(Matcher::find).orElse(false);
  }

  /** The pattern for whole-word mentions of {@code nick}, compiled once per nickname. */
  private static Pattern pattern(String nick) {
    Compiled compiled = last;
    if (!compiled.nick().equals(nick)) {
      compiled = new Compiled(nick, Pattern.compile(
          "(?<![A-Za-z0-9_.-])" + Pattern.quote(nick) + "(?![A-Za-z0-9_-])",
          Pattern.CASE_INSENSITIVE));
      last = compiled;
    }
    return compiled.pattern();
  }
}
