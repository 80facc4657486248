package lochat.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the client does by itself until the server has accepted a nickname: it opens with
 * {@code /pass} and {@code /nick} from {@code --password} and {@code --nick}, says when the
 * user's next line may go, and when a client with no one at the keyboard must give up.
 *
 * <p>A script's lines are messages, never answers to prompts it did not expect: without a
 * person to ask, a refused {@code --nick} or a password the client was not given ends the
 * client, and the script's lines are never sent. Without {@code --nick}, the script's first line
 * answers the nickname prompt, one line per prompt. A person at a terminal is asked again
 * instead; the password prompt reads the next line without echo, and {@code --nick} is given
 * again once the password is accepted.
 *
 * <p>The server's password prompt is told from the nickname prompt by the word "password" in
 * it, the only difference the protocol shows. Pure: one server line in, one {@link Step} out;
 * not thread-safe.
 */
final class SignIn {

  /** What to do about one server line. */
  sealed interface Step {}

  /** Nothing. */
  record Wait() implements Step {}

  /** Send this line for the user. */
  record Send(String line) implements Step {}

  /** Let the user's next line go: it answers the server's prompt. */
  record AdmitOne() implements Step {}

  /** Read the user's next line without echo, as the server's password. */
  record AskSecret(String prompt) implements Step {}

  /** Do not show this line: it answers a line the client sent by itself, too early. */
  record Hide() implements Step {}

  /** The server accepted the nickname: let every line go. */
  record SignedIn() implements Step {}

  /** End the client with exit status 1, saying why. */
  record GiveUp(String why) implements Step {}

  /**
   * Signing in again after a loss, the nickname was refused, most likely because the lost
   * connection still holds it: drop this connection and try again later.
   */
  record TryLater(String why) implements Step {}

  private static final Step WAIT = new Wait();

  private final Optional<String> nick;
  private final Optional<String> password;
  private final boolean interactive;
  private final boolean reclaiming;
  private int passwordPrompts;
  /** {@code --nick} was sent and still answers the next nickname prompt. */
  private boolean nickPending;
  /** {@code --nick} came before the password and was refused for that: send it again. */
  private boolean nickAgain;
  private boolean signedIn;

  SignIn(Optional<String> nick, Optional<String> password, boolean interactive) {
    this(nick, password, interactive, false);
  }

  /**
   * @param reclaiming signing in again after the connection was lost, while the lost session
   *     may still hold the nickname: its refusal is {@link TryLater}, not the usual handling
   */
  SignIn(Optional<String> nick, Optional<String> password, boolean interactive,
      boolean reclaiming) {
    this.nick = nick;
    this.password = password;
    this.interactive = interactive;
    this.reclaiming = reclaiming;
  }

  /** The lines to send first, before anything typed: the password, then the nickname. */
  List<String> opening() {
    List<String> lines = new ArrayList<>();
    password.ifPresent(p -> lines.add("/pass " + p));
    nick.ifPresent(n -> lines.add("/nick " + n));
    nickPending = nick.isPresent();
    return lines;
  }

  Step on(ServerLine line) {
    if (signedIn) {
      return WAIT;
    }
    return switch (line.kind()) {
      case "PROMPT" -> line.body().toLowerCase(Locale.ROOT).contains("password")
          ? passwordPrompt() : nickPrompt();
      case "OK" -> {
        signedIn = line.field(0).equals("nick");
        yield signedIn ? new SignedIn() : WAIT;
      }
      case "ERROR" -> error(line.field(0), line.rest(1));
      default -> WAIT;
    };
  }

  private Step passwordPrompt() {
    passwordPrompts++;
    if (password.isPresent() && passwordPrompts == 1) {
      return WAIT;
    }
    if (interactive) {
      return new AskSecret("Password: ");
    }
    return new GiveUp(password.isPresent() ? "The server asked for the password again"
        : "This server needs a password; give it with --password");
  }

  private Step nickPrompt() {
    if (nickPending) {
      return WAIT;
    }
    if (nickAgain) {
      nickAgain = false;
      nickPending = true;
      return new Send("/nick " + nick.get());
    }
    return interactive ? WAIT : new AdmitOne();
  }

  private Step error(String code, String reason) {
    if (code.equals("password-required") && nickPending) {
      nickAgain = true;
      nickPending = false;
      return new Hide();
    }
    if (!code.startsWith("nick-")) {
      return WAIT;
    }
    boolean fromOption = nickPending;
    nickPending = false;
    if (reclaiming && fromOption
        && (code.equals("nick-taken") || code.equals("nick-unavailable"))) {
      return new TryLater(reason);
    }
    if (interactive) {
      return WAIT;
    }
    if (!fromOption) {
      return new GiveUp(reason + " (give a nickname with --nick)");
    }
    return new GiveUp(code.equals("nick-taken")
        ? "Nickname " + nick.get() + " is already in use; choose another with --nick"
        : "Nickname " + nick.get() + " refused: " + reason + "; choose another with --nick");
  }
}
