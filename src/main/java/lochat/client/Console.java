package lochat.client;

import java.util.Optional;

/** Where the client reads what the user types and shows what the server says. */
interface Console extends AutoCloseable {

  /** The next line the user typed; empty at the end of input, or once closed. Blocks. */
  Optional<TypedLine> readLine();

  /** Shows a line from the server; {@code ownNick} is the user's nick, or null before it has one. */
  void show(String rawLine, String ownNick);

  /** Shows a message from the client itself (connection state). */
  void info(String text);

  /** Updates the input prompt to show who and where the user is. */
  void setPrompt(String prompt);

  /** Reads the next line without echo, after {@code prompt}, and marks it secret. */
  void askSecret(String prompt);

  /** Whether a person is typing (a terminal) rather than a pipe. */
  boolean interactive();

  /** Leaves the screen clean: no prompt or half-typed line left for the shell to follow. */
  @Override
  void close();
}
