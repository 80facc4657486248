package lochat.operators;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code lochat hash-password}: makes the hash that {@code lochat.operators { NAME = HASH }}
 * takes, so that no password is ever written in the configuration.
 *
 * <p>At a terminal it asks for the password twice, without echo, and checks that both match;
 * otherwise it reads one line from standard input (for scripts: {@code echo pw | lochat
 * hash-password}). It prints the hash alone on standard output; everything else goes to standard
 * error. Exit status 2 when no password was given or the two did not match. Limits: a password
 * is one line; leading and trailing spaces are part of it.
 */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = {"Read a password on standard input and print its salted PBKDF2 hash,",
        "for lochat.operators { NAME = HASH } in the server's configuration."})
public final class HashPasswordCommand implements Callable<Integer> {

  @Override
  public Integer call() throws IOException {
    Console console = System.console();
    char[] password = console != null ? fromConsole(console) : firstLine(System.in);
    if (password == null) {
      return 2;
    }
    return hashed(password, System.out, System.err);
  }

  /** Prints the hash of {@code password}, or why there is none; the exit status. */
  static int hashed(char[] password, PrintStream out, PrintStream err) {
    try {
      if (password.length == 0) {
        err.println("No password given: type a password (one line) to hash");
        return 2;
      }
      out.println(PasswordHash.hash(password));
      return 0;
    } finally {
      PasswordHash.forget(password);
    }
  }

  private static char[] fromConsole(Console console) {
    char[] first = console.readPassword("Password: ");
    if (first == null) {
      return new char[0];
    }
    char[] again = console.readPassword("Again: ");
    if (again == null || !Arrays.equals(first, again)) {
      PasswordHash.forget(first);
      if (again != null) {
        PasswordHash.forget(again);
      }
      System.err.println("The two passwords differ; nothing hashed");
      return null;
    }
    PasswordHash.forget(again);
    return first;
  }

  /** The first line of {@code in}, without its line ending; empty when there is none. */
  static char[] firstLine(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line = reader.readLine();
    return line == null ? new char[0] : line.toCharArray();
  }
}
