package lochat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInTest {

  private static final String NICK_PROMPT = "PROMPT Choose a nickname (1-32 letters, digits):";
  private static final String PASSWORD_PROMPT =
      "PROMPT This server needs a password (/pass PASSWORD):";

  private static SignIn.Step on(SignIn signIn, String line) {
    return signIn.on(ServerLine.parse(line));
  }

  private static SignIn piped(String nick, String password) {
    SignIn signIn = new SignIn(Optional.ofNullable(nick), Optional.ofNullable(password), false);
    signIn.opening();
    return signIn;
  }

  private static SignIn typed(String nick, String password) {
    SignIn signIn = new SignIn(Optional.ofNullable(nick), Optional.ofNullable(password), true);
    signIn.opening();
    return signIn;
  }

  @Test
  void opensWithThePasswordThenTheNickname() {
    assertEquals(List.of("/pass s3cret", "/nick ann"),
        new SignIn(Optional.of("ann"), Optional.of("s3cret"), false).opening());
    assertEquals(List.of(), new SignIn(Optional.empty(), Optional.empty(), true).opening());
  }

  @Test
  void aScriptWithNickWaitsForTheNicknameToBeAccepted() {
    SignIn signIn = piped("ann", null);
    assertEquals(new SignIn.Wait(), on(signIn, NICK_PROMPT));
    assertEquals(new SignIn.SignedIn(), on(signIn, "OK nick ann"));
    assertEquals(new SignIn.Wait(), on(signIn, "PROMPT anything"));
  }

  @Test
  void aRefusedNickEndsAScriptSayingWhy() {
    SignIn signIn = piped("ann", null);
    on(signIn, NICK_PROMPT);
    assertEquals(new SignIn.GiveUp("Nickname ann is already in use; choose another with --nick"),
        on(signIn, "ERROR nick-taken Nickname ann is already in use; choose another"));
    SignIn invalid = piped("9lives", null);
    assertEquals(new SignIn.GiveUp("Nickname 9lives refused: Nickname may not start with a digit;"
            + " choose another with --nick"),
        on(invalid, "ERROR nick-invalid Nickname may not start with a digit"));
  }

  @Test
  void aScriptWithoutNickAnswersEachNicknamePromptWithOneLine() {
    SignIn signIn = piped(null, null);
    assertEquals(new SignIn.AdmitOne(), on(signIn, NICK_PROMPT));
    assertInstanceOf(SignIn.GiveUp.class,
        on(signIn, "ERROR nick-taken Nickname ann is already in use; choose another"));
  }

  @Test
  void aScriptWithoutPasswordGivesUpAtThePasswordPrompt() {
    assertEquals(new SignIn.GiveUp("This server needs a password; give it with --password"),
        on(piped("ann", null), PASSWORD_PROMPT));
  }

  @Test
  void theGivenPasswordAnswersTheFirstPasswordPrompt() {
    SignIn signIn = piped("ann", "s3cret");
    assertEquals(new SignIn.Wait(), on(signIn, PASSWORD_PROMPT));
    assertEquals(new SignIn.Wait(), on(signIn, "OK pass Password accepted"));
    assertEquals(new SignIn.Wait(), on(signIn, NICK_PROMPT));
    assertEquals(new SignIn.SignedIn(), on(signIn, "OK nick ann"));
  }

  @Test
  void aPersonIsAskedForThePasswordWithoutEchoAndTheNickIsGivenAgainAfterIt() {
    SignIn signIn = typed("ann", null);
    assertEquals(new SignIn.AskSecret("Password: "), on(signIn, PASSWORD_PROMPT));
    assertEquals(new SignIn.Hide(), on(signIn,
        "ERROR password-required This server needs a password before a nickname: /pass PASSWORD"));
    assertEquals(new SignIn.AskSecret("Password: "), on(signIn, PASSWORD_PROMPT));
    assertEquals(new SignIn.Wait(), on(signIn, "OK pass Password accepted"));
    assertEquals(new SignIn.Send("/nick ann"), on(signIn, NICK_PROMPT));
    assertEquals(new SignIn.SignedIn(), on(signIn, "OK nick ann"));
  }

  @Test
  void aPersonWhoseNickIsRefusedIsAskedAgainNotSentTheSameNick() {
    SignIn signIn = typed("ann", null);
    on(signIn, NICK_PROMPT);
    assertEquals(new SignIn.Wait(),
        on(signIn, "ERROR nick-taken Nickname ann is already in use; choose another"));
    assertEquals(new SignIn.Wait(), on(signIn, NICK_PROMPT));
    assertEquals(new SignIn.SignedIn(), on(signIn, "OK nick ann2"));
  }

  @Test
  void otherErrorsBeforeSignInAreOnlyShown() {
    assertEquals(new SignIn.Wait(),
        on(piped("ann", null), "ERROR line-too-long Line longer than 4096 bytes; it was discarded"));
  }

  @Test
  void signingInAgainARefusedNicknameIsTriedAgainLaterRatherThanGivenUp() {
    for (boolean interactive : new boolean[] {false, true}) {
      SignIn again = new SignIn(Optional.of("ann"), Optional.empty(), interactive, true);
      again.opening();
      assertInstanceOf(SignIn.TryLater.class,
          on(again, "ERROR nick-taken Nickname ann is already in use; choose another"));
      SignIn unavailable = new SignIn(Optional.of("ann"), Optional.empty(), interactive, true);
      unavailable.opening();
      assertInstanceOf(SignIn.TryLater.class, on(unavailable,
          "ERROR nick-unavailable The cluster is not reachable; try again"));
    }
    SignIn late = new SignIn(Optional.of("ann"), Optional.empty(), false, false);
    late.opening();
    assertInstanceOf(SignIn.GiveUp.class, on(late, "ERROR nick-taken Nickname ann is in use"),
        "after the reclaiming time, the usual handling");
  }
}
